#pragma once

#include "core/ops/browse.h"
#include "core/ops/cleanupplan.h"
#include "core/ops/operation.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

#include <functional>

namespace bs {

/// Who acts where: the audit row's login, server and database.
struct OperationsIdentity
{
    QString server;
    QString database;
    QString login;
};

/// What the server (or the simulator) said to one operation.
struct OperationResult
{
    bool ok = false;
    QString message;     ///< the server's text on failure; what happened on success
    int errorNumber = 0; ///< SQL Server's error number, 0 when none or unknown
    qint64 elapsedMs = 0;
    /// SendMessage: the new dialog's initiator handle (null when unknown), to show where it went.
    QUuid conversationHandle;
};

/// The answer of a permission check (HAS_PERMS_BY_NAME) before a write is offered.
struct PermissionResult
{
    bool granted = false;
    /// The check itself failed (connection lost, …): the write is offered and the server decides.
    QString error;
    /// "ALTER on [dbo].[q]": the permission that is missing (granted == false, error empty).
    QString missing;
};

/// Browse and act on a broker: the sibling of BrokerSource for the DBA's hands. A server
/// (OdbcBrokerOperations) and the simulator (SimBrokerOperations) implement it with the same
/// semantics, so the UI cannot tell them apart. Every call is asynchronous: `done` runs later on
/// this object's thread, and only while `context` is alive (a closed window gets nothing).
///
/// Writes go through OperationPath (preview, confirm, audit), never straight to run().
class BrokerOperations : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~BrokerOperations() override;

    virtual OperationsIdentity identity() const = 0;

    /// A read-only profile: every write is refused with readOnlyReason(), and the UI disables it.
    bool isReadOnly() const { return !m_readOnlyReason.isEmpty(); }
    QString readOnlyReason() const { return m_readOnlyReason; }
    void setReadOnly(bool readOnly, const QString &reason = QString());
    /// Why this implementation cannot carry out operations of `kind` at all (the simulator cannot
    /// run a free T-SQL script); empty when it can. The UI disables such operations with it.
    virtual QString unsupportedReason(OperationKind kind) const;

    virtual void browseQueue(const QueueRef &queue, qint64 afterQueuingOrder, int rows, QObject *context,
                             std::function<void(const QueueMessagePage &)> done) = 0;
    virtual void fetchBody(const QueueRef &queue, const QUuid &handle, qint64 sequenceNumber, QObject *context,
                           std::function<void(const MessageBody &)> done) = 0;
    virtual void browseTransmission(int rows, QObject *context,
                                    std::function<void(const QList<TransmissionMessage> &, const QString &error)> done) = 0;
    virtual void conversation(const QUuid &handle, QObject *context, std::function<void(const ConversationDetail &)> done) = 0;
    /// Up to `rows` endpoints of `local` talking to `far` in state `stateCode` (a row of the
    /// monitor's Endpoints table), oldest lifetime first.
    virtual void pairConversations(const QString &local, const QString &far, const QString &stateCode, int rows,
                                   QObject *context,
                                   std::function<void(const QList<ConversationEndpoint> &, const QString &error)> done) = 0;
    /// The message most likely to be the poison of a disabled queue. The default reads the first
    /// message in queuing order (browseQueue) and says why that is the likely one.
    virtual void poisonCandidate(const QueueRef &queue, QObject *context, std::function<void(const PoisonCandidate &)> done);
    /// The newest `rows` rows of dbo.BrokerPoisonQuarantine (empty when the table does not exist).
    virtual void browseQuarantine(int rows, QObject *context,
                                  std::function<void(const QList<QuarantinedMessage> &, const QString &error)> done) = 0;
    virtual void checkPermission(const Operation &op, QObject *context, std::function<void(const PermissionResult &)> done) = 0;
    /// Runs `statement`, the previewed text of `op` (the server receives exactly it; the simulator
    /// carries out `op`). Refused without running when the profile is read-only.
    virtual void run(const Operation &op, const OperationStatement &statement, QObject *context,
                     std::function<void(const OperationResult &)> done) = 0;

    /// The dry run of a guided leak cleanup (sql/ops/cleanup_count.sql): counts by state and action.
    virtual void cleanupCount(const CleanupPlan &plan, QObject *context, std::function<void(const CleanupDryRun &)> done) = 0;
    /// One batch of a cleanup: `statement` is CleanupStatements::batch(plan, after), the previewed
    /// text (the simulator carries out the plan). Refused without running when read-only.
    /// CleanupRunner calls it, never the UI directly.
    virtual void cleanupBatch(const CleanupPlan &plan, const QUuid &after, const OperationStatement &statement,
                              QObject *context, std::function<void(const CleanupBatchResult &)> done) = 0;

Q_SIGNALS:
    /// An operation changed the broker: views showing it should read again.
    void changed();

protected:
    /// Calls `fn` on this object's thread after the current event, unless `context` is gone.
    void later(QObject *context, std::function<void()> fn);

private:
    QString m_readOnlyReason;
};

} // namespace bs
