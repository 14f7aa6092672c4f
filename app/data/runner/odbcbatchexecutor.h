#pragma once

#include "data/runner/batchexecutor.h"

#include <QList>

namespace bs {

/// Runs batches on SQL Server through Qt's QODBC driver, on a connection of its own that is
/// opened (and must be used) on the calling thread. Errors carry the driver's text, SQL
/// Server's error number and, when the driver reports it, the line within the batch.
class OdbcBatchExecutor : public BatchExecutor
{
public:
    /// connectionString: a DSN-less ODBC string, e.g.
    /// "Driver={FreeTDS};Server=h;Port=1433;Database=db;UID=u;PWD=p;TDS_Version=7.4;".
    explicit OdbcBatchExecutor(const QString &connectionString);
    ~OdbcBatchExecutor() override;

    bool open(QString *error) override;
    ExecResult execute(const QString &batch) override;
    ExecResult executeWithParameters(const QString &statement, const QVariantList &values) override;
    /// Like executeWithParameters(), keeping the rows of the first result set (at most maxRows;
    /// < 0: all) as lists of column values.
    ExecResult query(const QString &statement, const QVariantList &values, QList<QVariantList> *rows, int maxRows = -1);
    void close() override;

private:
    QString m_connectionString;
    QString m_connectionName;
};

} // namespace bs
