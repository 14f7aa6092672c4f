#pragma once

#include "core/tsql/tsqltoken.h"

#include <QList>
#include <QStringView>

namespace bs {

/// The one T-SQL tokenizer of Broker Studio (DESIGN.md "Wave 2 seams"): the GO batch splitter,
/// the linter and the DDL import read statements from its tokens, never from raw text.
///
/// - Comments: `--` to the end of the line; `/* */` nested as T-SQL nests them.
/// - Strings: `'…'` and `N'…'` with `''` inside; they may span lines.
/// - Delimited identifiers: `[…]` with `]]` inside and `"…"` with `""` inside (the default
///   QUOTED_IDENTIFIER ON; with it OFF a "…" would be a string, which this tokenizer does not model).
/// - Numbers (integers, decimals, exponents, 0x binary, $ money), words (keywords are recognised,
///   see TsqlKeyword), @variables and @@functions, operators and punctuation.
/// - `GO` lines as sqlcmd and SSMS read them: GO in any case as the first word of a line that
///   starts outside any string, identifier or comment, followed only by an optional positive
///   repeat count and comments (Microsoft's GO page: "A Transact-SQL statement cannot occupy the
///   same line as a GO command. However, the line can contain comments."). Comments after GO
///   are ordinary comment tokens. A line starting `GO ` with anything else is an InvalidGo token.
///
/// Every token carries its 1-based line and column (UTF-16 code units); line breaks are LF or
/// CRLF. Malformed input never stops it: an unterminated string, identifier or comment is one
/// token with an error that runs to the end of the text.
class TsqlTokenizer
{
public:
    static QList<TsqlToken> tokenize(QStringView text);
};

} // namespace bs
