#include "core/script/batchsplitter.h"

#include <QStringView>

#include <limits>

namespace bs {

namespace {

// Where the scanner stands at the end of a line; GO is only recognised when a line starts
// in Normal.
enum class Lex { Normal, String, Bracket, DoubleQuote, BlockComment };

struct LexState
{
    Lex lex = Lex::Normal;
    int commentDepth = 0; // T-SQL block comments nest
};

bool isBlank(QChar c)
{
    return c.isSpace();
}

// Skips spaces and comments that close on this line; returns false when the rest of the
// line holds anything else (or a block comment that runs past the line end).
bool onlyCommentsFrom(QStringView line, qsizetype pos)
{
    while (pos < line.size()) {
        const QChar c = line.at(pos);
        if (isBlank(c)) {
            ++pos;
        } else if (line.mid(pos).startsWith(u"--")) {
            return true;
        } else if (line.mid(pos).startsWith(u"/*")) {
            int depth = 0;
            while (pos < line.size()) {
                if (line.mid(pos).startsWith(u"/*")) {
                    ++depth;
                    pos += 2;
                } else if (line.mid(pos).startsWith(u"*/")) {
                    --depth;
                    pos += 2;
                    if (depth == 0)
                        break;
                } else {
                    ++pos;
                }
            }
            if (depth != 0)
                return false;
        } else {
            return false;
        }
    }
    return true;
}

enum class GoLine { No, Yes, Invalid };

// Recognises "  GO", "go 3", "GO -- comment". A line whose first word is GO but whose
// remainder is neither a count nor a comment is Invalid (sqlcmd refuses it too).
GoLine parseGoLine(QStringView line, int *repeat)
{
    qsizetype pos = 0;
    while (pos < line.size() && isBlank(line.at(pos)))
        ++pos;
    if (line.size() - pos < 2 || line.mid(pos, 2).compare(u"go", Qt::CaseInsensitive) != 0)
        return GoLine::No;
    pos += 2;
    if (pos < line.size()) {
        const QStringView rest = line.mid(pos);
        if (!isBlank(rest.front()) && !rest.startsWith(u"--") && !rest.startsWith(u"/*"))
            return GoLine::No; // GOTO, GO;, an identifier starting with "go"
    }
    while (pos < line.size() && isBlank(line.at(pos)))
        ++pos;
    *repeat = 1;
    if (pos < line.size() && line.at(pos).isDigit()) {
        const qsizetype start = pos;
        while (pos < line.size() && line.at(pos).isDigit())
            ++pos;
        bool ok = false;
        const qlonglong n = line.mid(start, pos - start).toLongLong(&ok);
        if (!ok || n < 1 || n > std::numeric_limits<int>::max())
            return GoLine::Invalid;
        *repeat = int(n);
        if (pos < line.size() && !isBlank(line.at(pos)) && !line.mid(pos).startsWith(u"--")
            && !line.mid(pos).startsWith(u"/*"))
            return GoLine::Invalid;
    }
    return onlyCommentsFrom(line, pos) ? GoLine::Yes : GoLine::Invalid;
}

// Advances the scanner over one line; sets *hasCode when the line holds anything besides
// blanks and comments.
void scanLine(QStringView line, LexState &state, bool *hasCode)
{
    qsizetype i = 0;
    const qsizetype n = line.size();
    auto next = [&](qsizetype k) { return k + 1 < n ? line.at(k + 1) : QChar(); };
    while (i < n) {
        const QChar c = line.at(i);
        switch (state.lex) {
        case Lex::Normal:
            if (c == u'-' && next(i) == u'-')
                return; // the rest of the line is a comment
            if (c == u'/' && next(i) == u'*') {
                state.lex = Lex::BlockComment;
                state.commentDepth = 1;
                i += 2;
                continue;
            }
            if (!isBlank(c))
                *hasCode = true;
            if (c == u'\'')
                state.lex = Lex::String;
            else if (c == u'[')
                state.lex = Lex::Bracket;
            else if (c == u'"')
                state.lex = Lex::DoubleQuote;
            ++i;
            break;
        case Lex::String:
        case Lex::Bracket:
        case Lex::DoubleQuote: {
            const QChar close = state.lex == Lex::String ? u'\'' : state.lex == Lex::Bracket ? u']' : u'"';
            if (c == close) {
                if (next(i) == close) {
                    i += 2; // doubled: an escaped quote or bracket
                    continue;
                }
                state.lex = Lex::Normal;
            }
            ++i;
            break;
        }
        case Lex::BlockComment:
            if (c == u'/' && next(i) == u'*') {
                ++state.commentDepth;
                i += 2;
            } else if (c == u'*' && next(i) == u'/') {
                if (--state.commentDepth == 0)
                    state.lex = Lex::Normal;
                i += 2;
            } else {
                ++i;
            }
            break;
        }
    }
}

bool isBlankLine(QStringView line)
{
    for (QChar c : line) {
        if (!isBlank(c))
            return false;
    }
    return true;
}

} // namespace

BatchSplit BatchSplitter::split(const QString &script)
{
    BatchSplit result;
    QList<QStringView> lines;
    for (QStringView line : QStringView(script).split(u'\n')) {
        if (line.endsWith(u'\r'))
            line.chop(1);
        lines.append(line);
    }

    LexState state;
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

    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QStringView line = lines.at(i);
        if (state.lex == Lex::Normal) {
            int repeat = 1;
            switch (parseGoLine(line, &repeat)) {
            case GoLine::Yes:
                finish(i, repeat);
                first = i + 1;
                continue;
            case GoLine::Invalid:
                result.batches.clear();
                result.errorLine = int(i) + 1;
                result.error = QStringLiteral("Line %1: GO may be followed only by a positive repeat count and a comment: \"%2\"")
                                   .arg(result.errorLine)
                                   .arg(line.trimmed());
                return result;
            case GoLine::No:
                break;
            }
        }
        scanLine(line, state, &hasCode);
    }
    finish(lines.size(), 1);
    return result;
}

} // namespace bs
