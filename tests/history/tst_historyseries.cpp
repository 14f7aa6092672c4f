#include "data/history/historystore.h"
#include "data/history/samplecodec.h"
#include "data/history/seriespoints.h"
#include "data/querylibrary.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <cmath>
#include <limits>
#include <memory>

using namespace bs;

namespace {

constexpr qint64 StartMs = 1700000000000;
// cntr_type of a per-second counter (PERF_COUNTER_BULK_COUNT).
constexpr int PerSecondType = 272696576;

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
// fractional, negative, huge and NaN values, and a key fed twice in one sample.
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
    if (i == 40) {
        // Nothing could be read at all.
        for (const char *part : {"monitor.endpoints", "monitor.queue_depth", "monitor.activated_tasks",
                                 "monitor.transmission", "monitor.perf_counters"})
            markUnavailable(s, part);
    }
    return s;
}

// The rich history: samples 5 s apart, a longer pause every 30 samples, a gap row every 25.
struct History
{
    QList<MonitorSample> samples;
    QList<qint64> gaps;

    // The same history fed straight into MonitorSeries: what series() has to return.
    MonitorSeries expected(qint64 gapThresholdMs, qint64 fromMs = std::numeric_limits<qint64>::min(),
                           qint64 toMs = std::numeric_limits<qint64>::max()) const
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
};

History richHistory(int count, int firstIndex = 0, qint64 startMs = StartMs)
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
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

// Empty when equal, else what differs first.
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

// A file as schema 1 wrote it (before the points table): the schema-1 statements from
// sql/monitor/history and the CBOR codec, exactly the rows HistoryStore wrote then.
void writeSchema1File(const QString &path, const History &h)
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
        query.prepare(QueryLibrary::text(QStringLiteral("history.set_meta")));
        query.bindValue(QStringLiteral(":key"), QStringLiteral("schema"));
        query.bindValue(QStringLiteral(":value"), QStringLiteral("1"));
        QVERIFY(query.exec());
        QVERIFY(db.transaction());
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
            return row.exec();
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

} // namespace

class TestHistorySeries : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void pointsRoundTrip_data();
    void pointsRoundTrip();
    void damagedPointsAreRefused();
    void seriesMatchesAppending_data();
    void seriesMatchesAppending();
    void schema1FileOpensAndReadsTheSame();
    void retentionEndsTheOldRowPath();
    void olderVersionWritingIntoSchema2File();
    void timeRangeAndCountSkipGapRows_data();
    void timeRangeAndCountSkipGapRows();
    void progressReachesTotal();
    void progressFalseCancels_data();
    void progressFalseCancels();
    void readerOnWorkerThreadWhileWriting();

private:
    QTemporaryDir m_dir;
};

void TestHistorySeries::initTestCase()
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        QSKIP("The QSQLITE driver is not installed (libqt6sql6-sqlite).");
    QVERIFY(m_dir.isValid());
}

void TestHistorySeries::pointsRoundTrip_data()
{
    QTest::addColumn<int>("id");
    QTest::addColumn<double>("value");
    QTest::newRow("zero") << 1 << 0.0;
    QTest::newRow("small") << 3 << 42.0;
    QTest::newRow("negative") << 4 << -17.0;
    QTest::newRow("2^53") << 5 << 9007199254740992.0;
    QTest::newRow("beyond 2^53") << 6 << 36028797018963968.0 * 4;
    QTest::newRow("fraction") << 7 << 0.1;
    QTest::newRow("negative fraction") << 8 << -2.5;
    QTest::newRow("negative zero") << 9 << -0.0;
    QTest::newRow("infinity") << 10 << std::numeric_limits<double>::infinity();
    QTest::newRow("NaN") << 11 << std::numeric_limits<double>::quiet_NaN();
    QTest::newRow("large id") << 1000000 << 7.0;
}

void TestHistorySeries::pointsRoundTrip()
{
    QFETCH(int, id);
    QFETCH(double, value);
    const QByteArray bytes = SeriesPoints::encode({{2, 1.0}, {id, value}});
    std::vector<SeriesPoints::IdPoint> back;
    QVERIFY(SeriesPoints::decode(bytes, &back));
    QCOMPARE(back.size(), size_t(2));
    QCOMPARE(back[1].id, id);
    QVERIFY(sameValue(back[1].value, value));
    QCOMPARE(std::signbit(back[1].value), std::signbit(value));
}

void TestHistorySeries::damagedPointsAreRefused()
{
    std::vector<SeriesPoints::IdPoint> out;
    QVERIFY(!SeriesPoints::decode(QByteArray(), &out));                  // a gap row
    QVERIFY(!SeriesPoints::decode(QByteArray("\x02\x04\x01", 3), &out)); // a later format
    QByteArray truncated = SeriesPoints::encode({{1, 0.5}});
    truncated.chop(1);
    QVERIFY(!SeriesPoints::decode(truncated, &out));
    QVERIFY(SeriesPoints::decode(SeriesPoints::encode({}), &out)); // a sample with nothing readable
}

void TestHistorySeries::seriesMatchesAppending_data()
{
    QTest::addColumn<qint64>("gapThresholdMs");
    QTest::addColumn<int>("fromIndex"); // first sample of the range read
    QTest::addColumn<int>("toIndex");   // last sample of the range read
    QTest::newRow("all, no threshold") << qint64(0) << 0 << 149;
    QTest::newRow("all, 15 s threshold") << qint64(15000) << 0 << 149;
    QTest::newRow("middle range") << qint64(15000) << 37 << 111;
    QTest::newRow("nothing readable in the middle") << qint64(15000) << 39 << 41;
    QTest::newRow("one sample") << qint64(15000) << 41 << 41;
}

void TestHistorySeries::seriesMatchesAppending()
{
    QFETCH(qint64, gapThresholdMs);
    QFETCH(int, fromIndex);
    QFETCH(int, toIndex);
    const History h = richHistory(150);
    const QString path = m_dir.filePath(QStringLiteral("match-%1.sqlite")
                                            .arg(QString::fromLatin1(QTest::currentDataTag()))
                                            .replace(QLatin1Char(' '), QLatin1Char('_')));
    HistoryStore store;
    QVERIFY2(store.open(path), qPrintable(store.lastError()));
    writeThroughStore(store, h);
    QVERIFY(!store.hasOldRows());
    // Start a little before the first sample so that a gap row just before it is included.
    const qint64 fromMs = h.samples[fromIndex].time.toMSecsSinceEpoch() - 3000;
    const qint64 toMs = h.samples[toIndex].time.toMSecsSinceEpoch();
    const MonitorSeries expected = h.expected(gapThresholdMs, fromMs, toMs);
    if (toIndex - fromIndex > 50)
        QVERIFY(expected.keys().size() > 15); // the data really exercises the rules
    const MonitorSeries actual = store.series(at(fromMs), at(toMs), gapThresholdMs);
    QCOMPARE(difference(actual, expected), QString());
    QVERIFY(store.lastError().isEmpty());
}

void TestHistorySeries::schema1FileOpensAndReadsTheSame()
{
    const QString path = m_dir.filePath(QStringLiteral("schema1.sqlite"));
    const History before = richHistory(120);
    writeSchema1File(path, before);
    if (QTest::currentTestFailed())
        return;

    HistoryStore store;
    QVERIFY2(store.open(path), qPrintable(store.lastError()));
    QVERIFY(store.hasOldRows());
    QCOMPARE(store.sampleCount(), qint64(before.samples.size()));
    // Full samples still come back (compared by count and one sample: a NaN rate never compares equal).
    QCOMPARE(store.samples(at(0), at(StartMs * 2)).size(), before.samples.size());
    QCOMPARE(store.samples(before.samples[3].time, before.samples[3].time),
             QList<MonitorSample>{before.samples[3]});
    const qint64 thr = 15000;
    QCOMPARE(difference(store.series(at(0), at(StartMs * 2), thr), before.expected(thr)), QString());

    // New samples go on after the old ones; one read covers both kinds of rows.
    const History after = richHistory(60, 120, before.samples.last().time.toMSecsSinceEpoch());
    writeThroughStore(store, after);
    const History all = concat(before, after);
    QCOMPARE(difference(store.series(at(0), at(StartMs * 2), thr), all.expected(thr)), QString());
    store.close();

    // Reopening does not count the new rows as old.
    HistoryStore reopened;
    QVERIFY(reopened.open(path));
    QVERIFY(reopened.hasOldRows());
    QList<qint64> reports;
    const qint64 converted = reopened.convertOldRows(
        [&](qint64 done, qint64) {
            reports.append(done);
            return true;
        },
        50);
    // Every old sample and gap row, in batches of 50.
    QCOMPARE(converted, qint64(before.samples.size() + before.gaps.size()));
    QCOMPARE(reports.size(), 3);
    QCOMPARE(reports.last(), converted);
    QVERIFY(!reopened.hasOldRows());
    QCOMPARE(reopened.convertOldRows(), qint64(0));
    QCOMPARE(difference(reopened.series(at(0), at(StartMs * 2), thr), all.expected(thr)), QString());
    QCOMPARE(difference(reopened.series(at(0), at(StartMs * 2), 0), all.expected(0)), QString());
    QCOMPARE(reopened.samples(at(0), at(StartMs * 2)).size(), all.samples.size());
    QCOMPARE(reopened.integrityCheck(), QStringLiteral("ok"));
}

void TestHistorySeries::retentionEndsTheOldRowPath()
{
    const QString path = m_dir.filePath(QStringLiteral("schema1-retention.sqlite"));
    const History old = richHistory(40);
    writeSchema1File(path, old);
    if (QTest::currentTestFailed())
        return;
    HistoryStore store;
    QVERIFY(store.open(path));
    QVERIFY(store.hasOldRows());
    const History fresh = richHistory(40, 40, old.samples.last().time.toMSecsSinceEpoch());
    writeThroughStore(store, fresh);
    // Pruning part of the old rows keeps the old path for the rest.
    store.pruneBefore(old.samples[20].time);
    QVERIFY(store.hasOldRows());
    store.pruneBefore(fresh.samples.first().time);
    QVERIFY(!store.hasOldRows());
    QCOMPARE(difference(store.series(at(0), at(StartMs * 2), 0), fresh.expected(0)), QString());
}

void TestHistorySeries::timeRangeAndCountSkipGapRows_data()
{
    QTest::addColumn<bool>("schema1");
    QTest::newRow("schema 2") << false;
    QTest::newRow("schema 1 file") << true;
}

void TestHistorySeries::timeRangeAndCountSkipGapRows()
{
    QFETCH(bool, schema1);
    const QString path = m_dir.filePath(QStringLiteral("range-%1.sqlite").arg(int(schema1)));
    History h = richHistory(30);
    h.gaps.prepend(StartMs);                                         // a gap row before the first sample
    h.gaps.append(h.samples.last().time.toMSecsSinceEpoch() + 5000); // and one after the last
    if (schema1) {
        writeSchema1File(path, h);
        if (QTest::currentTestFailed())
            return;
    }
    HistoryStore store;
    QVERIFY(store.open(path));
    if (!schema1)
        writeThroughStore(store, h);
    QCOMPARE(store.hasOldRows(), schema1);
    QCOMPARE(store.sampleCount(), qint64(30));
    const auto range = store.timeRange();
    QVERIFY(range.has_value());
    QCOMPARE(range->first, h.samples.first().time);
    QCOMPARE(range->second, h.samples.last().time);
}

// An older version opens a schema-2 file: it sets the marker back to 1, appends samples without
// points rows, and its retention deletes samples but not their points.
void TestHistorySeries::olderVersionWritingIntoSchema2File()
{
    const QString path = m_dir.filePath(QStringLiteral("downgraded.sqlite"));
    const History first = richHistory(60);
    {
        HistoryStore store;
        QVERIFY(store.open(path));
        writeThroughStore(store, first);
    }
    const History second = richHistory(40, 60, first.samples.last().time.toMSecsSinceEpoch());
    writeSchema1File(path, second); // the statements of schema 1 on the existing file
    if (QTest::currentTestFailed())
        return;
    const qint64 cut = first.samples[20].time.toMSecsSinceEpoch();
    {
        const QString connection = QStringLiteral("older-version-retention");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            query.prepare(QueryLibrary::text(QStringLiteral("history.delete_samples_before")));
            query.bindValue(QStringLiteral(":before_ms"), cut);
            QVERIFY(query.exec());
        }
        QSqlDatabase::removeDatabase(connection);
    }
    HistoryStore store;
    QVERIFY2(store.open(path), qPrintable(store.lastError()));
    QVERIFY(store.hasOldRows());
    History kept = concat(first, second);
    kept.samples.remove(0, 20);
    kept.gaps.removeIf([cut](qint64 t) { return t < cut; });
    QCOMPARE(store.sampleCount(), qint64(kept.samples.size()));
    QCOMPARE(difference(store.series(at(0), at(StartMs * 2), 15000), kept.expected(15000)), QString());
    // Only the rows the older version wrote need converting.
    QCOMPARE(store.convertOldRows(), qint64(second.samples.size() + second.gaps.size()));
    QVERIFY(!store.hasOldRows());
    QCOMPARE(store.sampleCount(), qint64(kept.samples.size()));
    QCOMPARE(difference(store.series(at(0), at(StartMs * 2), 15000), kept.expected(15000)), QString());
}

void TestHistorySeries::progressReachesTotal()
{
    HistoryStore store;
    QVERIFY(store.open(m_dir.filePath(QStringLiteral("progress.sqlite"))));
    const History h = richHistory(5000);
    QList<MonitorSample> batch = h.samples;
    QVERIFY(store.append(batch));
    QList<std::pair<qint64, qint64>> calls;
    const MonitorSeries s = store.series(at(0), at(StartMs * 2), 0, [&](qint64 done, qint64 total) {
        calls.append({done, total});
        return true;
    });
    QCOMPARE(s.sampleCount(), qsizetype(5000));
    QVERIFY(calls.size() >= 3);
    QCOMPARE(calls.first(), std::make_pair(qint64(0), qint64(5000)));
    QCOMPARE(calls.last(), std::make_pair(qint64(5000), qint64(5000)));
    for (qsizetype i = 1; i < calls.size(); ++i)
        QVERIFY(calls[i].first >= calls[i - 1].first);
    QVERIFY(store.lastError().isEmpty());
}

void TestHistorySeries::progressFalseCancels_data()
{
    QTest::addColumn<int>("cancelAtCall");
    QTest::newRow("before the first row") << 0;
    QTest::newRow("in the middle") << 1;
    QTest::newRow("at the end") << 2;
}

void TestHistorySeries::progressFalseCancels()
{
    QFETCH(int, cancelAtCall);
    const QString path = m_dir.filePath(QStringLiteral("cancel.sqlite"));
    HistoryStore store;
    QVERIFY(store.open(path));
    if (store.sampleCount() == 0)
        QVERIFY(store.append(richHistory(3000).samples));
    int calls = 0;
    const MonitorSeries s =
        store.series(at(0), at(StartMs * 2), 0, [&](qint64, qint64) { return calls++ < cancelAtCall; });
    QCOMPARE(calls, cancelAtCall + 1);
    QVERIFY(s.keys().isEmpty());
    QCOMPARE(s.sampleCount(), qsizetype(0));
    QCOMPARE(store.lastError(), QStringLiteral("cancelled"));
    // The next read starts clean.
    QCOMPARE(store.series(at(0), at(StartMs * 2), 0).sampleCount(), qsizetype(3000));
    QVERIFY(store.lastError().isEmpty());
}

void TestHistorySeries::readerOnWorkerThreadWhileWriting()
{
    const QString path = m_dir.filePath(QStringLiteral("concurrent.sqlite"));
    HistoryStore writer;
    QVERIFY(writer.open(path));
    const History h = richHistory(2000);
    QVERIFY(writer.append(h.samples.mid(0, 100)));

    std::atomic<int> reads{0};
    std::atomic<bool> writerDone{false};
    QString readerError;
    qsizetype finalCount = -1;
    MonitorSeries finalSeries;
    // The reader: a second HistoryStore, opened and used on the worker thread only.
    std::unique_ptr<QThread> reader(QThread::create([&] {
        HistoryStore store;
        if (!store.open(path)) {
            readerError = store.lastError();
            return;
        }
        qsizetype previous = 0;
        for (;;) {
            const bool last = writerDone.load();
            const MonitorSeries s =
                store.series(at(0), at(StartMs * 2), 0, [](qint64, qint64) { return true; });
            if (!store.lastError().isEmpty()) {
                readerError = store.lastError();
                return;
            }
            // Nothing goes back, and the first committed batch is always there.
            const qsizetype n = s.sampleCount();
            if (n < previous || n < 100) {
                readerError = QStringLiteral("inconsistent read: %1 samples after %2").arg(n).arg(previous);
                return;
            }
            previous = n;
            ++reads;
            if (last) {
                finalCount = n;
                finalSeries = s;
                return;
            }
        }
    }));
    reader->start();
    // Append one sample per transaction, as the live monitor does, until the reader has read a
    // few times in the middle of it.
    qsizetype written = 100;
    while (written < h.samples.size() && (written < 300 || reads.load() < 3)) {
        QVERIFY2(writer.append(h.samples[written]), qPrintable(writer.lastError()));
        ++written;
    }
    writerDone = true;
    QVERIFY(reader->wait(60000));
    QVERIFY2(readerError.isEmpty(), qPrintable(readerError));
    QVERIFY(reads.load() >= 3);
    QCOMPARE(finalCount, written);
    History done;
    done.samples = h.samples.mid(0, written);
    QCOMPARE(difference(finalSeries, done.expected(0)), QString());
}

QTEST_GUILESS_MAIN(TestHistorySeries)
#include "tst_historyseries.moc"
