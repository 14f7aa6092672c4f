#include "historytestdata.h"

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
using namespace bs::historytest;


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
    void oldFileOpensAndReadsTheSame_data();
    void oldFileOpensAndReadsTheSame();
    void retentionEndsTheOldRowPath();
    void olderVersionWritingIntoNewFile();
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

void TestHistorySeries::oldFileOpensAndReadsTheSame_data()
{
    QTest::addColumn<bool>("schema2");
    QTest::newRow("schema 1 (samples only)") << false;
    QTest::newRow("schema 2 (samples and points)") << true;
}

void TestHistorySeries::oldFileOpensAndReadsTheSame()
{
    QFETCH(bool, schema2);
    const QString path = m_dir.filePath(QStringLiteral("schema%1.sqlite").arg(schema2 ? 2 : 1));
    const History before = richHistory(120);
    writeOldFile(path, before, schema2);
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
    QList<std::pair<qint64, qint64>> reports;
    const qint64 converted = reopened.convertOldRows(
        [&](qint64 done, qint64 total) {
            reports.append({done, total});
            return true;
        },
        50);
    // Every old sample and gap row, in batches of 50, then the hours moved into blocks.
    QCOMPARE(converted, qint64(before.samples.size() + before.gaps.size()));
    QVERIFY(reports.size() >= 4);
    for (qsizetype i = 1; i < reports.size(); ++i)
        QVERIFY(reports[i].first >= reports[i - 1].first);
    QCOMPARE(reports[0].first, qint64(50));
    QCOMPARE(reports.last().first, reports.last().second); // it ends at 100 %
    QVERIFY(!reopened.hasOldRows());
    QCOMPARE(reopened.convertOldRows(), qint64(0));
    QCOMPARE(difference(reopened.series(at(0), at(StartMs * 2), thr), all.expected(thr)), QString());
    QCOMPARE(difference(reopened.series(at(0), at(StartMs * 2), 0), all.expected(0)), QString());
    // Whole samples: the last of each slot, old and new alike.
    QList<MonitorSample> lastOfMinute;
    for (qsizetype i = 0; i < all.samples.size(); ++i) {
        const qint64 minute = all.samples[i].time.toMSecsSinceEpoch() / HistoryStore::SnapshotIntervalMs;
        if (i + 1 == all.samples.size() || all.samples[i + 1].time.toMSecsSinceEpoch() / HistoryStore::SnapshotIntervalMs != minute)
            lastOfMinute.append(all.samples[i]);
    }
    const QList<MonitorSample> kept = reopened.samples(at(0), at(StartMs * 2));
    QCOMPARE(kept.size(), lastOfMinute.size());
    for (qsizetype i = 0; i < kept.size(); ++i)
        QCOMPARE(kept[i].time, lastOfMinute[i].time);
    QCOMPARE(kept.last(), all.samples.last());
    QCOMPARE(reopened.integrityCheck(), QStringLiteral("ok"));
}

void TestHistorySeries::retentionEndsTheOldRowPath()
{
    const QString path = m_dir.filePath(QStringLiteral("schema1-retention.sqlite"));
    const History old = richHistory(40);
    writeOldFile(path, old);
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
        writeOldFile(path, h);
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

// An older version opens a schema-3 file: it sets the marker back to 1 or 2 and appends rows in
// its own format (a whole sample per row). They read as old rows and convert like any other.
void TestHistorySeries::olderVersionWritingIntoNewFile()
{
    const QString path = m_dir.filePath(QStringLiteral("downgraded.sqlite"));
    const History first = richHistory(60);
    {
        HistoryStore store;
        QVERIFY(store.open(path));
        writeThroughStore(store, first);
    }
    const History second = richHistory(40, 60, first.samples.last().time.toMSecsSinceEpoch());
    writeOldFile(path, second); // the statements of schema 1 on the existing file
    if (QTest::currentTestFailed())
        return;
    HistoryStore store;
    QVERIFY2(store.open(path), qPrintable(store.lastError()));
    QVERIFY(store.hasOldRows());
    const History all = concat(first, second);
    QCOMPARE(store.sampleCount(), qint64(all.samples.size()));
    QCOMPARE(difference(store.series(at(0), at(StartMs * 2), 15000), all.expected(15000)), QString());
    // (By time: the last sample's rate is NaN, which never compares equal.)
    QCOMPARE(store.latestSample()->time, second.samples.last().time);
    // Only the rows the older version wrote need converting.
    QCOMPARE(store.convertOldRows(), qint64(second.samples.size() + second.gaps.size()));
    QVERIFY(!store.hasOldRows());
    QCOMPARE(store.sampleCount(), qint64(all.samples.size()));
    QCOMPARE(difference(store.series(at(0), at(StartMs * 2), 15000), all.expected(15000)), QString());
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
