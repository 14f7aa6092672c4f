#include "core/catalogjson.h"

#include <QJsonArray>
#include <QTextStream>

namespace bs {

namespace {

QJsonValue optInt(const std::optional<int> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

std::optional<int> readOptInt(const QJsonValue &v)
{
    if (v.isNull() || v.isUndefined())
        return std::nullopt;
    return v.toInt();
}

QString isoUtc(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime readTime(const QJsonValue &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs).toUTC();
}

/// Reads the array `key`, calling read(object) for each element; reports the index of a bad one.
template<typename T, typename Read>
bool readArray(const QJsonObject &json, const char *key, QList<T> &out, QString *error, Read read)
{
    const QJsonValue v = json.value(QLatin1String(key));
    if (v.isUndefined())
        return true;
    if (!v.isArray()) {
        if (error)
            *error = QStringLiteral("\"%1\" must be an array").arg(QLatin1String(key));
        return false;
    }
    const QJsonArray arr = v.toArray();
    for (qsizetype i = 0; i < arr.size(); ++i) {
        if (!arr.at(i).isObject()) {
            if (error)
                *error = QStringLiteral("\"%1\"[%2] must be an object").arg(QLatin1String(key)).arg(i);
            return false;
        }
        const QJsonObject o = arr.at(i).toObject();
        if (!o.value(QLatin1String("name")).isString()) {
            if (error)
                *error = QStringLiteral("\"%1\"[%2].name must be a string").arg(QLatin1String(key)).arg(i);
            return false;
        }
        out.append(read(o));
    }
    return true;
}

} // namespace

QJsonObject catalogToJson(const BrokerCatalog &c)
{
    QJsonObject db{
        {QStringLiteral("server"), c.database.serverName},
        {QStringLiteral("name"), c.database.databaseName},
        {QStringLiteral("is_broker_enabled"), c.database.isBrokerEnabled},
        {QStringLiteral("service_broker_guid"), c.database.serviceBrokerGuid.toString(QUuid::WithoutBraces)},
        {QStringLiteral("is_honor_broker_priority_on"), c.database.isHonorBrokerPriorityOn},
        {QStringLiteral("product_version"), c.database.productVersion},
    };
    QJsonArray mts;
    for (const MessageType &m : c.messageTypes) {
        mts.append(QJsonObject{{QStringLiteral("message_type_id"), m.id},
                               {QStringLiteral("name"), m.name},
                               {QStringLiteral("principal_id"), optInt(m.principalId)},
                               {QStringLiteral("validation"), m.validation},
                               {QStringLiteral("validation_desc"), m.validationDesc},
                               {QStringLiteral("xml_collection_id"), optInt(m.xmlCollectionId)}});
    }
    QJsonArray contracts;
    for (const Contract &k : c.contracts) {
        QJsonArray usages;
        for (const MessageUsage &u : k.usages) {
            usages.append(QJsonObject{{QStringLiteral("message_type_id"), u.messageTypeId},
                                      {QStringLiteral("is_sent_by_initiator"), u.sentByInitiator},
                                      {QStringLiteral("is_sent_by_target"), u.sentByTarget}});
        }
        contracts.append(QJsonObject{{QStringLiteral("service_contract_id"), k.id},
                                     {QStringLiteral("name"), k.name},
                                     {QStringLiteral("principal_id"), optInt(k.principalId)},
                                     {QStringLiteral("message_usages"), usages}});
    }
    QJsonArray queues;
    for (const Queue &q : c.queues) {
        queues.append(QJsonObject{
            {QStringLiteral("object_id"), q.objectId},
            {QStringLiteral("schema"), q.schema},
            {QStringLiteral("name"), q.name},
            {QStringLiteral("max_readers"), q.maxReaders},
            {QStringLiteral("activation_procedure"),
             q.activationProcedure.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(q.activationProcedure)},
            {QStringLiteral("execute_as_principal_id"), optInt(q.executeAsPrincipalId)},
            {QStringLiteral("execute_as"), q.executeAsText()},
            {QStringLiteral("is_activation_enabled"), q.isActivationEnabled},
            {QStringLiteral("is_receive_enabled"), q.isReceiveEnabled},
            {QStringLiteral("is_enqueue_enabled"), q.isEnqueueEnabled},
            {QStringLiteral("is_retention_enabled"), q.isRetentionEnabled},
            {QStringLiteral("is_poison_message_handling_enabled"), q.isPoisonMessageHandlingEnabled},
            {QStringLiteral("is_ms_shipped"), q.isMsShipped},
            {QStringLiteral("create_date"), isoUtc(q.createDate)},
            {QStringLiteral("modify_date"), isoUtc(q.modifyDate)},
        });
    }
    QJsonArray services;
    for (const Service &s : c.services) {
        QJsonArray ids;
        for (int id : s.contractIds)
            ids.append(id);
        services.append(QJsonObject{{QStringLiteral("service_id"), s.id},
                                    {QStringLiteral("name"), s.name},
                                    {QStringLiteral("principal_id"), optInt(s.principalId)},
                                    {QStringLiteral("service_queue_id"), s.queueId},
                                    {QStringLiteral("contract_ids"), ids}});
    }
    QJsonArray routes;
    for (const Route &r : c.routes) {
        routes.append(QJsonObject{
            {QStringLiteral("route_id"), r.id},
            {QStringLiteral("name"), r.name},
            {QStringLiteral("principal_id"), optInt(r.principalId)},
            {QStringLiteral("remote_service_name"), r.remoteServiceName},
            {QStringLiteral("broker_instance"), r.brokerInstance},
            {QStringLiteral("lifetime"), r.lifetime ? QJsonValue(isoUtc(*r.lifetime)) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("address"), r.address},
            {QStringLiteral("mirror_address"), r.mirrorAddress},
        });
    }
    QJsonArray bindings;
    for (const RemoteServiceBinding &b : c.remoteServiceBindings) {
        bindings.append(QJsonObject{{QStringLiteral("remote_service_binding_id"), b.id},
                                    {QStringLiteral("name"), b.name},
                                    {QStringLiteral("principal_id"), optInt(b.principalId)},
                                    {QStringLiteral("remote_service_name"), b.remoteServiceName},
                                    {QStringLiteral("service_contract_id"), b.contractId},
                                    {QStringLiteral("remote_principal_id"), optInt(b.remotePrincipalId)},
                                    {QStringLiteral("is_anonymous_on"), b.isAnonymous}});
    }
    QJsonArray problems;
    for (const CatalogProblem &p : c.problems) {
        problems.append(QJsonObject{{QStringLiteral("part"), p.part},
                                    {QStringLiteral("view"), p.view},
                                    {QStringLiteral("message"), p.message},
                                    {QStringLiteral("permission"), p.permission}});
    }
    return QJsonObject{
        {QStringLiteral("database"), db},
        {QStringLiteral("message_types"), mts},
        {QStringLiteral("contracts"), contracts},
        {QStringLiteral("queues"), queues},
        {QStringLiteral("services"), services},
        {QStringLiteral("routes"), routes},
        {QStringLiteral("remote_service_bindings"), bindings},
        {QStringLiteral("problems"), problems},
    };
}

std::optional<BrokerCatalog> catalogFromJson(const QJsonObject &json, QString *error)
{
    BrokerCatalog c;
    const QJsonObject db = json.value(QLatin1String("database")).toObject();
    c.database.serverName = db.value(QLatin1String("server")).toString();
    c.database.databaseName = db.value(QLatin1String("name")).toString();
    c.database.isBrokerEnabled = db.value(QLatin1String("is_broker_enabled")).toBool();
    c.database.serviceBrokerGuid = QUuid(db.value(QLatin1String("service_broker_guid")).toString());
    c.database.isHonorBrokerPriorityOn = db.value(QLatin1String("is_honor_broker_priority_on")).toBool();
    c.database.productVersion = db.value(QLatin1String("product_version")).toString();

    auto s = [](const QJsonObject &o, const char *k) { return o.value(QLatin1String(k)).toString(); };
    auto i = [](const QJsonObject &o, const char *k) { return o.value(QLatin1String(k)).toInt(); };
    auto b = [](const QJsonObject &o, const char *k, bool def = false) {
        return o.value(QLatin1String(k)).toBool(def);
    };
    auto oi = [](const QJsonObject &o, const char *k) { return readOptInt(o.value(QLatin1String(k))); };

    const bool ok =
        readArray(json, "message_types", c.messageTypes, error,
                  [&](const QJsonObject &o) {
                      return MessageType{i(o, "message_type_id"), s(o, "name"), oi(o, "principal_id"),
                                         s(o, "validation"), s(o, "validation_desc"), oi(o, "xml_collection_id")};
                  })
        && readArray(json, "contracts", c.contracts, error,
                     [&](const QJsonObject &o) {
                         Contract k{i(o, "service_contract_id"), s(o, "name"), oi(o, "principal_id"), {}};
                         const QJsonArray usages = o.value(QLatin1String("message_usages")).toArray();
                         for (const QJsonValue &uv : usages) {
                             const QJsonObject u = uv.toObject();
                             k.usages.append({i(u, "message_type_id"), b(u, "is_sent_by_initiator"),
                                              b(u, "is_sent_by_target")});
                         }
                         return k;
                     })
        && readArray(json, "queues", c.queues, error,
                     [&](const QJsonObject &o) {
                         Queue q;
                         q.objectId = i(o, "object_id");
                         q.schema = s(o, "schema");
                         q.name = s(o, "name");
                         q.maxReaders = i(o, "max_readers");
                         q.activationProcedure = s(o, "activation_procedure");
                         q.executeAsPrincipalId = oi(o, "execute_as_principal_id");
                         q.isActivationEnabled = b(o, "is_activation_enabled");
                         q.isReceiveEnabled = b(o, "is_receive_enabled", true);
                         q.isEnqueueEnabled = b(o, "is_enqueue_enabled", true);
                         q.isRetentionEnabled = b(o, "is_retention_enabled");
                         q.isPoisonMessageHandlingEnabled = b(o, "is_poison_message_handling_enabled", true);
                         q.isMsShipped = b(o, "is_ms_shipped");
                         q.createDate = readTime(o.value(QLatin1String("create_date")));
                         q.modifyDate = readTime(o.value(QLatin1String("modify_date")));
                         return q;
                     })
        && readArray(json, "services", c.services, error,
                     [&](const QJsonObject &o) {
                         Service sv{i(o, "service_id"), s(o, "name"), oi(o, "principal_id"),
                                    i(o, "service_queue_id"), {}};
                         const QJsonArray ids = o.value(QLatin1String("contract_ids")).toArray();
                         for (const QJsonValue &id : ids)
                             sv.contractIds.append(id.toInt());
                         return sv;
                     })
        && readArray(json, "routes", c.routes, error,
                     [&](const QJsonObject &o) {
                         Route r;
                         r.id = i(o, "route_id");
                         r.name = s(o, "name");
                         r.principalId = oi(o, "principal_id");
                         r.remoteServiceName = s(o, "remote_service_name");
                         r.brokerInstance = s(o, "broker_instance");
                         const QJsonValue lt = o.value(QLatin1String("lifetime"));
                         if (lt.isString())
                             r.lifetime = readTime(lt);
                         r.address = s(o, "address");
                         r.mirrorAddress = s(o, "mirror_address");
                         return r;
                     })
        && readArray(json, "remote_service_bindings", c.remoteServiceBindings, error, [&](const QJsonObject &o) {
               return RemoteServiceBinding{i(o, "remote_service_binding_id"), s(o, "name"),
                                           oi(o, "principal_id"),           s(o, "remote_service_name"),
                                           i(o, "service_contract_id"),     oi(o, "remote_principal_id"),
                                           b(o, "is_anonymous_on")};
           });
    if (!ok)
        return std::nullopt;
    const QJsonArray problems = json.value(QLatin1String("problems")).toArray();
    for (const QJsonValue &pv : problems) {
        const QJsonObject p = pv.toObject();
        c.problems.append({s(p, "part"), s(p, "view"), s(p, "message"), s(p, "permission")});
    }
    return c;
}

QString catalogToText(const BrokerCatalog &c)
{
    QString out;
    QTextStream ts(&out);
    ts << "Database " << c.database.databaseName << " on " << c.database.serverName
       << " — broker " << (c.database.isBrokerEnabled ? "enabled" : "DISABLED") << ", guid "
       << c.database.serviceBrokerGuid.toString(QUuid::WithoutBraces) << '\n';
    ts << "Message types (" << c.messageTypes.size() << ")\n";
    for (const MessageType &m : c.messageTypes)
        ts << "  " << m.name << "  validation " << (m.validationDesc.isEmpty() ? m.validation : m.validationDesc)
           << '\n';
    ts << "Contracts (" << c.contracts.size() << ")\n";
    for (const Contract &k : c.contracts) {
        ts << "  " << k.name << '\n';
        for (const MessageUsage &u : k.usages) {
            const MessageType *m = c.messageType(u.messageTypeId);
            ts << "    " << (m ? m->name : QStringLiteral("#%1").arg(u.messageTypeId)) << " SENT BY "
               << u.sentByText() << '\n';
        }
    }
    ts << "Queues (" << c.queues.size() << ")\n";
    for (const Queue &q : c.queues) {
        ts << "  " << q.qualifiedName() << "  receive " << (q.isReceiveEnabled ? "on" : "OFF") << ", enqueue "
           << (q.isEnqueueEnabled ? "on" : "OFF");
        if (q.hasActivation())
            ts << ", activation " << (q.isActivationEnabled ? "on" : "off") << " → " << q.activationProcedure
               << " (max " << q.maxReaders << " readers, execute as " << q.executeAsText() << ')';
        ts << '\n';
    }
    ts << "Services (" << c.services.size() << ")\n";
    for (const Service &s : c.services) {
        const Queue *q = c.queue(s.queueId);
        ts << "  " << s.name << "  on " << (q ? q->qualifiedName() : QStringLiteral("#%1").arg(s.queueId));
        QStringList names;
        for (int id : s.contractIds) {
            const Contract *k = c.contract(id);
            names << (k ? k->name : QStringLiteral("#%1").arg(id));
        }
        if (!names.isEmpty())
            ts << "  accepts " << names.join(QLatin1String(", "));
        ts << '\n';
    }
    ts << "Routes (" << c.routes.size() << ")\n";
    for (const Route &r : c.routes)
        ts << "  " << r.name << "  " << (r.remoteServiceName.isEmpty() ? QStringLiteral("(any service)") : r.remoteServiceName)
           << " → " << r.address << '\n';
    ts << "Remote service bindings (" << c.remoteServiceBindings.size() << ")\n";
    for (const RemoteServiceBinding &b : c.remoteServiceBindings)
        ts << "  " << b.name << "  " << b.remoteServiceName << '\n';
    for (const CatalogProblem &p : c.problems)
        ts << "! " << p.view << ": " << p.message << (p.permission.isEmpty() ? QString() : QStringLiteral(" (grant %1)").arg(p.permission)) << '\n';
    return out;
}

} // namespace bs
