#pragma once

#include "core/jobs/jobtracker.h"
#include "data/ops/brokeroperations.h"
#include "data/runner/batchexecutor.h"

namespace bs {


/// BrokerOperations on SQL Server through QODBC. Every call runs as a JobTracker job on a pool of
/// its own (a driver call may block) with a connection of its own, opened and closed in the job:
/// browsing never holds a connection between pages, and nothing waits on the GUI thread.
/// Statements come from sql/ops (OperationScript, BrowseStatements); values are bound as
/// parameters through the script runner's OdbcBatchExecutor::query().
class OdbcBrokerOperations : public BrokerOperations
{
    Q_OBJECT
public:
    /// `connectionString`: what QSqlDatabase::setDatabaseName() takes (OdbcConnectionString::forQodbc).
    OdbcBrokerOperations(QString connectionString, OperationsIdentity identity, QObject *parent = nullptr);

    OperationsIdentity identity() const override { return m_identity; }
    void browseQueue(const QueueRef &queue, qint64 afterQueuingOrder, int rows, QObject *context,
                     std::function<void(const QueueMessagePage &)> done) override;
    void fetchBody(const QueueRef &queue, const QUuid &handle, qint64 sequenceNumber, QObject *context,
                   std::function<void(const MessageBody &)> done) override;
    void pairConversations(const QString &local, const QString &far, const QString &stateCode, int rows, QObject *context,
                           std::function<void(const QList<ConversationEndpoint> &, const QString &)> done) override;
    void browseQuarantine(int rows, QObject *context,
                          std::function<void(const QList<QuarantinedMessage> &, const QString &)> done) override;
    void browseTransmission(int rows, QObject *context,
                            std::function<void(const QList<TransmissionMessage> &, const QString &)> done) override;
    void conversation(const QUuid &handle, QObject *context, std::function<void(const ConversationDetail &)> done) override;
    void checkPermission(const Operation &op, QObject *context, std::function<void(const PermissionResult &)> done) override;
    void run(const Operation &op, const OperationStatement &statement, QObject *context,
             std::function<void(const OperationResult &)> done) override;
    void cleanupCount(const CleanupPlan &plan, QObject *context, std::function<void(const CleanupDryRun &)> done) override;
    void cleanupBatch(const CleanupPlan &plan, const QUuid &after, const OperationStatement &statement, QObject *context,
                      std::function<void(const CleanupBatchResult &)> done) override;

    /// Runs `statement` (its @Pn markers made positional) on a fresh connection; the rows of its
    /// first result set go to `rows`. For the jobs, and for tests.
    static ExecResult query(const QString &connectionString, const OperationStatement &statement,
                            QList<QVariantList> *rows, int maxRows = -1);

private:
    template<typename Result, typename Work>
    void start(JobTracker &tracker, QObject *context, Work work, std::function<void(const Result &)> done);

    QString m_connectionString;
    OperationsIdentity m_identity;
    JobTracker m_browseJobs;
    JobTracker m_bodyJobs;
    JobTracker m_transmissionJobs;
    JobTracker m_quarantineJobs;
    JobTracker m_pairJobs;
    JobTracker m_conversationJobs;
    JobTracker m_permissionJobs;
    JobTracker m_runJobs;
    JobTracker m_cleanupCountJobs;
    JobTracker m_cleanupBatchJobs;
};

} // namespace bs
