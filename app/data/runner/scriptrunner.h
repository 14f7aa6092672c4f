#pragma once

#include "data/runner/runreport.h"

#include <QObject>

#include <functional>
#include <memory>

namespace bs {

class BatchExecutor;
struct ScriptRunState;

/// Runs a script's GO batches in order on a worker thread. The first failing batch stops the
/// run; the report names the server's message, the batch and its line in the whole script.
/// Signals arrive on the runner's thread, in order: started, then batchStarted/batchFinished
/// pairs (with progress), then finished exactly once (unless the runner is destroyed first).
///
/// cancel() stops the batch running on the server (BatchExecutor::cancel, SQLCancel for ODBC) and
/// skips the rest. Nothing here waits for the worker: the destructor cancels and returns at once;
/// the worker finishes on its own and posts nothing to a runner that is gone.
class ScriptRunner : public QObject
{
    Q_OBJECT
public:
    /// Creates the executor; called on the worker thread, so a connection it opens lives there.
    using ExecutorFactory = std::function<std::unique_ptr<BatchExecutor>()>;

    explicit ScriptRunner(ExecutorFactory factory, QObject *parent = nullptr);
    /// Cancels a run in progress and returns at once (never waits for the batch on the server).
    ~ScriptRunner() override;

    /// A factory for OdbcBatchExecutor on the given ODBC connection string.
    static ExecutorFactory odbcFactory(const QString &connectionString);

    /// Starts running the script; false (and nothing emitted) when a run is in progress.
    /// A script with an invalid GO line finishes at once with Outcome::ScriptInvalid.
    bool start(const QString &script, const QString &scriptName = QString());
    /// Stops the batch running on the server and skips the rest; the run then finishes with
    /// Outcome::Cancelled. Statements of the cancelled batch that had completed stay done.
    void cancel();
    bool isRunning() const { return m_running; }
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
    /// The worker thread's body; it reaches the runner only through the shared state.
    static void runBatches(const std::shared_ptr<ScriptRunState> &state, const ExecutorFactory &factory,
                           const QList<SqlBatch> &batches, RunReport report);
    /// Runs fn(runner) on the runner's thread if the runner still exists and the run is current.
    static void post(const std::shared_ptr<ScriptRunState> &state, std::function<void(ScriptRunner *)> fn);
    /// On the runner's thread: the worker's last word.
    void finishRun(const RunReport &report);

    ExecutorFactory m_factory;
    std::shared_ptr<ScriptRunState> m_state;
    bool m_running = false;
    RunReport m_report;
};

} // namespace bs
