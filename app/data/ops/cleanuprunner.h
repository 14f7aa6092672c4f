#pragma once

#include "core/ops/cleanupplan.h"
#include "data/ops/cleanupjournal.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace bs {

class OperationPath;

/// Runs a guided leak cleanup batch by batch (docs/operations.md, "Guided leak cleanup"): each
/// batch is CleanupStatements::batch(plan, last handle) — the previewed text — run by the
/// BrokerOperations (on a server as a JobTracker job off the GUI thread), audited, and its
/// position written to the history file before the next one starts, after the plan's pause.
/// Pause waits after the running batch; cancel stops after it (a batch is one transaction and is
/// never cut). A failed batch (a lost connection, …) rolled back on the server: the run stops with
/// the server's message and resume() later continues from the last committed batch.
class CleanupRunner : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Running, Paused, Finished };
    Q_ENUM(State)

    /// `path` audits (its history file holds the journal too) and says whether writes are allowed.
    explicit CleanupRunner(OperationPath *path, QObject *parent = nullptr);
    ~CleanupRunner() override;

    /// Starts a new run of `plan`; `total` is the dry run's matching count (for the ETA). False
    /// with lastError() when it cannot start (read-only profile, bad plan, no history file); a
    /// refused start is audited.
    bool start(const CleanupPlan &plan, qint64 total);
    /// Continues `run` (from CleanupJournal::unfinished) after its last committed batch.
    bool resume(const CleanupRun &run);
    /// The unfinished run on this connection's server and database, if any.
    std::optional<CleanupRun> unfinished() const;
    /// Starting over instead of resuming: marks `run` discarded in the journal (never offered again;
    /// what it ended stays ended) and audits it. False with lastError() on a read-only profile or
    /// when the journal cannot be written.
    bool discard(const CleanupRun &run);

    void pause();
    void resumeAfterPause();
    void cancel();

    State state() const { return m_state; }
    const CleanupRun &run() const { return m_run; }
    CleanupProgress progress() const;
    QString lastError() const { return m_lastError; }
    /// After a run: what was removed, what was skipped and why, what failed, the advice.
    QString summary() const;

Q_SIGNALS:
    void progressChanged(const bs::CleanupProgress &progress);
    void stateChanged(bs::CleanupRunner::State state);
    /// The run ended: done, cancelled or failed (run().status says which; lastError() why).
    void finished();

private:
    bool begin();
    void nextBatch();
    void batchDone(const CleanupBatchResult &result, const OperationStatement &statement);
    void stop(CleanupRunStatus status, const QString &message);
    void setState(State state);
    void auditRun(const QString &operation, const QString &summary, const QString &outcome, const QString &message);
    bool openJournal();

    QPointer<OperationPath> m_path;
    CleanupJournal m_journal;
    CleanupRun m_run;
    State m_state = State::Idle;
    bool m_pauseRequested = false;
    bool m_cancelRequested = false;
    bool m_batchRunning = false;
    QTimer m_pause;
    QElapsedTimer m_wall;
    qint64 m_workMs = 0;
    qint64 m_examinedAtStart = 0;
    QString m_lastError;
};

} // namespace bs
