#include "core/alerts/alertengine.h"
#include "core/census/censusscheduler.h"

#include <QTest>

#include <algorithm>

using namespace bs;

/// The alert engine with the census rule (issue #13): the leak rule reads the endpoint breakdown,
/// which a large table only has every hundredth sample. The engine keeps enough census samples
/// for the rule's window, never raises or clears on a sample without the breakdown, and the
/// alert's lastSeen says when the breakdown last showed it.
class TestAlertCensus : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void leakRaisedFromCensusSamplesFarApart();
    void noCensusNoChange();

private:
    static MonitorSample sample(const QDateTime &time, qint64 closed, bool census);
};

MonitorSample TestAlertCensus::sample(const QDateTime &time, qint64 closed, bool census)
{
    MonitorSample s;
    s.time = time;
    s.isBrokerEnabled = true;
    s.totals.endpoints = closed;
    EndpointGroup g;
    g.state = EndpointState::CD;
    g.localService = QStringLiteral("//Sales/Target");
    g.farService = QStringLiteral("//Sales/Initiator");
    g.isInitiator = false;
    g.count = closed;
    g.neverExpiring = closed;
    g.closedWithUnsetSecurityTimestamp = closed;
    s.endpoints.append(g);
    s.isCensus = true;
    if (!census) {
        CensusScheduler scheduler;
        scheduler.dropBreakdown(s, 5000);
        s.isCensus = false;
    }
    return s;
}

void TestAlertCensus::leakRaisedFromCensusSamplesFarApart()
{
    AlertEngine engine;
    const int window = engine.settings().leakWindowSamples;
    const QDateTime t0(QDate(2026, 12, 5), QTime(12, 0), Qt::UTC);
    qint64 closed = 2000000;
    QDateTime t = t0;
    QDateTime lastCensus;
    bool raised = false;
    // `window` censuses, 100 samples (5 s) apart, the leak growing by 5,000 a census.
    for (int c = 0; c < window; ++c) {
        for (int k = 0; k < 99; ++k) {
            t = t.addSecs(5);
            const QList<AlertChange> changes = engine.addSample(sample(t, closed + k * 50, false));
            // Without the breakdown nothing about the leak changes.
            QVERIFY(std::none_of(changes.cbegin(), changes.cend(), [](const AlertChange &ch) {
                return ch.alert.kind == AlertKind::EndpointLeak;
            }));
        }
        t = t.addSecs(5);
        closed += 5000;
        lastCensus = t;
        const QList<AlertChange> changes = engine.addSample(sample(t, closed, true));
        raised = raised || std::any_of(changes.cbegin(), changes.cend(), [](const AlertChange &ch) {
            return ch.type == AlertChange::Raised && ch.alert.kind == AlertKind::EndpointLeak;
        });
    }
    QVERIFY2(raised, "the leak rule never saw its window of census samples");
    // Between censuses the alert stays, and says when the breakdown last showed it.
    t = t.addSecs(5);
    engine.addSample(sample(t, closed, false));
    const QList<Alert> active = engine.activeAlerts();
    const auto leak = std::find_if(active.cbegin(), active.cend(),
                                   [](const Alert &a) { return a.kind == AlertKind::EndpointLeak; });
    QVERIFY(leak != active.cend());
    QCOMPARE(leak->lastSeen, lastCensus);
}

void TestAlertCensus::noCensusNoChange()
{
    // A raised leak is not cleared by samples without the breakdown, however many.
    AlertEngine engine;
    const int window = engine.settings().leakWindowSamples;
    QDateTime t(QDate(2026, 12, 5), QTime(12, 0), Qt::UTC);
    qint64 closed = 1000;
    for (int c = 0; c < window + 2; ++c) {
        t = t.addSecs(5);
        closed += 1000;
        engine.addSample(sample(t, closed, true));
    }
    const auto hasLeak = [&engine] {
        const QList<Alert> a = engine.activeAlerts();
        return std::any_of(a.cbegin(), a.cend(), [](const Alert &x) { return x.kind == AlertKind::EndpointLeak; });
    };
    QVERIFY(hasLeak());
    for (int k = 0; k < 500; ++k) {
        t = t.addSecs(5);
        const QList<AlertChange> changes = engine.addSample(sample(t, 0, false));
        QVERIFY(std::none_of(changes.cbegin(), changes.cend(), [](const AlertChange &ch) {
            return ch.type == AlertChange::Cleared && ch.alert.kind == AlertKind::EndpointLeak;
        }));
    }
    QVERIFY(hasLeak());
}

QTEST_GUILESS_MAIN(TestAlertCensus)
#include "tst_alertcensus.moc"
