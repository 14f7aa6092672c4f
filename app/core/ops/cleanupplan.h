#pragma once

#include "core/catalog.h"
#include "core/monitorsample.h"
#include "core/ops/operation.h"

#include <QList>
#include <QString>
#include <QUuid>

#include <array>
#include <optional>

namespace bs {

/// The endpoint states a guided leak cleanup may touch (sys.conversation_endpoints.state).
enum class CleanupState { CD, DI, DO };
inline constexpr int CleanupStateCount = 3;

/// What the cleanup does to one endpoint, or why it leaves it alone. The numbers are the
/// `action` codes of sql/ops/cleanup_count.sql and cleanup_batch.sql.
enum class CleanupAction {
    EndWithCleanup = 1,    ///< CD with security_timestamp never set: END CONVERSATION … WITH CLEANUP
    End = 2,               ///< DI / DO: END CONVERSATION (never WITH CLEANUP)
    SkipQueued = 10,       ///< messages of the conversation still in its queue
    SkipTransmission = 11, ///< messages of the conversation still in sys.transmission_queue
    SkipExpiring = 12,     ///< its lifetime ends within the plan's horizon: the server removes it
    SkipStampSet = 13,     ///< CD with security_timestamp set: the server removes it when that passes
};
inline constexpr std::array<CleanupAction, 6> AllCleanupActions{
    CleanupAction::EndWithCleanup, CleanupAction::End,          CleanupAction::SkipQueued,
    CleanupAction::SkipTransmission, CleanupAction::SkipExpiring, CleanupAction::SkipStampSet};

QString cleanupStateCode(CleanupState state); ///< "CD", "DI", "DO"
std::optional<CleanupState> cleanupStateFromCode(const QString &code);
/// What the state means and what the cleanup does with it (the dialog's tooltips, the CLI).
QString cleanupStateExplanation(CleanupState state);
std::optional<CleanupAction> cleanupActionFromCode(int code);
/// "END CONVERSATION … WITH CLEANUP", "skipped: messages still in the queue", …
QString cleanupActionText(CleanupAction action);
bool isCleanupSkip(CleanupAction action);

/// A guided leak cleanup: which endpoints (a service pair, states) and how (batches, pause).
/// Pure value: the preview, the runner, the history file and the CLI all take it.
struct CleanupPlan
{
    QString localService; ///< sys.services.name of this side (sys.conversation_endpoints.service_id)
    QString farService;   ///< sys.conversation_endpoints.far_service
    /// The local service's queue: conversations with messages there are skipped.
    QueueRef queue;
    bool closed = true;    ///< CD (CLOSED with the security timestamp never set → WITH CLEANUP)
    bool disconnectedInbound = false;  ///< DI → END CONVERSATION
    bool disconnectedOutbound = false; ///< DO → END CONVERSATION
    /// Endpoints whose lifetime ends within this many seconds are left alone: the server removes
    /// them by itself. SQL Server records no creation time for an endpoint, so an "age" cannot be
    /// read; the lifetime is what the catalog documents (sys.conversation_endpoints.lifetime).
    qint64 minLifetimeLeftSeconds = 0;
    int batchSize = DefaultBatchSize; ///< handles per transaction
    int pauseMs = DefaultPauseMs;     ///< between batches, so that the server keeps serving

    static constexpr int DefaultBatchSize = 1000;
    static constexpr int MaxBatchSize = 10000;
    static constexpr int DefaultPauseMs = 200;

    bool includes(CleanupState state) const;
    void setIncluded(CleanupState state, bool on);
    QList<CleanupState> states() const;
    /// "CD,DI"
    QString statesText() const;
    /// Sets the states from "CD,DI" (case-insensitive); false with *error on a bad name.
    bool setStatesText(const QString &text, QString *error);
    /// Why the plan cannot run (no pair, no state, batch out of 1–MaxBatchSize, bad names); empty when it can.
    QString validate() const;
    /// "CD,DI of //Audit/Target → //Audit/Initiator, batches of 1,000, 200 ms apart"
    QString summary() const;
    /// The plan as JSON, for the history file (resume) and back.
    QByteArray toJson() const;
    static std::optional<CleanupPlan> fromJson(const QByteArray &json);
    /// The queue of local service `service` in `catalog` (sys.services.service_queue_id); invalid when none.
    static QueueRef queueOfService(const BrokerCatalog &catalog, const QString &service);
    /// The plan for a row of the monitor's Endpoints table: its pair and its state (the queue is
    /// left to queueOfService). Meaningful when whyNotCleanable(group) is empty.
    static CleanupPlan forEndpointGroup(const EndpointGroup &group);
    /// Why the guided cleanup does not offer itself for `group`: SO/SI/CO/ER are not leak states,
    /// CLOSED endpoints whose security timestamp is set go by themselves; empty when it does.
    static QString whyNotCleanable(const EndpointGroup &group);
    bool operator==(const CleanupPlan &) const = default;
};

/// How many endpoints each (state, action) covers: the dry run, and one batch's work.
struct CleanupCounts
{
    std::array<std::array<qint64, AllCleanupActions.size()>, CleanupStateCount> byStateAction{};

    qint64 count(CleanupState state, CleanupAction action) const;
    void add(CleanupState state, CleanupAction action, qint64 n);
    qint64 total(CleanupAction action) const;
    qint64 matching() const;   ///< every endpoint of the pair in the chosen states
    qint64 toEnd() const;      ///< what the run will end (WITH CLEANUP + END)
    qint64 skipped() const;
    CleanupCounts &operator+=(const CleanupCounts &other);
    bool operator==(const CleanupCounts &) const = default;
};

/// The dry run: the counts and how the run will go.
struct CleanupDryRun
{
    CleanupCounts counts;
    QString error;
    /// Batches the run needs at least (the batches walk every matching endpoint, skipped ones too).
    qint64 batches(int batchSize) const;
    /// The plan as text: per state what is done, what is skipped and why, how many batches.
    QString describe(const CleanupPlan &plan) const;
};

/// What one batch did: the server's (or the simulator's) answer to cleanup_batch.sql.
struct CleanupBatchResult
{
    bool ok = false;
    QString error;        ///< the batch failed (rolled back): nothing of it happened
    int errorNumber = 0;
    qint64 examined = 0;  ///< endpoints the batch looked at (≤ batch size; fewer = the last batch)
    qint64 endedWithCleanup = 0;
    qint64 ended = 0;
    qint64 failed = 0;    ///< ENDs the server refused (their savepoint rolled back); the rest committed
    QString lastFailure;  ///< the server's text for the last refused END
    qint64 skippedQueued = 0;
    qint64 skippedTransmission = 0;
    qint64 skippedExpiring = 0;
    qint64 skippedStampSet = 0;
    QUuid lastHandle;     ///< the keyset position: the next batch starts after it
    qint64 elapsedMs = 0;
    qint64 skipped() const { return skippedQueued + skippedTransmission + skippedExpiring + skippedStampSet; }
};

/// The statements of the cleanup (sql/ops/cleanup_count.sql, cleanup_batch.sql): the local
/// service's queue quoted into the text, everything else bound as @Pn.
class CleanupStatements
{
public:
    /// The dry run: endpoints of the pair in the plan's states grouped by state and action.
    static OperationStatement count(const CleanupPlan &plan);
    /// One batch: the next ≤ batchSize endpoints after `after` (the null handle: from the start)
    /// selected on the server by keyset, ended in one transaction; returns one row of counts and
    /// the last handle. The text is the same for every batch of a plan; only @P1 changes.
    static OperationStatement batch(const CleanupPlan &plan, const QUuid &after);
    static const QString DocumentationPage;
};

/// Progress of a run from its counts and the time it has taken: rate and ETA for the dialog,
/// the CLI and the bench (pure: the runner feeds it).
struct CleanupProgress
{
    qint64 total = 0;    ///< matching endpoints of the dry run (0: unknown)
    qint64 examined = 0; ///< walked so far (ended + skipped + failed)
    qint64 ended = 0;
    qint64 skipped = 0;
    qint64 failed = 0;
    qint64 batches = 0;
    qint64 workMs = 0;   ///< time spent in batches (the pauses are not work)
    qint64 wallMs = 0;   ///< time since the run (or its resumption) started, pauses included
    qint64 examinedAtStart = 0; ///< examined when this session of the run began (a resumed run)

    /// Endpoints walked per second of wall time; 0 before the first batch.
    double rate() const;
    /// Seconds to go at the current rate; -1 when unknown.
    qint64 etaSeconds() const;
    int percent() const;
    /// "12,000 of 40,000 · 3,400/s · about 8 s left"
    QString text() const;
};

} // namespace bs
