#include "data/ops/operationpath.h"

#include "core/ops/operationregistry.h"
#include "core/ops/operationscript.h"

namespace bs {

OperationPath::OperationPath(BrokerOperations *operations, QObject *parent)
    : QObject(parent)
    , m_operations(operations)
{
}

bool OperationPath::openAudit(const QString &path)
{
    return m_audit.open(path);
}

QString OperationPath::writesBlockedReason() const
{
    if (!m_operations)
        return tr("This source offers no operations.");
    return m_operations->readOnlyReason();
}

QString OperationPath::blockedReason(OperationKind kind) const
{
    const QString blocked = writesBlockedReason();
    return blocked.isEmpty() && m_operations ? m_operations->unsupportedReason(kind) : blocked;
}

OperationStatement OperationPath::prepare(const Operation &op)
{
    return OperationScript::render(op);
}

void OperationPath::checkPermission(const Operation &op, QObject *context, std::function<void(const PermissionResult &)> done)
{
    if (!m_operations)
        return;
    m_operations->checkPermission(op, context, std::move(done));
}

AuditRecord OperationPath::record(const Operation &op, const OperationStatement &statement) const
{
    AuditRecord r;
    r.timeUtc = QDateTime::currentDateTimeUtc();
    if (m_operations) {
        const OperationsIdentity who = m_operations->identity();
        r.login = who.login;
        r.server = who.server;
        r.database = who.database;
    }
    r.operation = OperationRegistry::spec(op.kind).id;
    r.summary = OperationRegistry::summary(op);
    r.statement = statement.text;
    r.parameters = statement.parameterText();
    return r;
}

void OperationPath::execute(const Operation &op, const OperationStatement &statement, QObject *context,
                            std::function<void(const OperationResult &)> done)
{
    AuditRecord row = record(op, statement);
    const QString blocked = blockedReason(op.kind);
    // The statement must be the one this operation renders to: a preview that was edited is a copy
    // to take elsewhere, never what runs.
    const QString mismatch = statement == prepare(op) ? QString() : tr("The statement is not the one previewed for this operation.");
    if (!blocked.isEmpty() || !mismatch.isEmpty() || !statement.isValid()) {
        OperationResult refused;
        refused.message = !blocked.isEmpty() ? blocked : !mismatch.isEmpty() ? mismatch : statement.error;
        row.outcome = QStringLiteral("refused");
        finish(row, refused, context, done);
        return;
    }
    QPointer<OperationPath> self(this);
    const bool changesCatalog = OperationRegistry::spec(op.kind).changesCatalog;
    m_operations->run(op, statement, this,
                      [self, row, changesCatalog, context = QPointer<QObject>(context), done](const OperationResult &result) mutable {
        if (!self)
            return;
        row.outcome = result.ok ? QStringLiteral("succeeded") : QStringLiteral("failed");
        row.elapsedMs = result.elapsedMs;
        self->finish(row, result, context, done);
        // A failed script may have run its first batches: the catalog is read again either way.
        if (self && changesCatalog)
            Q_EMIT self->catalogChanged();
    });
}

bool OperationPath::auditRecord(const AuditRecord &record)
{
    if (!m_audit.isOpen() || !m_audit.append(record))
        return false;
    Q_EMIT audited(record);
    return true;
}

void OperationPath::finish(AuditRecord row, const OperationResult &result, QObject *context,
                           const std::function<void(const OperationResult &)> &done)
{
    row.message = result.message;
    OperationResult out = result;
    if (m_audit.isOpen() && m_audit.append(row)) {
        Q_EMIT audited(row);
    } else {
        out.message += QLatin1Char('\n') + tr("The audit row could not be written: %1")
                                               .arg(m_audit.isOpen() ? m_audit.lastError() : tr("no audit file is open."));
    }
    if (context)
        done(out);
}

} // namespace bs
