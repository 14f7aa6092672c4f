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

QString commentText(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        const auto category = c.category();
        const bool invisible = category == QChar::Other_Control || category == QChar::Other_Format
            || category == QChar::Separator_Line || category == QChar::Separator_Paragraph;
        if (invisible) {
            out += QLatin1String("\\u{") + QString::number(c.unicode(), 16).toUpper().rightJustified(4, u'0')
                + QLatin1Char('}');
            continue;
        }
        out += c;
        const QChar next = i + 1 < text.size() ? text.at(i + 1) : QChar();
        if ((c == QLatin1Char('/') && next == QLatin1Char('*')) || (c == QLatin1Char('*') && next == QLatin1Char('/')))
            out += QLatin1Char(' ');
    }
    return out;
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
