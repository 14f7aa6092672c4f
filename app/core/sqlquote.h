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

/// Why an identifier is unusable (empty, too long, control characters), or an empty string.
QString identifierProblem(const QString &identifier, const QString &what);

} // namespace bs
