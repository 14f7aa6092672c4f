#pragma once

#include "core/catalog.h"
#include "core/census/censusscheduler.h"
#include "core/monitorsample.h"
#include "core/series/monitorlimits.h"
#include "data/odbc/guardedconnection.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class QTimer;

namespace bs {
class SampleAssembler;
}

namespace bs {

/// Samples one database on its own connection: runs the sql/monitor queries every interval and
/// emits one MonitorSample per round. Made to live on its own QThread (move it there and call
/// start() in that thread). The connection is a GuardedConnection: its driver calls run on a
/// thread of their own and this thread waits for them with a deadline.
///
/// - The interval is 1 s to 10 min (default 5 s). A round never overlaps the previous one: a slow
///   round delays the next, rounds never queue up. The interval stretches so that sampling takes
///   at most the server time share (SamplingPolicy, default 10 %): samplingPaced() says by how much.
/// - Every round reads the cheap totals (sql/monitor/totals.sql, partition metadata); the census
///   parts (endpoints, transmission: full scans) only when the census rule says so or after
///   censusNow() (CensusScheduler); between censuses they are marked unavailable as not due.
/// - Each query runs with a timeout (ODBC SQL_ATTR_QUERY_TIMEOUT set on the statement handle) and
///   a deadline of ours (GuardedConnection): cancelled on the server when the driver does not give
///   up, the connection abandoned and reopened when even the cancel is not answered.
/// - A failing query marks its part unavailable (UnavailablePart) while the others still report.
/// - A lost connection emits sampleMissed (a gap, never zeros) and reconnects with backoff
///   (1, 2, 4 … 60 s).
class MonitorPoller : public QObject
{
    Q_OBJECT
public:
    static constexpr int MinIntervalMs = MonitorLimits::MinIntervalMs;
    static constexpr int MaxIntervalMs = MonitorLimits::MaxIntervalMs;
    static constexpr int DefaultIntervalMs = MonitorLimits::DefaultIntervalMs;
    static constexpr int DefaultQueryTimeoutSeconds = 15;
    static constexpr int MaxBackoffSeconds = 60;

    /// `connectionString` is what QSqlDatabase::setDatabaseName takes for the driver (for QODBC a
    /// DSN-less ODBC string with DRIVER= or SERVER=; see OdbcConnectionString::forQodbc).
    explicit MonitorPoller(QString connectionString, QObject *parent = nullptr);
    ~MonitorPoller() override;

    /// Clamped to [MinIntervalMs, MaxIntervalMs]; takes effect from the next round.
    void setIntervalMs(int ms);
    int intervalMs() const { return m_intervalMs; }
    void setQueryTimeoutSeconds(int seconds) { m_queryTimeoutSeconds = std::max(1, seconds); }
    /// The census rule and the server time share (core/census/samplingpolicy.h); from the next round.
    void setSamplingPolicy(const SamplingPolicy &policy)
    {
        m_policy = policy.clamped();
        m_census.setPolicy(m_policy);
    }
    /// The interval waited after the last round: the chosen one stretched by the time share.
    qint64 effectiveIntervalMs() const { return m_effectiveIntervalMs; }
    /// Names queues known only by id.
    void setCatalog(const BrokerCatalog &catalog) { m_catalog = catalog; }
    /// The Qt SQL driver ("QODBC" by default). Tests use "QSQLITE" with substitute queries.
    void setDriver(const QString &driver);
    /// One round trip per sample (sql/sample/batch.sql, the default with QODBC) or one statement
    /// per part (the fallback, also taken by itself when a batch fails or comes back incomplete).
    void setBatchedRounds(bool batched) { m_batchedRounds = m_batched = batched; }
    /// Statements sent since start (a batch counts once): round trips, for tests and benchmarks.
    int statementsSent() const { return m_statementsSent; }
    /// Replaces the text of a monitor query (tests only: the real text comes from sql/monitor).
    void setQueryText(const QString &name, const QString &text) { m_queryOverrides.insert(name, text); }

    /// Thread-safe (call it from the owner's thread): cancels the statement running now on the
    /// server (SQLCancel) and ends the round without a sample; stop() follows in the poller's thread.
    void abortRound();
    /// Thread-safe: abortRound() for good. A start() or round() still queued in the poller's
    /// thread does nothing, so a poller stopped before its thread ran start() never logs in.
    void retire();

    static int clampInterval(int ms);
    /// Next reconnect delay after `failures` failed attempts in a row (1, 2, 4 … MaxBackoffSeconds).
    static int backoffSeconds(int failures);
    static constexpr int MaxPartBackoffRounds = 32;
    /// Rounds a part sits out after `timeouts` timeouts in a row (1, 2, 4 … MaxPartBackoffRounds):
    /// a part that times out is not run again at once on a struggling server (issue #13).
    static int partBackoffRounds(int timeouts);
    /// A part's failure that is a timeout: ours (HYT00), the driver's query timeout, or SQL
    /// Server's lock timeout (error 1222, SET LOCK_TIMEOUT in sql/monitor).
    static bool isTimeout(const QString &nativeCode, const QString &message);
    /// True for driver errors that mean the connection is gone (ODBC SQLSTATE class 08, or the
    /// driver reporting the link closed), as opposed to one query failing.
    static bool isConnectionLost(const QString &nativeCode, const QString &message);

public Q_SLOTS:
    /// Opens the connection and samples until stop(); call it in the poller's thread.
    void start();
    /// Stops sampling and closes the connection (in the poller's thread).
    void stop();
    /// Takes one sample now if no round is running (also between intervals).
    void sampleNow();
    /// The next round carries the full census whatever the census rule says, and starts now
    /// when no round is running ("Census now").
    void censusNow();

Q_SIGNALS:
    void sampleReady(const bs::MonitorSample &sample);
    /// No sample for this time: the charts draw a gap here.
    void sampleMissed(const QDateTime &time, const QString &reason);
    /// A round ended (with sampleReady or sampleMissed) after `elapsedMs` of connecting and querying.
    void roundFinished(qint64 elapsedMs);
    /// State in words: "Connected", "Sampling every 5 s", "Reconnecting in 8 s: …".
    void statusChanged(const QString &text);
    /// After each sample: the interval chosen, the one waited (stretched by the server time
    /// share) and how long the round took.
    void samplingPaced(qint64 chosenIntervalMs, qint64 effectiveIntervalMs, qint64 lastRoundMs);

private:
    bool connectDatabase(QString *error);
    void closeDatabase();
    void round();
    /// Reads the parts in one batch; returns the parts still to read one statement at a time.
    QStringList readBatch(const QStringList &parts, SampleAssembler &assembler, QString *lost, bool *stopped);
    /// One part's result into the sample, its backoff, or the lost connection.
    void takePart(const QString &name, const QueryResult &result, GuardedConnection::Outcome outcome,
                  SampleAssembler &assembler, QString *lost, bool *stopped);
    void scheduleNext(qint64 elapsedMs);
    void scheduleReconnect(const QString &reason);
    QString queryText(const QString &name) const;

    QString m_connectionString;
    QString m_driver = QStringLiteral("QODBC");
    QHash<QString, QString> m_queryOverrides;
    BrokerCatalog m_catalog;
    int m_intervalMs = DefaultIntervalMs;
    int m_queryTimeoutSeconds = DefaultQueryTimeoutSeconds;
    int m_failures = 0;
    bool m_running = false;
    bool m_inRound = false;
    bool m_connected = false;
    std::atomic_bool m_aborting = false;
    std::atomic_bool m_retired = false;
    std::unique_ptr<GuardedConnection> m_connection;
    QTimer *m_timer = nullptr;
    std::optional<MonitorSample> m_previous;
    struct PartBackoff
    {
        int timeouts = 0;   ///< in a row
        int skipRounds = 0; ///< rounds left to sit out
    };
    QHash<QString, PartBackoff> m_partBackoff;
    bool m_batchedRounds = true;
    bool m_batched = true;
    std::atomic_int m_statementsSent = 0;
    SamplingPolicy m_policy;
    qint64 m_effectiveIntervalMs = DefaultIntervalMs;
    qint64 m_lastRoundMs = 0;
    CensusScheduler m_census;
};

} // namespace bs
