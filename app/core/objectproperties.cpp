#include "core/objectproperties.h"

#include "core/sqlquote.h"

#include <QLocale>

namespace bs {

namespace {

QString yesNo(bool b)
{
    return b ? QStringLiteral("yes") : QStringLiteral("no");
}

QString optText(const std::optional<int> &v)
{
    return v ? QString::number(*v) : QStringLiteral("NULL");
}

// sys.routes documents lifetime as UTC.
QString timeText(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")) : QStringLiteral("—");
}

// sys.objects documents create_date and modify_date as plain datetime with no time zone
// (learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-objects-transact-sql):
// they are the server's wall clock, not UTC. The catalog keeps that wall-clock value in a
// QDateTime marked UTC (CatalogAssembler), so it is printed unconverted and labelled as server time.
QString serverTimeText(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss '(server time)'")) : QStringLiteral("—");
}

QString serverTimeHelp(const QString &what)
{
    return QStringLiteral("%1, as the server's clock recorded it (sys.objects gives a datetime without time zone: "
                          "the server's local time, not UTC).")
        .arg(what);
}

QString validationText(const MessageType &m)
{
    const QString v = m.validation.trimmed();
    if (v == QLatin1String("N"))
        return QStringLiteral("NONE — any body, not checked");
    if (v == QLatin1String("E"))
        return QStringLiteral("EMPTY — the body must be empty");
    if (v == QLatin1String("X"))
        return m.xmlCollectionId ? QStringLiteral("VALID_XML WITH SCHEMA COLLECTION — checked against a schema")
                                 : QStringLiteral("WELL_FORMED_XML — the body must be well-formed XML");
    return m.validationDesc.isEmpty() ? v : m.validationDesc;
}

void add(QList<ObjectProperty> &out, const QString &group, const QString &name, const QString &value,
         const QString &help = {})
{
    out.append({group, name, value, help});
}

} // namespace

QString objectKindName(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::None:
        return {};
    case ObjectKind::Database:
        return QStringLiteral("Database");
    case ObjectKind::MessageType:
        return QStringLiteral("Message type");
    case ObjectKind::Contract:
        return QStringLiteral("Contract");
    case ObjectKind::Queue:
        return QStringLiteral("Queue");
    case ObjectKind::Service:
        return QStringLiteral("Service");
    case ObjectKind::Route:
        return QStringLiteral("Route");
    case ObjectKind::RemoteServiceBinding:
        return QStringLiteral("Remote service binding");
    case ObjectKind::ActivationProcedure:
        return QStringLiteral("Activation procedure");
    }
    return {};
}

QString objectDisplayName(const BrokerCatalog &c, const ObjectRef &ref)
{
    switch (ref.kind) {
    case ObjectKind::Database:
        return c.database.databaseName;
    case ObjectKind::MessageType:
        if (const MessageType *m = c.messageType(ref.id))
            return m->name;
        break;
    case ObjectKind::Contract:
        if (const Contract *k = c.contract(ref.id))
            return k->name;
        break;
    case ObjectKind::Queue:
        if (const Queue *q = c.queue(ref.id))
            return q->qualifiedName();
        break;
    case ObjectKind::ActivationProcedure:
        if (const Queue *q = c.queue(ref.id))
            return q->activationProcedure;
        break;
    case ObjectKind::Service:
        if (const Service *s = c.service(ref.id))
            return s->name;
        break;
    case ObjectKind::Route:
        for (const Route &r : c.routes) {
            if (r.id == ref.id)
                return r.name;
        }
        break;
    case ObjectKind::RemoteServiceBinding:
        for (const RemoteServiceBinding &b : c.remoteServiceBindings) {
            if (b.id == ref.id)
                return b.name;
        }
        break;
    case ObjectKind::None:
        break;
    }
    return {};
}

QString activationInWords(const Queue &q)
{
    if (!q.hasActivation())
        return QStringLiteral("No internal activation: messages wait until a program or job issues RECEIVE.");
    const QString readers = q.maxReaders == 1 ? QStringLiteral("one reader")
                                              : QStringLiteral("up to %1 readers").arg(q.maxReaders);
    QString text = QStringLiteral("When messages arrive, SQL Server starts %1 running %2 as %3, adding at most "
                                  "one more about every 5 seconds while the queue is not drained.")
                       .arg(readers, q.activationProcedure, q.executeAsText());
    if (!q.isActivationEnabled)
        text = QStringLiteral("Activation is switched OFF: nothing starts %1 until ALTER QUEUE … WITH ACTIVATION "
                              "(STATUS = ON). ")
                   .arg(q.activationProcedure)
               + QStringLiteral("When on: ") + text;
    if (q.maxReaders == 0)
        text += QStringLiteral(" MAX_QUEUE_READERS is 0, so no reader will ever start.");
    if (!q.isReceiveEnabled)
        text += QStringLiteral(" The queue is DISABLED (receive off), usually after five rollbacks in a row "
                               "(a poison message): no reader can RECEIVE until ALTER QUEUE … WITH STATUS = ON.");
    return text;
}

QList<ObjectProperty> objectProperties(const BrokerCatalog &c, const ObjectRef &ref)
{
    QList<ObjectProperty> out;
    const QString general = QStringLiteral("General");
    switch (ref.kind) {
    case ObjectKind::Database: {
        const DatabaseBrokerInfo &d = c.database;
        add(out, general, QStringLiteral("server"), d.serverName);
        add(out, general, QStringLiteral("name"), d.databaseName);
        add(out, general, QStringLiteral("product_version"), d.productVersion);
        add(out, QStringLiteral("Broker"), QStringLiteral("is_broker_enabled"), yesNo(d.isBrokerEnabled),
            QStringLiteral("When off, nothing leaves sys.transmission_queue and nothing enters a queue. "
                           "Restored or attached databases come up with the broker disabled."));
        add(out, QStringLiteral("Broker"), QStringLiteral("service_broker_guid"),
            d.serviceBrokerGuid.toString(QUuid::WithoutBraces),
            QStringLiteral("Identifies this database's broker; routes name it as BROKER_INSTANCE."));
        add(out, QStringLiteral("Broker"), QStringLiteral("is_honor_broker_priority_on"),
            yesNo(d.isHonorBrokerPriorityOn),
            QStringLiteral("When on, SEND honours conversation priorities; RECEIVE always does."));
        break;
    }
    case ObjectKind::MessageType:
        if (const MessageType *m = c.messageType(ref.id)) {
            add(out, general, QStringLiteral("name"), m->name);
            add(out, general, QStringLiteral("message_type_id"), QString::number(m->id));
            add(out, general, QStringLiteral("principal_id"), optText(m->principalId));
            add(out, general, QStringLiteral("validation"), validationText(*m),
                QStringLiteral("How the broker checks a message body on arrival; a failure becomes an Error "
                               "message on the conversation."));
            add(out, general, QStringLiteral("xml_collection_id"), optText(m->xmlCollectionId));
            for (const Contract &k : c.contracts) {
                for (const MessageUsage &u : k.usages) {
                    if (u.messageTypeId == m->id)
                        add(out, QStringLiteral("Used by contracts"), k.name, QStringLiteral("SENT BY ") + u.sentByText());
                }
            }
        }
        break;
    case ObjectKind::Contract:
        if (const Contract *k = c.contract(ref.id)) {
            add(out, general, QStringLiteral("name"), k->name);
            add(out, general, QStringLiteral("service_contract_id"), QString::number(k->id));
            add(out, general, QStringLiteral("principal_id"), optText(k->principalId));
            for (const MessageUsage &u : k->usages) {
                const MessageType *m = c.messageType(u.messageTypeId);
                add(out, QStringLiteral("Message types"),
                    m ? m->name : QStringLiteral("#%1").arg(u.messageTypeId), QStringLiteral("SENT BY ") + u.sentByText(),
                    QStringLiteral("Which side of a conversation may send this message type."));
            }
            for (const Service &s : c.services) {
                if (s.contractIds.contains(k->id))
                    add(out, QStringLiteral("Accepted by services"), s.name, QString());
            }
        }
        break;
    case ObjectKind::Queue:
    case ObjectKind::ActivationProcedure:
        if (const Queue *q = c.queue(ref.id)) {
            add(out, general, QStringLiteral("name"), q->qualifiedName());
            add(out, general, QStringLiteral("object_id"), QString::number(q->objectId));
            add(out, general, QStringLiteral("create_date"), serverTimeText(q->createDate),
                serverTimeHelp(QStringLiteral("When the queue was created")));
            add(out, general, QStringLiteral("modify_date"), serverTimeText(q->modifyDate),
                serverTimeHelp(QStringLiteral("When the queue was last changed with ALTER QUEUE")));
            const QString act = QStringLiteral("Activation");
            add(out, act, QStringLiteral("in words"), activationInWords(*q));
            add(out, act, QStringLiteral("is_activation_enabled"), yesNo(q->isActivationEnabled),
                QStringLiteral("Whether the queue monitor starts the activation procedure when messages wait."));
            add(out, act, QStringLiteral("activation_procedure"),
                q->activationProcedure.isEmpty() ? QStringLiteral("NULL") : q->activationProcedure,
                QStringLiteral("The stored procedure the broker starts to RECEIVE from this queue."));
            add(out, act, QStringLiteral("max_readers"), QString::number(q->maxReaders),
                QStringLiteral("MAX_QUEUE_READERS: the most activated procedures running at once. One "
                               "conversation group is received by one reader at a time, so more readers "
                               "help only with more conversations."));
            add(out, act, QStringLiteral("execute_as_principal_id"), optText(q->executeAsPrincipalId) + QStringLiteral(" (") + q->executeAsText() + QLatin1Char(')'),
                QStringLiteral("EXECUTE AS for the activated procedure: NULL = CALLER, -2 = OWNER, otherwise SELF or a user."));
            const QString flags = QStringLiteral("Status");
            add(out, flags, QStringLiteral("is_receive_enabled"), yesNo(q->isReceiveEnabled),
                QStringLiteral("Off when the queue is disabled (STATUS = OFF), e.g. by five rollbacks in a row: "
                               "a poison message."));
            add(out, flags, QStringLiteral("is_enqueue_enabled"), yesNo(q->isEnqueueEnabled),
                QStringLiteral("Off: senders' messages wait in sys.transmission_queue."));
            add(out, flags, QStringLiteral("is_retention_enabled"), yesNo(q->isRetentionEnabled),
                QStringLiteral("RETENTION keeps received messages in the queue until the conversation ends."));
            add(out, flags, QStringLiteral("is_poison_message_handling_enabled"),
                yesNo(q->isPoisonMessageHandlingEnabled),
                QStringLiteral("POISON_MESSAGE_HANDLING: when on, five rollbacks of a RECEIVE disable the queue."));
            for (const Service *s : c.servicesOnQueue(q->objectId))
                add(out, QStringLiteral("Services on this queue"), s->name, QString());
        }
        break;
    case ObjectKind::Service:
        if (const Service *s = c.service(ref.id)) {
            add(out, general, QStringLiteral("name"), s->name,
                QStringLiteral("Service names are compared byte by byte (case-sensitive) by BEGIN DIALOG."));
            add(out, general, QStringLiteral("service_id"), QString::number(s->id));
            add(out, general, QStringLiteral("principal_id"), optText(s->principalId));
            const Queue *q = c.queue(s->queueId);
            add(out, general, QStringLiteral("service_queue_id"),
                QString::number(s->queueId) + (q ? QStringLiteral(" (") + q->qualifiedName() + QLatin1Char(')') : QString()));
            if (s->contractIds.isEmpty())
                add(out, QStringLiteral("Contracts"), QStringLiteral("(none)"),
                    QStringLiteral("initiator only: it can begin dialogs but not be their target"));
            for (int id : s->contractIds) {
                const Contract *k = c.contract(id);
                add(out, QStringLiteral("Contracts"), k ? k->name : QStringLiteral("#%1").arg(id), QStringLiteral("accepted"));
            }
        }
        break;
    case ObjectKind::Route:
        for (const Route &r : c.routes) {
            if (r.id != ref.id)
                continue;
            add(out, general, QStringLiteral("name"), r.name);
            add(out, general, QStringLiteral("route_id"), QString::number(r.id));
            add(out, general, QStringLiteral("remote_service_name"),
                r.remoteServiceName.isEmpty() ? QStringLiteral("NULL (any service)") : r.remoteServiceName);
            add(out, general, QStringLiteral("broker_instance"),
                r.brokerInstance.isEmpty() ? QStringLiteral("NULL (any broker)") : r.brokerInstance);
            add(out, general, QStringLiteral("address"), r.address,
                QStringLiteral("TCP://host:port of the remote broker endpoint, LOCAL, or TRANSPORT."));
            add(out, general, QStringLiteral("mirror_address"), r.mirrorAddress.isEmpty() ? QStringLiteral("NULL") : r.mirrorAddress);
            add(out, general, QStringLiteral("lifetime"), r.lifetime ? timeText(*r.lifetime) : QStringLiteral("NULL (never expires)"));
        }
        break;
    case ObjectKind::RemoteServiceBinding:
        for (const RemoteServiceBinding &b : c.remoteServiceBindings) {
            if (b.id != ref.id)
                continue;
            add(out, general, QStringLiteral("name"), b.name);
            add(out, general, QStringLiteral("remote_service_binding_id"), QString::number(b.id));
            add(out, general, QStringLiteral("remote_service_name"), b.remoteServiceName);
            const Contract *k = c.contract(b.contractId);
            add(out, general, QStringLiteral("service_contract_id"),
                b.contractId == 0 ? QStringLiteral("0 (any contract)") : (k ? k->name : QString::number(b.contractId)));
            add(out, general, QStringLiteral("remote_principal_id"), optText(b.remotePrincipalId));
            add(out, general, QStringLiteral("is_anonymous_on"), yesNo(b.isAnonymous),
                QStringLiteral("ANONYMOUS = ON: the remote service sees the connection as public."));
        }
        break;
    case ObjectKind::None:
        break;
    }
    return out;
}

} // namespace bs
