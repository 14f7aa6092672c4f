#include "core/sim/simmessagepool.h"

#include <QTest>

using namespace bs::sim;

namespace {

QList<qint32> drain(SimMessagePool &pool, SimMessageList &l)
{
    QList<qint32> out;
    for (qint32 m = pool.popFront(l); m >= 0; m = pool.popFront(l))
        out.append(m);
    return out;
}

} // namespace

class TestSimMessagePool : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listOrder();
    void reuseAfterFree();
    void messagesMoveBetweenLists();
};

void TestSimMessagePool::listOrder()
{
    SimMessagePool pool;
    SimMessageList l;
    const qint32 a = pool.allocate(SimMessageKind::Task, 10);
    const qint32 b = pool.allocate(SimMessageKind::EndOfStream, 20);
    const qint32 c = pool.allocate(SimMessageKind::Error, 30, false, -8489);
    pool.append(l, a);
    pool.append(l, b);
    pool.prepend(l, c); // an Error goes ahead of the dialog's other messages
    QCOMPARE(l.count, 3);
    QCOMPARE(l.head, c);
    QCOMPARE(l.tail, b);
    QCOMPARE(pool[c].errorCode, -8489);
    QCOMPARE(pool[b].kind, SimMessageKind::EndOfStream);
    QCOMPARE(drain(pool, l), (QList<qint32>{c, a, b}));
    QCOMPARE(l.count, 0);
    QCOMPARE(l.head, -1);
    QCOMPARE(l.tail, -1);
    QCOMPARE(pool.popFront(l), -1);

    pool.prepend(l, a); // prepend to an empty list sets the tail too
    QCOMPARE(l.tail, a);
    pool.append(l, b);
    QCOMPARE(drain(pool, l), (QList<qint32>{a, b}));
}

void TestSimMessagePool::reuseAfterFree()
{
    SimMessagePool pool;
    const qint32 a = pool.allocate(SimMessageKind::Task, 1, true);
    const qint32 b = pool.allocate(SimMessageKind::Task, 2);
    pool[a].doomedRetry = true;
    pool.free(a);
    pool.free(b);
    // Last freed, first reused; a reused message starts clean.
    QCOMPARE(pool.allocate(SimMessageKind::EndDialog, 5), b);
    const qint32 again = pool.allocate(SimMessageKind::Task, 6);
    QCOMPARE(again, a);
    QCOMPARE(pool[again].sentAt, 6);
    QVERIFY(!pool[again].poison);
    QVERIFY(!pool[again].doomedRetry);
    QCOMPARE(pool[again].next, -1);
    QCOMPARE(pool.allocate(SimMessageKind::Task, 7), 2); // the pool grows once the free list is empty
}

void TestSimMessagePool::messagesMoveBetweenLists()
{
    SimMessagePool pool;
    SimMessageList outbox;
    SimMessageList inbox;
    for (int i = 0; i < 4; ++i)
        pool.append(outbox, pool.allocate(SimMessageKind::Task, i));
    // Delivery moves messages in order without copying them.
    for (qint32 m = pool.popFront(outbox); m >= 0; m = pool.popFront(outbox))
        pool.append(inbox, m);
    QCOMPARE(outbox.count, 0);
    QCOMPARE(inbox.count, 4);
    QList<SimTime> sent;
    for (const qint32 m : drain(pool, inbox))
        sent.append(pool[m].sentAt);
    QCOMPARE(sent, (QList<SimTime>{0, 1, 2, 3}));
}

QTEST_GUILESS_MAIN(TestSimMessagePool)
#include "tst_simmessagepool.moc"
