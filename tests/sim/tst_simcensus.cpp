#include "data/sim/simbrokersource.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace bs;

/// The simulator follows the same census rule as a server's poller (issue #13): totals every
/// sample, the breakdown by the rule on simulated time, and Census now.
class TestSimCensus : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void demoShowsTotalsBetweenCensuses();
};

void TestSimCensus::demoShowsTotalsBetweenCensuses()
{
    std::unique_ptr<SimBrokerSource> source(SimBrokerSource::createDemo());
    SamplingPolicy policy;
    policy.censusSmallTableRows = SamplingPolicy::MinCensusSmallTableRows; // the demo's leak passes it soon
    source->setSamplingPolicy(policy);
    source->pause();
    source->startSampling(60000);
    QSignalSpy samples(source.get(), &BrokerSource::sampleReady);
    source->step();
    QCOMPARE(samples.size(), 1);
    const auto first = samples.first().first().value<MonitorSample>();
    QVERIFY(first.isCensus); // the size is not known before the first census
    QVERIFY(first.totals.endpoints == first.endpointCount());

    // Step minute by minute until the table is past the small-table limit and a sample comes
    // without the breakdown.
    std::optional<MonitorSample> between;
    for (int i = 0; i < 2000 && !between; ++i) {
        source->step();
        const auto s = samples.last().first().value<MonitorSample>();
        QVERIFY(s.totals.endpoints.has_value());
        if (!s.isCensus)
            between = s;
        else
            QCOMPARE(*s.totals.endpoints, s.endpointCount()); // the simulator's totals are exact
    }
    QVERIFY2(between, "the demo never passed the small-table limit");
    QVERIFY(*between->totals.endpoints > policy.censusSmallTableRows);
    QVERIFY(between->endpoints.isEmpty());
    QVERIFY(between->endpointTotal() == between->totals.endpoints);
    QVERIFY(!between->isAvailable(QStringLiteral("monitor.endpoints")));
    QVERIFY(between->lastCensus && *between->lastCensus < between->time);
    QVERIFY(!between->queues.isEmpty()); // the cheap parts are all there

    source->requestCensus();
    source->step();
    const auto census = samples.last().first().value<MonitorSample>();
    QVERIFY(census.isCensus);
    QVERIFY(!census.endpoints.isEmpty());
    QCOMPARE(census.endpointCount(), *census.totals.endpoints);
    QCOMPARE(*census.lastCensus, census.time);
}

QTEST_GUILESS_MAIN(TestSimCensus)
#include "tst_simcensus.moc"
