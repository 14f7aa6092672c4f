#include "data/odbc/catalogassembler.h"

#include <QDateTime>
#include <QJsonObject>
#include <QRegularExpression>

namespace bs {

namespace {

const QString qDatabase = QStringLiteral("catalog.database");
const QString qMessageTypes = QStringLiteral("catalog.message_types");
const QString qContracts = QStringLiteral("catalog.contracts");
const QString qContractMessageUsages = QStringLiteral("catalog.contract_message_usages");
const QString qQueues = QStringLiteral("catalog.queues");
const QString qServices = QStringLiteral("catalog.services");
const QString qServiceContractUsages = QStringLiteral("catalog.service_contract_usages");
const QString qRoutes = QStringLiteral("catalog.routes");
const QString qRemoteServiceBindings = QStringLiteral("catalog.remote_service_bindings");

/// Reads typed values from one row, tolerating the shapes a driver or a JSON fixture produce
/// (bit as bool or number, GUID as text or QUuid, datetime as QDateTime or ISO text).
class Row
{
public:
    Row(const QueryResult &result, qsizetype row)
        : m_result(result)
        , m_row(row)
    {
    }

    QVariant raw(const QString &column) const { return m_result.value(m_row, column); }
    bool isNull(const QString &column) const
    {
        const QVariant v = raw(column);
        return !v.isValid() || v.isNull();
    }
    QString text(const QString &column) const { return isNull(column) ? QString() : raw(column).toString(); }
    int integer(const QString &column, int fallback = 0) const
    {
        return isNull(column) ? fallback : raw(column).toInt();
    }
    std::optional<int> optInt(const QString &column) const
    {
        if (isNull(column))
            return std::nullopt;
        return raw(column).toInt();
    }
    bool flag(const QString &column, bool fallback = false) const
    {
        if (isNull(column))
            return fallback;
        const QVariant v = raw(column);
        if (v.metaType().id() == QMetaType::QString) {
            const QString s = v.toString().trimmed();
            return s == QLatin1String("1") || s.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
        }
        return v.toInt() != 0 || v.toBool();
    }
    /// A datetime column; SQL Server datetime has no zone, so the wall-clock value is kept as it
    /// is (in a QDateTime marked UTC only so that nothing converts it). What that wall clock is
    /// depends on the column: sys.routes.lifetime is documented as UTC, sys.objects create/modify
    /// dates are the server's local time; the properties pane and the graph label them so.
    QDateTime time(const QString &column) const
    {
        if (isNull(column))
            return {};
        const QVariant v = raw(column);
        QDateTime t = v.metaType().id() == QMetaType::QDateTime
            ? v.toDateTime()
            : QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
        if (!t.isValid())
            return {};
        return QDateTime(t.date(), t.time(), Qt::UTC);
    }
    QUuid uuid(const QString &column) const
    {
        if (isNull(column))
            return {};
        const QVariant v = raw(column);
        if (v.metaType().id() == QMetaType::QUuid)
            return v.toUuid();
        if (v.metaType().id() == QMetaType::QByteArray && v.toByteArray().size() == 16)
            return QUuid::fromRfc4122(v.toByteArray());
        return QUuid::fromString(v.toString().trimmed());
    }

private:
    const QueryResult &m_result;
    qsizetype m_row;
};

QString permissionFor(const QString &view)
{
    if (view == QLatin1String("sys.databases"))
        return QStringLiteral("VIEW ANY DATABASE on the server (or connect to the database itself)");
    return QStringLiteral("SELECT on %1, and VIEW DEFINITION on the database to list every object").arg(view);
}

} // namespace

QStringList CatalogAssembler::queryNames()
{
    return {qDatabase, qMessageTypes, qContracts, qContractMessageUsages, qQueues,
            qServices, qServiceContractUsages, qRoutes, qRemoteServiceBindings};
}

QString CatalogAssembler::viewOf(const QString &queryName)
{
    static const QHash<QString, QString> views{
        {qDatabase, QStringLiteral("sys.databases")},
        {qMessageTypes, QStringLiteral("sys.service_message_types")},
        {qContracts, QStringLiteral("sys.service_contracts")},
        {qContractMessageUsages, QStringLiteral("sys.service_contract_message_usages")},
        {qQueues, QStringLiteral("sys.service_queues")},
        {qServices, QStringLiteral("sys.services")},
        {qServiceContractUsages, QStringLiteral("sys.service_contract_usages")},
        {qRoutes, QStringLiteral("sys.routes")},
        {qRemoteServiceBindings, QStringLiteral("sys.remote_service_bindings")},
    };
    return views.value(queryName);
}

bool CatalogAssembler::isPermissionError(const QueryResult &result)
{
    if (!result.failed)
        return false;
    // 229/230: permission denied on an object/column; 262: permission denied in the database;
    // 297: no permission for the action; 300: a named permission (e.g. VIEW SERVER STATE) denied.
    static const QStringList codes{QStringLiteral("229"), QStringLiteral("230"), QStringLiteral("262"),
                                   QStringLiteral("297"), QStringLiteral("300")};
    // Newer QODBC versions join the codes of all diagnostic records with ';'.
    for (const QString &code : result.nativeCode.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        if (codes.contains(code.trimmed()))
            return true;
    }
    static const QRegularExpression text(QStringLiteral("permission.*(denied|does not have)|does not have permission"),
                                         QRegularExpression::CaseInsensitiveOption);
    return text.match(result.errorText).hasMatch();
}

BrokerCatalog CatalogAssembler::assemble(const Results &results)
{
    BrokerCatalog c;

    // Looks a query up; a missing or failed one becomes a problem and yields nothing.
    auto usable = [&](const QString &name) -> const QueryResult * {
        const auto it = results.constFind(name);
        CatalogProblem problem;
        problem.part = name;
        problem.view = viewOf(name);
        if (it == results.cend()) {
            problem.message = QStringLiteral("The query was not run.");
            c.problems.append(problem);
            return nullptr;
        }
        if (it->failed) {
            problem.message = it->errorText;
            if (isPermissionError(*it))
                problem.permission = permissionFor(problem.view);
            c.problems.append(problem);
            return nullptr;
        }
        return &*it;
    };

    if (const QueryResult *r = usable(qDatabase); r && !r->rows.isEmpty()) {
        const Row row(*r, 0);
        c.database.serverName = row.text(QStringLiteral("server_name"));
        c.database.databaseName = row.text(QStringLiteral("database_name"));
        c.database.isBrokerEnabled = row.flag(QStringLiteral("is_broker_enabled"));
        c.database.serviceBrokerGuid = row.uuid(QStringLiteral("service_broker_guid"));
        c.database.isHonorBrokerPriorityOn = row.flag(QStringLiteral("is_honor_broker_priority_on"));
        c.database.productVersion = row.text(QStringLiteral("product_version"));
    }

    if (const QueryResult *r = usable(qMessageTypes)) {
        for (qsizetype i = 0; i < r->rows.size(); ++i) {
            const Row row(*r, i);
            MessageType m;
            m.id = row.integer(QStringLiteral("message_type_id"));
            m.name = row.text(QStringLiteral("name"));
            m.principalId = row.optInt(QStringLiteral("principal_id"));
            // char(2): the driver pads "N" to "N ".
            m.validation = row.text(QStringLiteral("validation")).trimmed();
            m.validationDesc = row.text(QStringLiteral("validation_desc"));
            m.xmlCollectionId = row.optInt(QStringLiteral("xml_collection_id"));
            c.messageTypes.append(m);
        }
    }

    if (const QueryResult *r = usable(qContracts)) {
        for (qsizetype i = 0; i < r->rows.size(); ++i) {
            const Row row(*r, i);
            Contract k;
            k.id = row.integer(QStringLiteral("service_contract_id"));
            k.name = row.text(QStringLiteral("name"));
            k.principalId = row.optInt(QStringLiteral("principal_id"));
            c.contracts.append(k);
        }
    }

    if (const QueryResult *r = usable(qContractMessageUsages)) {
        // Indexed by id: a large catalog has thousands of contracts and usages.
        QHash<int, qsizetype> contractIndex;
        for (qsizetype k = 0; k < c.contracts.size(); ++k)
            contractIndex.insert(c.contracts.at(k).id, k);
        for (qsizetype i = 0; i < r->rows.size(); ++i) {
            const Row row(*r, i);
            // Usages of a contract the login cannot see (metadata visibility) have nowhere to go.
            const auto it = contractIndex.constFind(row.integer(QStringLiteral("service_contract_id")));
            if (it == contractIndex.cend())
                continue;
            MessageUsage u;
            u.messageTypeId = row.integer(QStringLiteral("message_type_id"));
            u.sentByInitiator = row.flag(QStringLiteral("is_sent_by_initiator"));
            u.sentByTarget = row.flag(QStringLiteral("is_sent_by_target"));
            c.contracts[*it].usages.append(u);
        }
    }

    if (const QueryResult *r = usable(qQueues)) {
        for (qsizetype i = 0; i < r->rows.size(); ++i) {
            const Row row(*r, i);
            Queue q;
            q.objectId = row.integer(QStringLiteral("object_id"));
            q.schema = row.text(QStringLiteral("schema_name"));
            q.name = row.text(QStringLiteral("name"));
            q.maxReaders = row.integer(QStringLiteral("max_readers"));
            q.activationProcedure = row.text(QStringLiteral("activation_procedure"));
            q.executeAsPrincipalId = row.optInt(QStringLiteral("execute_as_principal_id"));
            q.executeAsName = row.text(QStringLiteral("execute_as_principal_name"));
            q.isActivationEnabled = row.flag(QStringLiteral("is_activation_enabled"));
            q.isReceiveEnabled = row.flag(QStringLiteral("is_receive_enabled"), true);
            q.isEnqueueEnabled = row.flag(QStringLiteral("is_enqueue_enabled"), true);
            q.isRetentionEnabled = row.flag(QStringLiteral("is_retention_enabled"));
            q.isPoisonMessageHandlingEnabled = row.flag(QStringLiteral("is_poison_message_handling_enabled"), true);
            q.isMsShipped = row.flag(QStringLiteral("is_ms_shipped"));
            q.createDate = row.time(QStringLiteral("create_date"));
            q.modifyDate = row.time(QStringLiteral("modify_date"));
            c.queues.append(q);
        }
    }

    if (const QueryResult *r = usable(qServices)) {
        for (qsizetype i = 0; i < r->rows.size(); ++i) {
            const Row row(*r, i);
            Service s;
            s.id = row.integer(QStringLiteral("service_id"));
            s.name = row.text(QStringLiteral("name"));
            s.principalId = row.optInt(QStringLiteral("principal_id"));
            s.queueId = row.integer(QStringLiteral("service_queue_id"));
            c.services.append(s);
        }
    }

    if (const QueryResult *r = usable(qServiceContractUsages)) {
        QHash<int, qsizetype> serviceIndex;
        for (qsizetype k = 0; k < c.services.size(); ++k)
            serviceIndex.insert(c.services.at(k).id, k);
        for (qsizetype i = 0; i < r->rows.size(); ++i) {
            const Row row(*r, i);
            const auto it = serviceIndex.constFind(row.integer(QStringLiteral("service_id")));
            if (it != serviceIndex.cend())
                c.services[*it].contractIds.append(row.integer(QStringLiteral("service_contract_id")));
        }
    }

    if (const QueryResult *r = usable(qRoutes)) {
        for (qsizetype i = 0; i < r->rows.size(); ++i) {
            const Row row(*r, i);
            Route rt;
            rt.id = row.integer(QStringLiteral("route_id"));
            rt.name = row.text(QStringLiteral("name"));
            rt.principalId = row.optInt(QStringLiteral("principal_id"));
            rt.remoteServiceName = row.text(QStringLiteral("remote_service_name"));
            rt.brokerInstance = row.text(QStringLiteral("broker_instance"));
            if (!row.isNull(QStringLiteral("lifetime")))
                rt.lifetime = row.time(QStringLiteral("lifetime"));
            rt.address = row.text(QStringLiteral("address"));
            rt.mirrorAddress = row.text(QStringLiteral("mirror_address"));
            c.routes.append(rt);
        }
    }

    if (const QueryResult *r = usable(qRemoteServiceBindings)) {
        for (qsizetype i = 0; i < r->rows.size(); ++i) {
            const Row row(*r, i);
            RemoteServiceBinding b;
            b.id = row.integer(QStringLiteral("remote_service_binding_id"));
            b.name = row.text(QStringLiteral("name"));
            b.principalId = row.optInt(QStringLiteral("principal_id"));
            b.remoteServiceName = row.text(QStringLiteral("remote_service_name"));
            b.contractId = row.integer(QStringLiteral("service_contract_id"));
            b.remotePrincipalId = row.optInt(QStringLiteral("remote_principal_id"));
            b.isAnonymous = row.flag(QStringLiteral("is_anonymous_on"));
            c.remoteServiceBindings.append(b);
        }
    }
    return c;
}

CatalogAssembler::Results CatalogAssembler::resultsFromJson(const QJsonObject &json)
{
    Results results;
    const QJsonObject queries = json.value(QLatin1String("queries")).toObject();
    for (auto it = queries.begin(); it != queries.end(); ++it)
        results.insert(it.key(), QueryResult::fromJson(it.value().toObject()));
    return results;
}

QJsonObject CatalogAssembler::resultsToJson(const Results &results)
{
    QJsonObject queries;
    for (auto it = results.cbegin(); it != results.cend(); ++it)
        queries.insert(it.key(), it->toJson());
    return {{QStringLiteral("queries"), queries}};
}

} // namespace bs
