#pragma once

#include "data/ops/auditlog.h"
#include "data/ops/brokeroperations.h"

#include <QObject>
#include <QPointer>

namespace bs {

/// The one path every write takes (DESIGN.md, wave 2): operation value → statement from sql/ops
/// (prepare) → preview and confirmation (the UI's) → run by the BrokerOperations → an audit row.
/// Nothing else calls BrokerOperations::run().
class OperationPath : public QObject
{
    Q_OBJECT
public:
    explicit OperationPath(BrokerOperations *operations, QObject *parent = nullptr);

    BrokerOperations *operations() const { return m_operations; }
    /// Where audit rows go (the connection's history file); false with auditError() on failure.
    bool openAudit(const QString &path);
    QString auditError() const { return m_audit.lastError(); }
    const AuditLog &audit() const { return m_audit; }

    /// Why no write can be offered now ("The connection profile is read-only…"); empty when writes
    /// are allowed (the server still checks permissions: checkPermission()).
    QString writesBlockedReason() const;
    /// writesBlockedReason(), or why this source cannot run operations of `kind` at all.
    QString blockedReason(OperationKind kind) const;
    /// The statement the preview shows and run() sends.
    static OperationStatement prepare(const Operation &op);
    /// HAS_PERMS_BY_NAME for `op` before it is offered.
    void checkPermission(const Operation &op, QObject *context, std::function<void(const PermissionResult &)> done);

    /// Runs the confirmed `statement` of `op` and audits it (refused, failed or succeeded). The
    /// result arrives on this thread; an audit row that could not be written is said in its message.
    void execute(const Operation &op, const OperationStatement &statement, QObject *context,
                 std::function<void(const OperationResult &)> done);

    /// Appends an audit row made elsewhere (the cleanup runner's run and batch rows) and emits
    /// audited(); false with auditError() when it could not be written.
    bool auditRecord(const AuditRecord &record);

Q_SIGNALS:
    void audited(const bs::AuditRecord &record);
    /// An operation that changes the catalog ran (OperationSpec::changesCatalog), whether it
    /// succeeded or failed part-way: whoever shows the catalog reads it again.
    void catalogChanged();

private:
    AuditRecord record(const Operation &op, const OperationStatement &statement) const;
    void finish(AuditRecord record, const OperationResult &result, QObject *context,
                const std::function<void(const OperationResult &)> &done);

    QPointer<BrokerOperations> m_operations;
    AuditLog m_audit;
};

} // namespace bs
