#include "data/monitor/sampleassembler.h"

#include "data/querylibrary.h"

#include <QCoreApplication>
#include <QMap>

#include <algorithm>
#include <tuple>

namespace bs {

namespace {

const QString BrokerEnabled = QStringLiteral("monitor.broker_enabled");
const QString Totals = QStringLiteral("monitor.totals");
const QString Endpoints = QStringLiteral("monitor.endpoints");
const QString QueueDepth = QStringLiteral("monitor.queue_depth");
const QString ActivatedTasks = QStringLiteral("monitor.activated_tasks");
const QString QueueMonitors = QStringLiteral("monitor.queue_monitors");
const QString Transmission = QStringLiteral("monitor.transmission");
const QString PerfCounters = QStringLiteral("monitor.perf_counters");

// Column lookup that ignores case: drivers report names as the server spells them.
QVariant col(const QVariantMap &row, const char *name)
{
    const QString key = QLatin1String(name);
    const auto it = row.constFind(key);
    if (it != row.cend())
        return *it;
    for (auto i = row.cbegin(); i != row.cend(); ++i) {
        if (i.key().compare(key, Qt::CaseInsensitive) == 0)
            return *i;
    }
    return {};
}

bool isNull(const QVariant &v)
{
    return !v.isValid() || v.isNull();
}

qint64 toInt(const QVariant &v, qint64 fallback = 0)
{
    if (isNull(v))
        return fallback;
    bool ok = false;
    const qint64 n = v.toLongLong(&ok);
    return ok ? n : fallback;
}

bool toBool(const QVariant &v, bool fallback)
{
    if (isNull(v))
        return fallback;
    if (v.metaType().id() == QMetaType::QString) {
        const QString s = v.toString().trimmed().toLower();
        return s == QLatin1String("1") || s == QLatin1String("true");
    }
    return v.toLongLong() != 0;
}

QString toText(const QVariant &v)
{
    return isNull(v) ? QString() : v.toString().trimmed();
}

} // namespace

QStringList SampleAssembler::queryNames()
{
    return {BrokerEnabled, Totals, Endpoints, QueueDepth, ActivatedTasks, QueueMonitors, Transmission, PerfCounters};
}

QString SampleAssembler::batchText(const QStringList &parts, const std::function<QString(const QString &)> &textOf)
{
    const QString file = QueryLibrary::text(QStringLiteral("sample.sample_batch"));
    const QString begin = QStringLiteral("-- @part-begin\n");
    const QString end = QStringLiteral("-- @part-end");
    const qsizetype b = file.indexOf(begin);
    const qsizetype e = file.indexOf(end);
    if (b < 0 || e < b)
        return {};
    // The header (the tag line and the comments) once, then the part template once per part.
    QString out = file.left(b);
    const QString part = file.mid(b + begin.size(), e - b - begin.size());
    for (const QString &name : parts) {
        QString statement = textOf(name);
        // The statement becomes an N'…' literal: every quote doubled (T-SQL string literals).
        statement.replace(QLatin1Char('\''), QStringLiteral("''"));
        QString text = part;
        text.replace(QStringLiteral("$(part)"), QString(name).replace(QLatin1Char('\''), QStringLiteral("''")));
        text.replace(QStringLiteral("$(statement)"), statement);
        out += text;
    }
    return out;
}

QHash<QString, QueryResult> SampleAssembler::splitBatchResults(const QList<QueryResult> &resultSets,
                                                               const QStringList &parts)
{
    QHash<QString, QueryResult> out;
    QString current; // the part whose result comes next; empty once it came
    for (const QueryResult &set : resultSets) {
        QStringList columns;
        for (const QString &name : set.columns)
            columns.append(name.toLower());
        if (columns == QStringList{QStringLiteral("bs_part")} && !set.rows.isEmpty()) {
            current = set.rows.constFirst().value(0).toString();
            if (!parts.contains(current) || out.contains(current))
                current.clear();
            continue;
        }
        if (current.isEmpty())
            continue; // a second result set of one part, or one without a marker: not ours
        if (columns == QStringList{QStringLiteral("bs_error_number"), QStringLiteral("bs_error_message")}) {
            const QVariantList row = set.rows.value(0);
            out.insert(current, QueryResult::failure(row.value(1).toString(), row.value(0).toString()));
        } else {
            out.insert(current, set);
        }
        current.clear();
    }
    return out;
}

SampleAssembler::SampleAssembler(const QDateTime &clientTimeUtc)
    : m_clientTime(clientTimeUtc.toUTC())
{
}

void SampleAssembler::addRows(const QString &query, const QList<QVariantMap> &rows)
{
    m_rows.insert(query, rows);
}

void SampleAssembler::addFailure(const QString &query, const QString &message, const QString &nativeCode)
{
    m_failures.append({query, message, permissionFor(query, message, nativeCode)});
}

std::optional<QDateTime> SampleAssembler::utcTime(const QVariant &value)
{
    if (isNull(value))
        return std::nullopt;
    QDateTime dt;
    if (value.metaType().id() == QMetaType::QDateTime)
        dt = value.toDateTime();
    else
        dt = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!dt.isValid())
        return std::nullopt;
    // SQL Server datetime has no zone; the drivers hand it over as local wall-clock time.
    return QDateTime(dt.date(), dt.time(), Qt::UTC);
}

QString SampleAssembler::stripInstancePrefix(const QString &objectName)
{
    const QString trimmed = objectName.trimmed();
    const qsizetype colon = trimmed.indexOf(QLatin1Char(':'));
    return colon < 0 ? trimmed : trimmed.mid(colon + 1).trimmed();
}

QString SampleAssembler::permissionFor(const QString &query, const QString &message, const QString &nativeCode)
{
    const QString m = message.toLower();
    // 229: permission denied on an object; 297/300: server-level permission missing (SQL Server messages).
    const bool denied = m.contains(QLatin1String("permission")) || m.contains(QLatin1String("denied"))
        || nativeCode == QLatin1String("229") || nativeCode == QLatin1String("297") || nativeCode == QLatin1String("300");
    if (!denied)
        return {};
    if (query == ActivatedTasks || query == QueueMonitors || query == PerfCounters)
        return QStringLiteral("VIEW SERVER STATE (SQL Server 2022 and later: VIEW SERVER PERFORMANCE STATE)");
    // queue_depth reads only catalog views (sys.partitions, sys.allocation_units), which follow
    // metadata visibility like the endpoint and transmission views.
    if (query == QueueDepth || query == Endpoints || query == Transmission || query == Totals)
        return QStringLiteral("VIEW DEFINITION on the database");
    return QStringLiteral("CONNECT to the database");
}

MonitorSample SampleAssembler::finish(const MonitorSample *previous) const
{
    MonitorSample s;
    s.time = m_clientTime;
    s.unavailable = m_failures;

    bool serverClock = false;
    if (const auto it = m_rows.constFind(BrokerEnabled); it != m_rows.cend() && !it->isEmpty()) {
        const QVariantMap &row = it->first();
        const QVariant enabled = col(row, "is_broker_enabled");
        if (!isNull(enabled))
            s.isBrokerEnabled = toBool(enabled, false);
        if (const auto server = utcTime(col(row, "server_utc"))) {
            s.time = *server;
            serverClock = true;
        }
    }
    // clockSource() reads the clock from this part's availability, so a broker_enabled result
    // without the server's clock must not pass for a server-stamped sample.
    if (!serverClock && s.isAvailable(BrokerEnabled)) {
        s.unavailable.append({BrokerEnabled,
                              QCoreApplication::translate("bs::SampleAssembler",
                                                          "The server's clock (server_utc) did not come with the "
                                                          "result; this sample is stamped with this computer's clock."),
                              QString()});
    }

    if (const auto it = m_rows.constFind(Totals); it != m_rows.cend()) {
        const QVariantMap row = it->value(0);
        const auto count = [&row](const char *name) -> std::optional<qint64> {
            const QVariant v = col(row, name);
            return isNull(v) ? std::nullopt : std::optional<qint64>(toInt(v));
        };
        s.totals.endpoints = count("endpoint_rows");
        s.totals.sendingEndpoints = count("sending_rows");
        s.totals.transmission = count("transmission_rows");
        // OBJECT_ID of a system base table is NULL without VIEW DEFINITION (sql/monitor/totals.sql):
        // say so, never a silent zero.
        if (!s.totals.endpoints && !s.totals.transmission) {
            s.unavailable.append({Totals,
                                  QCoreApplication::translate("bs::SampleAssembler",
                                                              "This login cannot see the partition metadata of the "
                                                              "Service Broker system tables, so the endpoint and "
                                                              "transmission totals come from the census only."),
                                  permissionFor(Totals, QStringLiteral("permission"))});
        }
    }

    if (const auto it = m_rows.constFind(Endpoints); it != m_rows.cend()) {
        for (const QVariantMap &row : *it) {
            const auto state = endpointStateFromCode(toText(col(row, "state")));
            if (!state)
                continue; // a state this version does not know: better absent than misfiled
            EndpointGroup g;
            g.state = *state;
            g.localService = toText(col(row, "local_service"));
            g.farService = toText(col(row, "far_service"));
            g.isInitiator = toInt(col(row, "is_initiator")) != 0;
            g.count = toInt(col(row, "endpoint_count"));
            g.neverExpiring = toInt(col(row, "never_expiring"));
            g.closedWithUnsetSecurityTimestamp = toInt(col(row, "closed_unset_security"));
            g.oldestLifetime = utcTime(col(row, "oldest_lifetime"));
            s.endpoints.append(g);
        }
        std::sort(s.endpoints.begin(), s.endpoints.end(), [](const EndpointGroup &a, const EndpointGroup &b) {
            return std::tie(a.localService, a.farService, a.state, a.isInitiator)
                < std::tie(b.localService, b.farService, b.state, b.isInitiator);
        });
    }

    QMap<int, QueueSample> queues;
    if (const auto it = m_rows.constFind(QueueDepth); it != m_rows.cend()) {
        for (const QVariantMap &row : *it) {
            QueueSample q;
            q.queueId = int(toInt(col(row, "queue_id")));
            q.schema = toText(col(row, "schema_name"));
            q.name = toText(col(row, "queue_name"));
            q.isReceiveEnabled = toBool(col(row, "is_receive_enabled"), true);
            q.isEnqueueEnabled = toBool(col(row, "is_enqueue_enabled"), true);
            q.isActivationEnabled = toBool(col(row, "is_activation_enabled"), false);
            q.maxReaders = int(toInt(col(row, "max_readers")));
            q.depth = toInt(col(row, "depth"));
            q.usedPages = toInt(col(row, "used_pages"));
            queues.insert(q.queueId, q);
        }
    }
    auto queueById = [&](int id) -> QueueSample & {
        auto qi = queues.find(id);
        if (qi == queues.end()) {
            QueueSample q;
            q.queueId = id;
            if (const Queue *cq = m_catalog.queue(id)) {
                q.schema = cq->schema;
                q.name = cq->name;
                q.maxReaders = cq->maxReaders;
                q.isActivationEnabled = cq->isActivationEnabled;
                q.isReceiveEnabled = cq->isReceiveEnabled;
                q.isEnqueueEnabled = cq->isEnqueueEnabled;
            }
            qi = queues.insert(id, q);
        }
        return *qi;
    };
    if (const auto it = m_rows.constFind(ActivatedTasks); it != m_rows.cend()) {
        for (const QVariantMap &row : *it)
            queueById(int(toInt(col(row, "queue_id")))).activeReaders = int(toInt(col(row, "active_readers")));
    }
    if (const auto it = m_rows.constFind(QueueMonitors); it != m_rows.cend()) {
        for (const QVariantMap &row : *it) {
            QueueSample &q = queueById(int(toInt(col(row, "queue_id"))));
            q.monitorState = queueMonitorStateFromText(toText(col(row, "state")));
            q.tasksWaiting = int(toInt(col(row, "tasks_waiting")));
            q.lastActivatedTime = utcTime(col(row, "last_activated_time"));
            q.lastEmptyRowsetTime = utcTime(col(row, "last_empty_rowset_time"));
        }
    }
    for (const QueueSample &q : std::as_const(queues)) {
        // Queues of other databases cannot appear (database_id = DB_ID()); an id the queue query
        // did not know and the catalog cannot name is a queue created since: show it by id.
        s.queues.append(q);
    }
    std::sort(s.queues.begin(), s.queues.end(), [](const QueueSample &a, const QueueSample &b) {
        return std::tie(a.schema, a.name, a.queueId) < std::tie(b.schema, b.name, b.queueId);
    });

    if (const auto it = m_rows.constFind(Transmission); it != m_rows.cend()) {
        for (const QVariantMap &row : *it) {
            TransmissionGroup g;
            g.toService = toText(col(row, "to_service_name"));
            g.status = toText(col(row, "transmission_status"));
            g.count = toInt(col(row, "message_count"));
            g.oldestEnqueueTime = utcTime(col(row, "oldest_enqueue_time"));
            s.transmissionQueueSize += g.count;
            if (g.oldestEnqueueTime && (!s.transmissionOldest || *g.oldestEnqueueTime < *s.transmissionOldest))
                s.transmissionOldest = g.oldestEnqueueTime;
            s.transmission.append(g);
        }
        std::sort(s.transmission.begin(), s.transmission.end(), [](const TransmissionGroup &a, const TransmissionGroup &b) {
            return std::tie(a.toService, a.status) < std::tie(b.toService, b.status);
        });
    }

    if (const auto it = m_rows.constFind(PerfCounters); it != m_rows.cend()) {
        for (const QVariantMap &row : *it) {
            PerfCounter c;
            c.object = stripInstancePrefix(toText(col(row, "object_name")));
            c.counter = toText(col(row, "counter_name"));
            c.instance = toText(col(row, "instance_name"));
            c.value = toInt(col(row, "cntr_value"));
            c.type = int(toInt(col(row, "cntr_type")));
            s.counters.append(c);
        }
    }

    if (previous)
        computeRates(s, *previous);
    return s;
}

SampleAssembler::ClockSource SampleAssembler::clockSource(const MonitorSample &sample)
{
    return sample.isAvailable(BrokerEnabled) ? ClockSource::Server : ClockSource::Client;
}

void SampleAssembler::computeRates(MonitorSample &current, const MonitorSample &previous)
{
    for (PerfCounter &c : current.counters)
        c.ratePerSecond.reset();
    // Between a server-stamped and a client-stamped sample the time step is the elapsed time plus
    // the offset between the two clocks, which can be minutes: any rate from it would be wrong.
    if (clockSource(current) != clockSource(previous))
        return;
    const double seconds = double(previous.time.msecsTo(current.time)) / 1000.0;
    if (seconds <= 0)
        return;
    QHash<QString, qint64> before;
    for (const PerfCounter &c : previous.counters) {
        if (c.isPerSecond())
            before.insert(c.object + QLatin1Char('\x1f') + c.counter + QLatin1Char('\x1f') + c.instance, c.value);
    }
    for (PerfCounter &c : current.counters) {
        if (!c.isPerSecond())
            continue;
        const auto it = before.constFind(c.object + QLatin1Char('\x1f') + c.counter + QLatin1Char('\x1f') + c.instance);
        // A running total that went down was reset (server restart): no honest rate for this step.
        if (it == before.cend() || c.value < *it)
            continue;
        c.ratePerSecond = double(c.value - *it) / seconds;
    }
}

} // namespace bs
