#include "core/sim/scenarioloader.h"
#include "core/sim/simulator.h"
#include "data/sim/simbrokersource.h"

#include <QSignalSpy>
#include <QTest>

using namespace bs;

class TestSimBrokerSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void builtInScenarios();
    void demoServesCatalogAndSamples();
    void pauseAndStep();
    void samplesOnTheSimulatedClock();
    void aNewRunIsVisible();
    void flowAndRun();
    void speedIsClamped();
    void badFile();
};

void TestSimBrokerSource::builtInScenarios()
{
    const QStringList names = sim::ScenarioLoader::builtInNames();
    for (const char *n : {"demo", "naive-leak", "lost-errors", "windowed-batch", "keep-firing", "one-conversation", "poison", "stuck-transmission"})
        QVERIFY2(names.contains(QLatin1String(n)), n);
    QCOMPARE(sim::ScenarioLoader::resolve(QStringLiteral("poison")), QStringLiteral(":/scenarios/poison.json"));
    for (const QString &n : names) {
        QString error;
        QVERIFY2(sim::ScenarioLoader::fromFile(n, &error), qPrintable(error));
    }
}

void TestSimBrokerSource::demoServesCatalogAndSamples()
{
    std::unique_ptr<SimBrokerSource> source(SimBrokerSource::createDemo());
    QVERIFY(source);
    QVERIFY(source->isSimulation());
    QVERIFY(source->displayName().contains(QLatin1String("simulation")));
    QVERIFY(source->isLooping());
    QSignalSpy catalogs(source.get(), &BrokerSource::catalogLoaded);
    source->loadCatalog();
    QVERIFY(catalogs.wait(5000));
    const auto catalog = catalogs.first().first().value<BrokerCatalog>();
    // Three pairs: naive (target never ends), fire-and-forget (Audit) and keep-firing (Orders).
    QCOMPARE(catalog.services.size(), 6);
    QVERIFY(catalog.queueByName(QStringLiteral("dbo"), QStringLiteral("OrdersTargetQueue")));
    QVERIFY(catalog.queueByName(QStringLiteral("dbo"), QStringLiteral("AuditTargetQueue")));

    source->setSpeed(1000.0);
    QSignalSpy samples(source.get(), &BrokerSource::sampleReady);
    source->startSampling(100);
    QTRY_VERIFY_WITH_TIMEOUT(samples.size() >= 3, 10000);
    const auto first = samples.first().first().value<MonitorSample>();
    const auto last = samples.last().first().value<MonitorSample>();
    QVERIFY(last.time > first.time);
    QVERIFY(last.flow->sent > 0);
    QVERIFY(!last.queues.isEmpty());
    source->stopSampling();
}

void TestSimBrokerSource::pauseAndStep()
{
    std::unique_ptr<SimBrokerSource> source(SimBrokerSource::createDemo());
    QSignalSpy paused(source.get(), &SimBrokerSource::pausedChanged);
    source->pause();
    QCOMPARE(paused.size(), 1);
    QVERIFY(source->isPaused());
    const QDateTime start = source->scenario().start;
    const qint64 second = start.secsTo(source->simulatedTime()) + 1; // the next whole second
    QSignalSpy samples(source.get(), &BrokerSource::sampleReady);
    source->step();
    QCOMPARE(samples.size(), 1);
    // A step goes to the next sampling instant (whole multiples of the interval, as the CLI samples).
    QCOMPARE(source->simulatedTime(), start.addSecs(second));
    QCOMPARE(samples.first().first().value<MonitorSample>().time, start.addSecs(second));
    source->step();
    QCOMPARE(source->simulatedTime(), start.addSecs(second + 1));
    source->startSampling(5000);
    source->step();
    QCOMPARE(source->simulatedTime(), start.addSecs((second + 1) / 5 * 5 + 5));
    source->resume();
    QVERIFY(!source->isPaused());
    QCOMPARE(paused.size(), 2);
    QTRY_VERIFY(source->simulatedTime() > start.addSecs(second + 5));
}

// At 1000× with "every 1 s" the monitor gets a sample per simulated second (several per GUI
// tick), not one per real second: the same samples a CLI run writes, at the same instants.
void TestSimBrokerSource::samplesOnTheSimulatedClock()
{
    QString error;
    auto scenario = sim::ScenarioLoader::fromFile(QStringLiteral(":/scenarios/windowed-batch.json"), &error);
    QVERIFY2(scenario, qPrintable(error));
    SimBrokerSource source(*scenario);
    source.pause();
    source.setSpeed(1000.0);
    QSignalSpy samples(&source, &BrokerSource::sampleReady);
    source.startSampling(1000);
    QCOMPARE(source.intervalMs(), 1000);
    source.resume();
    QTRY_VERIFY_WITH_TIMEOUT(samples.size() >= 700, 30000); // the batch starts at second 600
    source.pause();

    QList<MonitorSample> cli;
    sim::Simulator sim(*scenario);
    sim.run([&](const MonitorSample &m) {
        cli.append(m);
        return cli.size() < samples.size();
    });
    QCOMPARE(cli.size(), samples.size());
    for (qsizetype i = 0; i < samples.size(); ++i) {
        auto m = samples.at(i).first().value<MonitorSample>();
        QCOMPARE(m.time, scenario->start.addSecs(i + 1));
        // The monitor's samples also carry the census fields (CensusScheduler; the CLI has no
        // census): the table is small here, so every sample is a census with the whole breakdown.
        QVERIFY(m.isCensus);
        QVERIFY(m.lastCensus == m.time);
        QVERIFY(m.totals.endpoints == m.endpointCount());
        m.totals = {};
        m.lastCensus.reset();
        QVERIFY2(m == cli.at(i), qPrintable(QStringLiteral("sample %1 differs from the CLI's").arg(i + 1)));
    }
    // The batch of 5,000 is visible second by second (500 a second), not as one step.
    const auto sent = [&](int second) { return samples.at(second - 1).first().value<MonitorSample>().flow->sent; };
    QCOMPARE(sent(599), 0);
    QVERIFY(sent(602) > 0 && sent(602) < 5000);
    QCOMPARE(sent(615), 5000);

    source.startSampling(10); // below the minimum: simulated 100 ms
    QCOMPARE(source.intervalMs(), SimBrokerSource::MinIntervalMs);
}

// A looping scenario that reaches its end starts a new run: the clock goes back to the start
// (the monitor draws a new chart) and the source says so, instead of counts silently dropping.
void TestSimBrokerSource::aNewRunIsVisible()
{
    QString error;
    auto scenario = sim::ScenarioLoader::fromFile(QStringLiteral(BS_SOURCE_DIR "/tests/sim/minimal-scenario.json"), &error);
    QVERIFY2(scenario, qPrintable(error));
    SimBrokerSource source(*scenario);
    source.setLooping(true);
    source.setSpeed(1000.0);
    QSignalSpy runs(&source, &SimBrokerSource::runStarted);
    QSignalSpy status(&source, &BrokerSource::statusChanged);
    QSignalSpy samples(&source, &BrokerSource::sampleReady);
    source.startSampling(1000);
    QTRY_VERIFY_WITH_TIMEOUT(runs.size() >= 1, 20000);
    QCOMPARE(runs.first().at(0).toInt(), 2);
    QVERIFY(runs.first().at(1).toBool());
    QCOMPARE(source.run(), 2);
    QVERIFY(status.last().first().toString().contains(QLatin1String("run 2")));
    // The samples after the end start again at the first second: the clock went back.
    const auto wentBack = [&] {
        for (qsizetype i = 1; i < samples.size(); ++i) {
            const QDateTime t = samples.at(i).first().value<MonitorSample>().time;
            if (t < samples.at(i - 1).first().value<MonitorSample>().time)
                return t == scenario->start.addSecs(1);
        }
        return false;
    };
    QTRY_VERIFY(wentBack());
    source.pause();
    source.restart(); // by hand: a new run too
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs.last().at(0).toInt(), 3);
    QVERIFY(!runs.last().at(1).toBool());
    QCOMPARE(source.simulatedTime(), scenario->start);
}

void TestSimBrokerSource::flowAndRun()
{
    std::unique_ptr<SimBrokerSource> source(SimBrokerSource::createDemo());
    QCOMPARE(source->run(), 1);
    source->pause();
    for (int i = 0; i < 30; ++i)
        source->step();
    const FlowCounters f = source->flow();
    QVERIFY(f.sent > 0);
    QCOMPARE(f.sent, f.processed + f.failed + f.lost + f.inFlight);
}

void TestSimBrokerSource::speedIsClamped()
{
    std::unique_ptr<SimBrokerSource> source(SimBrokerSource::createDemo());
    source->setSpeed(5000.0);
    QCOMPARE(source->speed(), SimBrokerSource::MaxSpeed);
    source->setSpeed(0.1);
    QCOMPARE(source->speed(), SimBrokerSource::MinSpeed);
}

void TestSimBrokerSource::badFile()
{
    QString error;
    QVERIFY(!SimBrokerSource::fromFile(QStringLiteral("/nonexistent/scenario.json"), &error));
    QVERIFY(error.contains(QLatin1String("/nonexistent/scenario.json")));
}

QTEST_GUILESS_MAIN(TestSimBrokerSource)
#include "tst_simbrokersource.moc"
