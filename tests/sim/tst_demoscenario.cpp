#include "core/alerts/alertengine.h"
#include "core/sim/scenarioloader.h"
#include "core/sim/simulator.h"

#include <QTest>

using namespace bs;
using namespace bs::sim;

namespace {

const QString AuditInitiator = QStringLiteral("//BrokerStudio/Audit/Initiator");
const QString AuditTarget = QStringLiteral("//BrokerStudio/Audit/Target");
const QString NaiveInitiator = QStringLiteral("//BrokerStudio/Naive/Initiator");
const QString NaiveTarget = QStringLiteral("//BrokerStudio/Naive/Target");
const QString OrdersInitiator = QStringLiteral("//BrokerStudio/Orders/Initiator");
const QString OrdersTarget = QStringLiteral("//BrokerStudio/Orders/Target");

Scenario demo()
{
    QString error;
    auto s = ScenarioLoader::fromFile(QStringLiteral(BS_SOURCE_DIR "/resources/scenarios/demo.json"), &error);
    if (!s)
        qFatal("cannot load the demo: %s", qPrintable(error));
    return *s;
}

// Endpoints of one service pair and side in a sample, in one state or (nullopt) all.
qint64 count(const MonitorSample &s, const QString &local, const QString &far, bool initiator,
             std::optional<EndpointState> state = std::nullopt)
{
    qint64 n = 0;
    for (const EndpointGroup &g : s.endpoints) {
        if (g.localService == local && g.farService == far && g.isInitiator == initiator && (!state || g.state == *state))
            n += g.count;
    }
    return n;
}

qint64 closedUnset(const MonitorSample &s, const QString &local, const QString &far, bool initiator)
{
    qint64 n = 0;
    for (const EndpointGroup &g : s.endpoints) {
        if (g.localService == local && g.farService == far && g.isInitiator == initiator)
            n += g.closedWithUnsetSecurityTimestamp;
    }
    return n;
}

const EndpointGroup *group(const MonitorSample &s, const QString &local, EndpointState state)
{
    for (const EndpointGroup &g : s.endpoints) {
        if (g.localService == local && g.state == state)
            return &g;
    }
    return nullptr;
}

} // namespace

/// The built-in demo (resources/scenarios/demo.json) shows, side by side, the two ways
/// fire-and-forget leaks (SERVICE_BROKER.md §4 items 2 and 3) and a healthy keep-firing pair.
class TestDemoScenario : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void fireAndForgetLeaksClosedTargetEndpoints();
    void targetThatNeverEndsPilesUpDiAndDo();
    void keepFiringStaysBounded();
    void earliestExpiryIsSixtyEightYearsOut();
    void alertsNameBothLeaks();

private:
    QList<MonitorSample> m_samples; // the first ten simulated minutes, one sample a second
};

void TestDemoScenario::initTestCase()
{
    Scenario s = demo();
    s.durationSeconds = 600;
    Simulator sim(s);
    sim.run([this](const MonitorSample &m) {
        m_samples.append(m);
        return true;
    });
    QCOMPARE(m_samples.size(), 600);
}

// SERVICE_BROKER.md §4 item 2, §3: the initiator ENDs right after SEND and its endpoint is
// deleted when the target's EndDialog arrives; the target's END leaves a CLOSED endpoint whose
// security_timestamp is never set (1900-01-01), kept for the dialog's 68-year lifetime. At 3
// messages a second the DBA sees about 180 of them a minute from the first minute on.
void TestDemoScenario::fireAndForgetLeaksClosedTargetEndpoints()
{
    const MonitorSample &minute1 = m_samples.at(59);
    const MonitorSample &minute2 = m_samples.at(119);
    const MonitorSample &minute10 = m_samples.last();
    // Poisson arrivals at 3/s: about 180 in 60 s (σ ≈ 13); a few are still in flight.
    const qint64 first = closedUnset(minute1, AuditTarget, AuditInitiator, false);
    QVERIFY2(first >= 120 && first <= 240, qPrintable(QString::number(first)));
    const qint64 second = closedUnset(minute2, AuditTarget, AuditInitiator, false);
    QVERIFY2(second - first >= 120, qPrintable(QStringLiteral("%1 -> %2").arg(first).arg(second)));
    // 3/s over 600 s = 1,800 (σ ≈ 42): within 10 %.
    const qint64 last = closedUnset(minute10, AuditTarget, AuditInitiator, false);
    QVERIFY2(std::abs(double(last) - 1800.0) < 180.0, qPrintable(QString::number(last)));
    // Every closed target endpoint of the pair has its timestamp unset, and never expires.
    QCOMPARE(count(minute10, AuditTarget, AuditInitiator, false, EndpointState::CD), last);
    QCOMPARE(group(minute10, AuditTarget, EndpointState::CD)->neverExpiring, last);
    // The population only grows: never smaller than a minute earlier.
    for (qsizetype i = 60; i < m_samples.size(); ++i)
        QVERIFY(closedUnset(m_samples.at(i), AuditTarget, AuditInitiator, false)
                >= closedUnset(m_samples.at(i - 60), AuditTarget, AuditInitiator, false));
    // The initiator side keeps nothing closed (deleted at once) and only the dialogs in flight.
    QCOMPARE(count(minute10, AuditInitiator, AuditTarget, true, EndpointState::CD), 0);
    QCOMPARE(closedUnset(minute10, AuditInitiator, AuditTarget, true), 0);
    QVERIFY(count(minute10, AuditInitiator, AuditTarget, true) < 30);
    // Nothing else of the pair piles up: no DI or DO on the target.
    QVERIFY(count(minute10, AuditTarget, AuditInitiator, false, EndpointState::DI) < 30);
}

// SERVICE_BROKER.md §4 item 3: what the demo showed before the fire-and-forget pair was added.
void TestDemoScenario::targetThatNeverEndsPilesUpDiAndDo()
{
    const MonitorSample &last = m_samples.last();
    // 2/s over 600 s = 1,200 (σ ≈ 35).
    const qint64 dout = count(last, NaiveInitiator, NaiveTarget, true, EndpointState::DO);
    const qint64 di = count(last, NaiveTarget, NaiveInitiator, false, EndpointState::DI);
    QVERIFY2(std::abs(double(dout) - 1200.0) < 150.0, qPrintable(QString::number(dout)));
    QVERIFY(std::abs(double(di - dout)) < 20);
    QCOMPARE(closedUnset(last, NaiveTarget, NaiveInitiator, false), 0);
}

// PATTERNS.md keep-firing row: 2 × pool = 8 open endpoints. The pool recycles after 900 s or
// 5,000 messages (20/s over 4 slots: 1,000 s), so none of it within these ten minutes.
void TestDemoScenario::keepFiringStaysBounded()
{
    for (const MonitorSample &s : std::as_const(m_samples)) {
        const qint64 n = count(s, OrdersInitiator, OrdersTarget, true) + count(s, OrdersTarget, OrdersInitiator, false);
        QVERIFY2(n <= 8, qPrintable(QStringLiteral("%1 at %2").arg(n).arg(s.time.toString(Qt::ISODate))));
        QCOMPARE(closedUnset(s, OrdersTarget, OrdersInitiator, false), 0);
    }
    const MonitorSample &last = m_samples.last();
    QCOMPARE(count(last, OrdersInitiator, OrdersTarget, true, EndpointState::CO), 4);
    QCOMPARE(count(last, OrdersTarget, OrdersInitiator, false, EndpointState::CO), 4);
}

// "Earliest expiry" (EndpointGroup::oldestLifetime): begin time + LIFETIME; the demo's senders
// give none, so 2,147,483,647 s (about 68 years) after their first dialog.
void TestDemoScenario::earliestExpiryIsSixtyEightYearsOut()
{
    const MonitorSample &last = m_samples.last();
    const QDateTime start = demo().start;
    const QDateTime lowest = start.addSecs(DefaultLifetimeSeconds);
    const QDateTime highest = last.time.addSecs(DefaultLifetimeSeconds);
    QVERIFY(!last.endpoints.isEmpty());
    for (const EndpointGroup &g : last.endpoints) {
        const QString what = g.localService + QLatin1Char(' ') + endpointStateCode(g.state);
        QVERIFY2(g.oldestLifetime, qPrintable(what));
        QVERIFY2(*g.oldestLifetime >= lowest && *g.oldestLifetime <= highest,
                 qPrintable(what + QLatin1Char(' ') + g.oldestLifetime->toString(Qt::ISODate)));
        QCOMPARE(g.oldestLifetime->timeSpec(), Qt::UTC);
    }
    // The leaked groups keep their oldest endpoint: the earliest expiry stays put from minute to minute.
    const EndpointGroup *cd = group(last, AuditTarget, EndpointState::CD);
    const EndpointGroup *cdBefore = group(m_samples.at(299), AuditTarget, EndpointState::CD);
    QVERIFY(cd && cdBefore);
    QCOMPARE(cd->oldestLifetime, cdBefore->oldestLifetime);
    QVERIFY(*cd->oldestLifetime < start.addSecs(DefaultLifetimeSeconds + 10)); // from the first seconds
}

// What the monitor's alert list shows on the demo: each leak with the side that causes it, and
// nothing for the keep-firing pair.
void TestDemoScenario::alertsNameBothLeaks()
{
    Scenario s = demo();
    Simulator sim(s);
    AlertEngine engine;
    engine.setCatalog(sim.catalog());
    sim.run([&](const MonitorSample &m) {
        engine.addSample(m);
        return true;
    }, 600 * Second, 5 * Second);
    std::map<QString, LeakAttribution> leaks;
    QStringList keys;
    for (const Alert &a : engine.activeAlerts()) {
        keys.append(a.key);
        if (a.kind == AlertKind::EndpointLeak)
            leaks[a.key] = a.attribution;
    }
    const QString fireAndForget = QStringLiteral("endpoint-leak:") + AuditTarget + QLatin1Char('|') + AuditInitiator;
    const QString neverEnds = QStringLiteral("endpoint-leak:") + NaiveTarget + QLatin1Char('|') + NaiveInitiator;
    QVERIFY2(leaks.count(fireAndForget), qPrintable(keys.join(QLatin1Char('\n'))));
    QCOMPARE(leaks[fireAndForget], LeakAttribution::FireAndForget);
    QVERIFY2(leaks.count(neverEnds), qPrintable(keys.join(QLatin1Char('\n'))));
    QCOMPARE(leaks[neverEnds], LeakAttribution::LocalNeverEnds);
    for (const QString &k : std::as_const(keys))
        QVERIFY2(!k.contains(QLatin1String("Orders")), qPrintable(k));
}

QTEST_APPLESS_MAIN(TestDemoScenario)
#include "tst_demoscenario.moc"
