#include "data/runner/scriptrunner.h"

#include "data/runner/odbcbatchexecutor.h"

#include <QElapsedTimer>
#include <QThread>

namespace bs {

ScriptRunner::ScriptRunner(ExecutorFactory factory, QObject *parent)
    : QObject(parent)
    , m_factory(std::move(factory))
{
    qRegisterMetaType<bs::RunReport>();
}

ScriptRunner::~ScriptRunner()
{
    if (m_thread) {
        m_cancel = true;
        m_thread->wait();
        delete m_thread;
    }
}

ScriptRunner::ExecutorFactory ScriptRunner::odbcFactory(const QString &connectionString)
{
    return [connectionString]() -> std::unique_ptr<BatchExecutor> {
        return std::make_unique<OdbcBatchExecutor>(connectionString);
    };
}

bool ScriptRunner::start(const QString &script, const QString &scriptName)
{
    if (m_thread)
        return false;
    m_cancel = false;
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
    Q_EMIT started(report.batchCount);
    m_thread = QThread::create([this, batches = split.batches, report] { run(batches, report); });
    m_thread->setObjectName(QStringLiteral("bs-script-runner"));
    m_thread->start();
    return true;
}

void ScriptRunner::cancel()
{
    m_cancel = true;
}

// Worker thread. Signals are emitted through queued calls on the runner's thread, which keeps
// their order and lets receivers touch widgets.
void ScriptRunner::run(const QList<SqlBatch> &batches, RunReport report)
{
    auto post = [this](auto &&fn) { QMetaObject::invokeMethod(this, std::forward<decltype(fn)>(fn), Qt::QueuedConnection); };
    const int count = int(batches.size());

    std::unique_ptr<BatchExecutor> executor = m_factory ? m_factory() : nullptr;
    QString connectError;
    if (!executor || !executor->open(&connectError)) {
        report.outcome = RunReport::Outcome::ConnectionFailed;
        report.message = connectError.isEmpty() ? QStringLiteral("No connection to run the script on.") : connectError;
        report.finishedUtc = QDateTime::currentDateTimeUtc();
        post([this, report] { finish(report); });
        return;
    }

    for (int i = 0; i < count; ++i) {
        const SqlBatch &batch = batches.at(i);
        if (m_cancel)
            break;
        post([this, i, count, line = batch.startLine] { Q_EMIT batchStarted(i, count, line); });
        bool ok = true;
        bool complete = true;
        for (int iteration = 1; iteration <= batch.repeat && ok; ++iteration) {
            if (iteration > 1 && m_cancel) {
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
        post([this, i, count, ok, done = report.batchesSucceeded] {
            Q_EMIT batchFinished(i, count, ok);
            Q_EMIT progress(done, count);
        });
        if (!ok || !complete)
            break;
    }
    executor->close();
    executor.reset();

    if (report.outcome != RunReport::Outcome::Failed && report.batchesSucceeded < count) {
        report.outcome = RunReport::Outcome::Cancelled;
        report.message = QStringLiteral("Cancelled after %1 of %2 batches; the rest did not run.")
                             .arg(report.batchesSucceeded)
                             .arg(count);
    }
    report.finishedUtc = QDateTime::currentDateTimeUtc();
    post([this, report] { finish(report); });
}

void ScriptRunner::finish(const RunReport &report)
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    m_report = report;
    Q_EMIT finished(report);
}

} // namespace bs
