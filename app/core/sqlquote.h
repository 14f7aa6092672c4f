#pragma once

#include <QString>

namespace bs {

/// Maximum length of a SQL Server identifier (sysname).
inline constexpr int MaxIdentifierLength = 128;

/// Bracket-quotes an identifier like QUOTENAME: [name] with every ] doubled.
/// The one function through which every identifier enters generated T-SQL.
QString quoteIdentifier(const QString &identifier);

/// A Unicode string literal N'...' with every ' doubled.
/// The one function through which every string value enters generated T-SQL.
QString quoteLiteral(const QString &value);

/// Text safe to place inside a T-SQL comment (`-- …` or `/* … */`) or a generated script's header:
/// a catalog name is hostile input, and a line break in a bracketed name would end a `--` comment
/// and turn the rest of the name into a statement. Line and paragraph breaks (CR, LF, NEL,
/// U+2028, U+2029), every other control character and every invisible format character (bidi
/// overrides, zero-width space) become a visible `\u{XXXX}`; `/*` and `*/` become `/ *` and `* /`
/// so a name cannot open or close a block comment (T-SQL nests them). A backslash stays as it is.
/// The one function through which catalog or user text enters a comment.
QString commentText(const QString &text);

/// Why an identifier is unusable (empty, too long, control characters), or an empty string.
QString identifierProblem(const QString &identifier, const QString &what);

} // namespace bs
