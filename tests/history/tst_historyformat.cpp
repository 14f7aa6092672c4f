#include "historytestdata.h"

#include "data/history/historycompactor.h"
#include "data/querylibrary.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace bs;
using namespace bs::historytest;

namespace {

constexpr qint64 Minute = 60'000;
constexpr qint64 Hour = HistoryCompactor::BlockMs;

// A week at one sample a minute (with a few milliseconds of jitter, as a real poller has) and a
// gap row every 500 samples: 168 hourly blocks of the rich samples.
History week()
{
    History h;
    const qint64 start = HistoryCompactor::blockStart(StartMs);
    for (int i = 0; i < 7 * 24 * 60; ++i) {
        const qint64 t = start + i * Minute + (i * 7919) % 13;
        if (i % 500 == 499)
            h.gaps.append(t - 30'000);
        h.samples.append(richSample(i, t));
    }
    return h;
}

// Runs one statement of sql/monitor/history on the file through a connection of its own.
bool onFile(const QString &path, const std::function<bool(QSqlDatabase &)> &work)
{
    const QString connection = QStringLiteral("format-test");
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        ok = db.open() && work(db);
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

} // namespace

/// The schema-3 layout end to end: a week round trip bit for bit through blocks, retention inside
/// a block, out-of-order writes into a closed hour, and a damaged block that is reported while
/// everything else stays readable and writable.
class TestHistoryFormat : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void weekRoundTripIsBitExact();
    void retentionCutsInsideABlock();
    void outOfOrderAppendIntoAClosedHour();
    void damagedBlockIsReportedAndTheRestRead_data();
    void damagedBlockIsReportedAndTheRestRead();

private:
    QTemporaryDir m_dir;
};

void TestHistoryFormat::initTestCase()
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        QSKIP("The QSQLITE driver is not installed (libqt6sql6-sqlite).");
    QVERIFY(m_dir.isValid());
}

void TestHistoryFormat::weekRoundTripIsBitExact()
{
    const QString path = m_dir.filePath(QStringLiteral("week.sqlite"));
    const History h = week();
    {
        HistoryStore store;
        QVERIFY2(store.open(path), qPrintable(store.lastError()));
        // Six days as imports (one transaction each), the last day one sample at a time as the
        // live monitor writes it; gap rows land in hours that may already be blocks.
        const qsizetype perDay = 24 * 60;
        for (int day = 0; day < 6; ++day)
            QVERIFY2(store.append(h.samples.mid(day * perDay, perDay)), qPrintable(store.lastError()));
        for (qsizetype i = 6 * perDay; i < h.samples.size(); ++i)
            QVERIFY2(store.append(h.samples[i]), qPrintable(store.lastError()));
        for (const qint64 g : h.gaps)
            QVERIFY(store.appendGap(at(g)));
    }
    HistoryStore store;
    QVERIFY(store.open(path));
    QCOMPARE(store.sampleCount(), qint64(h.samples.size()));
    QCOMPARE(store.timeRange()->first, h.samples.first().time);
    QCOMPARE(store.timeRange()->second, h.samples.last().time);
    for (const qint64 threshold : {qint64(0), qint64(3 * Minute)})
        QCOMPARE(difference(store.series(at(0), at(StartMs * 2), threshold), h.expected(threshold)), QString());
    QVERIFY(store.lastError().isEmpty());
    // A range inside the week, cut in the middle of hours.
    const qint64 from = h.samples[1000].time.toMSecsSinceEpoch() - 1;
    const qint64 to = h.samples[4321].time.toMSecsSinceEpoch();
    QCOMPARE(difference(store.series(at(from), at(to), 0), h.expected(0, from, to)), QString());
    // One whole sample per 5 minutes (the last of each), bit for bit where it can compare.
    QCOMPARE(store.samples(h.samples[4].time, h.samples[4].time), QList<MonitorSample>{h.samples[4]});
    QCOMPARE(store.samples(h.samples[3].time, h.samples[3].time), QList<MonitorSample>{});
    QCOMPARE(store.latestSample(), std::optional<MonitorSample>(h.samples.last()));
    QCOMPARE(store.integrityCheck(), QStringLiteral("ok"));
}

void TestHistoryFormat::retentionCutsInsideABlock()
{
    HistoryStore store;
    QVERIFY(store.open(m_dir.filePath(QStringLiteral("cut.sqlite"))));
    History h;
    const qint64 start = HistoryCompactor::blockStart(StartMs);
    for (int i = 0; i < 200; ++i) // 3 h 20 min: three closed hours and an open one
        h.samples.append(richSample(i, start + i * Minute));
    QVERIFY(store.append(h.samples));
    const qint64 cut = start + Hour + 25 * Minute; // inside the second hour
    QCOMPARE(store.pruneBefore(at(cut)), qint64(85));
    QCOMPARE(store.sampleCount(), qint64(115));
    QCOMPARE(store.timeRange()->first, at(cut));
    History kept;
    kept.samples = h.samples.mid(85);
    QCOMPARE(difference(store.series(at(0), at(StartMs * 2), 0), kept.expected(0)), QString());
    QCOMPARE(store.samples(at(0), at(cut - 1)), QList<MonitorSample>{});
    QCOMPARE(store.integrityCheck(), QStringLiteral("ok"));
}

void TestHistoryFormat::outOfOrderAppendIntoAClosedHour()
{
    HistoryStore store;
    QVERIFY(store.open(m_dir.filePath(QStringLiteral("late.sqlite"))));
    const qint64 start = HistoryCompactor::blockStart(StartMs);
    History h;
    for (int i = 0; i < 150; ++i)
        h.samples.append(richSample(i, start + i * Minute));
    QVERIFY(store.append(h.samples));
    // A late sample into the first hour (already a block), replacing one, and a new one between two.
    const MonitorSample replaced = richSample(1000, start + 10 * Minute);
    const MonitorSample between = richSample(1001, start + 10 * Minute + 30'000);
    QVERIFY(store.append(replaced));
    QVERIFY(store.append(between));
    h.samples[10] = replaced;
    h.samples.insert(11, between);
    // Read while the late rows are still in the head, then after they were merged into the block.
    QCOMPARE(difference(store.series(at(0), at(StartMs * 2), 0), h.expected(0)), QString());
    QVERIFY(store.append(richSample(2000, start + 3 * Hour)));
    QVERIFY(store.append(richSample(2001, start + 3 * Hour + Minute)));
    h.samples.append(richSample(2000, start + 3 * Hour));
    h.samples.append(richSample(2001, start + 3 * Hour + Minute));
    QCOMPARE(difference(store.series(at(0), at(StartMs * 2), 0), h.expected(0)), QString());
    QCOMPARE(store.sampleCount(), qint64(h.samples.size()));
}

void TestHistoryFormat::damagedBlockIsReportedAndTheRestRead_data()
{
    QTest::addColumn<bool>("truncate");
    QTest::newRow("bits flipped") << false;
    QTest::newRow("truncated") << true;
}

void TestHistoryFormat::damagedBlockIsReportedAndTheRestRead()
{
    QFETCH(bool, truncate);
    const QString path = m_dir.filePath(QStringLiteral("damaged-%1.sqlite").arg(int(truncate)));
    const qint64 start = HistoryCompactor::blockStart(StartMs);
    History h;
    for (int i = 0; i < 190; ++i) // hours 0, 1 and 2 closed, 10 minutes of hour 3 in the head
        h.samples.append(richSample(i, start + i * Minute));
    {
        HistoryStore store;
        QVERIFY(store.open(path));
        QVERIFY(store.append(h.samples));
    }
    // Damage the block of hour 1 behind the store's back.
    QVERIFY(onFile(path, [&](QSqlDatabase &db) {
        QSqlQuery read(db);
        read.prepare(QueryLibrary::text(QStringLiteral("history.select_block")));
        read.bindValue(QStringLiteral(":start_ms"), start + Hour);
        if (!read.exec() || !read.next())
            return false;
        QByteArray data = read.value(0).toByteArray();
        read.finish();
        if (truncate)
            data.chop(data.size() / 2);
        else
            data[data.size() / 3] = char(data[data.size() / 3] ^ 0x5a);
        QSqlQuery write(db);
        write.prepare(QueryLibrary::text(QStringLiteral("history.upsert_block")));
        write.bindValue(QStringLiteral(":start_ms"), start + Hour);
        write.bindValue(QStringLiteral(":end_ms"), start + 2 * Hour);
        write.bindValue(QStringLiteral(":first_ms"), start + Hour);
        write.bindValue(QStringLiteral(":last_ms"), start + 2 * Hour - Minute);
        write.bindValue(QStringLiteral(":samples"), 60);
        write.bindValue(QStringLiteral(":data"), data);
        return write.exec();
    }));

    HistoryStore store;
    QVERIFY2(store.open(path), qPrintable(store.lastError()));
    const MonitorSeries series = store.series(at(0), at(StartMs * 2), 0);
    // Said clearly: which hour, and that the rest is shown.
    const QString hour = at(start + Hour).toString(Qt::ISODate);
    QVERIFY2(store.lastError().contains(hour) && store.lastError().contains(QLatin1String("rest is shown")),
             qPrintable(store.lastError()));
    QVERIFY(store.integrityCheck().contains(hour));
    // Everything else is there, bit for bit, and the line breaks at the damaged hour.
    History readable;
    readable.samples = h.samples.mid(0, 60) + h.samples.mid(120);
    readable.gaps = {start + Hour};
    QCOMPARE(difference(series, readable.expected(0)), QString());
    // Writing goes on, into the open hour and the next ones.
    const MonitorSample next = richSample(500, start + 4 * Hour);
    QVERIFY(store.append(next));
    QCOMPARE(store.latestSample(), std::optional<MonitorSample>(next));
    readable.samples.append(next);
    QCOMPARE(difference(store.series(at(0), at(StartMs * 2), 0), readable.expected(0)), QString());
    // Retention past the damaged hour removes it; the file is whole again.
    store.pruneBefore(at(start + 2 * Hour));
    QCOMPARE(store.integrityCheck(), QStringLiteral("ok"));
    store.series(at(0), at(StartMs * 2), 0);
    QCOMPARE(store.lastError(), QString());
}

QTEST_GUILESS_MAIN(TestHistoryFormat)
#include "tst_historyformat.moc"
