#include "historytestdata.h"

#include "data/history/samplecodec.h"
#include "data/history/seriespoints.h"
#include "data/querylibrary.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

#include <cmath>
#include <cstring>

namespace bs::historytest {

namespace {
// cntr_type of a per-second counter (PERF_COUNTER_BULK_COUNT).
constexpr int PerSecondType = 272696576;
} // namespace



QDateTime at(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

void markUnavailable(MonitorSample &s, const char *part)
{
    s.unavailable.append(
        {QLatin1String(part), QStringLiteral("denied"), QStringLiteral("VIEW SERVER STATE")});
}

// Sample i of a history that exercises every rule of MonitorSeries::append: far services that come
// and go, queues that vanish, parts that cannot be read, counters with and without rates,
// fractional, negative, huge and NaN values, a key fed twice in one sample, and samples between
// censuses (totals only, the breakdown not due).
MonitorSample richSample(int i, qint64 timeMs)
{
    MonitorSample s;
    s.time = at(timeMs);
    s.isBrokerEnabled = true;
    const auto group = [&](EndpointState state, const QString &far, qint64 count) {
        EndpointGroup g;
        g.state = state;
        g.localService = QStringLiteral("//Orders/Target");
        g.farService = far;
        g.count = count;
        g.neverExpiring = count / 3;
        g.closedWithUnsetSecurityTimestamp = state == EndpointState::CD ? count / 2 : 0;
        s.endpoints.append(g);
    };
    group(EndpointState::CO, QStringLiteral("//Orders/Initiator"), 10 + i);
    group(EndpointState::CD, QStringLiteral("//Orders/Initiator"), i * 3);
    if (i % 7 < 4)
        group(EndpointState::DI, QStringLiteral("//Billing/Initiator"), 5 + i % 4);
    if (i >= 10)
        group(EndpointState::DO, QStringLiteral("//Shipping/Initiator"), 2);
    if (i % 13 == 5)
        markUnavailable(s, "monitor.endpoints");
    for (int q = 0; q < 3; ++q) {
        if (q == 1 && i % 5 == 0)
            continue; // the queue was dropped for a while
        QueueSample qs;
        qs.queueId = 100 + q;
        qs.schema = QStringLiteral("dbo");
        qs.name = QStringLiteral("Queue%1").arg(q);
        qs.depth = (i * 37 + q) % 1000;
        qs.activeReaders = (i + q) % 5;
        s.queues.append(qs);
    }
    if (i % 11 == 3)
        markUnavailable(s, "monitor.queue_depth");
    if (i % 17 == 2)
        markUnavailable(s, "monitor.activated_tasks");
    s.transmissionQueueSize = i % 9;
    if (i % 19 == 4)
        markUnavailable(s, "monitor.transmission");
    const auto counter = [&](const QString &name, qint64 value, int type, std::optional<double> rate) {
        PerfCounter c;
        c.object = QStringLiteral("Broker Statistics");
        c.counter = name;
        c.value = value;
        c.type = type;
        c.ratePerSecond = rate;
        s.counters.append(c);
    };
    counter(QStringLiteral("SQL SENDs/sec"), 1000 + i, PerSecondType,
            i == 0 ? std::nullopt : std::optional<double>(0.1 * i));
    counter(QStringLiteral("Activation Errors Total"), -i, 65792, std::nullopt);
    counter(QStringLiteral("Enqueued Messages Total"), qint64(1) << 60, 65792, std::nullopt);
    counter(QStringLiteral("Corrupted Messages Total"), 0, 65792,
            i % 23 == 7 ? std::optional<double>(std::nan("")) : std::nullopt);
    counter(QStringLiteral("Forwarded Messages/sec"), i, PerSecondType, -2.5 * i);
    if (i % 9 == 0)
        counter(QStringLiteral("Activation Errors Total"), i, 65792, std::nullopt); // the same key twice
    if (i % 29 == 6)
        markUnavailable(s, "monitor.perf_counters");
    // The census (issue #13): the cheap totals every sample, and every sixth sample between
    // censuses — the breakdown dropped and marked not due, as CensusScheduler::dropBreakdown does.
    s.totals.endpoints = s.endpointCount() + i % 3;
    s.totals.sendingEndpoints = i % 4 == 0 ? std::optional<qint64>() : std::optional<qint64>(i % 5);
    s.totals.transmission = s.transmissionQueueSize + 1;
    s.lastCensus = s.time;
    if (i % 6 == 2 && i % 13 != 5 && i % 19 != 4) {
        s.endpoints.clear();
        s.transmission.clear();
        s.transmissionQueueSize = 0;
        s.isCensus = false;
        s.lastCensus = at(timeMs - 5000);
        for (const char *part : {"monitor.endpoints", "monitor.transmission"})
            s.unavailable.append({QLatin1String(part), QStringLiteral("Breakdown not read this sample"), QString(), true});
    }
    if (i == 40) {
        // Nothing could be read at all.
        for (const char *part : {"monitor.endpoints", "monitor.queue_depth", "monitor.activated_tasks",
                                 "monitor.transmission", "monitor.perf_counters"})
            markUnavailable(s, part);
    }
    return s;
}

History richHistory(int count, int firstIndex, qint64 startMs)
{
    History h;
    qint64 t = startMs;
    for (int i = firstIndex; i < firstIndex + count; ++i) {
        t += i % 30 == 29 ? 60000 : 5000;
        if (i % 25 == 24)
            h.gaps.append(t - 2500);
        h.samples.append(richSample(i, t));
    }
    return h;
}

bool sameValue(double a, double b)
{
    // Bit for bit (so 0 and -0 differ), except that every NaN is a gap.
    return (std::isnan(a) && std::isnan(b)) || std::memcmp(&a, &b, sizeof a) == 0;
}

QString difference(const MonitorSeries &actual, const MonitorSeries &expected)
{
    if (actual.keys() != expected.keys())
        return QStringLiteral("keys: ") + actual.keys().join(QLatin1Char(',')) + QStringLiteral(" != ") +
               expected.keys().join(QLatin1Char(','));
    if (actual.sampleCount() != expected.sampleCount())
        return QStringLiteral("sampleCount %1 != %2").arg(actual.sampleCount()).arg(expected.sampleCount());
    if (actual.gapThresholdMs() != expected.gapThresholdMs())
        return QStringLiteral("gap threshold");
    for (const QString &key : expected.keys()) {
        const TimeSeries &a = actual.series(key);
        const TimeSeries &e = expected.series(key);
        if (a.size() != e.size())
            return QStringLiteral("%1: %2 points != %3").arg(key).arg(a.size()).arg(e.size());
        for (qsizetype i = 0; i < e.size(); ++i) {
            if (a.timeAt(i) != e.timeAt(i) || !sameValue(a.valueAt(i), e.valueAt(i)))
                return QStringLiteral("%1[%2]: (%3, %4) != (%5, %6)")
                    .arg(key)
                    .arg(i)
                    .arg(a.timeAt(i))
                    .arg(a.valueAt(i))
                    .arg(e.timeAt(i))
                    .arg(e.valueAt(i));
        }
    }
    return QString();
}

void writeThroughStore(HistoryStore &store, const History &h)
{
    qsizetype g = 0;
    for (const MonitorSample &s : h.samples) {
        for (; g < h.gaps.size() && h.gaps[g] < s.time.toMSecsSinceEpoch(); ++g)
            QVERIFY(store.appendGap(at(h.gaps[g])));
        QVERIFY2(store.append(s), qPrintable(store.lastError()));
    }
    for (; g < h.gaps.size(); ++g)
        QVERIFY(store.appendGap(at(h.gaps[g])));
}

bool execNamed(QSqlQuery &query, const char *name)
{
    return query.exec(QueryLibrary::text(QStringLiteral("history.") + QLatin1String(name)));
}

namespace {

// The points row schema 2 wrote next to each sample, keys through its series_keys dictionary.
bool insertPoints(const QSqlDatabase &db, qint64 t, const MonitorSample *s, QHash<QString, int> &ids)
{
    std::vector<SeriesPoints::IdPoint> points;
    if (s) {
        for (const SeriesPoints::Point &p : SeriesPoints::fromSample(*s)) {
            if (const auto known = ids.constFind(p.key); known != ids.cend()) {
                points.push_back({*known, p.value});
                continue;
            }
            QSqlQuery key(db);
            key.prepare(QueryLibrary::text(QStringLiteral("history.insert_series_key")));
            key.bindValue(QStringLiteral(":key"), p.key);
            QSqlQuery id(db);
            id.prepare(QueryLibrary::text(QStringLiteral("history.select_series_key_id")));
            id.bindValue(QStringLiteral(":key"), p.key);
            if (!key.exec() || !id.exec() || !id.next())
                return false;
            ids.insert(p.key, id.value(0).toInt());
            points.push_back({id.value(0).toInt(), p.value});
        }
    }
    QSqlQuery row(db);
    row.prepare(QueryLibrary::text(QStringLiteral("history.insert_points")));
    row.bindValue(QStringLiteral(":time_ms"), t);
    row.bindValue(QStringLiteral(":data"), s ? SeriesPoints::encode(points) : QByteArray(""));
    return row.exec();
}

} // namespace

// A file as schema 1 wrote it (before the points table): the schema-1 statements from
// sql/monitor/history and the CBOR codec, exactly the rows HistoryStore wrote then.
void writeOldFile(const QString &path, const History &h, bool withPoints)
{
    const QString connection = QStringLiteral("schema1-writer");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        for (const char *name :
             {"journal_wal", "create_meta", "create_samples", "create_alerts", "create_alerts_index"})
            QVERIFY2(execNamed(query, name), name);
        if (withPoints) {
            QVERIFY(execNamed(query, "create_series_keys"));
            QVERIFY(execNamed(query, "create_points"));
        }
        query.prepare(QueryLibrary::text(QStringLiteral("history.set_meta")));
        query.bindValue(QStringLiteral(":key"), QStringLiteral("schema"));
        query.bindValue(QStringLiteral(":value"), withPoints ? QStringLiteral("2") : QStringLiteral("1"));
        QVERIFY(query.exec());
        QVERIFY(db.transaction());
        QHash<QString, int> ids;
        const auto insert = [&](qint64 t, const MonitorSample *s) {
            QSqlQuery row(db);
            row.prepare(QueryLibrary::text(QStringLiteral("history.insert_sample")));
            row.bindValue(QStringLiteral(":time_ms"), t);
            row.bindValue(QStringLiteral(":endpoints"), s ? QVariant(s->endpointCount()) : QVariant());
            row.bindValue(QStringLiteral(":leaked"), s ? QVariant(s->leakedClosedCount()) : QVariant());
            row.bindValue(QStringLiteral(":never_expiring"),
                          s ? QVariant(s->neverExpiringCount()) : QVariant());
            row.bindValue(QStringLiteral(":transmission"),
                          s ? QVariant(s->transmissionQueueSize) : QVariant());
            row.bindValue(QStringLiteral(":data"), s ? SampleCodec::encode(*s) : QByteArray(""));
            return row.exec() && (!withPoints || insertPoints(db, t, s, ids));
        };
        qsizetype g = 0;
        for (const MonitorSample &s : h.samples) {
            for (; g < h.gaps.size() && h.gaps[g] < s.time.toMSecsSinceEpoch(); ++g)
                QVERIFY(insert(h.gaps[g], nullptr));
            QVERIFY(insert(s.time.toMSecsSinceEpoch(), &s));
        }
        for (; g < h.gaps.size(); ++g)
            QVERIFY(insert(h.gaps[g], nullptr));
        QVERIFY(db.commit());
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
}

History concat(History a, const History &b)
{
    a.samples += b.samples;
    a.gaps += b.gaps;
    return a;
}

MonitorSeries History::expected(qint64 gapThresholdMs, qint64 fromMs, qint64 toMs) const
{
    MonitorSeries series(gapThresholdMs);
    qsizetype g = 0;
    for (const MonitorSample &s : samples) {
        const qint64 t = s.time.toMSecsSinceEpoch();
        for (; g < gaps.size() && gaps[g] < t; ++g) {
            if (gaps[g] >= fromMs && gaps[g] <= toMs)
                series.appendGap(at(gaps[g]));
        }
        if (t >= fromMs && t <= toMs)
            series.append(s);
    }
    for (; g < gaps.size(); ++g) {
        if (gaps[g] >= fromMs && gaps[g] <= toMs)
            series.appendGap(at(gaps[g]));
    }
    return series;
}

} // namespace bs::historytest
