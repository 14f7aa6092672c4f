#include "core/design/brokerdesign.h"

#include "core/samplecatalog.h"
#include "core/sqlquote.h"

#include <algorithm>

namespace bs {

QString messageValidationKeyword(MessageValidation v)
{
    switch (v) {
    case MessageValidation::None: return QStringLiteral("NONE");
    case MessageValidation::Empty: return QStringLiteral("EMPTY");
    case MessageValidation::WellFormedXml: return QStringLiteral("WELL_FORMED_XML");
    case MessageValidation::ValidXml: return QStringLiteral("VALID_XML");
    }
    return {};
}

std::optional<MessageValidation> messageValidationFromKeyword(const QString &keyword)
{
    for (MessageValidation v : {MessageValidation::None, MessageValidation::Empty, MessageValidation::WellFormedXml,
                                MessageValidation::ValidXml}) {
        if (keyword.compare(messageValidationKeyword(v), Qt::CaseInsensitive) == 0)
            return v;
    }
    return std::nullopt;
}

QString sentByKeyword(SentBy s)
{
    switch (s) {
    case SentBy::Initiator: return QStringLiteral("INITIATOR");
    case SentBy::Target: return QStringLiteral("TARGET");
    case SentBy::Any: return QStringLiteral("ANY");
    }
    return {};
}

std::optional<SentBy> sentByFromKeyword(const QString &keyword)
{
    for (SentBy s : {SentBy::Initiator, SentBy::Target, SentBy::Any}) {
        if (keyword.compare(sentByKeyword(s), Qt::CaseInsensitive) == 0)
            return s;
    }
    return std::nullopt;
}

QString DesignQueue::qualifiedName() const
{
    return quoteIdentifier(schema) + QLatin1Char('.') + quoteIdentifier(name);
}

QString DesignRef::display() const
{
    switch (kind) {
    case ObjectKind::MessageType: return QStringLiteral("message type ") + quoteIdentifier(name);
    case ObjectKind::Contract: return QStringLiteral("contract ") + quoteIdentifier(name);
    case ObjectKind::Queue: return QStringLiteral("queue ") + quoteIdentifier(schema) + QLatin1Char('.') + quoteIdentifier(name);
    case ObjectKind::Service: return QStringLiteral("service ") + quoteIdentifier(name);
    case ObjectKind::Route: return QStringLiteral("route ") + quoteIdentifier(name);
    case ObjectKind::RemoteServiceBinding: return QStringLiteral("remote service binding ") + quoteIdentifier(name);
    default: return name;
    }
}

QStringList splitMultipartName(const QString &name)
{
    QStringList parts;
    QString current;
    int i = 0;
    const int n = int(name.size());
    while (i < n) {
        const QChar c = name.at(i);
        if (c == QLatin1Char('[') || c == QLatin1Char('"')) {
            const QChar close = c == QLatin1Char('[') ? QLatin1Char(']') : QLatin1Char('"');
            ++i;
            bool closed = false;
            while (i < n) {
                if (name.at(i) == close) {
                    if (i + 1 < n && name.at(i + 1) == close) {
                        current += close;
                        i += 2;
                        continue;
                    }
                    closed = true;
                    ++i;
                    break;
                }
                current += name.at(i++);
            }
            if (!closed || (i < n && name.at(i) != QLatin1Char('.')))
                return {name};
        } else if (c == QLatin1Char('.')) {
            parts.append(current);
            current.clear();
            ++i;
            continue;
        } else {
            while (i < n && name.at(i) != QLatin1Char('.'))
                current += name.at(i++);
            continue;
        }
        if (i < n && name.at(i) == QLatin1Char('.')) {
            parts.append(current);
            current.clear();
            ++i;
        }
    }
    parts.append(current);
    if (parts.size() > 4)
        return {name};
    return parts;
}

QString quoteMultipartName(const QString &name)
{
    QStringList quoted;
    for (const QString &part : splitMultipartName(name))
        quoted.append(quoteIdentifier(part));
    return quoted.join(QLatin1Char('.'));
}

QString procedureKey(const QString &name)
{
    QStringList parts = splitMultipartName(name);
    while (parts.size() > 2)
        parts.removeFirst();
    if (parts.size() == 1)
        parts.prepend(QStringLiteral("dbo"));
    return quoteIdentifier(parts.at(0)) + QLatin1Char('.') + quoteIdentifier(parts.at(1));
}

bool isBuiltInBrokerName(const QString &name)
{
    return isSystemObjectName(name);
}

namespace {

template<typename T>
T *findByName(QList<T> &list, const QString &name)
{
    for (T &item : list) {
        if (item.name == name)
            return &item;
    }
    return nullptr;
}

template<typename T>
const T *findByName(const QList<T> &list, const QString &name)
{
    for (const T &item : list) {
        if (item.name == name)
            return &item;
    }
    return nullptr;
}

template<typename T>
void sortByName(QList<T> &list)
{
    std::stable_sort(list.begin(), list.end(), [](const T &a, const T &b) { return a.name < b.name; });
}

} // namespace

DesignMessageType *BrokerDesign::messageType(const QString &name) { return findByName(messageTypes, name); }
const DesignMessageType *BrokerDesign::messageType(const QString &name) const { return findByName(messageTypes, name); }
DesignContract *BrokerDesign::contract(const QString &name) { return findByName(contracts, name); }
const DesignContract *BrokerDesign::contract(const QString &name) const { return findByName(contracts, name); }
DesignService *BrokerDesign::service(const QString &name) { return findByName(services, name); }
const DesignService *BrokerDesign::service(const QString &name) const { return findByName(services, name); }
DesignRoute *BrokerDesign::route(const QString &name) { return findByName(routes, name); }
const DesignRoute *BrokerDesign::route(const QString &name) const { return findByName(routes, name); }
DesignBinding *BrokerDesign::binding(const QString &name) { return findByName(bindings, name); }
const DesignBinding *BrokerDesign::binding(const QString &name) const { return findByName(bindings, name); }

DesignQueue *BrokerDesign::queue(const QString &schema, const QString &name)
{
    for (DesignQueue &q : queues) {
        if (q.name == name && q.schema == schema)
            return &q;
    }
    return nullptr;
}

const DesignQueue *BrokerDesign::queue(const QString &schema, const QString &name) const
{
    return const_cast<BrokerDesign *>(this)->queue(schema, name);
}

bool BrokerDesign::contains(const DesignRef &ref) const
{
    switch (ref.kind) {
    case ObjectKind::MessageType: return messageType(ref.name);
    case ObjectKind::Contract: return contract(ref.name);
    case ObjectKind::Queue: return queue(ref.schema, ref.name);
    case ObjectKind::Service: return service(ref.name);
    case ObjectKind::Route: return route(ref.name);
    case ObjectKind::RemoteServiceBinding: return binding(ref.name);
    default: return false;
    }
}

QList<DesignRef> BrokerDesign::objects() const
{
    QList<DesignRef> out;
    out.reserve(objectCount());
    for (const auto &m : messageTypes)
        out.append({ObjectKind::MessageType, m.name, {}});
    for (const auto &c : contracts)
        out.append({ObjectKind::Contract, c.name, {}});
    for (const auto &q : queues)
        out.append({ObjectKind::Queue, q.name, q.schema});
    for (const auto &s : services)
        out.append({ObjectKind::Service, s.name, {}});
    for (const auto &r : routes)
        out.append({ObjectKind::Route, r.name, {}});
    for (const auto &b : bindings)
        out.append({ObjectKind::RemoteServiceBinding, b.name, {}});
    return out;
}

int BrokerDesign::objectCount() const
{
    return int(messageTypes.size() + contracts.size() + queues.size() + services.size() + routes.size() + bindings.size());
}

void BrokerDesign::sort()
{
    sortByName(messageTypes);
    sortByName(contracts);
    std::stable_sort(queues.begin(), queues.end(), [](const DesignQueue &a, const DesignQueue &b) {
        return std::tie(a.schema, a.name) < std::tie(b.schema, b.name);
    });
    sortByName(services);
    for (DesignService &s : services)
        s.contracts.sort(); // the order of a service's contracts means nothing to SQL Server
    sortByName(routes);
    sortByName(bindings);
}

BrokerDesign BrokerDesign::fromCatalog(const BrokerCatalog &catalog)
{
    BrokerDesign d;
    d.databaseName = catalog.database.databaseName;
    for (const MessageType &m : catalog.messageTypes) {
        if (isBuiltInBrokerName(m.name))
            continue;
        DesignMessageType dm;
        dm.name = m.name;
        if (m.validation == QLatin1String("E"))
            dm.validation = MessageValidation::Empty;
        else if (m.validation == QLatin1String("X"))
            dm.validation = m.xmlCollectionId ? MessageValidation::ValidXml : MessageValidation::WellFormedXml;
        // sys.service_message_types has xml_collection_id, not the collection's name: the design
        // keeps VALID_XML and the validator asks for the name.
        d.messageTypes.append(dm);
    }
    for (const Contract &c : catalog.contracts) {
        if (isBuiltInBrokerName(c.name))
            continue;
        DesignContract dc;
        dc.name = c.name;
        for (const MessageUsage &u : c.usages) {
            const MessageType *m = catalog.messageType(u.messageTypeId);
            if (!m)
                continue;
            const SentBy s = u.sentByInitiator && u.sentByTarget ? SentBy::Any
                             : u.sentByTarget                   ? SentBy::Target
                                                                : SentBy::Initiator;
            dc.usages.append({m->name, s});
        }
        d.contracts.append(dc);
    }
    for (const Queue &q : catalog.queues) {
        if (q.isMsShipped)
            continue;
        DesignQueue dq;
        dq.schema = q.schema;
        dq.name = q.name;
        // STATUS = OFF clears both flags; a queue disabled by poison message handling has only
        // is_receive_enabled = 0 (sys.service_queues page), which the design also shows as OFF.
        dq.status = q.isReceiveEnabled && q.isEnqueueEnabled;
        dq.retention = q.isRetentionEnabled;
        dq.poisonMessageHandling = q.isPoisonMessageHandlingEnabled;
        if (q.hasActivation()) {
            DesignActivation a;
            a.status = q.isActivationEnabled;
            // sys.service_queues stores a three-part name; a design names the procedure in its own
            // database, so the script also runs in a database restored under another name.
            QStringList parts = splitMultipartName(q.activationProcedure);
            if (parts.size() == 3 && parts.first() == catalog.database.databaseName)
                parts.removeFirst();
            QStringList quoted;
            for (const QString &p : parts)
                quoted.append(quoteIdentifier(p));
            a.procedure = quoted.join(QLatin1Char('.'));
            a.maxQueueReaders = q.maxReaders;
            if (q.executeAsPrincipalId && *q.executeAsPrincipalId == -2) {
                a.executeAs = ExecuteAs::Owner;
            } else if (q.executeAsPrincipalId && !q.executeAsName.isEmpty()) {
                a.executeAs = ExecuteAs::User;
                a.executeAsUser = q.executeAsName;
            } else {
                // NULL (the default) or an id without a name: SELF is what CREATE QUEUE can say.
                a.executeAs = ExecuteAs::Self;
            }
            dq.activation = a;
        }
        d.queues.append(dq);
    }
    for (const Service &s : catalog.services) {
        const Queue *q = catalog.queue(s.queueId);
        if (isBuiltInBrokerName(s.name) || (q && q->isMsShipped))
            continue;
        DesignService ds;
        ds.name = s.name;
        if (q) {
            ds.queueSchema = q->schema;
            ds.queueName = q->name;
        }
        for (int id : s.contractIds) {
            if (const Contract *c = catalog.contract(id))
                ds.contracts.append(c->name);
        }
        d.services.append(ds);
    }
    for (const Route &r : catalog.routes) {
        // Every database has AutoCreatedLocal (ADDRESS = 'LOCAL'), which SQL Server creates itself.
        if (r.name == QLatin1String("AutoCreatedLocal"))
            continue;
        DesignRoute dr;
        dr.name = r.name;
        dr.serviceName = r.remoteServiceName;
        dr.brokerInstance = r.brokerInstance;
        dr.expires = r.lifetime;
        dr.address = r.address;
        dr.mirrorAddress = r.mirrorAddress;
        d.routes.append(dr);
    }
    for (const RemoteServiceBinding &b : catalog.remoteServiceBindings) {
        DesignBinding db;
        db.name = b.name;
        db.serviceName = b.remoteServiceName;
        db.anonymous = b.isAnonymous;
        d.bindings.append(db);
    }
    return d;
}

BrokerCatalog BrokerDesign::toCatalog(QHash<ObjectRef, DesignRef> *ids) const
{
    BrokerCatalog c;
    c.database.databaseName = databaseName;
    c.database.isBrokerEnabled = true;
    QHash<QString, int> messageIds;
    QHash<QString, int> contractIds;
    QHash<QPair<QString, QString>, int> queueIds;
    // Every database has the DEFAULT message type and the DEFAULT contract (DEFAULT SENT BY ANY);
    // designs name them without holding them.
    c.messageTypes.append({14, QStringLiteral("DEFAULT"), 1, QStringLiteral("N"), QStringLiteral("NONE"), {}});
    c.contracts.append({6, QStringLiteral("DEFAULT"), 1, {{14, true, true}}});
    messageIds.insert(QStringLiteral("DEFAULT"), 14);
    contractIds.insert(QStringLiteral("DEFAULT"), 6);
    int next = 65536;
    auto note = [&](ObjectKind kind, int id, const QString &name, const QString &schema = {}) {
        if (ids)
            ids->insert({kind, id}, {kind, name, schema});
    };
    for (const DesignMessageType &m : messageTypes) {
        MessageType mt;
        mt.id = next++;
        mt.name = m.name;
        mt.validation = m.validation == MessageValidation::None    ? QStringLiteral("N")
                        : m.validation == MessageValidation::Empty ? QStringLiteral("E")
                                                                   : QStringLiteral("X");
        mt.validationDesc = m.validation == MessageValidation::None    ? QStringLiteral("NONE")
                            : m.validation == MessageValidation::Empty ? QStringLiteral("EMPTY")
                                                                       : QStringLiteral("XML");
        messageIds.insert(m.name, mt.id);
        note(ObjectKind::MessageType, mt.id, m.name);
        c.messageTypes.append(mt);
    }
    for (const DesignContract &dc : contracts) {
        Contract ct;
        ct.id = next++;
        ct.name = dc.name;
        for (const DesignUsage &u : dc.usages) {
            MessageUsage mu;
            mu.messageTypeId = messageIds.value(u.messageType);
            mu.sentByInitiator = u.sentBy != SentBy::Target;
            mu.sentByTarget = u.sentBy != SentBy::Initiator;
            ct.usages.append(mu);
        }
        contractIds.insert(dc.name, ct.id);
        note(ObjectKind::Contract, ct.id, dc.name);
        c.contracts.append(ct);
    }
    for (const DesignQueue &dq : queues) {
        Queue q;
        q.objectId = next++;
        q.schema = dq.schema;
        q.name = dq.name;
        q.isReceiveEnabled = dq.status;
        q.isEnqueueEnabled = dq.status;
        q.isRetentionEnabled = dq.retention;
        q.isPoisonMessageHandlingEnabled = dq.poisonMessageHandling;
        if (dq.activation) {
            q.isActivationEnabled = dq.activation->status;
            q.activationProcedure = dq.activation->procedure;
            q.maxReaders = dq.activation->maxQueueReaders;
            if (dq.activation->executeAs == ExecuteAs::Owner) {
                q.executeAsPrincipalId = -2;
            } else {
                q.executeAsPrincipalId = 1;
                q.executeAsName = dq.activation->executeAs == ExecuteAs::User ? dq.activation->executeAsUser
                                                                               : QStringLiteral("SELF");
            }
        }
        queueIds.insert({dq.schema, dq.name}, q.objectId);
        note(ObjectKind::Queue, q.objectId, dq.name, dq.schema);
        c.queues.append(q);
    }
    for (const DesignService &ds : services) {
        Service s;
        s.id = next++;
        s.name = ds.name;
        s.queueId = queueIds.value({ds.queueSchema, ds.queueName});
        for (const QString &name : ds.contracts) {
            if (const int id = contractIds.value(name))
                s.contractIds.append(id);
        }
        note(ObjectKind::Service, s.id, ds.name);
        c.services.append(s);
    }
    for (const DesignRoute &dr : routes) {
        Route r;
        r.id = next++;
        r.name = dr.name;
        r.remoteServiceName = dr.serviceName;
        r.brokerInstance = dr.brokerInstance;
        r.lifetime = dr.expires;
        r.address = dr.address;
        r.mirrorAddress = dr.mirrorAddress;
        note(ObjectKind::Route, r.id, dr.name);
        c.routes.append(r);
    }
    for (const DesignBinding &db : bindings) {
        RemoteServiceBinding b;
        b.id = next++;
        b.name = db.name;
        b.remoteServiceName = db.serviceName;
        b.isAnonymous = db.anonymous;
        note(ObjectKind::RemoteServiceBinding, b.id, db.name);
        c.remoteServiceBindings.append(b);
    }
    return c;
}

} // namespace bs
