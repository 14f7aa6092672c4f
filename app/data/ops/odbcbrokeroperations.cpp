#include "data/ops/odbcbrokeroperations.h"

#include "data/ops/scriptdeploy.h"

#include "core/ops/browsestatements.h"
#include "core/ops/operationregistry.h"
#include "core/ops/operationscript.h"
#include "data/odbc/odbcbrokersource.h"
#include "data/odbc/odbcconnectionstring.h"
#include "data/runner/odbcbatchexecutor.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QThreadPool>

namespace bs {

namespace {

// Driver calls may block for the login timeout: a pool of their own, never destroyed, so that an
// exit does not wait for a job still talking to a lost server (as OdbcCatalogReader's).
QThreadPool *operationsPool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool;
        p->setMaxThreadCount(4);
        return p;
    }();
    return pool;
}

QUuid uuidOf(const QVariant &v)
{
    if (v.typeId() == QMetaType::QUuid)
        return v.toUuid();
    if (v.typeId() == QMetaType::QByteArray && v.toByteArray().size() == 16)
        return QUuid::fromRfc4122(v.toByteArray());
    return QUuid::fromString(v.toString());
}

QDateTime utcOf(const QVariant &v)
{
    QDateTime t = v.toDateTime();
    t.setTimeSpec(Qt::UTC);
    return t;
}

TransmissionMessage transmissionRow(const QVariantList &r)
{
    TransmissionMessage t;
    t.conversationHandle = uuidOf(r.value(0));
    t.toService = r.value(1).toString();
    t.toBrokerInstance = r.value(2).toString();
    t.fromService = r.value(3).toString();
    t.messageTypeName = r.value(4).toString();
    t.enqueueTimeUtc = utcOf(r.value(5));
    t.sequenceNumber = r.value(6).toLongLong();
    t.isEndOfDialog = r.value(7).toBool();
    t.isError = r.value(8).toBool();
    t.transmissionStatus = r.value(9).toString();
    return t;
}

// A row of conversation_endpoints.sql or pair_conversations.sql (the same columns).
ConversationEndpoint endpointRow(const QVariantList &row)
{
    ConversationEndpoint e;
    e.handle = uuidOf(row.value(0));
    e.conversationId = uuidOf(row.value(1));
    e.conversationGroup = uuidOf(row.value(2));
    e.isInitiator = row.value(3).toInt() != 0;
    e.state = row.value(4).toString().trimmed();
    e.localService = row.value(5).toString();
    e.farService = row.value(6).toString();
    e.lifetimeUtc = utcOf(row.value(7));
    e.securityTimestampUtc = utcOf(row.value(8));
    return e;
}

} // namespace

OdbcBrokerOperations::OdbcBrokerOperations(QString connectionString, OperationsIdentity identity, QObject *parent)
    : BrokerOperations(parent)
    , m_connectionString(std::move(connectionString))
    , m_identity(std::move(identity))
    , m_browseJobs(this, operationsPool())
    , m_bodyJobs(this, operationsPool())
    , m_transmissionJobs(this, operationsPool())
    , m_quarantineJobs(this, operationsPool())
    , m_pairJobs(this, operationsPool())
    , m_conversationJobs(this, operationsPool())
    , m_permissionJobs(this, operationsPool())
    , m_runJobs(this, operationsPool())
    , m_cleanupCountJobs(this, operationsPool())
    , m_cleanupBatchJobs(this, operationsPool())
{
}

ExecResult OdbcBrokerOperations::query(const QString &connectionString, const OperationStatement &statement,
                                       QList<QVariantList> *rows, int maxRows)
{
    ExecResult r;
    r.ok = false;
    if (!statement.isValid()) {
        r.message = statement.error;
        return r;
    }
    const QString positional = OperationScript::positionalText(statement, &r.message);
    if (positional.isEmpty())
        return r;
    OdbcBatchExecutor executor(connectionString);
    if (!executor.open(&r.message))
        return r;
    r = executor.query(positional, statement.values(), rows, maxRows);
    executor.close();
    return r;
}

template<typename Result, typename Work>
void OdbcBrokerOperations::start(JobTracker &tracker, QObject *context, Work work, std::function<void(const Result &)> done)
{
    QPointer<QObject> guard(context);
    tracker.start([connection = m_connectionString, work](const JobContext &) { return work(connection); },
                  [guard, done](const Result &result) {
                      if (guard)
                          done(result);
                  });
}

void OdbcBrokerOperations::browseQueue(const QueueRef &queue, qint64 afterQueuingOrder, int rows, QObject *context,
                                       std::function<void(const QueueMessagePage &)> done)
{
    const OperationStatement statement = BrowseStatements::queuePage(queue, afterQueuingOrder, rows + 1);
    start<QueueMessagePage>(m_browseJobs, context, [statement, afterQueuingOrder, rows](const QString &connection) {
        QueueMessagePage page;
        page.afterQueuingOrder = afterQueuingOrder;
        QList<QVariantList> result;
        const ExecResult r = query(connection, statement, &result);
        if (!r.ok) {
            page.error = r.message;
            return page;
        }
        page.hasMore = result.size() > rows;
        for (const QVariantList &row : result.mid(0, rows)) {
            QueueMessage m;
            m.status = row.value(0).toInt();
            m.priority = row.value(1).toInt();
            m.queuingOrder = row.value(2).toLongLong();
            m.conversationGroup = uuidOf(row.value(3));
            m.conversationHandle = uuidOf(row.value(4));
            m.sequenceNumber = row.value(5).toLongLong();
            m.serviceName = row.value(6).toString();
            m.contractName = row.value(7).toString();
            m.messageTypeName = row.value(8).toString();
            m.validation = row.value(9).toString().trimmed();
            m.bodySize = row.value(10).toLongLong();
            page.messages.append(m);
        }
        return page;
    }, std::move(done));
}

void OdbcBrokerOperations::fetchBody(const QueueRef &queue, const QUuid &handle, qint64 sequenceNumber, QObject *context,
                                     std::function<void(const MessageBody &)> done)
{
    const OperationStatement statement = BrowseStatements::body(queue, handle, sequenceNumber);
    start<MessageBody>(m_bodyJobs, context, [statement](const QString &connection) {
        MessageBody body;
        QList<QVariantList> result;
        const ExecResult r = query(connection, statement, &result, 1);
        if (!r.ok)
            body.error = r.message;
        else if (result.isEmpty())
            body.error = QStringLiteral("The message is no longer in the queue (received or removed meanwhile).");
        else {
            body.isNull = result.first().value(0).isNull();
            body.totalSize = result.first().value(0).toLongLong();
            body.head = result.first().value(1).toByteArray().left(BodyCapBytes);
        }
        return body;
    }, std::move(done));
}

void OdbcBrokerOperations::browseTransmission(int rows, QObject *context,
                                              std::function<void(const QList<TransmissionMessage> &, const QString &)> done)
{
    using Rows = std::pair<QList<TransmissionMessage>, QString>;
    const OperationStatement statement = BrowseStatements::transmissionQueue(rows);
    start<Rows>(m_transmissionJobs, context, [statement](const QString &connection) {
        Rows out;
        QList<QVariantList> result;
        const ExecResult r = query(connection, statement, &result);
        out.second = r.ok ? QString() : r.message;
        for (const QVariantList &row : result)
            out.first.append(transmissionRow(row));
        return out;
    }, [done](const Rows &r) { done(r.first, r.second); });
}

void OdbcBrokerOperations::pairConversations(const QString &local, const QString &far, const QString &stateCode, int rows,
                                             QObject *context,
                                             std::function<void(const QList<ConversationEndpoint> &, const QString &)> done)
{
    using Rows = std::pair<QList<ConversationEndpoint>, QString>;
    const OperationStatement statement = BrowseStatements::pairConversations(local, far, stateCode, rows);
    start<Rows>(m_pairJobs, context, [statement](const QString &connection) {
        Rows out;
        QList<QVariantList> result;
        const ExecResult r = query(connection, statement, &result);
        out.second = r.ok ? QString() : r.message;
        for (const QVariantList &row : result)
            out.first.append(endpointRow(row));
        return out;
    }, [done](const Rows &r) { done(r.first, r.second); });
}

void OdbcBrokerOperations::browseQuarantine(int rows, QObject *context,
                                            std::function<void(const QList<QuarantinedMessage> &, const QString &)> done)
{
    using Rows = std::pair<QList<QuarantinedMessage>, QString>;
    const OperationStatement statement = BrowseStatements::quarantine(rows);
    start<Rows>(m_quarantineJobs, context, [statement](const QString &connection) {
        Rows out;
        QList<QVariantList> result;
        const ExecResult r = query(connection, statement, &result);
        out.second = r.ok ? QString() : r.message;
        for (const QVariantList &row : result) {
            QuarantinedMessage m;
            m.quarantinedAtUtc = utcOf(row.value(0));
            m.queueName = row.value(1).toString();
            m.conversationHandle = uuidOf(row.value(2));
            m.messageTypeName = row.value(3).toString();
            m.serviceName = row.value(4).toString();
            m.validation = row.value(5).toString().trimmed();
            m.bodySize = row.value(6).toLongLong();
            out.first.append(m);
        }
        return out;
    }, [done](const Rows &r) { done(r.first, r.second); });
}

void OdbcBrokerOperations::conversation(const QUuid &handle, QObject *context,
                                        std::function<void(const ConversationDetail &)> done)
{
    const OperationStatement endpoints = BrowseStatements::conversationEndpoints(handle);
    const OperationStatement transmission = BrowseStatements::conversationTransmission(handle);
    start<ConversationDetail>(m_conversationJobs, context, [endpoints, transmission, handle](const QString &connection) {
        ConversationDetail c;
        QList<QVariantList> rows;
        ExecResult r = query(connection, endpoints, &rows);
        if (!r.ok) {
            c.error = r.message;
            return c;
        }
        if (rows.isEmpty()) {
            c.error = QStringLiteral("The conversation handle \"%1\" is not found.").arg(handle.toString(QUuid::WithoutBraces).toUpper());
            return c;
        }
        for (const QVariantList &row : rows)
            c.endpoints.append(endpointRow(row));
        rows.clear();
        r = query(connection, transmission, &rows);
        for (const QVariantList &row : rows)
            c.transmission.append(transmissionRow(row));
        return c;
    }, std::move(done));
}

void OdbcBrokerOperations::checkPermission(const Operation &op, QObject *context,
                                           std::function<void(const PermissionResult &)> done)
{
    const OperationStatement statement = OperationScript::permissionStatement(op);
    const QString missing = OperationRegistry::permission(op).describe();
    start<PermissionResult>(m_permissionJobs, context, [statement, missing](const QString &connection) {
        PermissionResult p;
        QList<QVariantList> rows;
        const ExecResult r = query(connection, statement, &rows, 1);
        if (!r.ok || rows.isEmpty() || rows.first().value(0).isNull()) {
            p.error = r.ok ? QStringLiteral("The server could not check %1.").arg(missing) : r.message;
            return p;
        }
        p.granted = rows.first().value(0).toInt() == 1;
        if (!p.granted)
            p.missing = missing;
        return p;
    }, std::move(done));
}

void OdbcBrokerOperations::run(const Operation &op, const OperationStatement &statement, QObject *context,
                               std::function<void(const OperationResult &)> done)
{
    if (isReadOnly()) {
        OperationResult refused;
        refused.message = readOnlyReason();
        later(context, [done, refused] { done(refused); });
        return;
    }
    QPointer<BrokerOperations> self(this);
    const bool script = op.kind == OperationKind::DeployScript;
    start<OperationResult>(m_runJobs, context, [statement, script](const QString &connection) {
        QElapsedTimer timer;
        timer.start();
        if (script) {
            // A script: its batches, as previewed, on one guarded connection of this job.
            OdbcBatchExecutor executor(connection);
            OperationResult out;
            if (!executor.open(&out.message))
                return out;
            out = ScriptDeploy::run(executor, statement.text);
            executor.close();
            return out;
        }
        QList<QVariantList> rows;
        const ExecResult r = query(connection, statement, &rows, 1);
        OperationResult out;
        out.ok = r.ok;
        // send_message.sql ends with SELECT @handle: where the test message went is read from it.
        if (r.ok && !rows.isEmpty() && !rows.first().isEmpty())
            out.conversationHandle = uuidOf(rows.first().value(0));
        out.message = r.ok ? QStringLiteral("Commands completed successfully.") : r.message;
        out.errorNumber = r.errorNumber;
        out.elapsedMs = timer.elapsed();
        return out;
    }, [self, done](const OperationResult &result) {
        if (self && result.ok)
            Q_EMIT self->changed();
        done(result);
    });
}

void OdbcBrokerOperations::cleanupCount(const CleanupPlan &plan, QObject *context,
                                        std::function<void(const CleanupDryRun &)> done)
{
    const OperationStatement statement = CleanupStatements::count(plan);
    start<CleanupDryRun>(m_cleanupCountJobs, context, [statement](const QString &connection) {
        CleanupDryRun dry;
        QList<QVariantList> rows;
        const ExecResult r = query(connection, statement, &rows);
        if (!r.ok) {
            dry.error = r.message;
            return dry;
        }
        for (const QVariantList &row : rows) {
            const auto state = cleanupStateFromCode(row.value(0).toString());
            const auto action = cleanupActionFromCode(row.value(1).toInt());
            if (state && action)
                dry.counts.add(*state, *action, row.value(2).toLongLong());
        }
        return dry;
    }, std::move(done));
}

void OdbcBrokerOperations::cleanupBatch(const CleanupPlan &, const QUuid &, const OperationStatement &statement,
                                        QObject *context, std::function<void(const CleanupBatchResult &)> done)
{
    if (isReadOnly()) {
        CleanupBatchResult refused;
        refused.error = readOnlyReason();
        later(context, [done, refused] { done(refused); });
        return;
    }
    QPointer<BrokerOperations> self(this);
    start<CleanupBatchResult>(m_cleanupBatchJobs, context, [statement](const QString &connection) {
        QElapsedTimer timer;
        timer.start();
        CleanupBatchResult b;
        QList<QVariantList> rows;
        const ExecResult r = query(connection, statement, &rows, 1);
        b.elapsedMs = timer.elapsed();
        if (!r.ok || rows.isEmpty()) {
            b.error = r.ok ? QStringLiteral("The batch returned no row of counts.") : r.message;
            b.errorNumber = r.errorNumber;
            return b;
        }
        const QVariantList &row = rows.first();
        b.ok = true;
        b.endedWithCleanup = row.value(0).toLongLong();
        b.ended = row.value(1).toLongLong();
        b.failed = row.value(2).toLongLong();
        b.skippedQueued = row.value(3).toLongLong();
        b.skippedTransmission = row.value(4).toLongLong();
        b.skippedExpiring = row.value(5).toLongLong();
        b.skippedStampSet = row.value(6).toLongLong();
        b.examined = row.value(7).toLongLong();
        b.lastHandle = row.value(8).isNull() ? QUuid() : uuidOf(row.value(8).toString().trimmed());
        b.lastFailure = row.value(9).toString();
        return b;
    }, [self, done](const CleanupBatchResult &result) {
        if (self && result.ok && result.endedWithCleanup + result.ended > 0)
            Q_EMIT self->changed();
        done(result);
    });
}

BrokerOperations *OdbcBrokerSource::operations()
{
    if (!m_operations) {
        m_operations = new OdbcBrokerOperations(OdbcConnectionString::forQodbc(m_connectionString),
                                                {m_server, m_database, m_login}, this);
        m_operations->setReadOnly(m_readOnly);
    }
    return m_operations;
}

} // namespace bs
