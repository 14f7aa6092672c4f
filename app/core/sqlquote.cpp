#include "core/sqlquote.h"

namespace bs {

QString quoteIdentifier(const QString &identifier)
{
    QString doubled = identifier;
    doubled.replace(QLatin1Char(']'), QLatin1String("]]"));
    return QLatin1Char('[') + doubled + QLatin1Char(']');
}

QString quoteLiteral(const QString &value)
{
    QString doubled = value;
    doubled.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1String("N'") + doubled + QLatin1Char('\'');
}

QString identifierProblem(const QString &identifier, const QString &what)
{
    if (identifier.trimmed().isEmpty())
        return QStringLiteral("%1 is empty.").arg(what);
    // sysname is nvarchar(128): the limit counts UTF-16 code units.
    if (identifier.size() > MaxIdentifierLength)
        return QStringLiteral("%1 is %2 characters long; SQL Server allows at most %3.")
            .arg(what)
            .arg(identifier.size())
            .arg(MaxIdentifierLength);
    for (const QChar c : identifier) {
        if (c.category() == QChar::Other_Control)
            return QStringLiteral("%1 contains a control character (U+%2).")
                .arg(what)
                .arg(c.unicode(), 4, 16, QLatin1Char('0'));
    }
    return {};
}

} // namespace bs
