#pragma once

#include "core/tsql/tsqlstatement.h"
#include "core/tsql/tsqltoken.h"

#include <QList>
#include <QString>

namespace bs {

/// A T-SQL text read once: its tokens (TsqlTokenizer) and statements (TsqlStatementSplitter),
/// with the navigation the linter and the DDL import need. A value; cheap to move.
class TsqlScript
{
public:
    TsqlScript() = default;
    explicit TsqlScript(QString text);

    const QString &text() const { return m_text; }
    const QList<TsqlToken> &tokens() const { return m_tokens; }
    const QList<TsqlStatement> &statements() const { return m_statements; }
    const QList<TsqlParseProblem> &problems() const { return m_problems; }

    const TsqlToken &token(int index) const { return m_tokens.at(index); }
    QStringView tokenText(int index) const { return m_tokens.at(index).text(m_text); }
    /// The direct children of a statement, in order (-1 = the top-level statements).
    QList<int> children(int statement) const;
    /// The nearest enclosing statement (parent, grandparent, …) of `kind`, or -1.
    int enclosing(int statement, TsqlStatementKind kind) const;
    /// True when `statement` lies within `ancestor` (or is it).
    bool isWithin(int statement, int ancestor) const;
    /// The tokens in [first, last] that are not comments.
    QList<int> significantTokens(int first, int last) const;
    /// The head of a statement without comments (see TsqlStatement).
    QList<int> headTokens(int statement) const;
    /// The statement text as written (head and body), for messages.
    QStringView statementText(int statement) const;

private:
    QString m_text;
    QList<TsqlToken> m_tokens;
    QList<TsqlStatement> m_statements;
    QList<TsqlParseProblem> m_problems;
};

} // namespace bs
