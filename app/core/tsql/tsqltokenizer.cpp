#include "core/tsql/tsqltokenizer.h"

#include <limits>

namespace bs {

namespace {

bool isWordStart(QChar c)
{
    const char16_t u = c.unicode();
    if (u < 0x80)
        return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || u == u'_' || u == u'#';
    return c.isLetter() || c.isSurrogate();
}

bool isWordChar(QChar c)
{
    const char16_t u = c.unicode();
    if (u < 0x80)
        return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'_'
            || u == u'#' || u == u'@' || u == u'$';
    return c.isLetterOrNumber() || c.isMark() || c.isSurrogate();
}

bool isDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

bool isHexDigit(QChar c)
{
    const char16_t u = c.unicode();
    return isDigit(c) || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F');
}

enum class GoLine { No, Yes, Invalid };

class Scanner
{
public:
    explicit Scanner(QStringView text) : m_text(text), m_data(text.data()), m_size(text.size()) { }

    QList<TsqlToken> run()
    {
        // About one token per six characters in typical procedure text.
        m_tokens.reserve(m_size / 6 + 4);
        while (m_pos < m_size) {
            const QChar c = m_data[m_pos];
            if (c == u'\n') {
                newLine(m_pos + 1);
                ++m_pos;
                continue;
            }
            if (c.isSpace()) {
                ++m_pos;
                continue;
            }
            if (!m_lineHasContent && (c == u'g' || c == u'G') && scanGo())
                continue;
            m_lineHasContent = true;
            scanToken(c);
        }
        return std::move(m_tokens);
    }

private:
    QChar at(qsizetype i) const { return i < m_size ? m_data[i] : QChar(); }

    void newLine(qsizetype lineStart)
    {
        ++m_line;
        m_lineStart = lineStart;
        m_lineHasContent = false;
    }

    TsqlToken &push(TsqlTokenKind kind, qsizetype start, qsizetype end, int line, qsizetype lineStart)
    {
        TsqlToken t;
        t.kind = kind;
        t.offset = start;
        t.length = int(end - start);
        t.line = line;
        t.column = int(start - lineStart) + 1;
        m_tokens.append(t);
        return m_tokens.last();
    }

    // Skips a delimited run ('…', […], "…") whose closing character doubles as its escape; counts
    // the line breaks inside. Returns false when the text ends first.
    bool skipDelimited(QChar close)
    {
        while (m_pos < m_size) {
            const QChar c = m_data[m_pos];
            if (c == close) {
                if (at(m_pos + 1) == close) {
                    m_pos += 2;
                    continue;
                }
                ++m_pos;
                return true;
            }
            if (c == u'\n')
                newLine(m_pos + 1);
            ++m_pos;
        }
        return false;
    }

    bool skipBlockComment()
    {
        int depth = 0;
        while (m_pos < m_size) {
            const QChar c = m_data[m_pos];
            if (c == u'/' && at(m_pos + 1) == u'*') {
                ++depth;
                m_pos += 2;
            } else if (c == u'*' && at(m_pos + 1) == u'/') {
                m_pos += 2;
                if (--depth == 0)
                    return true;
            } else {
                if (c == u'\n')
                    newLine(m_pos + 1);
                ++m_pos;
            }
        }
        return false;
    }

    void scanToken(QChar c)
    {
        const qsizetype start = m_pos;
        const int line = m_line;
        const qsizetype lineStart = m_lineStart;
        const QChar n1 = at(m_pos + 1);
        auto finish = [&](TsqlTokenKind kind) -> TsqlToken & { return push(kind, start, m_pos, line, lineStart); };

        if (c == u'-' && n1 == u'-') {
            while (m_pos < m_size && m_data[m_pos] != u'\n')
                ++m_pos;
            if (m_pos > start && m_data[m_pos - 1] == u'\r' && m_pos < m_size)
                --m_pos; // CRLF: the CR belongs to the line break
            finish(TsqlTokenKind::LineComment);
            return;
        }
        if (c == u'/' && n1 == u'*') {
            const bool closed = skipBlockComment();
            TsqlToken &t = finish(TsqlTokenKind::BlockComment);
            if (!closed)
                t.error = TsqlTokenError::UnterminatedComment;
            m_lineHasContent = true;
            return;
        }
        if ((c == u'N' || c == u'n') && n1 == u'\'') {
            m_pos += 2;
            stringToken(start, line, lineStart);
            return;
        }
        if (c == u'\'') {
            ++m_pos;
            stringToken(start, line, lineStart);
            return;
        }
        if (c == u'[' || c == u'"') {
            ++m_pos;
            const bool closed = skipDelimited(c == u'[' ? QChar(u']') : QChar(u'"'));
            TsqlToken &t = finish(TsqlTokenKind::QuotedIdentifier);
            if (!closed)
                t.error = TsqlTokenError::UnterminatedIdentifier;
            m_lineHasContent = true;
            return;
        }
        if (isDigit(c) || (c == u'.' && isDigit(n1) && !followsName()) || (c == u'$' && (isDigit(n1) || n1 == u'.'))) {
            scanNumber();
            finish(TsqlTokenKind::Number);
            return;
        }
        if (isWordStart(c) || (c == u'$' && isWordStart(n1))) {
            ++m_pos;
            while (m_pos < m_size && isWordChar(m_data[m_pos]))
                ++m_pos;
            TsqlToken &t = finish(TsqlTokenKind::Word);
            t.keyword = tsqlKeyword(m_text.mid(start, m_pos - start));
            return;
        }
        if (c == u'@' && (isWordChar(n1))) {
            ++m_pos;
            while (m_pos < m_size && isWordChar(m_data[m_pos]))
                ++m_pos;
            finish(TsqlTokenKind::Variable);
            return;
        }
        ++m_pos;
        switch (c.unicode()) {
        case u',': finish(TsqlTokenKind::Comma); return;
        case u'.': finish(TsqlTokenKind::Dot); return;
        case u';': finish(TsqlTokenKind::Semicolon); return;
        case u'(': finish(TsqlTokenKind::OpenParen); return;
        case u')': finish(TsqlTokenKind::CloseParen); return;
        default: break;
        }
        static constexpr char16_t Singles[] = u"+-*/%=<>!&|^~:";
        if (std::u16string_view(Singles).find(c.unicode()) == std::u16string_view::npos) {
            finish(TsqlTokenKind::Other);
            return;
        }
        const char16_t a = c.unicode();
        const char16_t b = n1.unicode();
        const bool compound = (b == u'=' && a != u'=' && a != u'~' && a != u':') || (a == u'<' && b == u'>')
            || (a == u'!' && (b == u'<' || b == u'>')) || (a == u':' && b == u':');
        if (compound)
            ++m_pos;
        finish(TsqlTokenKind::Operator);
    }

    // A '.' right after a name or a closing bracket is a separator ("t.5" does not occur, but
    // "db..t" and "[s].[t]" do), not the start of a number.
    bool followsName() const
    {
        if (m_pos == 0)
            return false;
        const QChar p = m_data[m_pos - 1];
        return isWordChar(p) || p == u']' || p == u'"' || p == u')';
    }

    void stringToken(qsizetype start, int line, qsizetype lineStart)
    {
        const bool closed = skipDelimited(QChar(u'\''));
        TsqlToken &t = push(TsqlTokenKind::String, start, m_pos, line, lineStart);
        if (!closed)
            t.error = TsqlTokenError::UnterminatedString;
        m_lineHasContent = true;
    }

    void scanNumber()
    {
        if (m_data[m_pos] == u'$')
            ++m_pos;
        if (m_data[m_pos] == u'0' && (at(m_pos + 1) == u'x' || at(m_pos + 1) == u'X')) {
            m_pos += 2;
            while (m_pos < m_size && isHexDigit(m_data[m_pos]))
                ++m_pos;
            return;
        }
        while (m_pos < m_size && isDigit(m_data[m_pos]))
            ++m_pos;
        if (at(m_pos) == u'.') {
            ++m_pos;
            while (m_pos < m_size && isDigit(m_data[m_pos]))
                ++m_pos;
        }
        const QChar e = at(m_pos);
        if (e == u'e' || e == u'E') {
            qsizetype k = m_pos + 1;
            if (at(k) == u'+' || at(k) == u'-')
                ++k;
            if (isDigit(at(k))) {
                m_pos = k;
                while (m_pos < m_size && isDigit(m_data[m_pos]))
                    ++m_pos;
            }
        }
    }

    // At the first non-blank character of a line: a GO line? Emits the Go token and returns true;
    // returns false when the line is ordinary text (GOTO, GO;, an identifier starting with go).
    bool scanGo()
    {
        const QChar o = at(m_pos + 1);
        if (o != u'o' && o != u'O')
            return false;
        qsizetype lineEnd = m_pos;
        while (lineEnd < m_size && m_data[lineEnd] != u'\n')
            ++lineEnd;
        qsizetype contentEnd = lineEnd;
        if (contentEnd > m_pos && m_data[contentEnd - 1] == u'\r')
            --contentEnd;
        const QStringView line = m_text.mid(m_pos, contentEnd - m_pos);
        int count = 1;
        qsizetype headLength = 0;
        const GoLine kind = parseGoLine(line, &count, &headLength);
        if (kind == GoLine::No)
            return false;
        m_lineHasContent = true;
        const qsizetype start = m_pos;
        if (kind == GoLine::Invalid) {
            m_pos = contentEnd;
            TsqlToken &t = push(TsqlTokenKind::Go, start, m_pos, m_line, m_lineStart);
            t.error = TsqlTokenError::InvalidGo;
            t.goCount = 0;
            return true;
        }
        m_pos += headLength;
        TsqlToken &t = push(TsqlTokenKind::Go, start, m_pos, m_line, m_lineStart);
        t.goCount = count;
        return true;
    }

    // `line` starts with "go" in any case. `headLength` receives the length of "GO [count]".
    static GoLine parseGoLine(QStringView line, int *count, qsizetype *headLength)
    {
        qsizetype pos = 2;
        if (pos < line.size()) {
            const QStringView rest = line.mid(pos);
            if (!rest.front().isSpace() && !rest.startsWith(u"--") && !rest.startsWith(u"/*"))
                return GoLine::No;
        }
        *headLength = pos;
        while (pos < line.size() && line.at(pos).isSpace())
            ++pos;
        *count = 1;
        if (pos < line.size() && isDigit(line.at(pos))) {
            const qsizetype start = pos;
            while (pos < line.size() && isDigit(line.at(pos)))
                ++pos;
            bool ok = false;
            const qlonglong n = line.mid(start, pos - start).toLongLong(&ok);
            if (!ok || n < 1 || n > std::numeric_limits<int>::max())
                return GoLine::Invalid;
            *count = int(n);
            *headLength = pos;
            if (pos < line.size() && !line.at(pos).isSpace() && !line.mid(pos).startsWith(u"--")
                && !line.mid(pos).startsWith(u"/*"))
                return GoLine::Invalid;
        }
        return onlyCommentsFrom(line, pos) ? GoLine::Yes : GoLine::Invalid;
    }

    // True when the rest of the line holds only blanks and comments that close on it.
    static bool onlyCommentsFrom(QStringView line, qsizetype pos)
    {
        while (pos < line.size()) {
            const QChar c = line.at(pos);
            if (c.isSpace()) {
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
                        pos += 2;
                        if (--depth == 0)
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

    QStringView m_text;
    const QChar *m_data;
    qsizetype m_size;
    qsizetype m_pos = 0;
    int m_line = 1;
    qsizetype m_lineStart = 0;
    bool m_lineHasContent = false;
    QList<TsqlToken> m_tokens;
};

} // namespace

QList<TsqlToken> TsqlTokenizer::tokenize(QStringView text)
{
    return Scanner(text).run();
}

} // namespace bs
