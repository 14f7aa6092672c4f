#include "core/sim/lifetimeheap.h"

#include <QTest>

#include <set>

using namespace bs::sim;

namespace {

using Entry = LifetimeHeap::Entry;

// Entries are current while their id is in `live` (the owner's view of the endpoints).
struct Live
{
    std::set<qint32> ids;
    bool operator()(const Entry &e) const { return ids.count(e.id) > 0; }
};

} // namespace

class TestLifetimeHeap : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void earliestOfTheCurrentEntries_data();
    void earliestOfTheCurrentEntries();
    void staleEntriesDoNotAccumulate();
};

void TestLifetimeHeap::earliestOfTheCurrentEntries_data()
{
    QTest::addColumn<QList<qint64>>("lifetimes"); // entry i has id i
    QTest::addColumn<QList<int>>("gone");         // ids that left the state
    QTest::addColumn<qint64>("expected");         // -1 = none
    const QList<qint64> three{30, 10, 20};
    QTest::newRow("empty") << QList<qint64>{} << QList<int>{} << qint64(-1);
    QTest::newRow("all current") << three << QList<int>{} << qint64(10);
    QTest::newRow("earliest gone") << three << QList<int>{1} << qint64(20);
    QTest::newRow("two earliest gone") << three << QList<int>{1, 2} << qint64(30);
    QTest::newRow("later one gone") << three << QList<int>{0} << qint64(10);
    QTest::newRow("all gone") << three << QList<int>{0, 1, 2} << qint64(-1);
    QTest::newRow("equal lifetimes") << QList<qint64>{5, 5, 5} << QList<int>{0, 2} << qint64(5);
}

void TestLifetimeHeap::earliestOfTheCurrentEntries()
{
    QFETCH(QList<qint64>, lifetimes);
    QFETCH(QList<int>, gone);
    QFETCH(qint64, expected);
    LifetimeHeap heap;
    Live live;
    for (qint32 i = 0; i < qint32(lifetimes.size()); ++i) {
        live.ids.insert(i);
        heap.push({lifetimes.at(i) * Second, i}, qint64(live.ids.size()), live);
    }
    for (int id : gone)
        live.ids.erase(id);
    const std::optional<SimTime> earliest = heap.earliest(live);
    QCOMPARE(earliest.has_value(), expected >= 0);
    if (earliest)
        QCOMPARE(*earliest, expected * Second);
    // Asking again gives the same answer: dropping stale entries changed nothing visible.
    QCOMPARE(heap.earliest(live), earliest);
}

// Endpoints that pass through a state (SO for a moment, say) while an old one stays in it: the
// stale entries behind the old one never reach the top, so compaction must bound them.
void TestLifetimeHeap::staleEntriesDoNotAccumulate()
{
    LifetimeHeap heap;
    Live live;
    live.ids.insert(0);
    heap.push({1 * Second, 0}, 1, live);
    size_t largest = 0;
    for (qint32 i = 1; i <= 100000; ++i) {
        live.ids.insert(i);
        heap.push({SimTime(i + 1) * Second, i}, 2, live);
        live.ids.erase(i);
        largest = std::max(largest, heap.size());
    }
    // Compaction runs when entries exceed 2 × live + 64 (here 68).
    QVERIFY2(largest <= 68, qPrintable(QString::number(largest)));
    QCOMPARE(heap.earliest(live), std::optional<SimTime>(1 * Second));
    live.ids.erase(0);
    QCOMPARE(heap.earliest(live), std::nullopt);
    QCOMPARE(heap.size(), size_t(0));
}

QTEST_APPLESS_MAIN(TestLifetimeHeap)
#include "tst_lifetimeheap.moc"
