#pragma once

#include "core/check/sqlmodule.h"
#include "core/tsql/tsqlscript.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace bs {

/// What one module does with Service Broker, read from its tokens and statements (never from
/// raw text, so statements inside comments and strings do not count): the dialogs it begins,
/// what it SENDs and ENDs on which handle variable, its RECEIVEs and how they wait, its error
/// handling, and the dynamic SQL it runs (which the linter cannot see into). Keeps only these facts.
class ModuleAnalysis
{
public:
    struct Dialog
    {
        int position = 0; ///< index of its first token: "after" comparisons within the module
        int statement = 0;
        int line = 0;
        QString handle;      ///< the @variable that receives the handle
        QString fromService;
        QString toService;   ///< empty when not a literal
        QString contract;
        bool hasLifetime = false;
        bool conditional = false; ///< inside IF/WHILE: a pooled or reused dialog
    };
    struct Send
    {
        int position = 0; ///< index of its first token: "after" comparisons within the module
        int statement = 0;
        int line = 0;
        QStringList handles;
    };
    struct End
    {
        int position = 0; ///< index of its first token: "after" comparisons within the module
        int statement = 0;
        int line = 0;
        QString handle;
        bool withError = false;
        bool withCleanup = false;
        bool catchAll = false; ///< not under IF, or under an ELSE: it ends whatever message arrived
    };
    struct Receive
    {
        int position = 0; ///< index of its first token: "after" comparisons within the module
        int statement = 0;
        int line = 0;
        bool waitFor = false;
        bool timeout = false;
        bool targeted = false; ///< WHERE conversation_handle / conversation_group_id = …
        bool inTry = false;
    };
    struct DynamicSql
    {
        int line = 0;
        bool mentionsBroker = false; ///< a literal it runs holds a Service Broker statement
    };

    explicit ModuleAnalysis(const QString &definition);

    QList<Dialog> dialogs;
    QList<Send> sends;
    QList<End> ends;
    QList<Receive> receives;
    QList<DynamicSql> dynamicSql;
    bool handlesEndDialog = false; ///< compares with …/ServiceBroker/EndDialog somewhere
    bool handlesError = false;     ///< compares with …/ServiceBroker/Error somewhere
    bool hasTryCatch = false;
    bool usesXactState = false;
    bool beginsTransaction = false;

    bool usesBroker() const { return !dialogs.isEmpty() || !sends.isEmpty() || !ends.isEmpty() || !receives.isEmpty(); }

    /// True when `text` (a string a module runs as dynamic SQL) holds a Service Broker statement.
    static bool textHasBrokerStatement(const QString &text);

private:
    // The script is read once in the constructor and not kept: a large database has millions of tokens.
    void analyseStatement(const TsqlScript &script, int index);
    static QString variableAfter(const TsqlScript &script, const QList<int> &tokens, int from);
};

} // namespace bs
