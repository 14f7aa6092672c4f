#include "core/tsql/tsqlscript.h"

#include "core/tsql/tsqlstatementsplitter.h"
#include "core/tsql/tsqltokenizer.h"

namespace bs {

TsqlScript::TsqlScript(QString text) : m_text(std::move(text)), m_tokens(TsqlTokenizer::tokenize(m_text))
{
    TsqlStatementSplitter::Result split = TsqlStatementSplitter::split(m_text, m_tokens);
    m_statements = std::move(split.statements);
    m_problems = std::move(split.problems);
}

QList<int> TsqlScript::children(int statement) const
{
    QList<int> out;
    const int begin = statement + 1;
    const int lastToken = statement < 0 ? std::numeric_limits<int>::max() : m_statements.at(statement).last;
    for (int j = begin; j < m_statements.size() && m_statements.at(j).first <= lastToken; ++j) {
        if (m_statements.at(j).parent == statement)
            out.append(j);
    }
    return out;
}

int TsqlScript::enclosing(int statement, TsqlStatementKind kind) const
{
    for (int p = m_statements.at(statement).parent; p >= 0; p = m_statements.at(p).parent) {
        if (m_statements.at(p).kind == kind)
            return p;
    }
    return -1;
}

bool TsqlScript::isWithin(int statement, int ancestor) const
{
    for (int p = statement; p >= 0; p = m_statements.at(p).parent) {
        if (p == ancestor)
            return true;
    }
    return false;
}

QList<int> TsqlScript::significantTokens(int first, int last) const
{
    QList<int> out;
    for (int i = qMax(0, first); i <= last && i < m_tokens.size(); ++i) {
        if (!m_tokens.at(i).isComment())
            out.append(i);
    }
    return out;
}

QList<int> TsqlScript::headTokens(int statement) const
{
    const TsqlStatement &s = m_statements.at(statement);
    return significantTokens(s.first, s.headLast);
}

QStringView TsqlScript::statementText(int statement) const
{
    const TsqlStatement &s = m_statements.at(statement);
    const TsqlToken &a = m_tokens.at(s.first);
    const TsqlToken &b = m_tokens.at(s.last);
    return QStringView(m_text).mid(a.offset, b.offset + b.length - a.offset);
}

} // namespace bs
