#pragma once

#include <QList>
#include <QString>

namespace bs {

/// One batch of a T-SQL script: the text between two `GO` lines.
struct SqlBatch
{
    QString text;      ///< lines joined with "\n"; no leading or trailing blank lines
    int startLine = 1; ///< 1-based line of the batch's first line in the whole script
    int repeat = 1;    ///< `GO <count>`: how many times the batch runs
    bool operator==(const SqlBatch &) const = default;

    /// The line in the whole script of a line reported by the server within this batch
    /// (1-based, as in ERROR_LINE()); the server counts from the batch's first line.
    int scriptLine(int lineInBatch) const { return startLine + qMax(lineInBatch, 1) - 1; }
};

/// The batches of a script, or why the script cannot be split.
struct BatchSplit
{
    QList<SqlBatch> batches;
    QString error;     ///< empty when the script was split; otherwise e.g. "GO 0" at errorLine
    int errorLine = 0; ///< 1-based line of the problem
    bool ok() const { return error.isEmpty(); }
};

/// Splits a T-SQL script into batches at `GO` lines, as sqlcmd and SSMS do.
///
/// `GO` separates batches only as a whole line: optional spaces, `GO` in any case, an
/// optional positive repeat count, and optionally a comment (Microsoft's GO page: "A
/// Transact-SQL statement cannot occupy the same line as a GO command. However, the line
/// can contain comments."). A line that looks like GO is ordinary text when it starts
/// inside a string ('...', N'...'), a [bracketed] or "quoted" identifier, or a (nested)
/// block comment. CRLF and LF line ends are both accepted and a missing final newline is
/// fine. Batches holding nothing but blanks and comments are dropped: they run nothing.
class BatchSplitter
{
public:
    static BatchSplit split(const QString &script);
};

} // namespace bs
