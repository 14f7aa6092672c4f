#pragma once

#include <QString>
#include <QStringList>
#include <QVariantList>

namespace bs {

/// What the server said about one batch.
struct ExecResult
{
    bool ok = true;
    /// The server's text of the first error ("Invalid object name 'x'."), empty on success.
    QString message;
    /// SQL Server's error number (the ODBC native error), 0 when unknown.
    int errorNumber = 0;
    /// Line of the error within the batch, counted from the batch's first line; 0 = unknown.
    int line = 0;
    /// Every message the driver returned, in order, as the driver worded it.
    QStringList messages;
};

/// Runs one T-SQL batch on a connection. The ScriptRunner creates an executor on its worker
/// thread, calls open() there, execute() for each batch, then close(): an implementation
/// never crosses threads. Tests use an in-process fake; production uses OdbcBatchExecutor.
class BatchExecutor
{
public:
    virtual ~BatchExecutor();
    /// Connects; false with a reason when the connection cannot be opened.
    virtual bool open(QString *error) = 0;
    /// Sends one batch (no GO lines) and waits for the server to finish it.
    virtual ExecResult execute(const QString &batch) = 0;
    /// Thread-safe (called from the runner's owner while execute() runs on the worker): asks the
    /// server to stop the running batch. The default does nothing.
    virtual void cancel() {}
    /// Sends one statement whose values are bound to its positional markers (`?`, in order), as
    /// the operations path does (app/data/ops). The default refuses: an executor without
    /// parameter support must not splice values into text.
    virtual ExecResult executeWithParameters(const QString &statement, const QVariantList &values);
    virtual void close() = 0;
};

} // namespace bs
