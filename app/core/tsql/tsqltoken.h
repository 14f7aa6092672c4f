#pragma once

#include "core/tsql/tsqlkeyword.h"

#include <QList>
#include <QString>
#include <QStringView>

namespace bs {

/// What a T-SQL token is. Whitespace is not a token; comments are.
enum class TsqlTokenKind : quint8 {
    Word,             ///< a keyword or an unquoted identifier (also #temp and $action)
    Variable,         ///< @name or @@FUNCTION
    QuotedIdentifier, ///< [name] (with ]] inside) or "name" (with "" inside)
    String,           ///< 'text' or N'text' (with '' inside)
    Number,           ///< 12, 1.5, .5e-3, 0x0F (binary), $12.50 (money)
    Operator,         ///< + - * / % = < > ! & | ^ ~ : :: and the compound forms (<=, <>, +=, ...)
    Comma,
    Dot,
    Semicolon,
    OpenParen,
    CloseParen,
    LineComment,      ///< -- to the end of the line (the line break is not part of it)
    BlockComment,     ///< /* ... */, nested comments included
    Go,               ///< a batch separator line: GO [count] (sqlcmd and SSMS syntax)
    Other,            ///< any other character (braces, a stray backslash, ...)
};

/// Set on a token the tokenizer could not read cleanly; the token still covers the text.
enum class TsqlTokenError : quint8 {
    None,
    UnterminatedString,     ///< runs to the end of the text
    UnterminatedIdentifier, ///< [ or " never closed
    UnterminatedComment,    ///< /* never closed
    InvalidGo,              ///< a line starting with GO followed by something other than a count and comments
};

/// One token of a T-SQL text: where it is (offset and length in UTF-16 code units, 1-based line
/// and column of its first character) and what it is. The text itself stays in the source string;
/// `text(source)` views it without copying.
struct TsqlToken
{
    TsqlTokenKind kind = TsqlTokenKind::Other;
    TsqlTokenError error = TsqlTokenError::None;
    TsqlKeyword keyword = TsqlKeyword::None; ///< for Word tokens that are one of the known keywords
    int line = 1;
    int column = 1;
    int length = 0;
    qsizetype offset = 0;
    int goCount = 0; ///< Go tokens: how many times the batch runs (1 without a count)

    QStringView text(QStringView source) const { return source.mid(offset, length); }
    bool is(TsqlKeyword k) const { return keyword == k; }
    bool isComment() const { return kind == TsqlTokenKind::LineComment || kind == TsqlTokenKind::BlockComment; }
    /// True for the operator, punctuation or Other token spelled `op` (e.g. u"=").
    bool isOperator(QStringView source, QStringView op) const;
    /// The name an identifier token stands for: brackets and quotes removed, doubled ]] or ""
    /// undone; a Word or Variable as written.
    QString identifier(QStringView source) const;
    /// The value of a String token: N and quotes removed, doubled '' undone.
    QString stringValue(QStringView source) const;
    /// True for an N'...' string.
    bool isNationalString(QStringView source) const;
    bool operator==(const TsqlToken &) const = default;
};

QString tsqlTokenKindName(TsqlTokenKind kind); ///< "word", "string", ... (tests and diagnostics)
QString tsqlTokenErrorText(TsqlTokenError error);

} // namespace bs
