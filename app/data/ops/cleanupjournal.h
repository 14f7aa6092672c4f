#pragma once

#include "core/ops/cleanupplan.h"
#include "data/ops/historytable.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

namespace bs {

/// Where a guided leak cleanup run stands.
/// Discarded: the user started over instead of resuming it; never offered again.
enum class CleanupRunStatus { Running, Paused, Cancelled, Failed, Done, Discarded };
QString cleanupRunStatusName(CleanupRunStatus status); ///< "running", …
std::optional<CleanupRunStatus> cleanupRunStatusFromName(const QString &name);

/// One run of a cleanup as the history file keeps it: the plan and the position.
struct CleanupRun
{
    qint64 id = 0;
    QDateTime startedUtc;
    QDateTime updatedUtc;
    QString server;
    QString database;
    CleanupPlan plan;
    CleanupRunStatus status = CleanupRunStatus::Running;
    /// The keyset position: the last handle a committed batch looked at (null: from the start).
    QUuid lastHandle;
    qint64 total = 0; ///< matching endpoints of the dry run
    qint64 batches = 0;
    /// The sums of the committed batches (examined, ended, failed, skipped by reason).
    CleanupBatchResult totals;
    QString message;

    /// Cancelled, failed, or left running/paused by a crash or a lost connection.
    bool isResumable() const { return status != CleanupRunStatus::Done && status != CleanupRunStatus::Discarded; }
    /// "1,000 of 5,000 done" (examined of the dry run's matching count).
    QString doneText() const;
    void add(const CleanupBatchResult &batch);
};

/// The cleanup_run table in the local history file (the SQLite file of the audit). One
/// connection per journal, used on the thread that opened it.
class CleanupJournal
{
public:
    CleanupJournal();
    ~CleanupJournal();
    CleanupJournal(const CleanupJournal &) = delete;
    CleanupJournal &operator=(const CleanupJournal &) = delete;

    bool open(const QString &path);
    void close();
    bool isOpen() const { return m_db.isOpen(); }
    QString lastError() const { return m_lastError; }

    /// Inserts `run` and sets its id.
    bool insert(CleanupRun &run);
    bool update(const CleanupRun &run);
    QList<CleanupRun> runs(int limit = 100) const;
    /// The newest run on `server`/`database` that did not finish, if any.
    std::optional<CleanupRun> unfinished(const QString &server, const QString &database) const;

private:
    HistoryTableConnection m_db;
    mutable QString m_lastError;
};

} // namespace bs
