#include "core/tsql/tsqlstatementsplitter.h"

namespace bs {

namespace {

using K = TsqlKeyword;
using SK = TsqlStatementKind;

enum class Until { Nothing, End, EndTry, EndCatch };

// Keywords that begin a statement wherever they appear outside parentheses and CASE.
bool alwaysStarts(K k)
{
    switch (k) {
    case K::Begin: case K::Declare: case K::If: case K::While: case K::Waitfor: case K::Goto:
    case K::Print: case K::Raiserror: case K::Truncate: case K::Use: case K::Dbcc: case K::Backup:
    case K::Restore: case K::Kill: case K::Deallocate:
        return true;
    default:
        return false;
    }
}

// Keywords that begin a statement when what precedes them can end one.
bool mayStart(K k)
{
    switch (k) {
    case K::Select: case K::Insert: case K::Update: case K::Delete: case K::Merge: case K::Set:
    case K::Exec: case K::Execute: case K::Create: case K::Alter: case K::Drop: case K::Grant:
    case K::Deny: case K::Revoke: case K::Commit: case K::Rollback: case K::Save: case K::Return:
    case K::Break: case K::Continue: case K::Open: case K::Close: case K::Fetch: case K::Send:
    case K::Receive: case K::Throw: case K::Revert: case K::Reconfigure: case K::Checkpoint:
    case K::Shutdown: case K::Bulk: case K::Enable: case K::Disable: case K::Setuser: case K::Readtext:
    case K::Writetext: case K::Updatetext: case K::Get: case K::Move:
        return true;
    default:
        return false;
    }
}

// Keywords a statement can end with (SET NOCOUNT ON, COMMIT TRAN, END CONVERSATION … WITH CLEANUP).
bool endingKeyword(K k, bool inFunction)
{
    switch (k) {
    case K::Null: case K::End: case K::On: case K::Commit: case K::Rollback: case K::Tran:
    case K::Transaction: case K::Work: case K::Break: case K::Continue: case K::Cleanup:
    case K::Checkpoint: case K::Reconfigure: case K::Shutdown: case K::Revert: case K::Throw:
        return true;
    case K::Return:
        return !inFunction; // RETURNS TABLE AS RETURN SELECT …
    default:
        return false;
    }
}

class Parser
{
public:
    Parser(QStringView text, const QList<TsqlToken> &tokens) : m_text(text), m_tokens(tokens)
    {
        m_sig.reserve(tokens.size());
        for (int i = 0; i < tokens.size(); ++i) {
            if (!tokens.at(i).isComment())
                m_sig.append(i);
        }
    }

    TsqlStatementSplitter::Result run()
    {
        while (m_p < m_sig.size()) {
            if (tok().kind == TsqlTokenKind::Go) {
                ++m_p;
                continue;
            }
            parseList(-1, 0, Until::Nothing);
        }
        return std::move(m_result);
    }

private:
    static const TsqlToken &none()
    {
        static const TsqlToken t{TsqlTokenKind::Go, TsqlTokenError::None, K::None, 0, 0, 0, 0, 0};
        return t;
    }
    const TsqlToken &tok(int ahead = 0) const
    {
        const int i = m_p + ahead;
        return i < m_sig.size() ? m_tokens.at(m_sig.at(i)) : none();
    }
    bool atEnd() const { return m_p >= m_sig.size() || tok().kind == TsqlTokenKind::Go; }
    int index(int ahead = 0) const { return m_sig.at(qMin(m_p + ahead, int(m_sig.size()) - 1)); }
    bool isSemicolon() const { return tok().kind == TsqlTokenKind::Semicolon; }
    bool isBlockEnd() const { return tok().is(K::End) && !tok(1).is(K::Conversation); }

    void problem(int token, const QString &message) { m_result.problems.append({token, message}); }

    int open(SK kind, int parent, int depth)
    {
        TsqlStatement s;
        s.kind = kind;
        s.first = s.headLast = s.last = index();
        s.parent = parent;
        s.depth = depth;
        m_result.statements.append(s);
        return int(m_result.statements.size()) - 1;
    }
    TsqlStatement &at(int statement) { return m_result.statements[statement]; }

    // Statements until the terminator (left for the caller to consume) or the end of the batch.
    // Returns the token index of the last statement parsed, or -1.
    int parseList(int parent, int depth, Until until)
    {
        int last = -1;
        while (true) {
            while (!atEnd() && isSemicolon()) {
                last = index();
                ++m_p;
            }
            if (atEnd()) {
                if (until != Until::Nothing)
                    problem(m_p < m_sig.size() ? index() : (m_sig.isEmpty() ? 0 : m_sig.last()),
                            until == Until::End ? QStringLiteral("BEGIN without END")
                                                : QStringLiteral("BEGIN TRY or CATCH without its END"));
                return last;
            }
            if (isBlockEnd()) {
                if (until != Until::Nothing)
                    return last;
                problem(index(), QStringLiteral("END without BEGIN"));
                const int s = open(SK::Other, parent, depth);
                if (tok(1).is(K::Try) || tok(1).is(K::Catch))
                    ++m_p;
                at(s).headLast = at(s).last = index();
                ++m_p;
                last = at(s).last;
                continue;
            }
            last = parseStatement(parent, depth);
        }
    }

    // One statement (with everything it holds); returns its last token index.
    int parseStatement(int parent, int depth)
    {
        const TsqlToken &t = tok();
        switch (t.keyword) {
        case K::Begin:
            return parseBegin(parent, depth);
        case K::If:
        case K::While:
            return parseConditional(parent, depth);
        case K::Else: {
            problem(index(), QStringLiteral("ELSE without IF"));
            const int s = open(SK::Other, parent, depth);
            ++m_p;
            return at(s).last;
        }
        case K::Create:
        case K::Alter: {
            const int k = tok(1).is(K::Or) && tok(2).is(K::Alter) ? 3 : 1;
            const K what = tok(k).keyword;
            if (what == K::Procedure || what == K::Proc || what == K::Trigger || what == K::Function)
                return parseModule(parent, depth, what == K::Function);
            break;
        }
        default:
            break;
        }
        if (t.kind == TsqlTokenKind::Word && t.keyword == K::None && tok(1).isOperator(m_text, u":")) {
            const int s = open(SK::Label, parent, depth);
            ++m_p;
            at(s).headLast = at(s).last = index();
            ++m_p;
            return at(s).last;
        }
        return parseSimple(parent, depth, simpleKind());
    }

    SK simpleKind() const
    {
        switch (tok().keyword) {
        case K::Select: return SK::Select;
        case K::Insert: return SK::Insert;
        case K::Update: return SK::Update;
        case K::Delete: return SK::Delete;
        case K::Merge: return SK::Merge;
        case K::With: return SK::With;
        case K::Declare: return SK::Declare;
        case K::Set: return SK::Set;
        case K::Exec:
        case K::Execute: return SK::Execute;
        case K::Print: return SK::Print;
        case K::Raiserror: return SK::Raiserror;
        case K::Throw: return SK::Throw;
        case K::Return: return SK::Return;
        case K::Break: return SK::Break;
        case K::Continue: return SK::Continue;
        case K::Goto: return SK::Goto;
        case K::Commit: return SK::Commit;
        case K::Rollback: return SK::Rollback;
        case K::Save: return SK::Save;
        case K::Send: return SK::Send;
        case K::Receive: return SK::Receive;
        case K::Waitfor: return SK::WaitFor;
        case K::Get: return tok(1).is(K::Conversation) ? SK::GetConversationGroup : SK::Other;
        case K::Move: return tok(1).is(K::Conversation) ? SK::MoveConversation : SK::Other;
        case K::End: return tok(1).is(K::Conversation) ? SK::EndConversation : SK::Other;
        case K::Create: return SK::Create;
        case K::Alter: return SK::Alter;
        case K::Drop: return SK::Drop;
        case K::Use: return SK::Use;
        case K::Begin:
            switch (tok(1).keyword) {
            case K::Tran:
            case K::Transaction:
            case K::Distributed: return SK::BeginTransaction;
            case K::Dialog: return SK::BeginDialog;
            case K::Conversation: return SK::BeginConversationTimer;
            default: return SK::Other;
            }
        default: return SK::Other;
        }
    }

    int parseBegin(int parent, int depth)
    {
        const K next = tok(1).keyword;
        if (next == K::Tran || next == K::Transaction || next == K::Distributed || next == K::Dialog
            || next == K::Conversation)
            return parseSimple(parent, depth, simpleKind());
        if (next == K::Try || next == K::Catch)
            return parseTryCatch(parent, depth, next == K::Try);
        const int s = open(SK::Block, parent, depth);
        ++m_p; // BEGIN
        if (tok().is(K::Atomic)) {
            // BEGIN ATOMIC WITH (TRANSACTION ISOLATION LEVEL = …, LANGUAGE = …)
            ++m_p;
            if (tok().is(K::With) && tok(1).kind == TsqlTokenKind::OpenParen) {
                ++m_p;
                skipParenthesised();
            }
        }
        at(s).headLast = index(-1);
        parseList(s, depth + 1, Until::End);
        return closeBlock(s, nullptr);
    }

    // BEGIN TRY … END TRY [BEGIN CATCH … END CATCH]: the CATCH becomes the TRY's last child.
    int parseTryCatch(int parent, int depth, bool isTry)
    {
        const int s = open(isTry ? SK::Try : SK::Catch, parent, depth);
        m_p += 2;
        at(s).headLast = index(-1);
        parseList(s, depth + 1, isTry ? Until::EndTry : Until::EndCatch);
        const K closer = isTry ? K::Try : K::Catch;
        closeBlock(s, &closer);
        if (isTry) {
            if (tok().is(K::Begin) && tok(1).is(K::Catch))
                at(s).last = parseTryCatch(s, depth + 1, false);
            else
                problem(at(s).last, QStringLiteral("END TRY not followed by BEGIN CATCH"));
        }
        return at(s).last;
    }

    // Consumes END (and TRY/CATCH when expected) of statement s; returns its last token.
    int closeBlock(int s, const K *closer)
    {
        if (!isBlockEnd() || atEnd()) {
            at(s).last = m_p > 0 ? m_sig.at(m_p - 1) : at(s).headLast;
            return at(s).last;
        }
        ++m_p; // END
        const K after = tok().keyword;
        if (closer) {
            if (after == *closer)
                ++m_p;
            else
                problem(index(-1), QStringLiteral("expected END %1").arg(tsqlKeywordText(*closer)));
        } else if (after == K::Try || after == K::Catch) {
            problem(index(), QStringLiteral("END %1 closes a plain BEGIN").arg(tsqlKeywordText(after)));
            ++m_p;
        }
        at(s).last = index(-1);
        return at(s).last;
    }

    void skipParenthesised()
    {
        int depth = 0;
        while (!atEnd()) {
            const TsqlTokenKind k = tok().kind;
            ++m_p;
            if (k == TsqlTokenKind::OpenParen)
                ++depth;
            else if (k == TsqlTokenKind::CloseParen && --depth <= 0)
                return;
        }
    }

    int parseConditional(int parent, int depth)
    {
        const bool isIf = tok().is(K::If);
        const int s = open(isIf ? SK::If : SK::While, parent, depth);
        ++m_p;
        scanUntilStatement(SK::If);
        at(s).headLast = index(-1);
        at(s).last = at(s).headLast;
        if (atEnd() || isBlockEnd()) {
            problem(at(s).headLast, QStringLiteral("%1 without a statement").arg(isIf ? u"IF"_qs : u"WHILE"_qs));
            return at(s).last;
        }
        at(s).last = parseStatement(s, depth + 1);
        if (!isIf)
            return at(s).last;
        int k = 0;
        while (tok(k).kind == TsqlTokenKind::Semicolon)
            ++k;
        if (tok(k).is(K::Else)) {
            m_p += k;
            const int e = open(SK::Else, s, depth + 1);
            ++m_p;
            if (atEnd() || isBlockEnd()) {
                problem(at(e).first, QStringLiteral("ELSE without a statement"));
            } else {
                at(e).last = parseStatement(e, depth + 2);
            }
            at(s).last = at(e).last;
        }
        return at(s).last;
    }

    int parseModule(int parent, int depth, bool isFunction)
    {
        const int s = open(SK::Module, parent, depth);
        // The body starts at the first AS outside parentheses that is not `@p AS type` or
        // `EXECUTE AS`.
        int paren = 0;
        int prev = -1;
        bool found = false;
        while (!atEnd()) {
            const TsqlToken &t = tok();
            if (t.kind == TsqlTokenKind::OpenParen)
                ++paren;
            else if (t.kind == TsqlTokenKind::CloseParen)
                paren = qMax(0, paren - 1);
            else if (paren == 0 && t.is(K::As) && prev >= 0) {
                const TsqlToken &p = m_tokens.at(prev);
                if (p.kind != TsqlTokenKind::Variable && !p.is(K::Execute) && !p.is(K::Exec)) {
                    found = true;
                    prev = index();
                    ++m_p;
                    break;
                }
            }
            prev = index();
            ++m_p;
        }
        at(s).headLast = at(s).last = prev;
        if (!found) {
            problem(at(s).first, QStringLiteral("module header without AS and a body"));
            return at(s).last;
        }
        const bool outer = m_inFunction;
        m_inFunction = isFunction;
        const int last = parseList(s, depth + 1, Until::Nothing);
        m_inFunction = outer;
        // A stray END at the end of a body was recorded as a problem; the body runs to the batch end.
        if (last >= 0)
            at(s).last = last;
        if (!m_result.statements.isEmpty() && m_result.statements.last().last > at(s).last)
            at(s).last = m_result.statements.last().last;
        return at(s).last;
    }

    // Advances over the tokens of a statement (or a condition, mode If) until the statement ends:
    // a `;` (consumed), or outside parentheses and CASE: END, ELSE, or a keyword that starts the
    // next statement.
    void scanUntilStatement(SK mode, bool alterWithSet = false)
    {
        int paren = 0;
        int caseDepth = 0;
        bool needsPayload = mode == SK::Insert; // INSERT … (SELECT | VALUES | EXEC | DEFAULT VALUES)
        bool needsSet = mode == SK::Update || alterWithSet;
        bool needsMain = mode == SK::With;      // WITH cte AS (…) SELECT|INSERT|UPDATE|DELETE|MERGE
        bool isMerge = mode == SK::Merge;
        int prev = mode == SK::If ? -1 : m_sig.at(m_p - 1);
        while (!atEnd()) {
            const TsqlToken &t = tok();
            if (t.kind == TsqlTokenKind::Semicolon) {
                if (mode != SK::If)
                    ++m_p;
                return;
            }
            if (t.kind == TsqlTokenKind::OpenParen) {
                ++paren;
            } else if (t.kind == TsqlTokenKind::CloseParen) {
                paren = qMax(0, paren - 1);
            } else if (t.is(K::Case)) {
                ++caseDepth;
            } else if (t.is(K::End)) {
                if (caseDepth == 0)
                    return;
                --caseDepth;
            } else if (paren == 0 && caseDepth == 0) {
                if (t.is(K::Else))
                    return;
                const K k = t.keyword;
                if (needsMain && (k == K::Select || k == K::Insert || k == K::Update || k == K::Delete || k == K::Merge)) {
                    needsMain = false;
                    needsPayload = k == K::Insert;
                    needsSet = k == K::Update;
                    isMerge = k == K::Merge;
                } else if (needsPayload && (k == K::Select || k == K::Exec || k == K::Execute || k == K::Values
                                            || k == K::Default)) {
                    needsPayload = false;
                } else if (needsSet && k == K::Set) {
                    needsSet = false;
                } else if (alwaysStarts(k) && !(prev < 0 && mode == SK::If)) {
                    return;
                } else if (!isMerge && mayStart(k) && prev >= 0 && canEnd(prev) && startsHere(k)) {
                    return;
                }
            }
            prev = index();
            ++m_p;
        }
    }

    // GET and MOVE start a statement only as GET CONVERSATION GROUP and MOVE CONVERSATION.
    bool startsHere(K k) const
    {
        if (k == K::Get || k == K::Move)
            return tok(1).is(K::Conversation);
        return true;
    }

    bool canEnd(int tokenIndex) const
    {
        const TsqlToken &t = m_tokens.at(tokenIndex);
        switch (t.kind) {
        case TsqlTokenKind::Word:
            return t.keyword == K::None || endingKeyword(t.keyword, m_inFunction);
        case TsqlTokenKind::Variable:
        case TsqlTokenKind::QuotedIdentifier:
        case TsqlTokenKind::String:
        case TsqlTokenKind::Number:
        case TsqlTokenKind::CloseParen:
            return true;
        default:
            return false;
        }
    }

    int parseSimple(int parent, int depth, SK kind)
    {
        const int s = open(kind, parent, depth);
        // ALTER DATABASE|TABLE|INDEX|SERVER … SET: that SET belongs to the ALTER.
        bool alterWithSet = false;
        if (kind == SK::Alter && tok(1).kind == TsqlTokenKind::Word) {
            const QStringView what = tok(1).text(m_text);
            for (const char16_t *w : {u"DATABASE", u"TABLE", u"INDEX", u"SERVER"})
                alterWithSet = alterWithSet || what.compare(QStringView(w), Qt::CaseInsensitive) == 0;
        }
        ++m_p; // the leading keyword is part of the statement whatever follows
        if (kind == SK::BeginDialog || kind == SK::BeginTransaction || kind == SK::BeginConversationTimer
            || kind == SK::EndConversation || kind == SK::GetConversationGroup || kind == SK::MoveConversation)
            ++m_p; // … and its second word
        if (m_p > m_sig.size())
            m_p = int(m_sig.size());
        scanUntilStatement(kind, alterWithSet);
        at(s).headLast = at(s).last = index(-1);
        return at(s).last;
    }

    QStringView m_text;
    const QList<TsqlToken> &m_tokens;
    QList<int> m_sig; // indexes of the tokens that are not comments
    int m_p = 0;
    bool m_inFunction = false;
    TsqlStatementSplitter::Result m_result;
};

} // namespace

TsqlStatementSplitter::Result TsqlStatementSplitter::split(QStringView text, const QList<TsqlToken> &tokens)
{
    return Parser(text, tokens).run();
}

QString tsqlStatementKindName(TsqlStatementKind kind)
{
    switch (kind) {
    case SK::Other: return QStringLiteral("other");
    case SK::Block: return QStringLiteral("block");
    case SK::Try: return QStringLiteral("try");
    case SK::Catch: return QStringLiteral("catch");
    case SK::If: return QStringLiteral("if");
    case SK::Else: return QStringLiteral("else");
    case SK::While: return QStringLiteral("while");
    case SK::Module: return QStringLiteral("module");
    case SK::Label: return QStringLiteral("label");
    case SK::Select: return QStringLiteral("select");
    case SK::Insert: return QStringLiteral("insert");
    case SK::Update: return QStringLiteral("update");
    case SK::Delete: return QStringLiteral("delete");
    case SK::Merge: return QStringLiteral("merge");
    case SK::With: return QStringLiteral("with");
    case SK::Declare: return QStringLiteral("declare");
    case SK::Set: return QStringLiteral("set");
    case SK::Execute: return QStringLiteral("execute");
    case SK::Print: return QStringLiteral("print");
    case SK::Raiserror: return QStringLiteral("raiserror");
    case SK::Throw: return QStringLiteral("throw");
    case SK::Return: return QStringLiteral("return");
    case SK::Break: return QStringLiteral("break");
    case SK::Continue: return QStringLiteral("continue");
    case SK::Goto: return QStringLiteral("goto");
    case SK::BeginTransaction: return QStringLiteral("begin-transaction");
    case SK::Commit: return QStringLiteral("commit");
    case SK::Rollback: return QStringLiteral("rollback");
    case SK::Save: return QStringLiteral("save");
    case SK::BeginDialog: return QStringLiteral("begin-dialog");
    case SK::BeginConversationTimer: return QStringLiteral("begin-conversation-timer");
    case SK::Send: return QStringLiteral("send");
    case SK::Receive: return QStringLiteral("receive");
    case SK::WaitFor: return QStringLiteral("waitfor");
    case SK::GetConversationGroup: return QStringLiteral("get-conversation-group");
    case SK::MoveConversation: return QStringLiteral("move-conversation");
    case SK::EndConversation: return QStringLiteral("end-conversation");
    case SK::Create: return QStringLiteral("create");
    case SK::Alter: return QStringLiteral("alter");
    case SK::Drop: return QStringLiteral("drop");
    case SK::Use: return QStringLiteral("use");
    }
    return {};
}

} // namespace bs
