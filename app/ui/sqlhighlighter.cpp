#include "ui/sqlhighlighter.h"

#include <QSet>

namespace bs {

namespace {

// Block states carried from one line to the next.
constexpr int StateNormal = -1; // QSyntaxHighlighter's default for "no state"
constexpr int StateString = 1;
constexpr int StateBracket = 2;
constexpr int StateDoubleQuote = 3;
constexpr int StateCommentBase = 100; // + nesting depth of /* */

const QSet<QString> &keywords()
{
    // T-SQL reserved words that generated scripts use, plus the Service Broker statement
    // words (not all reserved) that a DBA expects to stand out.
    static const QSet<QString> words = [] {
        const char *const list[] = {
            "ACTIVATION", "ADD", "ALL", "ALTER", "AND", "ANY", "AS", "ASC", "AUTHORIZATION", "BEGIN", "BETWEEN",
            "BREAK", "BY", "CASE", "CATCH", "CLEANUP", "CLOSE", "COMMIT", "CONTINUE", "CONTRACT", "CONVERSATION",
            "CREATE", "CROSS", "DECLARE", "DEFAULT", "DELETE", "DESC", "DIALOG", "DISABLE_BROKER", "DISTINCT", "DROP",
            "ELSE", "ENABLE_BROKER", "ENCRYPTION", "END", "ERROR", "EXEC", "EXECUTE", "EXISTS", "FETCH", "FOR",
            "FOREIGN", "FROM", "FUNCTION", "GET", "GO", "GOTO", "GRANT", "GROUP", "HAVING", "IDENTITY", "IF", "IN",
            "INDEX", "INITIATOR", "INNER", "INSERT", "INTO", "IS", "JOIN", "KEY", "LEFT", "LIFETIME", "LIKE", "MAX_QUEUE_READERS",
            "MERGE", "MESSAGE", "MOVE", "NOCOUNT", "NONE", "NOT", "NULL", "OFF", "ON", "OR", "ORDER", "OUTER", "OUTPUT",
            "OWNER", "POISON_MESSAGE_HANDLING", "PRIMARY", "PRINT", "PROC", "PROCEDURE", "PROCEDURE_NAME", "QUEUE",
            "RAISERROR", "RECEIVE", "REFERENCES", "RELATED_CONVERSATION", "RETENTION", "RETURN", "REVOKE", "RIGHT",
            "ROLLBACK", "ROUTE", "SAVE", "SCHEMA", "SELECT", "SEND", "SENT", "SERVICE", "SET", "STATUS", "TABLE",
            "TARGET", "THEN", "THROW", "TIMEOUT", "TIMER", "TOP", "TRAN", "TRANSACTION", "TRIGGER", "TRUNCATE", "TRY",
            "TYPE", "UNION", "UNIQUE", "UPDATE", "USE", "VALIDATION", "VALUES", "VIEW", "WAITFOR", "WELL_FORMED_XML",
            "WHEN", "WHERE", "WHILE", "WITH", "XACT_ABORT",
        };
        QSet<QString> s;
        for (const char *w : list)
            s.insert(QString::fromLatin1(w));
        return s;
    }();
    return words;
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'@' || c == u'#' || c == u'$';
}

} // namespace

SqlHighlighter::SqlHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    m_keyword.setForeground(QColor(0x00, 0x33, 0xb3));
    m_keyword.setFontWeight(QFont::Bold);
    m_string.setForeground(QColor(0xa3, 0x15, 0x15));
    m_comment.setForeground(QColor(0x3f, 0x7f, 0x3f));
    m_comment.setFontItalic(true);
    m_identifier.setForeground(QColor(0x80, 0x40, 0x00));
    m_variable.setForeground(QColor(0x6f, 0x00, 0x8a));
    m_number.setForeground(QColor(0x09, 0x86, 0x58));
}

QTextCharFormat SqlHighlighter::format(Token token) const
{
    switch (token) {
    case Token::Keyword:
        return m_keyword;
    case Token::String:
        return m_string;
    case Token::Comment:
        return m_comment;
    case Token::Identifier:
        return m_identifier;
    case Token::Variable:
        return m_variable;
    case Token::Number:
        return m_number;
    case Token::Plain:
        break;
    }
    return QTextCharFormat();
}

bool SqlHighlighter::isKeyword(QStringView word)
{
    return keywords().contains(word.toString().toUpper());
}

void SqlHighlighter::highlightBlock(const QString &text)
{
    const qsizetype n = text.size();
    int state = previousBlockState();
    qsizetype i = 0;
    auto at = [&](qsizetype k) { return k < n ? text.at(k) : QChar(); };

    // Finishes a quoted run (string, [name], "name") that may have started on an earlier line.
    auto quoted = [&](qsizetype start, qsizetype scanFrom, QChar close, const QTextCharFormat &fmt, int openState) {
        qsizetype k = scanFrom;
        while (k < n) {
            if (text.at(k) == close) {
                if (at(k + 1) == close) {
                    k += 2;
                    continue;
                }
                setFormat(int(start), int(k + 1 - start), fmt);
                state = StateNormal;
                return k + 1;
            }
            ++k;
        }
        setFormat(int(start), int(n - start), fmt);
        state = openState;
        return n;
    };
    auto comment = [&](qsizetype start, int depth) {
        qsizetype k = start;
        while (k < n) {
            if (text.at(k) == u'/' && at(k + 1) == u'*') {
                ++depth;
                k += 2;
            } else if (text.at(k) == u'*' && at(k + 1) == u'/') {
                --depth;
                k += 2;
                if (depth == 0)
                    break;
            } else {
                ++k;
            }
        }
        setFormat(int(start), int(k - start), m_comment);
        state = depth > 0 ? StateCommentBase + depth : StateNormal;
        return k;
    };

    if (state == StateString)
        i = quoted(0, 0, u'\'', m_string, StateString);
    else if (state == StateBracket)
        i = quoted(0, 0, u']', m_identifier, StateBracket);
    else if (state == StateDoubleQuote)
        i = quoted(0, 0, u'"', m_identifier, StateDoubleQuote);
    else if (state >= StateCommentBase)
        i = comment(0, state - StateCommentBase);
    else
        state = StateNormal;

    while (i < n) {
        const QChar c = text.at(i);
        if (c == u'-' && at(i + 1) == u'-') {
            setFormat(int(i), int(n - i), m_comment);
            break;
        }
        if (c == u'/' && at(i + 1) == u'*') {
            i = comment(i, 0);
            continue;
        }
        if ((c == u'N' || c == u'n') && at(i + 1) == u'\'' && (i == 0 || !isWordChar(text.at(i - 1)))) {
            i = quoted(i, i + 2, u'\'', m_string, StateString);
            continue;
        }
        if (c == u'\'') {
            i = quoted(i, i + 1, u'\'', m_string, StateString);
            continue;
        }
        if (c == u'[') {
            i = quoted(i, i + 1, u']', m_identifier, StateBracket);
            continue;
        }
        if (c == u'"') {
            i = quoted(i, i + 1, u'"', m_identifier, StateDoubleQuote);
            continue;
        }
        if (isWordChar(c)) {
            qsizetype k = i;
            while (k < n && isWordChar(text.at(k)))
                ++k;
            const QStringView word = QStringView(text).mid(i, k - i);
            if (c == u'@')
                setFormat(int(i), int(k - i), m_variable);
            else if (c.isDigit())
                setFormat(int(i), int(k - i), m_number);
            else if (isKeyword(word))
                setFormat(int(i), int(k - i), m_keyword);
            i = k;
            continue;
        }
        ++i;
    }
    setCurrentBlockState(state);
}

} // namespace bs
