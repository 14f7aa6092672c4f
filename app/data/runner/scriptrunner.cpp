#include "data/runner/scriptrunner.h"

#include "data/runner/odbcbatchexecutor.h"

#include <QElapsedTimer>

#include <atomic>
#include <mutex>
#include <thread>

namespace bs {

/// Shared by a runner and its worker thread, which may outlive it.
struct ScriptRunState
{
    std::mutex mutex;
    ScriptRunner *owner = nullptr;      ///< null once the runner is gone
    BatchExecutor *executor = nullptr;  ///< while the worker has one
    std::atomic_bool cancel = false;

    void setExecutor(BatchExecutor *e)
    {
        std::lock_guard lock(mutex);
        executor = e;
    }
    void cancelNow()
    {
        cancel = true;
        std::lock_guard lock(mutex);
        if (executor)
            executor->cancel();
    }
};

void ScriptRunner::post(const std::shared_ptr<ScriptRunState> &state, std::function<void(ScriptRunner *)> fn)
{
    // Under the lock, so the owner cannot be destroyed between the check and the post; calls still
    // pending when it is destroyed die with it.
    std::lock_guard lock(state->mutex);
    if (ScriptRunner *owner = state->owner) {
        QMetaObject::invokeMethod(
            owner,
            [owner, state, fn = std::move(fn)] {
                if (owner->m_state == state) // not a previous run's late call
                    fn(owner);
            },
            Qt::QueuedConnection);
    }
}

// Worker thread. Signals are emitted through queued calls on the runner's thread, which keeps
// their order and lets receivers touch widgets.
void ScriptRunner::runBatches(const std::shared_ptr<ScriptRunState> &state, const ExecutorFactory &factory,
                              const QList<SqlBatch> &batches, RunReport report)
{
    const int count = int(batches.size());
    std::unique_ptr<BatchExecutor> executor = factory ? factory() : nullptr;
    state->setExecutor(executor.get());
    QString connectError;
    if (!executor || state->cancel || !executor->open(&connectError)) {
        state->setExecutor(nullptr);
        executor.reset();
        report.outcome = state->cancel ? RunReport::Outcome::Cancelled : RunReport::Outcome::ConnectionFailed;
        report.message = state->cancel ? QStringLiteral("Cancelled before the first batch ran.")
            : connectError.isEmpty()   ? QStringLiteral("No connection to run the script on.")
                                       : connectError;
        report.finishedUtc = QDateTime::currentDateTimeUtc();
        post(state, [report](ScriptRunner *r) { r->finishRun(report); });
        return;
    }

    bool cancelledMidBatch = false;
    for (int i = 0; i < count; ++i) {
        const SqlBatch &batch = batches.at(i);
        if (state->cancel)
            break;
        post(state, [i, count, line = batch.startLine](ScriptRunner *r) { Q_EMIT r->batchStarted(i, count, line); });
        bool ok = true;
        bool complete = true;
        for (int iteration = 1; iteration <= batch.repeat && ok; ++iteration) {
            if (iteration > 1 && state->cancel) {
                complete = false; // GO <count> interrupted between two runs
                break;
            }
            RunLogEntry entry;
            entry.batchIndex = i;
            entry.iteration = iteration;
            entry.batch = batch;
            entry.startedUtc = QDateTime::currentDateTimeUtc();
            QElapsedTimer timer;
            timer.start();
            entry.result = executor->execute(batch.text);
            entry.elapsedMs = timer.elapsed();
            ok = entry.result.ok;
            report.log.append(entry);
            if (!ok && state->cancel) {
                // The server stopped the batch because we asked: a cancellation, not a failure.
                cancelledMidBatch = true;
                complete = false;
                break;
            }
            if (!ok) {
                report.outcome = RunReport::Outcome::Failed;
                report.failedBatchIndex = i;
                report.failedBatch = batch;
                report.failure = entry.result;
                report.failedScriptLine = batch.scriptLine(entry.result.line);
                report.message = QStringLiteral("Batch %1 of %2 (script line %3) failed at script line %4: error %5: %6")
                                     .arg(i + 1)
                                     .arg(count)
                                     .arg(batch.startLine)
                                     .arg(report.failedScriptLine)
                                     .arg(entry.result.errorNumber)
                                     .arg(entry.result.message);
            }
        }
        if (ok && complete)
            ++report.batchesSucceeded;
        post(state, [i, count, ok, done = report.batchesSucceeded](ScriptRunner *r) {
            Q_EMIT r->batchFinished(i, count, ok);
            Q_EMIT r->progress(done, count);
        });
        if (!ok || !complete)
            break;
    }
    state->setExecutor(nullptr);
    executor->close();
    executor.reset();

    if (report.outcome != RunReport::Outcome::Failed && report.batchesSucceeded < count) {
        report.outcome = RunReport::Outcome::Cancelled;
        report.message = cancelledMidBatch
            ? QStringLiteral("Cancelled while batch %1 of %2 ran: the server stopped it. Statements of that batch "
                             "that had completed stay done unless they were inside a transaction; the rest did not run.")
                  .arg(report.batchesSucceeded + 1)
                  .arg(count)
            : QStringLiteral("Cancelled after %1 of %2 batches; the rest did not run.")
                  .arg(report.batchesSucceeded)
                  .arg(count);
    }
    report.finishedUtc = QDateTime::currentDateTimeUtc();
    post(state, [report](ScriptRunner *r) { r->finishRun(report); });
}

ScriptRunner::ScriptRunner(ExecutorFactory factory, QObject *parent)
    : QObject(parent)
    , m_factory(std::move(factory))
{
    qRegisterMetaType<bs::RunReport>();
}

ScriptRunner::~ScriptRunner()
{
    if (!m_state)
        return;
    m_state->cancelNow();
    std::lock_guard lock(m_state->mutex);
    m_state->owner = nullptr;
}

ScriptRunner::ExecutorFactory ScriptRunner::odbcFactory(const QString &connectionString)
{
    return [connectionString]() -> std::unique_ptr<BatchExecutor> {
        return std::make_unique<OdbcBatchExecutor>(connectionString);
    };
}

bool ScriptRunner::start(const QString &script, const QString &scriptName)
{
    if (m_running)
        return false;
    RunReport report;
    report.scriptName = scriptName;
    report.startedUtc = QDateTime::currentDateTimeUtc();
    const BatchSplit split = BatchSplitter::split(script);
    if (!split.ok()) {
        report.outcome = RunReport::Outcome::ScriptInvalid;
        report.message = split.error;
        report.failedScriptLine = split.errorLine;
        report.finishedUtc = report.startedUtc;
        m_report = report;
        // Queued, so a caller that connects after start() still sees it.
        QMetaObject::invokeMethod(this, [this, report] { Q_EMIT finished(report); }, Qt::QueuedConnection);
        return true;
    }
    report.batchCount = int(split.batches.size());
    if (m_state) {
        // A finished run's worker may still be closing its connection: it posts nothing more here.
        std::lock_guard lock(m_state->mutex);
        m_state->owner = nullptr;
    }
    m_state = std::make_shared<ScriptRunState>();
    m_state->owner = this;
    m_running = true;
    Q_EMIT started(report.batchCount);
    // A plain detached thread: nobody ever waits for it (a QThread must be joined before it is
    // deleted). It holds the shared state, never the runner.
    std::thread([state = m_state, factory = m_factory, batches = split.batches, report] {
        runBatches(state, factory, batches, report);
    }).detach();
    return true;
}

void ScriptRunner::cancel()
{
    if (m_state && m_running)
        m_state->cancelNow();
}

void ScriptRunner::finishRun(const RunReport &report)
{
    m_running = false;
    m_report = report;
    Q_EMIT finished(report);
}

} // namespace bs
