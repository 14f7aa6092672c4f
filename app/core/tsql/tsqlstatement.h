#pragma once

#include <QList>
#include <QString>

namespace bs {

/// What a statement is, from its leading keywords. Blocks and control flow hold other statements.
enum class TsqlStatementKind : quint8 {
    Other,
    Block,     ///< BEGIN … END (also BEGIN ATOMIC)
    Try,       ///< BEGIN TRY … END TRY; its CATCH is its last child
    Catch,     ///< BEGIN CATCH … END CATCH (child of the Try before it)
    If,        ///< head = IF and the condition; children = the THEN statement, then an Else
    Else,      ///< child of its If; its child is the ELSE statement
    While,     ///< head = WHILE and the condition; child = the loop body
    Module,    ///< CREATE/ALTER PROCEDURE|TRIGGER|FUNCTION: head up to AS; children = the body
    Label,
    Select,
    Insert,
    Update,
    Delete,
    Merge,
    With,      ///< a statement with a common table expression
    Declare,
    Set,
    Execute,
    Print,
    Raiserror,
    Throw,
    Return,
    Break,
    Continue,
    Goto,
    BeginTransaction,
    Commit,
    Rollback,
    Save,
    BeginDialog,
    BeginConversationTimer,
    Send,
    Receive,
    WaitFor,   ///< WAITFOR (RECEIVE …) / (GET CONVERSATION GROUP …), or WAITFOR DELAY|TIME
    GetConversationGroup,
    MoveConversation,
    EndConversation,
    Create,
    Alter,
    Drop,
    Use,
};

/// One statement: token indexes (into the full token list, comments included) of its first
/// token, the end of its head and its last token. For a simple statement the head is the whole
/// statement (with its `;`); for a block, `BEGIN [TRY|CATCH]`; for IF/WHILE, the keyword and
/// the condition; for a module, everything up to the AS of its body. Statements are stored in
/// document order (a parent before its children) with their parent's index (-1 at the top).
struct TsqlStatement
{
    TsqlStatementKind kind = TsqlStatementKind::Other;
    int first = 0;
    int headLast = 0;
    int last = 0;
    int parent = -1;
    int depth = 0;
    bool operator==(const TsqlStatement &) const = default;
};

/// Something the splitter could not match (an END without BEGIN, a missing END), at a token.
struct TsqlParseProblem
{
    int token = 0;
    QString message;
    bool operator==(const TsqlParseProblem &) const = default;
};

QString tsqlStatementKindName(TsqlStatementKind kind); ///< "begin-dialog", "if", ...

} // namespace bs
