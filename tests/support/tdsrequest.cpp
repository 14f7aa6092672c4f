#include "tdsrequest.h"

namespace bs {

QString TdsRequest::summary() const
{
    static const char16_t *const kinds[] = {u"prelogin", u"login", u"batch", u"rpc", u"attention", u"other"};
    QString s = QStringLiteral("#%1 %2").arg(connection).arg(QStringView(kinds[static_cast<int>(kind)]));
    if (kind == Kind::Login)
        s += QStringLiteral(" user=%1 database=%2 %3")
                 .arg(user, database, loginAccepted ? QStringLiteral("accepted") : QStringLiteral("refused"));
    if (!procedure.isEmpty())
        s += QLatin1Char(' ') + procedure;
    if (!tag.isEmpty())
        s += QStringLiteral(" [%1]").arg(tag);
    else if (!text.isEmpty())
        s += QStringLiteral(" \"%1\"").arg(text.simplified().left(120));
    for (const TdsParameter &p : parameters)
        s += QStringLiteral(" %1%2=%3").arg(p.name, p.typeName.isEmpty() ? QString() : QLatin1Char(':') + p.typeName, p.value.isNull() ? QStringLiteral("NULL") : p.value.toString());
    return s;
}

} // namespace bs
