#pragma once

#include "data/odbc/guardedconnection.h"
#include "data/runner/batchexecutor.h"

#include <QList>

namespace bs {

/// Runs batches on SQL Server through Qt's QODBC driver, on a GuardedConnection of its own: the
/// login and every batch have a deadline of ours, and cancel() stops the running batch on the
/// server (SQLCancel) from any thread. Errors carry the driver's text, SQL Server's error number
/// and, when the driver reports it, the line within the batch.
class OdbcBatchExecutor : public BatchExecutor
{
public:
    /// connectionString: a DSN-less ODBC string, e.g.
    /// "Driver={FreeTDS};Server=h;Port=1433;Database=db;UID=u;PWD=p;TDS_Version=7.4;".
    explicit OdbcBatchExecutor(const QString &connectionString);
    ~OdbcBatchExecutor() override;

    bool open(QString *error) override;
    ExecResult execute(const QString &batch) override;
    void cancel() override;
    ExecResult executeWithParameters(const QString &statement, const QVariantList &values) override;
    /// Like executeWithParameters(), keeping the rows of the first result set (at most maxRows;
    /// < 0: all) as lists of column values.
    ExecResult query(const QString &statement, const QVariantList &values, QList<QVariantList> *rows, int maxRows = -1);
    void close() override;

    static constexpr int LoginTimeoutSeconds = 15;
    /// A batch still running after this is cancelled (a generous default: deployment scripts and
    /// cleanups of millions of endpoints are long; the user can cancel sooner).
    static constexpr int DefaultBatchTimeoutSeconds = 1800;
    void setBatchTimeoutSeconds(int seconds) { m_batchTimeoutSeconds = seconds; }

private:
    GuardedConnection m_connection;
    int m_batchTimeoutSeconds = DefaultBatchTimeoutSeconds;
};

} // namespace bs
