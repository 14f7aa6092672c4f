// Code rules (the linter) over the definitions in sys.sql_modules. They read ModuleAnalysis,
// which works on tokens and statements, so a statement inside a comment or a string, or a
// bracketed name that looks like one, never counts.
#include "core/alerts/alertfixscript.h"
#include "core/check/healthrules.h"
#include "core/check/moduleanalysis.h"
#include "core/check/runtimefacts.h"
#include "core/sqlquote.h"
#include "core/tsql/tsqltokenizer.h"

namespace bs {

namespace {

const QString FireAndForgetDoc = QStringLiteral("learn.microsoft.com/sql/t-sql/statements/end-conversation-transact-sql; "
                                                "rusanu.com/2006/04/06/fire-and-forget-good-for-the-military-but-not-for-service-broker-conversations/");
const QString BeginDialogDoc = QStringLiteral("learn.microsoft.com/sql/t-sql/statements/begin-dialog-conversation-transact-sql");
const QString ReceiveDoc = QStringLiteral("learn.microsoft.com/sql/t-sql/statements/receive-transact-sql");
const QString SystemMessagesDoc = QStringLiteral("learn.microsoft.com/sql/database-engine/service-broker/broker-system-messages");
const QString PoisonDoc = QStringLiteral("learn.microsoft.com/sql/database-engine/service-broker/handling-poison-messages");
const QString ReuseDoc = QStringLiteral("rusanu.com/2007/04/25/reusing-conversations/");

/// The queues by their activation procedure's [schema].[name] (case-folded, as under the usual
/// case-insensitive collations), built once per rule run.
class ActivationIndex
{
public:
    explicit ActivationIndex(const BrokerCatalog &catalog)
    {
        for (const Queue &q : catalog.queues) {
            if (!q.hasActivation())
                continue;
            // activation_procedure is a (possibly three-part) name: read its parts with the tokenizer.
            QStringList parts;
            for (const TsqlToken &t : TsqlTokenizer::tokenize(q.activationProcedure)) {
                if (t.kind == TsqlTokenKind::Word || t.kind == TsqlTokenKind::QuotedIdentifier)
                    parts << t.identifier(q.activationProcedure);
            }
            if (parts.isEmpty())
                continue;
            const QString schema = parts.size() >= 2 ? parts.at(parts.size() - 2) : QStringLiteral("dbo");
            m_byName.insert(key(schema, parts.last()), &q);
        }
    }
    const Queue *find(const SqlModule &m) const { return m_byName.value(key(m.schema, m.name)); }

private:
    static QString key(const QString &schema, const QString &name) { return schema.toCaseFolded() + u'\n' + name.toCaseFolded(); }
    QHash<QString, const Queue *> m_byName;
};

void addService(const BrokerCatalog &catalog, const QString &name, QList<ObjectRef> *objects);

HealthFinding codeFinding(const ActivationIndex &index, const SqlModule &m, HealthSeverity severity, int line,
                          const QString &title, const BrokerCatalog &catalog = {}, const ModuleAnalysis *analysis = nullptr)
{
    HealthFinding f;
    f.severity = severity;
    f.subject = m.qualifiedName();
    f.module = m.qualifiedName();
    f.line = line;
    f.title = title;
    if (const Queue *q = index.find(m))
        f.objects = {{ObjectKind::ActivationProcedure, q->objectId}, {ObjectKind::Queue, q->objectId}};
    // The services the module begins dialogs from mark it on the graph too.
    for (const ModuleAnalysis::Dialog &d : analysis ? analysis->dialogs : QList<ModuleAnalysis::Dialog>())
        addService(catalog, d.fromService, &f.objects);
    return f;
}

void addService(const BrokerCatalog &catalog, const QString &name, QList<ObjectRef> *objects)
{
    if (const Service *s = catalog.serviceByName(name)) {
        const ObjectRef ref{ObjectKind::Service, s->id};
        if (!objects->contains(ref))
            objects->append(ref);
    }
}

// Calls `visit` for each visible module with its analysis.
template<typename Visit>
void eachModule(const HealthInput &in, Visit visit)
{
    const auto analyses = moduleAnalyses(in);
    for (int i = 0; i < in.facts.modules.size(); ++i) {
        const SqlModule &m = in.facts.modules.at(i);
        if (m.isVisible && !m.definition.isEmpty())
            visit(m, analyses->at(i));
    }
}

QList<HealthFinding> fireAndForget(const HealthInput &in, const HealthSettings &)
{
    const ActivationIndex index(in.catalog);
    QList<HealthFinding> out;
    eachModule(in, [&](const SqlModule &m, const ModuleAnalysis &a) {
        for (const ModuleAnalysis::Dialog &d : a.dialogs) {
            // A LIFETIME bounds the leak: that is the windowed pattern (PATTERNS.md), a deliberate choice.
            if (d.handle.isEmpty() || d.hasLifetime)
                continue;
            const int begin = d.position;
            int sendAt = -1;
            for (const ModuleAnalysis::Send &s : a.sends) {
                if (s.position > begin && s.handles.contains(d.handle, Qt::CaseInsensitive)) {
                    sendAt = s.position;
                    break;
                }
            }
            if (sendAt < 0)
                continue;
            for (const ModuleAnalysis::End &e : a.ends) {
                const int endAt = e.position;
                if (endAt < sendAt || e.withError || e.withCleanup || e.handle.compare(d.handle, Qt::CaseInsensitive) != 0)
                    continue;
                bool waited = false;
                for (const ModuleAnalysis::Receive &r : a.receives)
                    waited = waited || (r.position > begin && r.position < endAt);
                if (waited)
                    continue;
                HealthFinding f = codeFinding(index, m, HealthSeverity::Error, e.line,
                                              QStringLiteral("Fire-and-forget: %1 ends its dialog right after SEND").arg(m.qualifiedName()));
                addService(in.catalog, d.fromService, &f.objects);
                addService(in.catalog, d.toService, &f.objects);
                f.seen = QStringLiteral("BEGIN DIALOG %1 (line %2) to %3, SEND on it, then END CONVERSATION %1 (line %4) "
                                        "without receiving anything from the target.")
                             .arg(d.handle)
                             .arg(d.line)
                             .arg(d.toService.isEmpty() ? QStringLiteral("a service") : d.toService)
                             .arg(e.line);
                f.why = QStringLiteral(
                    "The initiator ends first, so it is not listening when the target answers: an Error from the target "
                    "(no permission, unknown contract, failed validation) arrives at an ended endpoint and is dropped, "
                    "and the message is lost without a trace. When the target ends normally its CLOSED endpoint keeps an "
                    "unset security_timestamp and stays for the dialog's lifetime — 68 years by default (%1). Let the "
                    "target end first and end the initiator side on EndDialog in an activation procedure, or use a "
                    "LIFETIME window.")
                            .arg(FireAndForgetDoc);
                f.fixPattern = QStringLiteral("target-ends-first");
                if (!d.fromService.isEmpty() && !d.toService.isEmpty())
                    f.fixSql = QStringLiteral("-- The code fix is a pattern (Tools > New Messaging Pattern: Target ends first or Keep-firing).\n"
                                              "-- To purge the CLOSED target endpoints this code has already leaked (run in the target's database):\n")
                        + AlertFixScript::cleanupLeakedClosed(d.toService, d.fromService);
                out.append(f);
                break;
            }
        }
    });
    return out;
}

QList<HealthFinding> dialogWithoutLifetime(const HealthInput &in, const HealthSettings &)
{
    const ActivationIndex index(in.catalog);
    QList<HealthFinding> out;
    eachModule(in, [&](const SqlModule &m, const ModuleAnalysis &a) {
        for (const ModuleAnalysis::Dialog &d : a.dialogs) {
            if (d.hasLifetime || d.handle.isEmpty())
                continue;
            bool endsIt = false;
            for (const ModuleAnalysis::End &e : a.ends)
                endsIt = endsIt || (!e.withCleanup && !e.withError && e.handle.compare(d.handle, Qt::CaseInsensitive) == 0);
            if (!endsIt)
                continue;
            HealthFinding f = codeFinding(index, m, HealthSeverity::Warning, d.line,
                                          QStringLiteral("BEGIN DIALOG without LIFETIME in %1, which ends the dialog itself").arg(m.qualifiedName()));
            addService(in.catalog, d.fromService, &f.objects);
            f.seen = QStringLiteral("BEGIN DIALOG %1 at line %2 has no LIFETIME; the module ENDs %1 from the initiator side.")
                         .arg(d.handle)
                         .arg(d.line);
            f.why = QStringLiteral("Without LIFETIME a dialog lives for 2,147,483,647 seconds (about 68 years) (%1). When the "
                                   "initiator ends, nothing bounds how long the target's endpoint waits: a target that "
                                   "never ends, or a CLOSED endpoint whose security_timestamp was never set, stays until "
                                   "then. A LIFETIME that outlasts the longest wait caps the leak and turns a lost dialog "
                                   "into error -8489.").arg(BeginDialogDoc);
            f.fixPattern = QStringLiteral("windowed");
            out.append(f);
        }
    });
    return out;
}

QList<HealthFinding> receiveIgnoresSystemMessages(const HealthInput &in, const HealthSettings &)
{
    const ActivationIndex index(in.catalog);
    QList<HealthFinding> out;
    eachModule(in, [&](const SqlModule &m, const ModuleAnalysis &a) {
        bool untargeted = false;
        for (const ModuleAnalysis::Receive &r : a.receives)
            untargeted = untargeted || !r.targeted;
        if (!untargeted)
            return;
        bool catchAllEnd = false;
        for (const ModuleAnalysis::End &e : a.ends)
            catchAllEnd = catchAllEnd || (e.catchAll && !e.withCleanup);
        const bool neverEnds = a.ends.isEmpty();
        // A dispatch on message_type_name that ends in its ELSE branch ends EndDialog and Error too.
        QStringList missing;
        if (!a.handlesEndDialog && !catchAllEnd)
            missing << QStringLiteral("EndDialog");
        if (!a.handlesError && !catchAllEnd)
            missing << QStringLiteral("Error");
        if (!neverEnds && missing.isEmpty())
            return;
        if (missing.isEmpty())
            missing = {QStringLiteral("EndDialog"), QStringLiteral("Error")};
        HealthFinding f = codeFinding(index, m, neverEnds ? HealthSeverity::Error : HealthSeverity::Warning, a.receives.first().line,
                                      neverEnds ? QStringLiteral("%1 receives but never ends a conversation").arg(m.qualifiedName())
                                                : QStringLiteral("%1 receives but ignores %2").arg(m.qualifiedName(), missing.join(u" and "_qs)),
                                      in.catalog, &a);
        f.seen = neverEnds ? QStringLiteral("RECEIVE at line %1; no END CONVERSATION anywhere in the module.").arg(a.receives.first().line)
                           : QStringLiteral("RECEIVE at line %1; no branch for http://schemas.microsoft.com/SQL/ServiceBroker/%2 "
                                            "and no END CONVERSATION in a catch-all ELSE.")
                                 .arg(a.receives.first().line)
                                 .arg(missing.join(u" or …/"_qs));
        f.why = QStringLiteral("Every service receives EndDialog and Error whatever its contract (%1). A loop that treats "
                               "them as data fails on them or drops them; one that never ENDs leaves its endpoints "
                               "DISCONNECTED_INBOUND on this side and DISCONNECTED_OUTBOUND on the other, for the dialog's "
                               "lifetime. End the conversation on EndDialog, and log and end on Error.")
                    .arg(SystemMessagesDoc);
        f.fixPattern = QStringLiteral("target-ends-first");
        out.append(f);
    });
    return out;
}

QList<HealthFinding> receiveWithoutTimeout(const HealthInput &in, const HealthSettings &)
{
    const ActivationIndex index(in.catalog);
    QList<HealthFinding> out;
    eachModule(in, [&](const SqlModule &m, const ModuleAnalysis &a) {
        if (!index.find(m))
            return;
        for (const ModuleAnalysis::Receive &r : a.receives) {
            if (r.targeted || (r.waitFor && r.timeout))
                continue;
            const bool waitsForever = r.waitFor;
            HealthFinding f = codeFinding(index, m, waitsForever ? HealthSeverity::Warning : HealthSeverity::Advice, r.line,
                                          waitsForever ? QStringLiteral("WAITFOR (RECEIVE …) without TIMEOUT in activation procedure %1").arg(m.qualifiedName())
                                                  : QStringLiteral("RECEIVE without WAITFOR in activation procedure %1").arg(m.qualifiedName()));
            f.seen = waitsForever ? QStringLiteral("WAITFOR (RECEIVE …) at line %1 has no TIMEOUT.").arg(r.line)
                             : QStringLiteral("RECEIVE at line %1 is not inside WAITFOR (…), TIMEOUT.").arg(r.line);
            f.why = waitsForever ? QStringLiteral("Without TIMEOUT, WAITFOR waits waitsForever (%1): the activated task never returns, "
                                             "holds one of MAX_QUEUE_READERS for good and keeps a session open after the "
                                             "queue is drained. Loop with WAITFOR (RECEIVE …), TIMEOUT n and return on an "
                                             "empty result.").arg(ReceiveDoc)
                            : QStringLiteral("A RECEIVE outside WAITFOR returns at once on an empty queue (%1), so each "
                                             "activation handles one batch and the queue monitor must start the procedure "
                                             "again for the next; a WAITFOR … TIMEOUT loop keeps the reader until the queue "
                                             "is drained.").arg(ReceiveDoc);
            f.fixPattern = QStringLiteral("target-ends-first");
            out.append(f);
        }
    });
    return out;
}

QList<HealthFinding> noErrorHandling(const HealthInput &in, const HealthSettings &)
{
    const ActivationIndex index(in.catalog);
    QList<HealthFinding> out;
    eachModule(in, [&](const SqlModule &m, const ModuleAnalysis &a) {
        if (a.receives.isEmpty() || a.hasTryCatch || !a.beginsTransaction)
            return;
        const Queue *q = index.find(m);
        HealthFinding f = codeFinding(index, m, q ? HealthSeverity::Error : HealthSeverity::Warning, a.receives.first().line,
                                      QStringLiteral("%1 receives in a transaction with no error handling: poison risk").arg(m.qualifiedName()));
        f.seen = QStringLiteral("BEGIN TRANSACTION and RECEIVE (line %1), but no BEGIN TRY … BEGIN CATCH%2.")
                     .arg(a.receives.first().line)
                     .arg(a.usesXactState ? QString() : QStringLiteral(" and no XACT_STATE()"));
        f.why = QStringLiteral("When processing fails, the transaction rolls back and the message returns to the queue; after "
                               "five rollbacks in a row Service Broker disables the queue (STATUS = OFF) and all messaging "
                               "through it stops (%1). Catch the error, check XACT_STATE(), log the failure and commit, or "
                               "end the conversation WITH ERROR, so one bad message cannot stop the queue.")
                    .arg(PoisonDoc);
        f.fixPattern = QStringLiteral("keep-firing");
        out.append(f);
    });
    return out;
}

ThresholdSpec dialogPerMessageSpec()
{
    return {QStringLiteral("checkDialogPerMessageRate"), QStringLiteral("Send rate"), QStringLiteral("messages/s"), 1,
            100000, 20, 0,
            QStringLiteral("Messages per second (Broker Statistics: SQL SENDs/sec) above which a module that begins "
                           "a dialog for every message is worth pooling.")};
}

QList<HealthFinding> dialogPerMessage(const HealthInput &in, const HealthSettings &settings)
{
    const ActivationIndex index(in.catalog);
    const std::optional<double> rate = RuntimeFacts::sendRate(in);
    const double threshold = settings.value(dialogPerMessageSpec());
    if (!rate || *rate < threshold)
        return {};
    QList<HealthFinding> out;
    eachModule(in, [&](const SqlModule &m, const ModuleAnalysis &a) {
        for (const ModuleAnalysis::Dialog &d : a.dialogs) {
            if (d.conditional || d.handle.isEmpty())
                continue;
            bool sends = false;
            for (const ModuleAnalysis::Send &s : a.sends)
                sends = sends || s.handles.contains(d.handle, Qt::CaseInsensitive);
            if (!sends)
                continue;
            HealthFinding f = codeFinding(index, m, HealthSeverity::Advice, d.line,
                                          QStringLiteral("%1 begins a new dialog for every message").arg(m.qualifiedName()));
            addService(in.catalog, d.fromService, &f.objects);
            f.seen = QStringLiteral("BEGIN DIALOG at line %1 runs on every call (not under IF); the database sends %2 "
                                    "messages per second.").arg(d.line).arg(*rate, 0, 'f', 1);
            f.why = QStringLiteral("Each dialog costs a conversation endpoint on both sides, a handshake and its own "
                                   "EndDialog; RECEIVE returns messages of one conversation group at a time, so one message "
                                   "per dialog defeats batching. Reusing a few long-lived conversations makes sends about "
                                   "four times cheaper and batched RECEIVE much faster (%1).").arg(ReuseDoc);
            f.fixPattern = QStringLiteral("keep-firing");
            out.append(f);
        }
    });
    return out;
}

QList<HealthFinding> dynamicSql(const HealthInput &in, const HealthSettings &)
{
    const ActivationIndex index(in.catalog);
    QList<HealthFinding> out;
    eachModule(in, [&](const SqlModule &m, const ModuleAnalysis &a) {
        const bool related = a.usesBroker() || index.find(m);
        for (const ModuleAnalysis::DynamicSql &d : a.dynamicSql) {
            if (!related && !d.mentionsBroker)
                continue;
            HealthFinding f = codeFinding(index, m, HealthSeverity::Advice, d.line,
                                          QStringLiteral("Cannot see the dynamic SQL of %1").arg(m.qualifiedName()),
                                          in.catalog, &a);
            f.cannotSee = true;
            f.seen = QStringLiteral("EXEC of a string or sp_executesql at line %1%2.")
                         .arg(d.line)
                         .arg(d.mentionsBroker ? QStringLiteral("; its literal holds a Service Broker statement") : QString());
            f.why = QStringLiteral("What dynamic SQL runs is built at run time, so the linter cannot check the Service "
                                   "Broker statements in it: they are neither clean nor flagged. Review them by hand.");
            out.append(f);
        }
    });
    return out;
}

QList<HealthFinding> definitionHidden(const HealthInput &in, const HealthSettings &)
{
    const ActivationIndex index(in.catalog);
    QList<HealthFinding> out;
    for (const SqlModule &m : in.facts.modules) {
        if (m.isVisible && !m.definition.isEmpty())
            continue;
        HealthFinding f;
        f.severity = HealthSeverity::Warning;
        f.cannotSee = true;
        f.subject = m.qualifiedName();
        f.module = m.qualifiedName();
        f.title = QStringLiteral("Cannot see the definition of %1").arg(m.qualifiedName());
        if (const Queue *q = index.find(m))
            f.objects = {{ObjectKind::ActivationProcedure, q->objectId}};
        f.seen = m.isEncrypted ? QStringLiteral("The module is WITH ENCRYPTION: sys.sql_modules.definition is NULL.")
                               : QStringLiteral("sys.sql_modules.definition is NULL for this login.");
        f.why = QStringLiteral("The definition is visible only with VIEW DEFINITION (or ownership) on the module "
                               "(learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-sql-modules-transact-sql); "
                               "the code rules could not look at it, which is not the same as clean.");
        out.append(f);
    }
    return out;
}

HealthRule rule(const char16_t *id, const QString &title, HealthSeverity severity, const QString &reference,
                HealthRule::Check check)
{
    return HealthRule::make(id, title, HealthRuleCategory::Code, severity, HealthRead::Modules | HealthRead::Catalog,
                            reference, std::move(check));
}

} // namespace

QList<HealthRule> codeRules()
{
    HealthRule perMessage = rule(u"code-dialog-per-message", QStringLiteral("One dialog per message at a high send rate"),
                                 HealthSeverity::Advice, ReuseDoc, dialogPerMessage);
    perMessage.reads |= HealthRead::Sample;
    perMessage.thresholds = {dialogPerMessageSpec()};
    return {
        rule(u"code-fire-and-forget", QStringLiteral("Fire-and-forget: initiator ends right after SEND"),
             HealthSeverity::Error, FireAndForgetDoc, fireAndForget),
        rule(u"code-receive-ignores-system-messages", QStringLiteral("RECEIVE loop ignores EndDialog and Error"),
             HealthSeverity::Warning, SystemMessagesDoc, receiveIgnoresSystemMessages),
        rule(u"code-receive-without-timeout", QStringLiteral("RECEIVE without WAITFOR … TIMEOUT in an activation procedure"),
             HealthSeverity::Warning, ReceiveDoc, receiveWithoutTimeout),
        rule(u"code-activation-no-error-handling", QStringLiteral("RECEIVE in a transaction without error handling (poison risk)"),
             HealthSeverity::Error, PoisonDoc, noErrorHandling),
        rule(u"code-dialog-without-lifetime", QStringLiteral("BEGIN DIALOG without LIFETIME where the initiator ends"),
             HealthSeverity::Warning, BeginDialogDoc, dialogWithoutLifetime),
        perMessage,
        rule(u"code-dynamic-sql", QStringLiteral("Dynamic SQL the linter cannot see"), HealthSeverity::Advice,
             QStringLiteral("learn.microsoft.com/sql/relational-databases/system-stored-procedures/sp-executesql-transact-sql"), dynamicSql),
        rule(u"code-definition-hidden", QStringLiteral("Module definition not visible"), HealthSeverity::Warning,
             QStringLiteral("learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-sql-modules-transact-sql"),
             definitionHidden),
    };
}

} // namespace bs
