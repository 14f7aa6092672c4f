#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace bs {

/// T-SQL syntax highlighting for any QTextDocument: keywords (including Service Broker
/// statements), N'...' strings with doubled quotes, -- and nested /* */ comments,
/// [bracketed] and "quoted" identifiers, @variables and numbers. Strings, comments and
/// bracketed names may span lines. Usage: `new SqlHighlighter(editor->document());`
class SqlHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit SqlHighlighter(QTextDocument *document);

    /// The kinds of token, exposed so that tests can check what a position was given.
    enum class Token { Plain, Keyword, String, Comment, Identifier, Variable, Number };
    /// The format used for a token kind.
    QTextCharFormat format(Token token) const;
    /// True for a word highlighted as a keyword (case-insensitive).
    static bool isKeyword(QStringView word);

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_keyword;
    QTextCharFormat m_string;
    QTextCharFormat m_comment;
    QTextCharFormat m_identifier;
    QTextCharFormat m_variable;
    QTextCharFormat m_number;
};

} // namespace bs
