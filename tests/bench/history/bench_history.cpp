#include "historytestdata.h"

#include "data/history/historycompactor.h"
#include "data/history/historystore.h"
#include "data/history/samplecodec.h"
#include "data/history/seriespoints.h"
#include "data/querylibrary.h"

#include <QCborValue>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include <cmath>
#include <map>

using namespace bs;

namespace {

constexpr int IntervalSeconds = 5;
constexpr int PerDay = 86400 / IntervalSeconds; // 17,280 samples
const QDateTime Start = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);

// A busy but ordinary database: 6 services in 3 pairs, every state present, 6 queues,
// 2 transmission groups and 40 Broker counters.
MonitorSample makeSample(int i, QRandomGenerator &rng)
{
    MonitorSample s;
    s.time = Start.addSecs(qint64(i) * IntervalSeconds);
    s.isBrokerEnabled = true;
    for (int pair = 0; pair < 3; ++pair) {
        for (int st = 0; st < EndpointStateCount; ++st) {
            EndpointGroup g;
            g.state = EndpointState(st);
            g.localService = QStringLiteral("//Contoso/Sales/Service%1/Target").arg(pair);
            g.farService = QStringLiteral("//Contoso/Sales/Service%1/Initiator").arg(pair);
            g.count = 100 + i / 10 + rng.bounded(50);
            g.neverExpiring = g.count / 2;
            g.closedWithUnsetSecurityTimestamp = g.state == EndpointState::CD ? g.count : 0;
            g.oldestLifetime = Start.addYears(68);
            s.endpoints.append(g);
        }
    }
    for (int q = 0; q < 6; ++q) {
        QueueSample qs;
        qs.queueId = 1000 + q;
        qs.schema = QStringLiteral("dbo");
        qs.name = QStringLiteral("SalesQueue%1").arg(q);
        qs.depth = rng.bounded(5000);
        qs.usedPages = qs.depth / 10;
        qs.isActivationEnabled = true;
        qs.maxReaders = 8;
        qs.activeReaders = rng.bounded(9);
        qs.monitorState = QueueMonitorState::ReceivesOccurring;
        qs.tasksWaiting = rng.bounded(3);
        qs.lastActivatedTime = s.time.addSecs(-rng.bounded(60));
        s.queues.append(qs);
    }
    s.transmission.append({QStringLiteral("//Contoso/Billing/Target"), QString(), rng.bounded(20), s.time.addSecs(-30)});
    s.transmission.append({QStringLiteral("//Contoso/Billing/Target"),
                           QStringLiteral("Connection attempt failed with error: '10061(No connection could be made because the target machine actively refused it.)'."),
                           rng.bounded(100), s.time.addSecs(-600)});
    s.transmissionQueueSize = s.transmission[0].count + s.transmission[1].count;
    for (int c = 0; c < 40; ++c) {
        PerfCounter pc;
        pc.object = c < 20 ? QStringLiteral("Broker Statistics") : QStringLiteral("Broker Activation");
        pc.counter = QStringLiteral("Counter %1/sec").arg(c);
        pc.instance = c < 20 ? QString() : QStringLiteral("SalesOps");
        pc.value = qint64(i) * 100 + c;
        pc.type = c % 2 ? 65792 : 272696576;
        if (pc.type == 272696576)
            pc.ratePerSecond = 20.0 + c;
        s.counters.append(pc);
    }
    return s;
}

qint64 fileSize(const QString &path)
{
    return QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size();
}

qint64 residentKiB()
{
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = f.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() * 4 : 0;
}

} // namespace

/// History benchmarks: disk and memory for one day per connection, reopening a 7-day history,
/// and the cost of appending one sample (one transaction).
class BenchHistory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void decodeOneSample();
    void parseOneSampleUncompressed();
    void diskAndMemoryForADay();
    void writeOpenMetrics();
    void appendOneSample();
    void appendClosingAnHour();
    void reopenSevenDaysOverview();
    void reopenSevenDaysAsSeries();
    void reopenSevenDaysTimeRangeAndCount();
    void readOneDayAsSamples();
    void readOneDayOfOldRowsAsSeries();

private:
    void ensureWeek();
    QTemporaryDir m_dir;
    QString m_weekPath;
};

void BenchHistory::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

// Where the time of reading history goes: inflating, or parsing the CBOR into a sample.
void BenchHistory::decodeOneSample()
{
    QRandomGenerator rng(5);
    const QByteArray blob = SampleCodec::encode(makeSample(1, rng));
    QBENCHMARK {
        QVERIFY(SampleCodec::decode(blob).has_value());
    }
}

void BenchHistory::parseOneSampleUncompressed()
{
    QRandomGenerator rng(5);
    const QByteArray cbor = SampleCodec::toCbor(makeSample(1, rng)).toCborValue().toCbor();
    QBENCHMARK {
        QVERIFY(!SampleCodec::fromCbor(QCborValue::fromCbor(cbor).toMap()).endpoints.isEmpty());
    }
}

void BenchHistory::ensureWeek()
{
    if (!m_weekPath.isEmpty())
        return;
    m_weekPath = m_dir.filePath(QStringLiteral("week.sqlite"));
    HistoryStore store;
    QVERIFY(store.open(m_weekPath));
    QRandomGenerator rng(7);
    for (int day = 0; day < 7; ++day) {
        QList<MonitorSample> batch;
        for (int i = 0; i < PerDay; ++i)
            batch.append(makeSample(day * PerDay + i, rng));
        QVERIFY(store.append(batch));
    }
    QCOMPARE(store.sampleCount(), qint64(7) * PerDay);
}

// Bytes of each part of a history file, from its rows: blocks, snapshots, head.
struct Storage
{
    qint64 blocks = 0;
    qint64 snapshots = 0;
    qint64 head = 0;
    qint64 blockCount = 0;
    qint64 snapshotCount = 0;
};

Storage storageOf(const QString &path)
{
    Storage st;
    const QString connection = QStringLiteral("bench-storage");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        QSqlQuery query(db);
        if (db.open() && query.exec(QueryLibrary::text(QStringLiteral("history.storage_bytes"))) && query.next()) {
            st.blocks = query.value(0).toLongLong();
            st.snapshots = query.value(1).toLongLong();
            st.head = query.value(2).toLongLong();
            st.blockCount = query.value(3).toLongLong();
            st.snapshotCount = query.value(4).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return st;
}

qint64 chartPoints(const QList<MonitorSample> &day)
{
    qint64 n = 0;
    for (const MonitorSample &s : day)
        n += SeriesPoints::fromSample(s).size();
    return n;
}

void BenchHistory::diskAndMemoryForADay()
{
    const QString path = m_dir.filePath(QStringLiteral("day.sqlite"));
    QRandomGenerator rng(11);
    QList<MonitorSample> day;
    for (int i = 0; i < PerDay; ++i)
        day.append(makeSample(i, rng));
    qint64 blobBytes = 0;
    qint64 cborBytes = 0;
    qint64 pointsBytes = 0;
    QHash<QString, int> ids;
    for (const MonitorSample &s : day) {
        blobBytes += SampleCodec::encode(s).size();
        cborBytes += SampleCodec::toCbor(s).toCborValue().toCbor().size();
        std::vector<SeriesPoints::IdPoint> points;
        for (const SeriesPoints::Point &p : SeriesPoints::fromSample(s))
            points.push_back({int(ids.insert(p.key, ids.value(p.key, int(ids.size()) + 1)).value()), p.value});
        pointsBytes += SeriesPoints::encode(points).size();
    }
    {
        // As the live monitor writes it: one transaction per sample, an hour compacted when it closes.
        HistoryStore store;
        QVERIFY(store.open(path));
        for (const MonitorSample &s : std::as_const(day))
            QVERIFY(store.append(s));
    }
    const qint64 rssBefore = residentKiB();
    MonitorSeries series;
    {
        HistoryStore store;
        QVERIFY(store.open(path));
        series = store.series(Start, Start.addDays(1));
    }
    const qint64 rssAfter = residentKiB();
    const Storage st = storageOf(path);
    const qint64 points = chartPoints(day);
    qInfo("one day at %d s: %d samples, %lld chart points; %.2f MiB on disk = %.2f bytes per chart point "
          "(%lld blocks %.0f KiB = %.2f B/point; %lld snapshots %.0f KiB = %.0f B each; head %.0f KiB)",
          IntervalSeconds, PerDay, static_cast<long long>(points), double(fileSize(path)) / 1048576.0,
          double(fileSize(path)) / double(points), static_cast<long long>(st.blockCount), double(st.blocks) / 1024.0,
          double(st.blocks) / double(points), static_cast<long long>(st.snapshotCount), double(st.snapshots) / 1024.0,
          double(st.snapshots) / double(std::max<qint64>(1, st.snapshotCount)), double(st.head) / 1024.0);
    qInfo("one sample: CBOR %.0f B, compressed %.0f B, head row %.0f B; %d chart series, RSS +%.1f MiB",
          double(cborBytes) / PerDay, double(blobBytes) / PerDay, double(pointsBytes) / PerDay,
          int(series.keys().size()), double(rssAfter - rssBefore) / 1024.0);
}

// The same day as OpenMetrics text, one series per chart key, for `promtool tsdb
// create-blocks-from openmetrics` (tests/bench/history/compare-prometheus.sh). Only when
// BS_OPENMETRICS_OUT names the file to write.
void BenchHistory::writeOpenMetrics()
{
    const QString out = qEnvironmentVariable("BS_OPENMETRICS_OUT");
    if (out.isEmpty())
        QSKIP("Set BS_OPENMETRICS_OUT to the file to write.");
    QRandomGenerator rng(11); // the day of diskAndMemoryForADay
    std::map<QString, std::vector<std::pair<qint64, double>>> byKey;
    qint64 points = 0;
    for (int i = 0; i < PerDay; ++i) {
        const MonitorSample s = makeSample(i, rng);
        for (const SeriesPoints::Point &p : SeriesPoints::fromSample(s)) {
            byKey[p.key].push_back({s.time.toMSecsSinceEpoch(), p.value});
            ++points;
        }
    }
    QFile file(out);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QTextStream text(&file);
    text << "# TYPE broker_studio_series gauge\n";
    for (const auto &[key, values] : byKey) {
        QString label = key;
        label.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
        for (const auto &[t, v] : values) {
            text << "broker_studio_series{key=\"" << label << "\"} ";
            if (std::isnan(v))
                text << "NaN";
            else
                text << QString::number(v, 'g', 17);
            text << ' ' << QString::number(double(t) / 1000.0, 'f', 3) << '\n';
        }
    }
    text << "# EOF\n";
    qInfo("%lld chart points in %d series written to %s", static_cast<long long>(points), int(byKey.size()), qPrintable(out));
}

void BenchHistory::appendOneSample()
{
    HistoryStore store;
    QVERIFY(store.open(m_dir.filePath(QStringLiteral("append.sqlite"))));
    QRandomGenerator rng(3);
    int i = 0;
    QBENCHMARK {
        QVERIFY(store.append(makeSample(i++, rng)));
    }
}

// The append that closes an hour also moves that hour (720 samples) from the head into its block.
void BenchHistory::appendClosingAnHour()
{
    HistoryStore store;
    QVERIFY(store.open(m_dir.filePath(QStringLiteral("hour.sqlite"))));
    QRandomGenerator rng(17);
    const qint64 perHour = HistoryCompactor::BlockMs / 1000 / IntervalSeconds;
    QList<MonitorSample> hour;
    for (qint64 i = 0; i < perHour; ++i)
        hour.append(makeSample(int(i), rng));
    QVERIFY(store.append(hour));
    const MonitorSample next = makeSample(int(perHour), rng);
    QBENCHMARK_ONCE {
        QVERIFY(store.append(next));
    }
}

void BenchHistory::reopenSevenDaysOverview()
{
    ensureWeek();
    qsizetype points = 0;
    QBENCHMARK {
        HistoryStore store;
        QVERIFY(store.open(m_weekPath));
        points = store.overview(Start, Start.addDays(8)).series(QStringLiteral("endpoints.total")).size();
    }
    QCOMPARE(points, qsizetype(7) * PerDay);
}

void BenchHistory::reopenSevenDaysAsSeries()
{
    ensureWeek();
    qsizetype points = 0;
    QBENCHMARK_ONCE {
        HistoryStore store;
        QVERIFY(store.open(m_weekPath));
        const MonitorSeries series = store.series(Start, Start.addDays(8));
        points = series.series(QStringLiteral("endpoints.total")).size();
    }
    QCOMPARE(points, qsizetype(7) * PerDay);
    qInfo("7 days: %.1f MiB on disk", double(fileSize(m_weekPath)) / 1048576.0);
}

// What a window asks before it reads: the stored range and the number of samples.
void BenchHistory::reopenSevenDaysTimeRangeAndCount()
{
    ensureWeek();
    qint64 count = 0;
    QBENCHMARK_ONCE {
        HistoryStore store;
        QVERIFY(store.open(m_weekPath));
        QVERIFY(store.timeRange().has_value());
        count = store.sampleCount();
    }
    QCOMPARE(count, qint64(7) * PerDay);
}

// A day of rows written by schema 2 (a whole sample per row plus its points row): series() reads
// them as they are; convertOldRows() then makes them schema 3 once.
void BenchHistory::readOneDayOfOldRowsAsSeries()
{
    const QString path = m_dir.filePath(QStringLiteral("old.sqlite"));
    QRandomGenerator rng(13);
    historytest::History day;
    for (int i = 0; i < PerDay; ++i)
        day.samples.append(makeSample(i, rng));
    historytest::writeOldFile(path, day, true);
    const double before = double(fileSize(path)) / 1048576.0;
    HistoryStore store;
    QVERIFY(store.open(path));
    QVERIFY(store.hasOldRows());
    qsizetype points = 0;
    QBENCHMARK_ONCE {
        points = store.series(Start, Start.addDays(1)).series(QStringLiteral("endpoints.total")).size();
    }
    QCOMPARE(points, qsizetype(PerDay));
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(store.convertOldRows(), qint64(PerDay));
    const qint64 ms = timer.elapsed();
    store.close();
    qInfo("convertOldRows: one day of schema 2 in %lld ms wall, %.1f MiB -> %.2f MiB", static_cast<long long>(ms), before,
          double(fileSize(path)) / 1048576.0);
}

void BenchHistory::readOneDayAsSamples()
{
    ensureWeek();
    qsizetype n = 0;
    QBENCHMARK_ONCE {
        HistoryStore store;
        QVERIFY(store.open(m_weekPath));
        n = store.samples(Start, Start.addDays(1).addMSecs(-1)).size();
    }
    // The whole samples kept: the last of each snapshot slot.
    QCOMPARE(n, qsizetype(PerDay / (HistoryStore::SnapshotIntervalMs / 1000 / IntervalSeconds)));
}

QTEST_GUILESS_MAIN(BenchHistory)
#include "bench_history.moc"
