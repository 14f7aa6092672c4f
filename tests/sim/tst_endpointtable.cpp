#include "core/sim/endpointtable.h"
#include "core/sim/simwhatif.h"

#include <QTest>

using namespace bs;
using namespace bs::sim;

namespace {

// Services 0 (initiator) and 1 (target), workload 0 between them.
Scenario twoServices()
{
    return whatIfScenario(WhatIfOptions{});
}

QList<SimEvent> drain(SimEventQueue &events)
{
    QList<SimEvent> out;
    while (!events.isEmpty())
        out.append(events.pop());
    return out;
}

} // namespace

class TestEndpointTable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void countsFollowStates();
    void releaseInvalidatesAndReuses();
    void groupsInSample();
    void stampedClosedEndpointsDoExpire();
    void earliestLifetimePerGroupAndState();
    void farExpiriesAreParkedUntilTheSweep();
    void sweepInSlicesMatchesOnePass();
    void mailboxOnlyWhileMessagesWait();
    void lockOwner();
    void deliveredEarlierAfterTheTransaction();
};

void TestEndpointTable::countsFollowStates()
{
    SimContext ctx(twoServices());
    EndpointTable t(ctx);
    const qint32 a = t.create(0, true, EndpointState::SO, 10 * Second);
    const qint32 b = t.create(0, false, EndpointState::CO, 10 * Second);
    QCOMPARE(t.count(EndpointState::SO), 1);
    QCOMPARE(t.count(EndpointState::CO), 1);
    QCOMPARE(t.count(), 2);
    QVERIFY(t[a].initiator);
    QVERIFY(!t[b].initiator);
    QCOMPARE(t.queueOf(t[a]), 0); // the initiator's queue
    QCOMPARE(t.queueOf(t[b]), 1); // the target's queue
    t.setState(a, EndpointState::CO);
    t.setState(a, EndpointState::CO); // no change: counted once
    QCOMPARE(t.count(EndpointState::SO), 0);
    QCOMPARE(t.count(EndpointState::CO), 2);
    QCOMPARE(t.count(), 2);
}

void TestEndpointTable::releaseInvalidatesAndReuses()
{
    SimContext ctx(twoServices());
    EndpointTable t(ctx);
    const qint32 a = t.create(0, true, EndpointState::SO, 10 * Second);
    const quint32 gen = t[a].gen;
    QVERIFY(t.valid(a, gen));
    QVERIFY(!t.valid(a, gen + 1));
    QVERIFY(!t.valid(-1, 0));
    t.release(a);
    QVERIFY(!t.valid(a, gen));
    QCOMPARE(t.count(), 0);
    const qint32 again = t.create(0, true, EndpointState::SO, 10 * Second);
    QCOMPARE(again, a); // the id is reused...
    QVERIFY(t[again].gen != gen); // ...under a new generation, so stale events are skipped
    QVERIFY(t.valid(again, t[again].gen));
    QCOMPARE(t.count(), 1);
}

void TestEndpointTable::groupsInSample()
{
    SimContext ctx(twoServices());
    EndpointTable t(ctx);
    const qint32 a = t.create(0, true, EndpointState::SO, Never);
    t.create(0, true, EndpointState::SO, 10 * Second);
    t.create(0, false, EndpointState::CO, 10 * Second);
    t.setState(a, EndpointState::CD);
    MonitorSample s;
    t.appendTo(s);
    QCOMPARE(s.endpoints.size(), 3);
    const QString initiator = ctx.services[0].name;
    const QString target = ctx.services[1].name;
    // Groups in order of creation, states in enum order within a group.
    QCOMPARE(s.endpoints.at(0).state, EndpointState::SO);
    QCOMPARE(s.endpoints.at(0).count, 1);
    QCOMPARE(s.endpoints.at(0).localService, initiator);
    QCOMPARE(s.endpoints.at(0).farService, target);
    QVERIFY(s.endpoints.at(0).isInitiator);
    QCOMPARE(s.endpoints.at(0).neverExpiring, 0);
    QCOMPARE(s.endpoints.at(1).state, EndpointState::CD);
    QCOMPARE(s.endpoints.at(1).neverExpiring, 1);
    QCOMPARE(s.endpoints.at(1).closedWithUnsetSecurityTimestamp, 1);
    QCOMPARE(s.endpoints.at(2).state, EndpointState::CO);
    QCOMPARE(s.endpoints.at(2).localService, target);
    QVERIFY(!s.endpoints.at(2).isInitiator);
}

// As sql/monitor/endpoints.sql counts them: a CLOSED endpoint with its security timestamp set
// goes 30 minutes later, so only the unset ones will never expire.
void TestEndpointTable::stampedClosedEndpointsDoExpire()
{
    SimContext ctx(twoServices());
    EndpointTable t(ctx);
    const qint32 unset = t.create(0, false, EndpointState::CO, DefaultLifetimeSeconds * Second);
    const qint32 stamped = t.create(0, false, EndpointState::CO, DefaultLifetimeSeconds * Second);
    t[stamped].stampSet = true;
    t.setState(unset, EndpointState::CD);
    t.setState(stamped, EndpointState::CD);
    MonitorSample s;
    t.appendTo(s);
    QCOMPARE(s.endpoints.size(), 1);
    QCOMPARE(s.endpoints.at(0).count, 2);
    QCOMPARE(s.endpoints.at(0).neverExpiring, 1);
    QCOMPARE(s.endpoints.at(0).closedWithUnsetSecurityTimestamp, 1);
    t.release(stamped);
    t.release(unset);
    MonitorSample empty;
    t.appendTo(empty);
    QVERIFY(empty.endpoints.isEmpty());
    QCOMPARE(t.count(), 0);
}

// EndpointGroup::oldestLifetime is MIN(lifetime) of the group's endpoints in that state, as a
// wall-clock time (scenario start + simulated time), and follows state changes, frees and reuse.
void TestEndpointTable::earliestLifetimePerGroupAndState()
{
    SimContext ctx(twoServices());
    EndpointTable t(ctx);
    const QDateTime start = ctx.scenario.start;
    auto oldest = [&t](EndpointState state) -> std::optional<QDateTime> {
        MonitorSample s;
        t.appendTo(s);
        for (const EndpointGroup &g : s.endpoints) {
            if (g.state == state && g.isInitiator)
                return g.oldestLifetime;
        }
        return std::nullopt;
    };
    const qint32 a = t.create(0, true, EndpointState::SO, 30 * Second);
    const qint32 b = t.create(0, true, EndpointState::SO, 10 * Second);
    const qint32 c = t.create(0, true, EndpointState::SO, 20 * Second);
    QCOMPARE(oldest(EndpointState::SO), start.addSecs(10));

    t.setState(b, EndpointState::CO); // the earliest leaves SO and is the earliest of CO
    QCOMPARE(oldest(EndpointState::SO), start.addSecs(20));
    QCOMPARE(oldest(EndpointState::CO), start.addSecs(10));

    t.release(c); // freed: no longer counted in SO
    QCOMPARE(oldest(EndpointState::SO), start.addSecs(30));

    // c's id comes back under a new generation in CO; its old SO entry must not count.
    const qint32 again = t.create(0, true, EndpointState::CO, 5 * Second);
    QCOMPARE(again, c);
    QCOMPARE(oldest(EndpointState::SO), start.addSecs(30));
    QCOMPARE(oldest(EndpointState::CO), start.addSecs(5));

    // The default LIFETIME (2,147,483,647 s, about 68 years) as a date.
    t.setState(a, EndpointState::CD);
    const qint32 leaked = t.create(0, true, EndpointState::SO, DefaultLifetimeSeconds * Second);
    QCOMPARE(oldest(EndpointState::SO), start.addSecs(DefaultLifetimeSeconds));
    QCOMPARE(oldest(EndpointState::SO)->date().year(), start.date().year() + 68);
    QCOMPARE(oldest(EndpointState::CD), start.addSecs(30));
    t.release(leaked);
    QCOMPARE(oldest(EndpointState::SO), std::nullopt); // no SO group left in the sample
}

void TestEndpointTable::farExpiriesAreParkedUntilTheSweep()
{
    SimContext ctx(twoServices());
    EndpointTable t(ctx);
    const qint32 near = t.create(0, true, EndpointState::SO, 10 * Second);
    const qint32 far = t.create(0, true, EndpointState::SO, 90 * Minute);
    const qint32 gone = t.create(0, true, EndpointState::SO, 95 * Minute);
    t.release(gone);
    QList<SimEvent> events = drain(ctx.events);
    QCOMPARE(events.size(), 1); // only the near expiry is on the heap
    QCOMPARE(events.at(0).kind(), SimEventKind::Expiry);
    QCOMPARE(events.at(0).target, near);
    QCOMPARE(events.at(0).time, 10 * Second);

    ctx.now = 20 * Minute; // 70 minutes left: still parked
    t.sweep();
    events = drain(ctx.events);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).kind(), SimEventKind::Sweep);
    QCOMPARE(events.at(0).time, 20 * Minute + ExpiryHorizon);

    ctx.now = 40 * Minute; // 50 minutes left: onto the heap; the released one is dropped
    t.sweep();
    events = drain(ctx.events);
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).kind(), SimEventKind::Expiry);
    QCOMPARE(events.at(0).target, far);
    QCOMPARE(events.at(0).generation, t[far].gen);
    QCOMPARE(events.at(0).time, 90 * Minute);
    QCOMPARE(events.at(1).kind(), SimEventKind::Sweep);
}

// A sweep stopped by the work budget continues where it stopped: the same expiries in the same
// order (so the same tie-breaking sequence) as one pass, and the next Sweep only at the end.
void TestEndpointTable::sweepInSlicesMatchesOnePass()
{
    auto run = [](qint64 budget) {
        SimContext ctx(twoServices());
        EndpointTable t(ctx);
        for (int i = 0; i < 1000; ++i) {
            const qint32 id = t.create(0, i % 2 == 0, EndpointState::SO, (61 + (i * 7919) % 120) * Minute);
            if (i % 3 == 0)
                t.release(id);
        }
        ctx.now = 30 * Minute;
        int slices = 0;
        for (;;) {
            ctx.workBudget = budget;
            ++slices;
            if (t.sweep())
                break;
            if (!ctx.suspended)
                return std::make_pair(QList<SimEvent>{}, -1); // stopped without saying so
            ctx.suspended = false;
        }
        ctx.workBudget = -1;
        QList<SimEvent> events = drain(ctx.events);
        return std::make_pair(events, slices);
    };
    const auto [whole, one] = run(-1);
    const auto [sliced, many] = run(2);
    QCOMPARE(one, 1);
    QVERIFY(many > 3);
    QCOMPARE(sliced.size(), whole.size());
    QVERIFY(whole.size() > 100);
    for (qsizetype i = 0; i < whole.size(); ++i) {
        QCOMPARE(sliced.at(i).time, whole.at(i).time);
        QCOMPARE(sliced.at(i).target, whole.at(i).target);
        QCOMPARE(sliced.at(i).kind(), whole.at(i).kind());
        QCOMPARE(sliced.at(i).sequence(), whole.at(i).sequence());
    }
    QCOMPARE(whole.last().kind(), SimEventKind::Sweep);
}

// Messages live in a mailbox that an endpoint holds only while it has any: a leaked endpoint
// costs its 32 bytes and nothing for message lists.
void TestEndpointTable::mailboxOnlyWhileMessagesWait()
{
    SimContext ctx(twoServices());
    EndpointTable t(ctx);
    const qint32 a = t.create(0, false, EndpointState::CO, 10 * Second);
    QCOMPARE(t[a].mailbox, -1);
    QCOMPARE(t.inboxCount(a), 0);
    const qint32 m1 = ctx.messages.allocate(SimMessageKind::Task, 1);
    const qint32 m2 = ctx.messages.allocate(SimMessageKind::Task, 2);
    const qint32 m3 = ctx.messages.allocate(SimMessageKind::Error, 3);
    t.appendInbox(a, m1);
    t.appendOutbox(a, m2);
    t.prependInbox(a, m3);
    QVERIFY(t[a].mailbox >= 0);
    QCOMPARE(t.inboxCount(a), 2);
    QCOMPARE(t.outboxCount(a), 1);
    QCOMPARE(t.popInbox(a), m3); // prepended: first out
    QCOMPARE(t.popInbox(a), m1);
    QCOMPARE(t.popInbox(a), -1);
    QVERIFY(t[a].mailbox >= 0); // the outbox still holds m2
    QCOMPARE(t.popOutbox(a), m2);
    QCOMPARE(t[a].mailbox, -1);
    QCOMPARE(t.outboxCount(a), 0);
}

void TestEndpointTable::lockOwner()
{
    SimContext ctx(twoServices());
    EndpointTable t(ctx);
    const qint32 a = t.create(0, false, EndpointState::CO, 10 * Second);
    QCOMPARE(t.lockedBy(a), -1);
    t.lock(a, 7);
    QVERIFY(t[a].locked);
    QCOMPARE(t.lockedBy(a), 7);
    t.unlock(a);
    QCOMPARE(t.lockedBy(a), -1);
    t.lock(a, 3);
    t.release(a); // a released endpoint takes its lock with it
    const qint32 again = t.create(0, false, EndpointState::CO, 10 * Second);
    QCOMPARE(again, a);
    QCOMPARE(t.lockedBy(again), -1);
}

// An initiator whose first message was delivered in this transaction has not "seen" the
// acknowledgement yet; after the commit it has (the security timestamp rule, §3).
void TestEndpointTable::deliveredEarlierAfterTheTransaction()
{
    SimContext ctx(twoServices());
    EndpointTable t(ctx);
    const qint32 a = t.create(0, true, EndpointState::SO, 10 * Second);
    QVERIFY(!t[a].deliveredEarlier());
    t.markDelivered(a);
    QVERIFY(t[a].delivered);
    QVERIFY(!t[a].deliveredEarlier());
    t.endTransaction();
    QVERIFY(t[a].deliveredEarlier());
}

QTEST_GUILESS_MAIN(TestEndpointTable)
#include "tst_endpointtable.moc"
