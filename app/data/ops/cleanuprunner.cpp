#include "data/ops/cleanuprunner.h"

#include "data/ops/operationpath.h"

#include <QLocale>

namespace bs {

namespace {

QString number(qint64 n)
{
    return QLocale(QLocale::English).toString(n);
}

} // namespace

CleanupRunner::CleanupRunner(OperationPath *path, QObject *parent)
    : QObject(parent)
    , m_path(path)
{
    m_pause.setSingleShot(true);
    connect(&m_pause, &QTimer::timeout, this, &CleanupRunner::nextBatch);
}

CleanupRunner::~CleanupRunner()
{
    // A run still going when its window closes is kept as it stands: resumable from the journal.
    if (m_state == State::Running || m_state == State::Paused) {
        m_run.status = CleanupRunStatus::Paused;
        m_run.updatedUtc = QDateTime::currentDateTimeUtc();
        m_run.message = tr("Interrupted: the window or the program closed during the run.");
        m_journal.update(m_run);
    }
}

bool CleanupRunner::openJournal()
{
    if (m_journal.isOpen())
        return true;
    if (!m_path || !m_path->audit().isOpen()) {
        m_lastError = tr("No history file is open: the run's position could not be kept, so it does not start.");
        return false;
    }
    if (!m_journal.open(m_path->audit().path())) {
        m_lastError = tr("The history file cannot keep the run's position: %1").arg(m_journal.lastError());
        return false;
    }
    return true;
}

std::optional<CleanupRun> CleanupRunner::unfinished() const
{
    if (!m_path || !m_path->operations() || !const_cast<CleanupRunner *>(this)->openJournal())
        return std::nullopt;
    const OperationsIdentity who = m_path->operations()->identity();
    return m_journal.unfinished(who.server, who.database);
}

bool CleanupRunner::start(const CleanupPlan &plan, qint64 total)
{
    if (m_state == State::Running || m_state == State::Paused) {
        m_lastError = tr("A cleanup is already running.");
        return false;
    }
    CleanupRun run;
    run.plan = plan;
    run.total = total;
    run.startedUtc = QDateTime::currentDateTimeUtc();
    run.updatedUtc = run.startedUtc;
    if (m_path && m_path->operations()) {
        const OperationsIdentity who = m_path->operations()->identity();
        run.server = who.server;
        run.database = who.database;
    }
    const QString blocked = m_path ? m_path->writesBlockedReason() : tr("No operations path.");
    const QString problem = !blocked.isEmpty() ? blocked : plan.validate();
    m_run = run;
    if (!problem.isEmpty()) {
        m_lastError = problem;
        auditRun(QStringLiteral("leak-cleanup"), tr("Leak cleanup: %1").arg(plan.summary()), QStringLiteral("refused"), problem);
        return false;
    }
    if (!openJournal())
        return false;
    if (!m_journal.insert(m_run)) {
        m_lastError = tr("The history file cannot keep the run's position: %1").arg(m_journal.lastError());
        return false;
    }
    auditRun(QStringLiteral("leak-cleanup"), tr("Leak cleanup run %1 started: %2").arg(m_run.id).arg(plan.summary()),
             QStringLiteral("started"), tr("%1 matching endpoint(s) in the dry run.").arg(number(total)));
    return begin();
}

bool CleanupRunner::resume(const CleanupRun &run)
{
    if (m_state == State::Running || m_state == State::Paused) {
        m_lastError = tr("A cleanup is already running.");
        return false;
    }
    const QString blocked = m_path ? m_path->writesBlockedReason() : tr("No operations path.");
    if (!blocked.isEmpty()) {
        m_lastError = blocked;
        return false;
    }
    if (!run.isResumable() || !openJournal()) {
        if (m_lastError.isEmpty())
            m_lastError = tr("The run finished; there is nothing to resume.");
        return false;
    }
    m_run = run;
    m_run.status = CleanupRunStatus::Running;
    auditRun(QStringLiteral("leak-cleanup"),
             tr("Leak cleanup run %1 resumed after %2 endpoint(s): %3").arg(run.id).arg(number(run.totals.examined), run.plan.summary()),
             QStringLiteral("started"),
             tr("Continues after conversation handle %1.").arg(run.lastHandle.isNull() ? tr("(start)")
                                                                                      : run.lastHandle.toString(QUuid::WithoutBraces).toUpper()));
    return begin();
}

bool CleanupRunner::discard(const CleanupRun &run)
{
    if (m_state == State::Running || m_state == State::Paused) {
        m_lastError = tr("A cleanup is running; cancel it first.");
        return false;
    }
    const QString blocked = m_path ? m_path->writesBlockedReason() : tr("No operations path.");
    if (!blocked.isEmpty()) {
        m_lastError = blocked;
        return false;
    }
    if (!openJournal())
        return false;
    CleanupRun discarded = run;
    discarded.status = CleanupRunStatus::Discarded;
    discarded.updatedUtc = QDateTime::currentDateTimeUtc();
    discarded.message = tr("Discarded: the user started over instead of resuming it.");
    if (!m_journal.update(discarded)) {
        m_lastError = tr("The history file cannot record the discarded run: %1").arg(m_journal.lastError());
        return false;
    }
    const CleanupRun current = m_run;
    m_run = discarded; // auditRun() shows the run's own statement and position
    auditRun(QStringLiteral("leak-cleanup"), tr("Leak cleanup run %1 discarded (%2): %3").arg(run.id).arg(run.doneText(), run.plan.summary()),
             QStringLiteral("discarded"), discarded.message);
    m_run = current;
    return true;
}

bool CleanupRunner::begin()
{
    m_pauseRequested = false;
    m_cancelRequested = false;
    m_lastError.clear();
    m_workMs = 0;
    m_examinedAtStart = m_run.totals.examined;
    m_wall.start();
    m_run.status = CleanupRunStatus::Running;
    m_journal.update(m_run);
    setState(State::Running);
    Q_EMIT progressChanged(progress());
    nextBatch();
    return true;
}

void CleanupRunner::nextBatch()
{
    if (m_state != State::Running)
        return;
    if (m_cancelRequested) {
        stop(CleanupRunStatus::Cancelled, tr("Cancelled by the user."));
        return;
    }
    if (m_pauseRequested) {
        m_run.status = CleanupRunStatus::Paused;
        m_journal.update(m_run);
        setState(State::Paused);
        return;
    }
    BrokerOperations *ops = m_path ? m_path->operations() : nullptr;
    if (!ops) {
        stop(CleanupRunStatus::Failed, tr("The connection's operations are gone."));
        return;
    }
    const OperationStatement statement = CleanupStatements::batch(m_run.plan, m_run.lastHandle);
    m_batchRunning = true;
    ops->cleanupBatch(m_run.plan, m_run.lastHandle, statement, this,
                      [this, statement](const CleanupBatchResult &result) { batchDone(result, statement); });
}

void CleanupRunner::batchDone(const CleanupBatchResult &result, const OperationStatement &statement)
{
    m_batchRunning = false;
    m_workMs += result.elapsedMs;
    const qint64 number_ = m_run.batches + 1;
    AuditRecord row;
    row.timeUtc = QDateTime::currentDateTimeUtc();
    if (m_path && m_path->operations()) {
        const OperationsIdentity who = m_path->operations()->identity();
        row.login = who.login;
        row.server = who.server;
        row.database = who.database;
    }
    row.operation = QStringLiteral("leak-cleanup-batch");
    row.summary = tr("Leak cleanup run %1, batch %2").arg(m_run.id).arg(number_);
    row.statement = statement.text;
    row.parameters = statement.parameterText();
    row.outcome = result.ok ? QStringLiteral("succeeded") : QStringLiteral("failed");
    row.message = result.ok ? tr("Examined %1: ended %2 with cleanup, %3 with END; skipped %4; refused %5.")
                                  .arg(number(result.examined), number(result.endedWithCleanup), number(result.ended),
                                       number(result.skipped()), number(result.failed))
                            : result.error;
    row.elapsedMs = result.elapsedMs;
    const bool audited = m_path && m_path->auditRecord(row);
    if (!result.ok) {
        stop(CleanupRunStatus::Failed,
             tr("Batch %1 failed and was rolled back: %2\nThe run stopped after %3 endpoint(s); resume it later: it continues "
                "after the last committed batch.")
                 .arg(number_).arg(result.error, number(m_run.totals.examined)));
        return;
    }
    m_run.add(result);
    m_run.updatedUtc = QDateTime::currentDateTimeUtc();
    if (!m_journal.update(m_run)) {
        stop(CleanupRunStatus::Failed, tr("The run's position could not be written to the history file (%1); it stopped "
                                          "so that nothing runs without a record.").arg(m_journal.lastError()));
        return;
    }
    if (!audited) {
        stop(CleanupRunStatus::Failed, tr("The audit row of batch %1 could not be written; the run stopped so that "
                                          "nothing runs without a record.").arg(number_));
        return;
    }
    Q_EMIT progressChanged(progress());
    if (result.examined < m_run.plan.batchSize) {
        stop(CleanupRunStatus::Done, tr("Finished."));
        return;
    }
    if (m_cancelRequested) {
        stop(CleanupRunStatus::Cancelled, tr("Cancelled by the user."));
        return;
    }
    if (m_pauseRequested) {
        nextBatch(); // records the pause
        return;
    }
    m_pause.start(m_run.plan.pauseMs);
}

void CleanupRunner::pause()
{
    if (m_state != State::Running)
        return;
    m_pauseRequested = true;
    if (!m_batchRunning) {
        m_pause.stop();
        nextBatch();
    }
}

void CleanupRunner::resumeAfterPause()
{
    if (m_state != State::Paused)
        return;
    m_pauseRequested = false;
    m_run.status = CleanupRunStatus::Running;
    m_journal.update(m_run);
    setState(State::Running);
    nextBatch();
}

void CleanupRunner::cancel()
{
    if (m_state == State::Paused || (m_state == State::Running && !m_batchRunning)) {
        m_pause.stop();
        stop(CleanupRunStatus::Cancelled, tr("Cancelled by the user."));
    } else if (m_state == State::Running) {
        m_cancelRequested = true; // after the running batch: a transaction is never cut
    }
}

void CleanupRunner::stop(CleanupRunStatus status, const QString &message)
{
    m_pause.stop();
    m_run.status = status;
    m_run.message = message;
    m_run.updatedUtc = QDateTime::currentDateTimeUtc();
    m_journal.update(m_run);
    m_lastError = status == CleanupRunStatus::Done ? QString() : message;
    const QString outcome = status == CleanupRunStatus::Done        ? QStringLiteral("succeeded")
                          : status == CleanupRunStatus::Cancelled ? QStringLiteral("cancelled")
                                                                  : QStringLiteral("failed");
    auditRun(QStringLiteral("leak-cleanup"), tr("Leak cleanup run %1 %2").arg(m_run.id).arg(cleanupRunStatusName(status)), outcome,
             message + QLatin1Char('\n') + summary());
    setState(State::Finished);
    Q_EMIT progressChanged(progress());
    Q_EMIT finished();
}

void CleanupRunner::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void CleanupRunner::auditRun(const QString &operation, const QString &summaryText, const QString &outcome, const QString &message)
{
    if (!m_path)
        return;
    AuditRecord row;
    row.timeUtc = QDateTime::currentDateTimeUtc();
    if (m_path->operations()) {
        const OperationsIdentity who = m_path->operations()->identity();
        row.login = who.login;
        row.server = who.server;
        row.database = who.database;
    }
    row.operation = operation;
    row.summary = summaryText;
    const OperationStatement statement = CleanupStatements::batch(m_run.plan, m_run.lastHandle);
    row.statement = statement.text;
    row.parameters = statement.parameterText();
    row.outcome = outcome;
    row.message = message;
    m_path->auditRecord(row);
}

CleanupProgress CleanupRunner::progress() const
{
    CleanupProgress p;
    p.total = m_run.total;
    p.examined = m_run.totals.examined;
    p.ended = m_run.totals.endedWithCleanup + m_run.totals.ended;
    p.skipped = m_run.totals.skipped();
    p.failed = m_run.totals.failed;
    p.batches = m_run.batches;
    p.workMs = m_workMs;
    p.wallMs = m_wall.isValid() ? m_wall.elapsed() : 0;
    p.examinedAtStart = m_examinedAtStart;
    return p;
}

QString CleanupRunner::summary() const
{
    const CleanupBatchResult &t = m_run.totals;
    QStringList lines;
    lines.append(tr("Removed %1 endpoint(s): %2 with END CONVERSATION … WITH CLEANUP (CLOSED, security timestamp never set), "
                    "%3 with END CONVERSATION (DI/DO).")
                     .arg(number(t.endedWithCleanup + t.ended), number(t.endedWithCleanup), number(t.ended)));
    lines.append(tr("Skipped %1: %2 with messages still in the queue, %3 with messages in sys.transmission_queue, "
                    "%4 whose lifetime ends soon, %5 CLOSED with the security timestamp set (the server removes those).")
                     .arg(number(t.skipped()), number(t.skippedQueued), number(t.skippedTransmission),
                          number(t.skippedExpiring), number(t.skippedStampSet)));
    if (t.failed > 0)
        lines.append(tr("Refused by the server: %1 (last: %2).").arg(number(t.failed), t.lastFailure));
    lines.append(tr("%1 batch(es). The leak comes back until its cause is fixed: the initiator must not end first "
                    "(fire-and-forget). Tools › New Messaging Pattern… generates the pattern that ends dialogs safely.")
                     .arg(number(m_run.batches)));
    return lines.join(QLatin1Char('\n'));
}

} // namespace bs
