#include "core/sim/scenarioloader.h"
#include "core/sim/simulator.h"
#include "core/sim/simwhatif.h"

#include <QTest>

#include <cmath>

using namespace bs;
using namespace bs::sim;

namespace {

Scenario shipped(const char *name)
{
    QString error;
    auto s = ScenarioLoader::fromFile(QStringLiteral(BS_SOURCE_DIR "/resources/scenarios/") + QLatin1String(name), &error);
    if (!s)
        qFatal("cannot load %s: %s", name, qPrintable(error));
    return *s;
}

double mean(const QList<double> &v)
{
    double sum = 0;
    for (double x : v)
        sum += x;
    return v.isEmpty() ? 0.0 : sum / double(v.size());
}

} // namespace

class TestSimulator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void populationColumn_data();
    void populationColumn();
    void parallelism();
    void rampUp();
    void littlesLaw();
    void poisonDisablesQueue();
    void poisonHandlingOff();
    void lostErrors();
    void naiveLeakPilesUpInDiAndDo();
    void determinism();
    void whatIfStopsWhenCancelled();
    void stuckTransmissionQueue();
    void slicedRunsAreIdentical_data();
    void slicedRunsAreIdentical();
    void keepFiringStaysBoundedOverHours();
    void windowedBatchNeedsItsWindow();
    void earliestExpiry_data();
    void earliestExpiry();
};

// PATTERNS.md, third column, at λ = 20 msg/s over two simulated hours.
void TestSimulator::populationColumn_data()
{
    QTest::addColumn<int>("pattern");
    QTest::addColumn<double>("windowSeconds");
    QTest::addColumn<qint64>("recycleMessages");
    QTest::addColumn<double>("recycleSeconds");
    QTest::addColumn<double>("expected");  // steady-state endpoints (or λ·t for naive, at the end)
    QTest::addColumn<double>("tolerance"); // relative
    const double lambda = 20.0;
    // Naive: closed target endpoints with an unset security timestamp stay for 68 years, so the
    // population is λ·t. Poisson arrivals: the count after 7,200 s has σ = √144,000 ≈ 380 (0.3 %);
    // 2 % also covers the few dialogs in flight.
    QTest::newRow("naive") << int(PatternKind::Naive) << 0.0 << qint64(0) << 0.0 << lambda * 7200 << 0.02;
    // Windowed: each closed target endpoint lives until its window (600 s): λ·window = 12,000.
    // Averaged over the second hour; the window's Poisson count has σ ≈ 1 %, so 3 %.
    QTest::newRow("windowed") << int(PatternKind::Windowed) << 600.0 << qint64(0) << 0.0 << lambda * 600 << 0.03;
    // Target ends first: closed target endpoints kept 30 min for replay protection: λ·1,800 s
    // = 36,000 plus a few in flight; 3 % for the same Poisson reason.
    QTest::newRow("target ends first") << int(PatternKind::TargetEndsFirst) << 0.0 << qint64(0) << 0.0 << lambda * 1800 << 0.03;
    // Keep-firing without recycling: exactly the pool on both sides, 2 × 8 = 16, all the time.
    QTest::newRow("keep-firing") << int(PatternKind::KeepFiring) << 0.0 << qint64(0) << 0.0 << 16.0 << 0.0;
    // Keep-firing recycled every 600 s: 2 × pool + pool × 1,800 / 600 = 16 + 24 = 40. A recycle
    // happens at the first send after 600 s, so the real interval is a little longer and the
    // number of closed endpoints steps between 16 and 24 with the phase: 10 %.
    QTest::newRow("keep-firing recycled") << int(PatternKind::KeepFiring) << 0.0 << qint64(0) << 600.0 << 40.0 << 0.10;
}

void TestSimulator::populationColumn()
{
    QFETCH(int, pattern);
    QFETCH(double, windowSeconds);
    QFETCH(qint64, recycleMessages);
    QFETCH(double, recycleSeconds);
    QFETCH(double, expected);
    QFETCH(double, tolerance);
    WhatIfOptions o;
    o.pattern = PatternKind(pattern);
    o.ratePerSecond = 20.0;
    o.taskSeconds = 0.05;
    o.readers = 8;
    o.poolSize = 8;
    o.windowSeconds = windowSeconds > 0 ? windowSeconds : 3600.0;
    o.recycleMessages = recycleMessages;
    o.recycleSeconds = recycleSeconds;
    o.durationSeconds = 7200.0;
    o.sampleIntervalSeconds = 10.0;
    const WhatIfResult r = runWhatIf(o);
    QCOMPARE(r.points.size(), 720);
    QCOMPARE(r.flow.lost, 0);
    QVERIFY(r.flow.processed > 140000);
    if (o.pattern == PatternKind::Naive) {
        // Linear growth: λ·t at the half and at the end.
        const double half = double(r.points.at(359).endpoints);
        const double end = double(r.points.last().endpoints);
        QVERIFY2(std::abs(end - expected) <= tolerance * expected, qPrintable(QString::number(end)));
        QVERIFY2(std::abs(half - expected / 2) <= tolerance * expected / 2, qPrintable(QString::number(half)));
        QCOMPARE(r.points.last().byState[int(EndpointState::CD)], r.points.last().endpoints - r.points.last().byState[int(EndpointState::DO)]
                     - r.points.last().byState[int(EndpointState::CO)] - r.points.last().byState[int(EndpointState::DI)]);
        return;
    }
    QList<double> secondHour;
    double lo = 1e18;
    double hi = 0;
    for (const WhatIfPoint &p : r.points) {
        if (p.seconds <= 3600)
            continue;
        secondHour.append(double(p.endpoints));
        lo = std::min(lo, double(p.endpoints));
        hi = std::max(hi, double(p.endpoints));
    }
    const double m = mean(secondHour);
    if (tolerance == 0.0) {
        QCOMPARE(lo, expected);
        QCOMPARE(hi, expected);
    } else {
        QVERIFY2(std::abs(m - expected) <= tolerance * expected,
                 qPrintable(QStringLiteral("mean %1, expected %2 ± %3 %").arg(m).arg(expected).arg(tolerance * 100)));
    }
    // Bounded: the second half of the run does not grow.
    QVERIFY(double(r.points.last().endpoints) < expected * (1 + 2 * tolerance) + 2);
}

// SERVICE_BROKER.md §4 "Parallelism": RECEIVE locks a conversation group, so one conversation
// has one working reader whatever MAX_QUEUE_READERS says.
void TestSimulator::parallelism()
{
    auto throughput = [](int pool) {
        WhatIfOptions o;
        o.pattern = PatternKind::KeepFiring;
        o.ratePerSecond = 1000.0; // far above what 8 readers can do: the queue never drains
        o.poissonArrivals = false;
        o.taskSeconds = 0.01;     // one reader: 100 tasks/s
        o.taskDistribution = TaskDistribution::Fixed;
        o.readers = 8;
        o.poolSize = pool;
        o.recycleMessages = 0;
        o.recycleSeconds = 0;
        o.durationSeconds = 300.0;
        o.sampleIntervalSeconds = 1.0;
        const WhatIfResult r = runWhatIf(o);
        // Tasks finished per second over the last 200 s, after the activation ramp-up.
        double done = 0;
        for (const WhatIfPoint &p : r.points) {
            if (p.seconds > 100)
                done += double(p.latency.samples);
        }
        return done / 200.0;
    };
    const double one = throughput(1);
    const double eight = throughput(8);
    // Fixed 10 ms tasks plus 0 ms between them: exactly 100/s per working reader, ±1 %.
    QVERIFY2(std::abs(one - 100.0) <= 1.0, qPrintable(QString::number(one)));
    QVERIFY2(std::abs(eight - 800.0) <= 8.0, qPrintable(QString::number(eight)));
}

// §5: at most one new reader per 5 s monitor check while the queue is not drained.
void TestSimulator::rampUp()
{
    WhatIfOptions o;
    o.pattern = PatternKind::KeepFiring;
    o.ratePerSecond = 1000.0;
    o.poissonArrivals = false;
    o.taskSeconds = 0.01;
    o.taskDistribution = TaskDistribution::Fixed;
    o.readers = 8;
    o.poolSize = 8;
    o.recycleMessages = 0;
    o.recycleSeconds = 0;
    o.durationSeconds = 60.0;
    o.sampleIntervalSeconds = 0.5;
    const WhatIfResult r = runWhatIf(o);
    int previous = 0;
    for (const WhatIfPoint &p : r.points) {
        // The first reader starts with the first message; one more at each check (5, 10, ... s).
        const int allowed = 1 + int(std::floor(p.seconds / 5.0));
        QVERIFY2(p.activeReaders <= allowed, qPrintable(QStringLiteral("%1 readers at %2 s").arg(p.activeReaders).arg(p.seconds)));
        QVERIFY(p.activeReaders <= previous + 1);
        previous = p.activeReaders;
    }
    QCOMPARE(r.points.at(int(36.0 / 0.5) - 1).activeReaders, 8); // 1 + 7 checks at 5..35 s
    QCOMPARE(r.points.at(int(34.0 / 0.5) - 1).activeReaders, 7);
}

// A long steady run obeys Little's law: mean tasks in the system = throughput × mean time in it.
void TestSimulator::littlesLaw()
{
    WhatIfOptions o;
    o.pattern = PatternKind::KeepFiring;
    o.ratePerSecond = 100.0;
    o.taskSeconds = 0.04; // 8 readers: utilisation 50 %
    o.readers = 8;
    o.poolSize = 8;
    o.durationSeconds = 3 * 3600.0;
    o.sampleIntervalSeconds = 1.0;
    const Scenario s = whatIfScenario(o);
    Simulator sim(s);
    double inSystem = 0;
    double latencySum = 0;
    qint64 finished = 0;
    qint64 samples = 0;
    sim.run([&](const MonitorSample &m) {
        if (sim.now() <= 600 * Second) // skip the ramp-up
            return true;
        inSystem += double(m.flow->inFlight);
        latencySum += m.latency->mean * double(m.latency->samples);
        finished += m.latency->samples;
        ++samples;
        return true;
    });
    const double L = inSystem / double(samples);
    const double seconds = double(samples);
    const double lambda = double(finished) / seconds;
    const double W = latencySum / double(finished);
    // Sampling once a second a quantity of mean ≈ 4 over ~37,800 samples: well under 1 %
    // error; 3 % leaves room for the edges of the window.
    QVERIFY2(std::abs(L - lambda * W) <= 0.03 * L,
             qPrintable(QStringLiteral("L = %1, λW = %2 (λ = %3, W = %4)").arg(L).arg(lambda * W).arg(lambda).arg(W)));
    QVERIFY(std::abs(lambda - 100.0) < 2.0);
}

// §6: five rollbacks of the poison message disable the queue; senders then hold their messages
// in sys.transmission_queue.
void TestSimulator::poisonDisablesQueue()
{
    Scenario s = shipped("poison.json");
    Simulator sim(s);
    QList<qint64> txSizes;
    qint64 rollbacksWhenDisabled = -1;
    int readersWhileDisabled = 0;
    sim.run([&](const MonitorSample &m) {
        const QueueSample *q = m.queue(QStringLiteral("dbo"), QStringLiteral("BillingTargetQueue"));
        if (!q->isReceiveEnabled && rollbacksWhenDisabled < 0)
            rollbacksWhenDisabled = m.flow->rollbacks;
        if (rollbacksWhenDisabled >= 0) {
            txSizes.append(m.transmissionQueueSize);
            readersWhileDisabled = std::max(readersWhileDisabled, q->activeReaders);
        }
        return true;
    });
    QCOMPARE(rollbacksWhenDisabled, 5);
    QCOMPARE(readersWhileDisabled, 0);
    QCOMPARE(sim.flow().rollbacks, 5);
    const MonitorSample last = sim.sample();
    QVERIFY(!last.queue(QStringLiteral("dbo"), QStringLiteral("BillingTargetQueue"))->isEnqueueEnabled);
    QCOMPARE(last.queue(QStringLiteral("dbo"), QStringLiteral("BillingTargetQueue"))->monitorState, QueueMonitorState::Inactive);
    QCOMPARE(last.queue(QStringLiteral("dbo"), QStringLiteral("BillingTargetQueue"))->depth, 1); // the poison message stays
    QVERIFY(!sim.catalog().queueByName(QStringLiteral("dbo"), QStringLiteral("BillingTargetQueue"))->isReceiveEnabled);
    QVERIFY(txSizes.last() > 1000); // 5 msg/s for most of half an hour
    QVERIFY(txSizes.last() > txSizes.first());
    QCOMPARE(last.transmission.size(), 1);
    QVERIFY(last.transmission.first().status.contains(QLatin1String("disabled")));
    QCOMPARE(last.transmission.first().toService, QStringLiteral("//BrokerStudio/Billing/Target"));
}

void TestSimulator::poisonHandlingOff()
{
    Scenario s = shipped("poison.json");
    for (Queue &q : s.catalog.queues)
        q.isPoisonMessageHandlingEnabled = false;
    Simulator sim(s);
    sim.advanceTo(sim.duration());
    const MonitorSample m = sim.sample();
    QVERIFY(m.queue(QStringLiteral("dbo"), QStringLiteral("BillingTargetQueue"))->isReceiveEnabled);
    QVERIFY(sim.flow().rollbacks > 100); // the poison message comes back again and again
    QCOMPARE(sim.transmissionQueueSize(), 0);
    // The poisoned conversation is stuck behind its first message (one of four), the rest flow.
    QVERIFY(sim.flow().processed > 6000);
    QVERIFY(m.queue(QStringLiteral("dbo"), QStringLiteral("BillingTargetQueue"))->depth > 1000);
}

// Scenario 2 (seeds/001): after the message type starts validating XML, the target rejects each
// text message, the Error reaches an initiator already in DO and is dropped: every message is
// lost, nothing is logged, every queue stays empty.
void TestSimulator::lostErrors()
{
    Scenario s = shipped("lost-errors.json");
    Simulator sim(s);
    qint64 processedAtChange = -1;
    qint64 initiatorDepth = 0;
    qint64 targetDepth = 0;
    qint64 transmission = 0;
    sim.run([&](const MonitorSample &m) {
        initiatorDepth = std::max(initiatorDepth, m.queue(QStringLiteral("dbo"), QStringLiteral("AuditInitiatorQueue"))->depth);
        targetDepth = std::max(targetDepth, m.queue(QStringLiteral("dbo"), QStringLiteral("AuditTargetQueue"))->depth);
        transmission = std::max(transmission, m.transmissionQueueSize);
        if (sim.now() == 301 * Second)
            processedAtChange = m.flow->processed;
        return true;
    });
    QCOMPARE(initiatorDepth, 0);
    QVERIFY(targetDepth <= 2);
    QCOMPARE(transmission, 0);
    const FlowCounters f = sim.flow();
    QCOMPARE(f.sent, 36001);               // 10/s, evenly spaced, from 0 s to 3,600 s inclusive
    QCOMPARE(processedAtChange, 3000);     // everything before the change at 300 s
    QCOMPARE(f.processed, 3000);           // and nothing after it
    QCOMPARE(f.lost, 33001);               // every later message is lost ...
    QCOMPARE(f.dropped, 33001);            // ... because its Error was dropped in DO
    QCOMPARE(f.inFlight, 0);
    // The closed target endpoints of the first 5 minutes leak (no security timestamp); the
    // rejected dialogs leave nothing behind.
    QCOMPARE(sim.endpointCount(), 3000);
    QCOMPARE(sim.endpointCount(EndpointState::CD), 3000);
}

// Scenario 1: the target never ends, so both sides pile up (DO on the initiator, DI on the target).
void TestSimulator::naiveLeakPilesUpInDiAndDo()
{
    Scenario s = shipped("naive-leak.json");
    s.durationSeconds = 1800;
    Simulator sim(s);
    sim.advanceTo(sim.duration());
    const qint64 sent = sim.flow().sent;
    QVERIFY(std::abs(double(sent) - 20.0 * 1800) < 4 * std::sqrt(20.0 * 1800));
    QVERIFY(sim.endpointCount(EndpointState::DO) >= sent - 5);
    QVERIFY(sim.endpointCount(EndpointState::DI) >= sent - 5);
    const MonitorSample m = sim.sample();
    QVERIFY(m.neverExpiringCount() >= 2 * (sent - 5)); // 68-year lifetimes
}

void TestSimulator::whatIfStopsWhenCancelled()
{
    // The what-if widget's background job asks its cancel predicate at every sample point: a run
    // superseded by a newer one must stop there instead of simulating hours nobody will see.
    WhatIfOptions o;
    o.durationSeconds = 7200.0;
    o.sampleIntervalSeconds = 10.0;
    int asked = 0;
    const WhatIfResult stopped = runWhatIf(o, [&asked] { return ++asked >= 5; });
    QCOMPARE(asked, 5);
    QCOMPARE(stopped.points.size(), 5);
    const WhatIfResult whole = runWhatIf(o, [] { return false; });
    QCOMPARE(whole.points.size(), 720);
}

void TestSimulator::determinism()
{
    auto stream = [](quint64 seed) {
        Scenario s = shipped("demo.json");
        s.seed = seed;
        s.durationSeconds = 900;
        QList<MonitorSample> samples;
        Simulator sim(s);
        sim.run([&](const MonitorSample &m) {
            samples.append(m);
            return true;
        });
        return samples;
    };
    const QList<MonitorSample> a = stream(7);
    const QList<MonitorSample> b = stream(7);
    const QList<MonitorSample> c = stream(8);
    QCOMPARE(a.size(), 900);
    QVERIFY(a == b);
    QVERIFY(a != c);
}

// The shipped stuck-transmission scenario: invoices over a route to a broker that closes every
// connection wait in sys.transmission_queue with that status until their LIFETIME, shipping
// notices wait with "Target queue is disabled." while their queue is off, then drain.
void TestSimulator::stuckTransmissionQueue()
{
    const Scenario s = shipped("stuck-transmission.json");
    Simulator sim(s);
    auto groupFor = [](const MonitorSample &m, const QString &service) -> const TransmissionGroup * {
        for (const TransmissionGroup &g : m.transmission) {
            if (g.toService == service)
                return &g;
        }
        return nullptr;
    };
    const QString billing = QStringLiteral("//Fabrikam/Billing/Service");
    const QString shipping = QStringLiteral("//Shop/Shipping/Target");
    QVERIFY(sim.catalog().routes.size() == 2 && sim.catalog().remoteServiceBindings.size() == 1);

    sim.advanceTo(25 * Minute);
    MonitorSample m = sim.sample();
    const TransmissionGroup *b = groupFor(m, billing);
    QVERIFY(b);
    QCOMPARE(b->status, remoteStatusText(RouteFailure::ConnectionClosed));
    QVERIFY(b->status.contains(QLatin1String("10054")));
    // Every invoice so far is still here (task and EndDialog of each dialog): none ever left.
    QCOMPARE(b->count, 2 * m.endpointCount(EndpointState::DO));
    QVERIFY(b->count > 5000);
    QVERIFY(*b->oldestEnqueueTime < s.start.addSecs(5));
    const TransmissionGroup *sh = groupFor(m, shipping);
    QVERIFY(sh);
    QCOMPARE(sh->status, QStringLiteral("Target queue is disabled."));
    QVERIFY(*sh->oldestEnqueueTime >= s.start.addSecs(1200));
    qint64 total = 0;
    for (const TransmissionGroup &g : m.transmission)
        total += g.count;
    QCOMPARE(total, m.transmissionQueueSize);

    sim.advanceTo(60 * Minute);
    m = sim.sample();
    QVERIFY(!groupFor(m, shipping)); // the queue is on again since minute 50: drained
    b = groupFor(m, billing);
    QVERIFY(b);
    // Dialogs past their 30-minute LIFETIME dropped their messages: the oldest is under 30 min old.
    QVERIFY(*b->oldestEnqueueTime > s.start.addSecs(60 * 60 - 1800 - 1));
    QVERIFY(sim.flow().lost > 3000);
    QVERIFY(sim.flow().expired > 3000);
    QCOMPARE(sim.flow().failed, 0);
}

void TestSimulator::slicedRunsAreIdentical_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<double>("seconds");
    QTest::addColumn<qint64>("batch"); // > 0: the scenario's batch, sent at once (one transaction)
    QTest::newRow("demo") << u"demo.json"_qs << 900.0 << qint64(0);
    QTest::newRow("poison") << u"poison.json"_qs << 600.0 << qint64(0);
    QTest::newRow("stuck transmission") << u"stuck-transmission.json"_qs << 4000.0 << qint64(0);
    QTest::newRow("batch at once") << u"windowed-batch.json"_qs << 1500.0 << qint64(20000);
}

// A GUI thread runs the simulator in slices (advanceTo with a work budget); a batch sent in one
// transaction, its commit and the hourly sweep stop part-way and go on in the next slice. The
// samples must be exactly those of an uninterrupted run.
void TestSimulator::slicedRunsAreIdentical()
{
    QFETCH(QString, file);
    QFETCH(double, seconds);
    QFETCH(qint64, batch);
    Scenario s = shipped(file.toLatin1().constData());
    s.durationSeconds = seconds;
    if (batch > 0) {
        s.workloads[0].rate.batchCount = batch;
        s.workloads[0].rate.perSecond = 0;
    }
    QList<MonitorSample> whole;
    Simulator straight(s);
    straight.run([&](const MonitorSample &m) {
        whole.append(m);
        return true;
    });
    Simulator sliced(s);
    QList<MonitorSample> parts;
    qint64 stops = 0;
    for (SimTime t = Second; t <= sliced.duration(); t += Second) {
        while (!sliced.advanceTo(t, 13))
            ++stops;
        parts.append(sliced.sample());
    }
    QCOMPARE(parts.size(), whole.size());
    QVERIFY(stops > 100);
    for (qsizetype i = 0; i < whole.size(); ++i)
        QVERIFY2(parts.at(i) == whole.at(i), qPrintable(QStringLiteral("sample %1 differs").arg(i)));
    QCOMPARE(sliced.eventsProcessed(), straight.eventsProcessed());
}

// Keep-firing with recycling stays bounded over six hours (the memory check is in bench_sim).
void TestSimulator::keepFiringStaysBoundedOverHours()
{
    WhatIfOptions o;
    o.pattern = PatternKind::KeepFiring;
    o.ratePerSecond = 50.0;
    o.taskSeconds = 0.02;
    o.recycleMessages = 1000;
    o.recycleSeconds = 300;
    o.durationSeconds = 6 * 3600.0;
    o.sampleIntervalSeconds = 60.0;
    const WhatIfResult r = runWhatIf(o);
    qint64 hi = 0;
    for (const WhatIfPoint &p : r.points) {
        if (p.seconds > 3600)
            hi = std::max(hi, p.endpoints);
    }
    // 2 × 8 + 8 × 1,800 / 160 s (1,000 messages at 6.25/s per slot) ≈ 106 endpoints at most.
    QVERIFY2(hi < 130, qPrintable(QString::number(hi)));
    QVERIFY(r.flow.processed > 1000000);
}

// PATTERNS.md, windowed: a batch of 2,000 one-second tasks on 4 readers needs about
// 2,000 / 4 × 1 s + 15 s of ramp-up ≈ 515 s. A 300 s window loses the tail of the batch to
// -8489 (the initiator drops the error in DO, the target ends and removes the unread tasks);
// a 900 s window loses nothing and the closed endpoints are all reclaimed when it ends.
void TestSimulator::windowedBatchNeedsItsWindow()
{
    auto run = [](double window) {
        WhatIfOptions o;
        o.pattern = PatternKind::Windowed;
        o.batchSize = 2000;
        o.ratePerSecond = 200.0;
        o.taskSeconds = 1.0;
        o.taskDistribution = TaskDistribution::Fixed;
        o.delivery = TaskDelivery::AtMostOnce;
        o.readers = 4;
        o.windowSeconds = window;
        o.durationSeconds = 1800.0;
        o.sampleIntervalSeconds = 10.0;
        return runWhatIf(o);
    };
    const WhatIfResult shortWindow = run(300.0);
    QVERIFY(shortWindow.flow.lost > 500);
    // Dialogs whose task ran but whose EndDialog was still queued also expire: more expiries
    // than lost tasks.
    QVERIFY(shortWindow.flow.expired >= shortWindow.flow.lost);
    QCOMPARE(shortWindow.flow.processed + shortWindow.flow.lost, 2000);
    const WhatIfResult longWindow = run(900.0);
    QCOMPARE(longWindow.flow.lost, 0);
    QCOMPARE(longWindow.flow.processed, 2000);
    QCOMPARE(longWindow.points.last().endpoints, 0);
    QVERIFY(longWindow.latency.p99 < 900.0);
}

// "Earliest expiry" (EndpointGroup::oldestLifetime) = begin time + LIFETIME of the group's oldest
// dialog (BEGIN DIALOG: no LIFETIME = the int maximum, 2,147,483,647 s). Scenarios whose first
// dialog begins at a known second give an exact date.
void TestSimulator::earliestExpiry_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<double>("atSeconds");
    QTest::addColumn<qint64>("firstBeginSeconds");
    QTest::addColumn<qint64>("lifetimeSeconds");
    // Constant 10/s from second 0, default lifetime: the closed target endpoints of the first
    // five minutes leak, the oldest begun at 0 s.
    QTest::newRow("lost-errors, default lifetime") << QStringLiteral("lost-errors.json") << 120.0 << qint64(0)
                                                   << qint64(DefaultLifetimeSeconds);
    // A batch at 600 s with LIFETIME = window = 3,600 s.
    QTest::newRow("windowed-batch, window") << QStringLiteral("windowed-batch.json") << 660.0 << qint64(600) << qint64(3600);
}

void TestSimulator::earliestExpiry()
{
    QFETCH(QString, file);
    QFETCH(double, atSeconds);
    QFETCH(qint64, firstBeginSeconds);
    QFETCH(qint64, lifetimeSeconds);
    const Scenario s = shipped(file.toUtf8().constData());
    Simulator sim(s);
    sim.advanceTo(SimTime(atSeconds * double(Second)));
    const MonitorSample m = sim.sample();
    QVERIFY(!m.endpoints.isEmpty());
    std::optional<QDateTime> earliest;
    for (const EndpointGroup &g : m.endpoints) {
        QVERIFY2(g.oldestLifetime, qPrintable(g.localService + QLatin1Char(' ') + endpointStateCode(g.state)));
        // No endpoint can expire later than one begun now.
        QVERIFY(*g.oldestLifetime <= m.time.addSecs(lifetimeSeconds));
        if (!earliest || *g.oldestLifetime < *earliest)
            earliest = g.oldestLifetime;
    }
    QCOMPARE(*earliest, s.start.addSecs(firstBeginSeconds + lifetimeSeconds));
}

QTEST_GUILESS_MAIN(TestSimulator)
#include "tst_simulator.moc"
