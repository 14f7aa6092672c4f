#include "core/script/batchsplitter.h"

#include "core/tsql/tsqltokenizer.h"

#include <QStringView>

namespace bs {

namespace {

bool isBlankLine(QStringView line)
{
    for (QChar c : line) {
        if (!c.isSpace())
            return false;
    }
    return true;
}

} // namespace

// GO lines come from the T-SQL tokenizer (DESIGN.md: one tokenizer for the batch splitter, the
// linter and the DDL import), which knows strings, bracketed and quoted identifiers and nested
// block comments; this class only cuts the script's lines at them.
BatchSplit BatchSplitter::split(const QString &script)
{
    BatchSplit result;
    QList<QStringView> lines;
    for (QStringView line : QStringView(script).split(u'\n')) {
        if (line.endsWith(u'\r'))
            line.chop(1);
        lines.append(line);
    }
    const QList<TsqlToken> tokens = TsqlTokenizer::tokenize(script);

    qsizetype first = 0; // index of the current batch's first line
    bool hasCode = false;
    auto finish = [&](qsizetype end, int repeat) {
        if (hasCode) {
            qsizetype b = first;
            qsizetype e = end;
            while (b < e && isBlankLine(lines.at(b)))
                ++b;
            while (e > b && isBlankLine(lines.at(e - 1)))
                --e;
            SqlBatch batch;
            batch.startLine = int(b) + 1;
            batch.repeat = repeat;
            for (qsizetype k = b; k < e; ++k) {
                if (k > b)
                    batch.text += u'\n';
                batch.text += lines.at(k);
            }
            result.batches.append(batch);
        }
        hasCode = false;
    };

    for (const TsqlToken &t : tokens) {
        if (t.kind != TsqlTokenKind::Go) {
            // Batches holding nothing but blanks and comments run nothing and are dropped.
            hasCode = hasCode || !t.isComment();
            continue;
        }
        const qsizetype goLine = t.line - 1;
        if (t.error == TsqlTokenError::InvalidGo) {
            result.batches.clear();
            result.errorLine = t.line;
            result.error = QStringLiteral("Line %1: GO may be followed only by a positive repeat count and a comment: \"%2\"")
                               .arg(result.errorLine)
                               .arg(lines.value(goLine).trimmed());
            return result;
        }
        finish(goLine, t.goCount);
        first = goLine + 1;
    }
    finish(lines.size(), 1);
    return result;
}

} // namespace bs
