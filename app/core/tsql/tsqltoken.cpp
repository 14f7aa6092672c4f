#include "core/tsql/tsqltoken.h"

namespace bs {

namespace {

// Removes the delimiters of a quoted run and undoes the doubled closing character. An
// unterminated run keeps everything after its opening delimiter.
QString undelimit(QStringView body, QChar close, bool terminated)
{
    if (terminated && !body.isEmpty())
        body.chop(1);
    QString out;
    out.reserve(body.size());
    for (qsizetype i = 0; i < body.size(); ++i) {
        out += body.at(i);
        if (body.at(i) == close && i + 1 < body.size() && body.at(i + 1) == close)
            ++i;
    }
    return out;
}

} // namespace

bool TsqlToken::isOperator(QStringView source, QStringView op) const
{
    switch (kind) {
    case TsqlTokenKind::Operator:
    case TsqlTokenKind::Comma:
    case TsqlTokenKind::Dot:
    case TsqlTokenKind::Semicolon:
    case TsqlTokenKind::OpenParen:
    case TsqlTokenKind::CloseParen:
    case TsqlTokenKind::Other:
        return text(source) == op;
    default:
        return false;
    }
}

QString TsqlToken::identifier(QStringView source) const
{
    const QStringView t = text(source);
    if (kind != TsqlTokenKind::QuotedIdentifier || t.isEmpty())
        return t.toString();
    const QChar close = t.front() == u'[' ? QChar(u']') : QChar(u'"');
    return undelimit(t.mid(1), close, error == TsqlTokenError::None);
}

QString TsqlToken::stringValue(QStringView source) const
{
    if (kind != TsqlTokenKind::String)
        return {};
    QStringView t = text(source);
    if (t.startsWith(u'N') || t.startsWith(u'n'))
        t = t.mid(1);
    return undelimit(t.mid(1), QChar(u'\''), error == TsqlTokenError::None);
}

bool TsqlToken::isNationalString(QStringView source) const
{
    const QStringView t = text(source);
    return kind == TsqlTokenKind::String && (t.startsWith(u'N') || t.startsWith(u'n'));
}

QString tsqlTokenKindName(TsqlTokenKind kind)
{
    switch (kind) {
    case TsqlTokenKind::Word: return QStringLiteral("word");
    case TsqlTokenKind::Variable: return QStringLiteral("variable");
    case TsqlTokenKind::QuotedIdentifier: return QStringLiteral("quoted-identifier");
    case TsqlTokenKind::String: return QStringLiteral("string");
    case TsqlTokenKind::Number: return QStringLiteral("number");
    case TsqlTokenKind::Operator: return QStringLiteral("operator");
    case TsqlTokenKind::Comma: return QStringLiteral("comma");
    case TsqlTokenKind::Dot: return QStringLiteral("dot");
    case TsqlTokenKind::Semicolon: return QStringLiteral("semicolon");
    case TsqlTokenKind::OpenParen: return QStringLiteral("open-paren");
    case TsqlTokenKind::CloseParen: return QStringLiteral("close-paren");
    case TsqlTokenKind::LineComment: return QStringLiteral("line-comment");
    case TsqlTokenKind::BlockComment: return QStringLiteral("block-comment");
    case TsqlTokenKind::Go: return QStringLiteral("go");
    case TsqlTokenKind::Other: return QStringLiteral("other");
    }
    return {};
}

QString tsqlTokenErrorText(TsqlTokenError error)
{
    switch (error) {
    case TsqlTokenError::None: return {};
    case TsqlTokenError::UnterminatedString: return QStringLiteral("a string literal is never closed");
    case TsqlTokenError::UnterminatedIdentifier: return QStringLiteral("a delimited identifier is never closed");
    case TsqlTokenError::UnterminatedComment: return QStringLiteral("a /* comment is never closed");
    case TsqlTokenError::InvalidGo:
        return QStringLiteral("GO may be followed only by a positive repeat count and a comment");
    }
    return {};
}

} // namespace bs
