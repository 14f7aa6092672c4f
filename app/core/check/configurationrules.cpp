// Configuration rules over one database's catalog (docs/health-check.md maps them to the checks
// of ssbdiagnose's CONFIGURATION mode). Every name reaches T-SQL through quoteIdentifier, every
// value through quoteLiteral, and every comment through commentText.
#include "core/alerts/alertfixscript.h"
#include "core/check/healthrules.h"
#include "core/check/moduleanalysis.h"
#include "core/sqlquote.h"

#include <QSet>

namespace bs {

namespace {

const QString AlterDatabaseDoc = QStringLiteral("learn.microsoft.com/sql/t-sql/statements/alter-database-transact-sql-set-options");
const QString CreateQueueDoc = QStringLiteral("learn.microsoft.com/sql/t-sql/statements/create-queue-transact-sql");
const QString CreateServiceDoc = QStringLiteral("learn.microsoft.com/sql/t-sql/statements/create-service-transact-sql");
const QString CreateContractDoc = QStringLiteral("learn.microsoft.com/sql/t-sql/statements/create-contract-transact-sql");
const QString PoisonDoc = QStringLiteral("learn.microsoft.com/sql/database-engine/service-broker/handling-poison-messages");

HealthFinding make(HealthSeverity severity, const QString &subject, QList<ObjectRef> objects, const QString &title)
{
    HealthFinding f;
    f.severity = severity;
    f.subject = subject;
    f.objects = std::move(objects);
    f.title = title;
    return f;
}

QString queueName(const Queue &q)
{
    return quoteIdentifier(q.schema) + u'.' + quoteIdentifier(q.name);
}

// Queues a user made (msdb-style and database-scoped system queues are left alone).
bool isUserQueue(const Queue &q)
{
    return !q.isMsShipped;
}

QList<HealthFinding> brokerDisabled(const HealthInput &in, const HealthSettings &)
{
    const DatabaseBrokerInfo &db = in.catalog.database;
    if (db.databaseName.isEmpty() || db.isBrokerEnabled)
        return {};
    const bool shared = !in.facts.databasesSharingBrokerGuid.isEmpty();
    HealthFinding f = make(HealthSeverity::Error, quoteIdentifier(db.databaseName), {{ObjectKind::Database, 0}},
                           QStringLiteral("Service Broker is disabled in %1").arg(db.databaseName));
    f.seen = QStringLiteral("sys.databases.is_broker_enabled = 0 for %1 (service_broker_guid %2).")
                 .arg(db.databaseName, db.serviceBrokerGuid.toString(QUuid::WithoutBraces));
    if (shared)
        f.seen += QStringLiteral(" The same service_broker_guid is used by %1 on this instance.")
                      .arg(in.facts.databasesSharingBrokerGuid.join(QStringLiteral(", ")));
    f.why = QStringLiteral(
        "With the broker disabled nothing leaves sys.transmission_queue and nothing is delivered to a queue; "
        "a restored or attached database comes up this way. ENABLE_BROKER keeps the database's "
        "service_broker_guid, so its conversations and the routes other databases hold to it stay valid, but it "
        "cannot be used while another database of the instance has the same GUID (a restored copy). NEW_BROKER "
        "gives the database a new GUID and removes every conversation without sending EndDialog: routes that name "
        "the old BROKER_INSTANCE must be changed (%1).")
                .arg(AlterDatabaseDoc);
    if (!shared) {
        f.fixSql = AlertFixScript::enableBroker(db.databaseName);
    } else {
        f.fixSql = QStringLiteral("-- %1 is a copy: its service_broker_guid is also used by %2.\n"
                                  "-- NEW_BROKER gives it a GUID of its own and removes its conversations without EndDialog;\n"
                                  "-- routes elsewhere that name the old BROKER_INSTANCE must be updated afterwards.\n"
                                  "ALTER DATABASE %3 SET NEW_BROKER WITH ROLLBACK IMMEDIATE;\n")
                       .arg(commentText(db.databaseName), commentText(in.facts.databasesSharingBrokerGuid.join(u", "_qs)),
                            quoteIdentifier(db.databaseName));
    }
    return {f};
}

QList<HealthFinding> guidShared(const HealthInput &in, const HealthSettings &)
{
    const DatabaseBrokerInfo &db = in.catalog.database;
    if (in.facts.databasesSharingBrokerGuid.isEmpty() || db.databaseName.isEmpty())
        return {};
    HealthFinding f = make(HealthSeverity::Warning, quoteIdentifier(db.databaseName), {{ObjectKind::Database, 0}},
                           QStringLiteral("Another database has the same service_broker_guid"));
    f.seen = QStringLiteral("service_broker_guid %1 of %2 is also the GUID of %3.")
                 .arg(db.serviceBrokerGuid.toString(QUuid::WithoutBraces), db.databaseName,
                      in.facts.databasesSharingBrokerGuid.join(QStringLiteral(", ")));
    f.why = QStringLiteral("A route's BROKER_INSTANCE names one database by this GUID; two databases with one GUID "
                           "(a backup restored next to its original) cannot both have the broker enabled, and "
                           "messages meant for one can reach the other. Give the copy a GUID of its own with "
                           "NEW_BROKER (%1).")
                .arg(AlterDatabaseDoc);
    f.fixSql = QStringLiteral("-- Run in the copy, not in the database the routes point to:\n"
                              "ALTER DATABASE %1 SET NEW_BROKER WITH ROLLBACK IMMEDIATE;\n")
                   .arg(quoteIdentifier(db.databaseName));
    return {f};
}

QList<HealthFinding> targetWithoutContract(const HealthInput &in, const HealthSettings &)
{
    // Services that something treats as a target: a local initiator talks to it, it holds target-side
    // endpoints, or a module begins a dialog TO it.
    QHash<QString, QString> usedContract; // service -> contract named in code
    QSet<QString> targets;
    if (in.sample) {
        for (const EndpointGroup &g : in.sample->endpoints) {
            if (g.isInitiator)
                targets.insert(g.farService);
            else
                targets.insert(g.localService);
        }
    }
    for (const ModuleAnalysis &a : *moduleAnalyses(in)) {
        for (const ModuleAnalysis::Dialog &d : a.dialogs) {
            if (d.toService.isEmpty())
                continue;
            targets.insert(d.toService);
            if (!d.contract.isEmpty())
                usedContract.insert(d.toService, d.contract);
        }
    }
    QList<HealthFinding> out;
    for (const Service &s : in.catalog.services) {
        if (!s.contractIds.isEmpty() || !targets.contains(s.name))
            continue;
        const Queue *q = in.catalog.queue(s.queueId);
        if (q && q->isMsShipped)
            continue;
        HealthFinding f = make(HealthSeverity::Error, s.name, {{ObjectKind::Service, s.id}},
                               QStringLiteral("Target service %1 accepts no contract").arg(s.name));
        f.seen = QStringLiteral("%1 has no row in sys.service_contract_usages, yet conversations are begun to it.").arg(s.name);
        f.why = QStringLiteral("A service created without contracts may only initiate conversations (%1). Every dialog "
                               "begun to it fails on the target side with error -8408 (the target does not support the "
                               "contract); a fire-and-forget initiator drops that error and the message is lost.")
                    .arg(CreateServiceDoc);
        const QString contract = usedContract.value(s.name);
        if (!contract.isEmpty()) {
            f.fixSql = QStringLiteral("ALTER SERVICE %1 (ADD CONTRACT %2);\n").arg(quoteIdentifier(s.name), quoteIdentifier(contract));
        } else {
            f.fixSql = QStringLiteral("-- Add the contract the initiators use (ALTER SERVICE … (ADD CONTRACT …)); the contracts of this database:\n"
                                      "SELECT name FROM sys.service_contracts ORDER BY name;\n");
        }
        out.append(f);
    }
    return out;
}

QList<HealthFinding> contractUnsendable(const HealthInput &in, const HealthSettings &)
{
    QList<HealthFinding> out;
    for (const Contract &c : in.catalog.contracts) {
        if (c.usages.isEmpty())
            continue;
        bool initiatorSends = false;
        QStringList nobody;
        for (const MessageUsage &u : c.usages) {
            initiatorSends = initiatorSends || u.sentByInitiator;
            if (!u.sentByInitiator && !u.sentByTarget) {
                const MessageType *mt = in.catalog.messageType(u.messageTypeId);
                nobody << (mt ? mt->name : QString::number(u.messageTypeId));
            }
        }
        if (initiatorSends && nobody.isEmpty())
            continue;
        HealthFinding f = make(HealthSeverity::Error, c.name, {{ObjectKind::Contract, c.id}},
                               initiatorSends ? QStringLiteral("Contract %1 has a message type nobody may send").arg(c.name)
                                              : QStringLiteral("Contract %1 lets the initiator send nothing").arg(c.name));
        f.seen = initiatorSends ? QStringLiteral("Neither is_sent_by_initiator nor is_sent_by_target is set for %1.").arg(nobody.join(u", "_qs))
                                : QStringLiteral("No message type of %1 has is_sent_by_initiator = 1.").arg(c.name);
        f.why = QStringLiteral("A conversation starts with a message from the initiator, so a contract needs at least one "
                               "message type SENT BY INITIATOR or ANY, and every type it lists must be sendable by one "
                               "side (%1). A SEND of such a type fails with -8457/-8437 (wrong direction).")
                    .arg(CreateContractDoc);
        f.fixSql = QStringLiteral("-- A contract cannot be altered: create it again with the right SENT BY clauses\n"
                                  "-- (drop the services' use of it first). Its current message usages:\n"
                                  "SELECT mt.name, u.is_sent_by_initiator, u.is_sent_by_target\n"
                                  "FROM sys.service_contract_message_usages AS u\n"
                                  "JOIN sys.service_message_types AS mt ON mt.message_type_id = u.message_type_id\n"
                                  "WHERE u.service_contract_id = %1;\n")
                       .arg(c.id);
        out.append(f);
    }
    return out;
}

QList<HealthFinding> activationProcedure(const HealthInput &in, const HealthSettings &)
{
    QList<HealthFinding> out;
    for (const Queue &q : in.catalog.queues) {
        if (!isUserQueue(q) || !q.hasActivation())
            continue;
        const QueueActivationFacts facts = in.facts.activation.value(q.objectId);
        if (!facts.procedureExists.has_value()) {
            if (in.facts.canViewDefinition == std::optional<bool>(false)) {
                HealthFinding f = make(HealthSeverity::Warning, queueName(q), {{ObjectKind::Queue, q.objectId}},
                                       QStringLiteral("Cannot see whether the activation procedure of %1 exists").arg(queueName(q)));
                f.cannotSee = true;
                f.seen = QStringLiteral("OBJECT_ID(%1) is NULL, and without VIEW DEFINITION a procedure that exists "
                                        "can look missing.").arg(q.activationProcedure);
                f.why = QStringLiteral("Metadata visibility hides objects the login may not see; grant VIEW DEFINITION "
                                       "on the database to check.");
                out.append(f);
            }
            continue;
        }
        if (*facts.procedureExists)
            continue;
        HealthFinding f = make(q.isActivationEnabled ? HealthSeverity::Error : HealthSeverity::Warning, queueName(q),
                               {{ObjectKind::Queue, q.objectId}, {ObjectKind::ActivationProcedure, q.objectId}},
                               QStringLiteral("Activation procedure of %1 does not exist").arg(queueName(q)));
        f.seen = QStringLiteral("%1 activates %2, which is not in the database.").arg(queueName(q), q.activationProcedure);
        f.why = QStringLiteral("Each time the queue monitor activates, the start fails and is logged in the error log; "
                               "nothing receives, so messages pile up in the queue (%1).").arg(CreateQueueDoc);
        f.fixSql = QStringLiteral("-- Create the procedure again, or stop activating it until it exists:\n"
                                  "ALTER QUEUE %1 WITH ACTIVATION (STATUS = OFF);\n").arg(queueName(q));
        out.append(f);
    }
    return out;
}

QList<HealthFinding> executeAsMissing(const HealthInput &in, const HealthSettings &)
{
    QList<HealthFinding> out;
    for (const Queue &q : in.catalog.queues) {
        if (!isUserQueue(q) || !q.hasActivation() || !q.executeAsPrincipalId || *q.executeAsPrincipalId == -2)
            continue;
        const QueueActivationFacts facts = in.facts.activation.value(q.objectId);
        if (facts.executeAsPrincipalExists != std::optional<bool>(false))
            continue;
        HealthFinding f = make(HealthSeverity::Error, queueName(q), {{ObjectKind::Queue, q.objectId}},
                               QStringLiteral("Activation of %1 runs as a user that no longer exists").arg(queueName(q)));
        f.seen = QStringLiteral("execute_as_principal_id = %1 has no row in sys.database_principals.").arg(*q.executeAsPrincipalId);
        f.why = QStringLiteral("The EXECUTE AS user is checked each time the procedure is activated; with the user gone "
                               "every activation fails and the queue is never read (%1).").arg(CreateQueueDoc);
        f.fixSql = QStringLiteral("ALTER QUEUE %1 WITH ACTIVATION (EXECUTE AS OWNER);\n").arg(queueName(q));
        out.append(f);
    }
    return out;
}

QList<HealthFinding> activationOff(const HealthInput &in, const HealthSettings &)
{
    QList<HealthFinding> out;
    for (const Queue &q : in.catalog.queues) {
        if (!isUserQueue(q) || !q.hasActivation() || q.isActivationEnabled)
            continue;
        HealthFinding f = make(HealthSeverity::Warning, queueName(q), {{ObjectKind::Queue, q.objectId}},
                               QStringLiteral("Activation is off on %1, which has a procedure").arg(queueName(q)));
        f.seen = QStringLiteral("is_activation_enabled = 0 while activation_procedure = %1.").arg(q.activationProcedure);
        f.why = QStringLiteral("Nothing starts the procedure, so messages wait until something else RECEIVEs; switching "
                               "activation on with messages waiting activates at once (%1).").arg(CreateQueueDoc);
        f.fixSql = QStringLiteral("ALTER QUEUE %1 WITH ACTIVATION (STATUS = ON);\n").arg(queueName(q));
        out.append(f);
    }
    return out;
}

QList<HealthFinding> poisonHandlingOff(const HealthInput &in, const HealthSettings &)
{
    QList<HealthFinding> out;
    for (const Queue &q : in.catalog.queues) {
        if (!isUserQueue(q) || q.isPoisonMessageHandlingEnabled)
            continue;
        HealthFinding f = make(HealthSeverity::Advice, queueName(q), {{ObjectKind::Queue, q.objectId}},
                               QStringLiteral("Poison message handling is off on %1").arg(queueName(q)));
        f.seen = QStringLiteral("is_poison_message_handling_enabled = 0.");
        f.why = QStringLiteral("The trade-off: with it on, five rolled-back RECEIVE transactions in a row disable the queue "
                               "(STATUS = OFF) and stop all processing until someone re-enables it; with it off, a message "
                               "that always fails is received and rolled back forever, burning CPU and holding its "
                               "conversation group. Off is right only when the procedure itself ends poison "
                               "conversations (save point, failure count, END … WITH ERROR) (%1, %2).")
                    .arg(PoisonDoc, CreateQueueDoc);
        f.fixSql = QStringLiteral("ALTER QUEUE %1 WITH POISON_MESSAGE_HANDLING (STATUS = ON);\n").arg(queueName(q));
        out.append(f);
    }
    return out;
}

QList<HealthFinding> retentionOn(const HealthInput &in, const HealthSettings &)
{
    QList<HealthFinding> out;
    for (const Queue &q : in.catalog.queues) {
        if (!isUserQueue(q) || !q.isRetentionEnabled)
            continue;
        HealthFinding f = make(HealthSeverity::Warning, queueName(q), {{ObjectKind::Queue, q.objectId}},
                               QStringLiteral("RETENTION is on for %1").arg(queueName(q)));
        f.seen = QStringLiteral("is_retention_enabled = 1.");
        f.why = QStringLiteral("Every message sent and received on the queue's conversations stays in the queue until the "
                               "conversation ends, so the queue grows with each message and RECEIVE gets slower; the "
                               "documentation recommends it only for compensation logic that must see the whole "
                               "conversation (%1).").arg(CreateQueueDoc);
        f.fixSql = QStringLiteral("ALTER QUEUE %1 WITH RETENTION = OFF;\n").arg(queueName(q));
        out.append(f);
    }
    return out;
}

QList<HealthFinding> serviceQueueDisabled(const HealthInput &in, const HealthSettings &)
{
    QList<HealthFinding> out;
    for (const Service &s : in.catalog.services) {
        const Queue *q = in.catalog.queue(s.queueId);
        if (!q || !isUserQueue(*q) || (q->isReceiveEnabled && q->isEnqueueEnabled))
            continue;
        HealthFinding f = make(HealthSeverity::Error, s.name, {{ObjectKind::Service, s.id}, {ObjectKind::Queue, q->objectId}},
                               QStringLiteral("Service %1 is on a disabled queue").arg(s.name));
        f.seen = QStringLiteral("%1: is_receive_enabled = %2, is_enqueue_enabled = %3.")
                     .arg(queueName(*q))
                     .arg(q->isReceiveEnabled ? 1 : 0)
                     .arg(q->isEnqueueEnabled ? 1 : 0);
        f.why = QStringLiteral("A queue with STATUS = OFF accepts no messages and RECEIVE fails; senders keep their messages "
                               "in sys.transmission_queue. Five rolled-back RECEIVEs in a row (a poison message) switch a "
                               "queue off this way (%1).").arg(PoisonDoc);
        f.fixSql = AlertFixScript::enableQueue(q->schema, q->name);
        out.append(f);
    }
    return out;
}

QList<HealthFinding> queueWithoutService(const HealthInput &in, const HealthSettings &)
{
    QList<HealthFinding> out;
    for (const Queue &q : in.catalog.queues) {
        if (!isUserQueue(q) || !in.catalog.servicesOnQueue(q.objectId).isEmpty())
            continue;
        HealthFinding f = make(HealthSeverity::Advice, queueName(q), {{ObjectKind::Queue, q.objectId}},
                               QStringLiteral("Queue %1 has no service").arg(queueName(q)));
        f.seen = QStringLiteral("No row of sys.services has service_queue_id = %1.").arg(q.objectId);
        f.why = QStringLiteral("Messages reach a queue only through a service (%1); a queue without one receives "
                               "nothing: it is left over from a removed service, or its service was never created.")
                    .arg(CreateServiceDoc);
        f.fixSql = QStringLiteral("-- If it is left over and empty, drop it:\n"
                                  "SELECT COUNT(*) AS messages FROM %1;\n"
                                  "DROP QUEUE %1;\n").arg(queueName(q));
        out.append(f);
    }
    return out;
}

HealthRule rule(const char16_t *id, const QString &title, HealthSeverity severity, HealthReads reads, const QString &reference,
                HealthRule::Check check)
{
    return HealthRule::make(id, title, HealthRuleCategory::Configuration, severity, reads, reference, std::move(check));
}

} // namespace

QList<HealthRule> configurationRules()
{
    const HealthReads catalog = HealthRead::Catalog;
    return {
        rule(u"broker-disabled", QStringLiteral("Service Broker disabled in the database"), HealthSeverity::Error,
             HealthRead::DatabaseProperties, AlterDatabaseDoc, brokerDisabled),
        rule(u"broker-guid-shared", QStringLiteral("service_broker_guid shared with another database"), HealthSeverity::Warning,
             HealthRead::DatabaseProperties, AlterDatabaseDoc, guidShared),
        rule(u"target-service-without-contract", QStringLiteral("Target service without a contract"), HealthSeverity::Error,
             catalog | HealthRead::Modules | HealthRead::Sample, CreateServiceDoc, targetWithoutContract),
        rule(u"contract-unsendable-message-type", QStringLiteral("Contract message type no side may send"),
             HealthSeverity::Error, catalog, CreateContractDoc, contractUnsendable),
        rule(u"activation-procedure-missing", QStringLiteral("Activation procedure missing"), HealthSeverity::Error,
             catalog | HealthRead::DatabaseProperties, CreateQueueDoc, activationProcedure),
        rule(u"activation-execute-as-missing", QStringLiteral("Activation EXECUTE AS user missing"), HealthSeverity::Error,
             catalog | HealthRead::DatabaseProperties, CreateQueueDoc, executeAsMissing),
        rule(u"activation-off-with-procedure", QStringLiteral("Activation off on a queue with a procedure"),
             HealthSeverity::Warning, catalog, CreateQueueDoc, activationOff),
        rule(u"poison-handling-off", QStringLiteral("POISON_MESSAGE_HANDLING off"), HealthSeverity::Advice, catalog,
             PoisonDoc, poisonHandlingOff),
        rule(u"queue-retention-on", QStringLiteral("Queue with RETENTION = ON"), HealthSeverity::Warning, catalog,
             CreateQueueDoc, retentionOn),
        rule(u"service-queue-disabled", QStringLiteral("Service on a disabled queue"), HealthSeverity::Error, catalog,
             PoisonDoc, serviceQueueDisabled),
        rule(u"queue-without-service", QStringLiteral("Queue with no service"), HealthSeverity::Advice, catalog,
             CreateServiceDoc, queueWithoutService),
    };
}

} // namespace bs
