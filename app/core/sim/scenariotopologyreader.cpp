#include "core/sim/scenariotopologyreader.h"

#include "core/sim/jsonfieldreader.h"
#include "core/sim/scenarioroutereader.h"
#include "core/sim/simconstants.h"

#include <QJsonArray>
#include <QUuid>

#include <algorithm>

namespace bs::sim {

namespace {

constexpr int FirstUserId = 65536; // SQL Server numbers user broker objects from 65536 [U]
constexpr int FirstQueueObjectId = 1000000;

} // namespace

const Queue *ScenarioTopologyReader::findQueue(const BrokerCatalog &c, const QString &ref)
{
    for (const Queue &q : c.queues) {
        if (q.name == ref || q.schema + QLatin1Char('.') + q.name == ref)
            return &q;
    }
    return nullptr;
}

bool ScenarioTopologyReader::read(JsonFieldReader &r, const QJsonObject &t, BrokerCatalog &c, const QString &name,
                                  QList<RouteBehaviour> &routes)
{
    const QString path = QStringLiteral("topology");
    if (!r.keys(t, path, {QStringLiteral("server"), QStringLiteral("database"), QStringLiteral("brokerEnabled"),
                          QStringLiteral("messageTypes"), QStringLiteral("contracts"), QStringLiteral("queues"),
                          QStringLiteral("services"), QStringLiteral("routes"), QStringLiteral("remoteServiceBindings")}))
        return false;
    c.database.serverName = QStringLiteral("(simulation)");
    c.database.databaseName = name.isEmpty() ? QStringLiteral("SimulatedBroker") : name;
    if (!r.string(t, QStringLiteral("server"), path, c.database.serverName, false)
        || !r.string(t, QStringLiteral("database"), path, c.database.databaseName, false))
        return false;
    c.database.isBrokerEnabled = true;
    if (!r.boolean(t, QStringLiteral("brokerEnabled"), path, c.database.isBrokerEnabled))
        return false;
    c.database.serviceBrokerGuid = QUuid(QStringLiteral("{5b1e0000-0000-4000-8000-00000000b5b5}"));
    c.database.productVersion = QStringLiteral("simulated");

    // In dependency order: contracts name message types, services name queues and contracts.
    return readMessageTypes(r, t, path, c) && readContracts(r, t, path, c) && readQueues(r, t, path, c)
        && readServices(r, t, path, c) && ScenarioRouteReader::read(r, t, path, c, routes);
}

bool ScenarioTopologyReader::readMessageTypes(JsonFieldReader &r, const QJsonObject &t, const QString &path, BrokerCatalog &c)
{
    QJsonArray arr;
    if (!r.array(t, QStringLiteral("messageTypes"), path, arr, true))
        return false;
    for (qsizetype i = 0; i < arr.size(); ++i) {
        const QString p = JsonFieldReader::at(JsonFieldReader::join(path, QStringLiteral("messageTypes")), i);
        if (!arr.at(i).isObject())
            return r.fail(p, QStringLiteral("must be an object"));
        const QJsonObject o = arr.at(i).toObject();
        if (!r.keys(o, p, {QStringLiteral("name"), QStringLiteral("validation")}))
            return false;
        MessageType mt;
        mt.id = FirstUserId + int(i);
        if (!r.string(o, QStringLiteral("name"), p, mt.name, true))
            return false;
        if (c.messageTypes.end() != std::find_if(c.messageTypes.begin(), c.messageTypes.end(), [&](const MessageType &m) { return m.name == mt.name; }))
            return r.fail(JsonFieldReader::join(p, QStringLiteral("name")), QStringLiteral("duplicate message type \"%1\"").arg(mt.name));
        QString v = QStringLiteral("NONE");
        if (!r.choice<QString>(o, QStringLiteral("validation"), p, v,
                               {{QStringLiteral("NONE"), QStringLiteral("NONE")},
                                {QStringLiteral("EMPTY"), QStringLiteral("EMPTY")},
                                {QStringLiteral("WELL_FORMED_XML"), QStringLiteral("XML")}},
                               false))
            return false;
        mt.validationDesc = v;
        mt.validation = v == QLatin1String("XML") ? QStringLiteral("X") : v.left(1);
        mt.principalId = 1;
        c.messageTypes.append(mt);
    }
    return true;
}

bool ScenarioTopologyReader::readContracts(JsonFieldReader &r, const QJsonObject &t, const QString &path, BrokerCatalog &c)
{
    QJsonArray arr;
    if (!r.array(t, QStringLiteral("contracts"), path, arr, true))
        return false;
    for (qsizetype i = 0; i < arr.size(); ++i) {
        const QString p = JsonFieldReader::at(JsonFieldReader::join(path, QStringLiteral("contracts")), i);
        if (!arr.at(i).isObject())
            return r.fail(p, QStringLiteral("must be an object"));
        const QJsonObject o = arr.at(i).toObject();
        if (!r.keys(o, p, {QStringLiteral("name"), QStringLiteral("messages")}))
            return false;
        Contract ct;
        ct.id = FirstUserId + int(i);
        ct.principalId = 1;
        if (!r.string(o, QStringLiteral("name"), p, ct.name, true))
            return false;
        if (c.contractByName(ct.name))
            return r.fail(JsonFieldReader::join(p, QStringLiteral("name")), QStringLiteral("duplicate contract \"%1\"").arg(ct.name));
        QJsonArray msgs;
        if (!r.array(o, QStringLiteral("messages"), p, msgs, true))
            return false;
        bool initiatorCanSend = false;
        for (qsizetype j = 0; j < msgs.size(); ++j) {
            const QString mp = JsonFieldReader::at(JsonFieldReader::join(p, QStringLiteral("messages")), j);
            if (!msgs.at(j).isObject())
                return r.fail(mp, QStringLiteral("must be an object"));
            const QJsonObject m = msgs.at(j).toObject();
            if (!r.keys(m, mp, {QStringLiteral("type"), QStringLiteral("sentBy")}))
                return false;
            QString type;
            if (!r.string(m, QStringLiteral("type"), mp, type, true))
                return false;
            const auto mt = std::find_if(c.messageTypes.begin(), c.messageTypes.end(), [&](const MessageType &x) { return x.name == type; });
            if (mt == c.messageTypes.end())
                return r.fail(JsonFieldReader::join(mp, QStringLiteral("type")), QStringLiteral("unknown message type \"%1\"").arg(type));
            int sentBy = 0;
            if (!r.choice<int>(m, QStringLiteral("sentBy"), mp, sentBy,
                               {{QStringLiteral("INITIATOR"), 1}, {QStringLiteral("TARGET"), 2}, {QStringLiteral("ANY"), 3}}, true))
                return false;
            MessageUsage u;
            u.messageTypeId = mt->id;
            u.sentByInitiator = sentBy & 1;
            u.sentByTarget = sentBy & 2;
            initiatorCanSend = initiatorCanSend || u.sentByInitiator;
            ct.usages.append(u);
        }
        // CREATE CONTRACT: at least one message type must be sendable by the initiator.
        if (!initiatorCanSend)
            return r.fail(JsonFieldReader::join(p, QStringLiteral("messages")), QStringLiteral("no message type is SENT BY INITIATOR or ANY"));
        c.contracts.append(ct);
    }
    return true;
}

bool ScenarioTopologyReader::readQueues(JsonFieldReader &r, const QJsonObject &t, const QString &path, BrokerCatalog &c)
{
    QJsonArray arr;
    if (!r.array(t, QStringLiteral("queues"), path, arr, true))
        return false;
    for (qsizetype i = 0; i < arr.size(); ++i) {
        const QString p = JsonFieldReader::at(JsonFieldReader::join(path, QStringLiteral("queues")), i);
        if (!arr.at(i).isObject())
            return r.fail(p, QStringLiteral("must be an object"));
        const QJsonObject o = arr.at(i).toObject();
        if (!r.keys(o, p, {QStringLiteral("name"), QStringLiteral("schema"), QStringLiteral("status"), QStringLiteral("retention"),
                           QStringLiteral("poisonMessageHandling"), QStringLiteral("activation")}))
            return false;
        Queue q;
        q.objectId = FirstQueueObjectId + int(i) * 16;
        q.schema = QStringLiteral("dbo");
        if (!r.string(o, QStringLiteral("name"), p, q.name, true) || !r.string(o, QStringLiteral("schema"), p, q.schema, false))
            return false;
        if (c.queueByName(q.schema, q.name))
            return r.fail(JsonFieldReader::join(p, QStringLiteral("name")), QStringLiteral("duplicate queue \"%1.%2\"").arg(q.schema, q.name));
        bool status = true;
        if (!r.boolean(o, QStringLiteral("status"), p, status) || !r.boolean(o, QStringLiteral("retention"), p, q.isRetentionEnabled)
            || !r.boolean(o, QStringLiteral("poisonMessageHandling"), p, q.isPoisonMessageHandlingEnabled))
            return false;
        q.isReceiveEnabled = status;
        q.isEnqueueEnabled = status;
        QJsonObject a;
        if (!r.object(o, QStringLiteral("activation"), p, a, false))
            return false;
        if (!a.isEmpty()) {
            const QString ap = JsonFieldReader::join(p, QStringLiteral("activation"));
            if (!r.keys(a, ap, {QStringLiteral("status"), QStringLiteral("procedure"), QStringLiteral("maxReaders"), QStringLiteral("executeAs")}))
                return false;
            q.isActivationEnabled = true;
            q.maxReaders = 1;
            QString executeAs = QStringLiteral("OWNER");
            if (!r.boolean(a, QStringLiteral("status"), ap, q.isActivationEnabled)
                || !r.string(a, QStringLiteral("procedure"), ap, q.activationProcedure, true)
                || !r.integer(a, QStringLiteral("maxReaders"), ap, q.maxReaders, 0, MaxQueueReadersLimit, false)
                || !r.string(a, QStringLiteral("executeAs"), ap, executeAs, false))
                return false;
            if (executeAs == QLatin1String("OWNER"))
                q.executeAsPrincipalId = -2;
            else if (executeAs != QLatin1String("CALLER"))
                q.executeAsPrincipalId = 1;
            q.executeAsName = executeAs;
        }
        q.createDate = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
        q.modifyDate = q.createDate;
        c.queues.append(q);
    }
    return true;
}

bool ScenarioTopologyReader::readServices(JsonFieldReader &r, const QJsonObject &t, const QString &path, BrokerCatalog &c)
{
    QJsonArray arr;
    if (!r.array(t, QStringLiteral("services"), path, arr, true))
        return false;
    for (qsizetype i = 0; i < arr.size(); ++i) {
        const QString p = JsonFieldReader::at(JsonFieldReader::join(path, QStringLiteral("services")), i);
        if (!arr.at(i).isObject())
            return r.fail(p, QStringLiteral("must be an object"));
        const QJsonObject o = arr.at(i).toObject();
        if (!r.keys(o, p, {QStringLiteral("name"), QStringLiteral("queue"), QStringLiteral("contracts")}))
            return false;
        Service s;
        s.id = FirstUserId + int(i);
        s.principalId = 1;
        QString queue;
        if (!r.string(o, QStringLiteral("name"), p, s.name, true) || !r.string(o, QStringLiteral("queue"), p, queue, true))
            return false;
        if (c.serviceByName(s.name))
            return r.fail(JsonFieldReader::join(p, QStringLiteral("name")), QStringLiteral("duplicate service \"%1\"").arg(s.name));
        const Queue *q = findQueue(c, queue);
        if (!q)
            return r.fail(JsonFieldReader::join(p, QStringLiteral("queue")), QStringLiteral("unknown queue \"%1\"").arg(queue));
        s.queueId = q->objectId;
        QJsonArray cts;
        if (!r.array(o, QStringLiteral("contracts"), p, cts, false))
            return false;
        for (qsizetype j = 0; j < cts.size(); ++j) {
            const QString cp = JsonFieldReader::at(JsonFieldReader::join(p, QStringLiteral("contracts")), j);
            const Contract *ct = cts.at(j).isString() ? c.contractByName(cts.at(j).toString()) : nullptr;
            if (!ct)
                return r.fail(cp, QStringLiteral("unknown contract \"%1\"").arg(cts.at(j).toString()));
            s.contractIds.append(ct->id);
        }
        c.services.append(s);
    }
    return true;
}

} // namespace bs::sim
