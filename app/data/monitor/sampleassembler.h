#pragma once

#include "core/catalog.h"
#include "core/monitorsample.h"
#include "data/odbc/queryresult.h"

#include <functional>

#include <QList>
#include <QStringList>
#include <QVariantMap>

namespace bs {

/// Turns the result rows of the sql/monitor queries into one MonitorSample. Pure: no SQL, no
/// connection, so recorded rows (fixtures) and live rows go through the same code. A query that
/// failed becomes an UnavailablePart with the permission to grant; the other parts still fill in.
/// Column names are matched case-insensitively; NULLs become the field's default or an empty optional.
class SampleAssembler
{
public:

    /// Which clock stamped a sample: the server's (SYSUTCDATETIME() from monitor.broker_enabled)
    /// or, when that did not come, this computer's. Two clocks differ by an unknown offset, so a
    /// time step between them is no elapsed time.
    enum class ClockSource { Server, Client };

    /// The monitor queries in the order a poller runs them ("monitor.broker_enabled" first:
    /// it carries the server's UTC clock).
    static QStringList queryNames();

    /// `clientTimeUtc` stamps the sample unless the server's clock comes with the rows.
    explicit SampleAssembler(const QDateTime &clientTimeUtc);

    /// Names for queues known only by id (when the queue-depth query failed).
    void setCatalog(const BrokerCatalog &catalog) { m_catalog = catalog; }
    void addRows(const QString &query, const QList<QVariantMap> &rows);
    /// Records a failed query with the driver's message (and SQL Server error number, if known).
    void addFailure(const QString &query, const QString &message, const QString &nativeCode = {});
    /// The assembled sample; with `previous`, per-second counters get their rates.
    MonitorSample finish(const MonitorSample *previous = nullptr) const;

    /// The one-round-trip batch (sql/sample/batch.sql) for these parts: each part's statement
    /// (from `textOf`) run through sp_executesql inside TRY...CATCH, after a marker result set.
    /// Empty when the template is missing.
    static QString batchText(const QStringList &parts, const std::function<QString(const QString &)> &textOf);
    /// Splits a batch's answer (batchText) into one QueryResult per part: its rows, or a failure
    /// with SQL Server's message and error number. Parts the answer does not contain are absent
    /// (the caller reads them one statement per part).
    static QHash<QString, QueryResult> splitBatchResults(const QList<QueryResult> &resultSets, const QStringList &parts);

    /// Server exactly when the monitor.broker_enabled part is available: finish() marks that part
    /// unavailable whenever its rows did not carry a usable server_utc.
    static ClockSource clockSource(const MonitorSample &sample);
    /// Sets PerfCounter::ratePerSecond for per-second counters from the previous sample, and
    /// clears it everywhere else. No rate when the two samples were stamped by different clocks
    /// (clockSource), when no time passed, or when a value is lower than before (the counter
    /// restarted with the server).
    static void computeRates(MonitorSample &current, const MonitorSample &previous);
    /// "MSSQL$SALES:Broker Statistics" and "SQLServer:Broker Statistics" -> "Broker Statistics".
    static QString stripInstancePrefix(const QString &objectName);
    /// The permission that lets a query run, for the "unavailable" explanation; empty when
    /// the failure is not about permissions.
    static QString permissionFor(const QString &query, const QString &message, const QString &nativeCode = {});
    /// A server datetime (no zone, UTC by convention) as a UTC QDateTime; also reads ISO text.
    static std::optional<QDateTime> utcTime(const QVariant &value);

private:
    QDateTime m_clientTime;
    BrokerCatalog m_catalog;
    QHash<QString, QList<QVariantMap>> m_rows;
    QList<UnavailablePart> m_failures;
};

} // namespace bs
