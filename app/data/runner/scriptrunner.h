#pragma once

#include "data/runner/runreport.h"

#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

class QThread;

namespace bs {

class BatchExecutor;

/// Runs a script's GO batches in order on a worker thread. The first failing batch stops the
/// run; the report names the server's message, the batch and its line in the whole script.
/// Signals arrive on the runner's thread, in order: started, then batchStarted/batchFinished
/// pairs (with progress), then finished exactly once.
class ScriptRunner : public QObject
{
    Q_OBJECT
public:
    /// Creates the executor; called on the worker thread, so a connection it opens lives there.
    using ExecutorFactory = std::function<std::unique_ptr<BatchExecutor>()>;

    explicit ScriptRunner(ExecutorFactory factory, QObject *parent = nullptr);
    /// Cancels a run in progress and waits for the current batch to end.
    ~ScriptRunner() override;

    /// A factory for OdbcBatchExecutor on the given ODBC connection string.
    static ExecutorFactory odbcFactory(const QString &connectionString);

    /// Starts running the script; false (and nothing emitted) when a run is in progress.
    /// A script with an invalid GO line finishes at once with Outcome::ScriptInvalid.
    bool start(const QString &script, const QString &scriptName = QString());
    /// Asks the run to stop before the next batch; the batch on the server runs to its end.
    /// The run then finishes with Outcome::Cancelled.
    void cancel();
    bool isRunning() const { return m_thread != nullptr; }
    /// The report of the last finished run.
    const RunReport &lastReport() const { return m_report; }

Q_SIGNALS:
    void started(int batchCount);
    /// index is 0-based; startLine is the batch's first line in the script.
    void batchStarted(int index, int batchCount, int startLine);
    void batchFinished(int index, int batchCount, bool ok);
    /// Batches done (successfully) out of the total.
    void progress(int done, int total);
    void finished(const bs::RunReport &report);

private:
    void run(const QList<SqlBatch> &batches, RunReport report);
    void finish(const RunReport &report);

    ExecutorFactory m_factory;
    QThread *m_thread = nullptr;
    std::atomic_bool m_cancel = false;
    RunReport m_report;
};

} // namespace bs
