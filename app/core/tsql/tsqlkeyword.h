#pragma once

#include <QString>
#include <QStringView>

namespace bs {

// The words the statement splitter and the linter act on, spelled once. Anything else stays a
// plain Word (function names such as XACT_STATE are compared as text where a rule needs them).
#define BS_TSQL_KEYWORDS(X)                                                                                 \
    X(After, "AFTER") X(All, "ALL") X(Alter, "ALTER") X(And, "AND") X(Any, "ANY") X(As, "AS")               \
    X(Atomic, "ATOMIC") X(Backup, "BACKUP") X(Begin, "BEGIN") X(Between, "BETWEEN") X(Break, "BREAK")       \
    X(Bulk, "BULK") X(By, "BY") X(Case, "CASE") X(Catch, "CATCH") X(Checkpoint, "CHECKPOINT")               \
    X(Cleanup, "CLEANUP") X(Close, "CLOSE") X(Commit, "COMMIT") X(Continue, "CONTINUE")                     \
    X(Contract, "CONTRACT") X(Conversation, "CONVERSATION") X(Create, "CREATE") X(Cursor, "CURSOR")         \
    X(Dbcc, "DBCC") X(Deallocate, "DEALLOCATE") X(Declare, "DECLARE") X(Default, "DEFAULT")                  \
    X(Delay, "DELAY") X(Delete, "DELETE") X(Deny, "DENY") X(Description, "DESCRIPTION")                      \
    X(Dialog, "DIALOG") X(Disable, "DISABLE") X(Distributed, "DISTRIBUTED") X(Drop, "DROP") X(Else, "ELSE") \
    X(Enable, "ENABLE") X(Encryption, "ENCRYPTION") X(End, "END") X(Error, "ERROR") X(Except, "EXCEPT")     \
    X(Exec, "EXEC") X(Execute, "EXECUTE") X(Exists, "EXISTS") X(Fetch, "FETCH") X(For, "FOR")                \
    X(From, "FROM") X(Function, "FUNCTION") X(Get, "GET") X(Goto, "GOTO") X(Grant, "GRANT")                  \
    X(Group, "GROUP") X(If, "IF") X(In, "IN") X(Insert, "INSERT") X(Instead, "INSTEAD")                      \
    X(Intersect, "INTERSECT") X(Into, "INTO") X(Is, "IS") X(Kill, "KILL") X(Lifetime, "LIFETIME")            \
    X(Like, "LIKE") X(Merge, "MERGE") X(Message, "MESSAGE") X(Move, "MOVE") X(Not, "NOT") X(Null, "NULL")   \
    X(Of, "OF") X(On, "ON") X(Open, "OPEN") X(Or, "OR") X(Print, "PRINT") X(Proc, "PROC")                    \
    X(Procedure, "PROCEDURE") X(Raiserror, "RAISERROR") X(Readtext, "READTEXT") X(Receive, "RECEIVE")        \
    X(Reconfigure, "RECONFIGURE") X(RelatedConversation, "RELATED_CONVERSATION")                            \
    X(RelatedConversationGroup, "RELATED_CONVERSATION_GROUP") X(Restore, "RESTORE") X(Return, "RETURN")     \
    X(Returns, "RETURNS") X(Revert, "REVERT") X(Revoke, "REVOKE") X(Rollback, "ROLLBACK") X(Save, "SAVE")   \
    X(Select, "SELECT") X(Send, "SEND") X(Service, "SERVICE") X(Set, "SET") X(Setuser, "SETUSER")            \
    X(Shutdown, "SHUTDOWN") X(Then, "THEN") X(Throw, "THROW") X(Timeout, "TIMEOUT") X(Timer, "TIMER")        \
    X(To, "TO") X(Top, "TOP") X(Tran, "TRAN") X(Transaction, "TRANSACTION") X(Trigger, "TRIGGER")            \
    X(Truncate, "TRUNCATE") X(Try, "TRY") X(Type, "TYPE") X(Union, "UNION") X(Update, "UPDATE")              \
    X(Updatetext, "UPDATETEXT") X(Use, "USE") X(Values, "VALUES") X(View, "VIEW") X(Waitfor, "WAITFOR")     \
    X(When, "WHEN") X(Where, "WHERE") X(While, "WHILE") X(With, "WITH") X(Work, "WORK")                      \
    X(Writetext, "WRITETEXT")

#define BS_TSQL_KEYWORD_ENUM(name, text) name,
/// A keyword of T-SQL known to the tokenizer (None for any other word).
enum class TsqlKeyword : quint16 { None, BS_TSQL_KEYWORDS(BS_TSQL_KEYWORD_ENUM) };
#undef BS_TSQL_KEYWORD_ENUM

/// The keyword a word spells, in any letter case (ASCII letters only, as T-SQL keywords are).
TsqlKeyword tsqlKeyword(QStringView word);
/// The keyword in upper case, e.g. "BEGIN"; empty for None.
QString tsqlKeywordText(TsqlKeyword keyword);

} // namespace bs
