#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace bs {

/// Conversation endpoint states as in sys.conversation_endpoints.state (char(2)).
enum class EndpointState { SO, SI, CO, DI, DO, ER, CD };
inline constexpr int EndpointStateCount = 7;

QString endpointStateCode(EndpointState state);        ///< "SO", "CO", ...
QString endpointStateDescription(EndpointState state); ///< "STARTED_OUTBOUND", ...
std::optional<EndpointState> endpointStateFromCode(const QString &code);

/// Endpoints of one (state, local service, far service, side) group.
struct EndpointGroup
{
    EndpointState state = EndpointState::CO;
    QString localService;
    QString farService;
    bool isInitiator = false;
    qint64 count = 0;
    /// Endpoints whose lifetime is more than a year away: they will effectively never expire.
    qint64 neverExpiring = 0;
    /// CLOSED endpoints whose security_timestamp is 1900-01-01: the fire-and-forget leak.
    qint64 closedWithUnsetSecurityTimestamp = 0;
    std::optional<QDateTime> oldestLifetime; ///< earliest lifetime (expiry) in the group, UTC
    bool operator==(const EndpointGroup &) const = default;
};

/// Queue-monitor state from sys.dm_broker_queue_monitors.state.
enum class QueueMonitorState { None, Inactive, Notified, ReceivesOccurring, Unknown };
QString queueMonitorStateText(QueueMonitorState state);
/// Matches INACTIVE / NOTIFIED / RECEIVES_OCCURRING robustly (case, spaces, RECEIVES_OCCURING).
QueueMonitorState queueMonitorStateFromText(const QString &text);

/// One queue at one instant.
struct QueueSample
{
    int queueId = 0;
    QString schema;
    QString name;
    qint64 depth = 0;        ///< rows in the queue's internal table (partition statistics)
    qint64 usedPages = 0;
    bool isReceiveEnabled = true;
    bool isEnqueueEnabled = true;
    bool isActivationEnabled = false;
    int maxReaders = 0;
    int activeReaders = 0;   ///< rows in sys.dm_broker_activated_tasks for the queue
    QueueMonitorState monitorState = QueueMonitorState::None;
    int tasksWaiting = 0;
    std::optional<QDateTime> lastActivatedTime;
    std::optional<QDateTime> lastEmptyRowsetTime;
    bool operator==(const QueueSample &) const = default;
};

/// Transmission-queue rows grouped by destination and status.
struct TransmissionGroup
{
    QString toService;
    QString status; ///< empty = not tried yet
    qint64 count = 0;
    std::optional<QDateTime> oldestEnqueueTime;
    bool operator==(const TransmissionGroup &) const = default;
};

/// One Broker performance counter (sys.dm_os_performance_counters), with its rate when derived.
struct PerfCounter
{
    QString object;   ///< object name without the instance prefix, e.g. "Broker Statistics"
    QString counter;
    QString instance;
    qint64 value = 0;
    int type = 0;     ///< cntr_type as read at run time
    std::optional<double> ratePerSecond;
    bool operator==(const PerfCounter &) const = default;

    /// cntr_type values of per-second counters kept as running totals: 272696576 (64-bit,
    /// PERF_COUNTER_BULK_COUNT) and 272696320 (32-bit, PERF_COUNTER_COUNTER). Their rate comes
    /// from two samples; sys.dm_os_performance_counters documents both as "operations per second
    /// of the sample interval".
    static constexpr int PerSecondBulkType = 272696576;
    static constexpr int PerSecondType = 272696320;
    bool isPerSecond() const { return type == PerSecondBulkType || type == PerSecondType; }
};

/// Counters a simulator knows exactly (a real server shows them through perf counters).
struct FlowCounters
{
    qint64 sent = 0;
    qint64 received = 0;
    qint64 processed = 0;
    qint64 failed = 0;
    qint64 dropped = 0;  ///< errors dropped by an initiator in DO, and messages lost
    qint64 expired = 0;  ///< dialogs that hit their lifetime
    qint64 rollbacks = 0;
    qint64 lost = 0;     ///< task messages that will never be processed (dropped or expired unread)
    qint64 inFlight = 0; ///< task messages sent and not yet processed, failed or lost (a gauge)
    bool operator==(const FlowCounters &) const = default;
};

/// Latency from SEND to end of processing, in seconds.
struct LatencyStats
{
    double p50 = 0;
    double p95 = 0;
    double p99 = 0;
    qint64 samples = 0;
    double mean = 0; ///< exact mean, for Little's law
    bool operator==(const LatencyStats &) const = default;
};

/// A part of the sample that could not be read, and why (for example a missing permission).
struct UnavailablePart
{
    QString part;       ///< query name, e.g. "monitor.activated_tasks"
    QString message;    ///< the driver's own text
    QString permission; ///< what to grant, e.g. "VIEW SERVER STATE"
    /// Not read this sample by design (the census rule: the breakdown waits for the next census),
    /// not a failure: nothing to grant or fix. Rules still treat the part as unavailable.
    bool notDue = false;
    bool operator==(const UnavailablePart &) const = default;
};

/// The cheap totals read every sample from partition metadata (sql/monitor/totals.sql): row
/// counts of the system base tables behind sys.conversation_endpoints and sys.transmission_queue,
/// approximate, without scanning them. Empty where the login cannot see that metadata.
struct TableTotals
{
    std::optional<qint64> endpoints;        ///< sys.sysdercv rows (one per conversation endpoint)
    std::optional<qint64> sendingEndpoints; ///< sys.sysdesend rows
    std::optional<qint64> transmission;     ///< sys.sysxmitqueue rows (messages waiting)
    bool operator==(const TableTotals &) const = default;
};

/// One monitoring reading at one instant: what BrokerSource delivers as "a sample",
/// from a real server and from the simulator alike.
struct MonitorSample
{
    QDateTime time; ///< UTC
    std::optional<bool> isBrokerEnabled;
    QList<EndpointGroup> endpoints;
    QList<QueueSample> queues;
    qint64 transmissionQueueSize = 0;
    std::optional<QDateTime> transmissionOldest;
    QList<TransmissionGroup> transmission;
    QList<PerfCounter> counters;
    std::optional<FlowCounters> flow;     ///< simulator only
    std::optional<LatencyStats> latency;  ///< simulator only
    QList<UnavailablePart> unavailable;
    TableTotals totals;
    /// The census (the endpoints and transmission breakdown) was read this sample. When false,
    /// those parts are unavailable with the reason, and `lastCensus` says when they last came.
    bool isCensus = true;
    std::optional<QDateTime> lastCensus;

    qint64 endpointCount() const;
    /// The endpoint total of this sample: the census's exact count when it was read this sample,
    /// else the cheap total from partition metadata; empty when neither is there.
    std::optional<qint64> endpointTotal() const;
    /// The same for the transmission queue.
    std::optional<qint64> transmissionTotal() const;
    qint64 endpointCount(EndpointState state) const;
    qint64 leakedClosedCount() const;
    qint64 neverExpiringCount() const;
    const QueueSample *queue(const QString &schema, const QString &name) const;
    bool isAvailable(const QString &part) const;
    bool operator==(const MonitorSample &) const = default;
};

} // namespace bs

Q_DECLARE_METATYPE(bs::MonitorSample)
