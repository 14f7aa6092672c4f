#include "core/sim/scenarioloader.h"
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
    void speedIsClamped();
    void badFile();
};

void TestSimBrokerSource::builtInScenarios()
{
    const QStringList names = sim::ScenarioLoader::builtInNames();
    for (const char *n : {"demo", "naive-leak", "lost-errors", "windowed-batch", "keep-firing", "one-conversation", "poison"})
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
    const QDateTime before = source->simulatedTime();
    QSignalSpy samples(source.get(), &BrokerSource::sampleReady);
    source->step();
    QCOMPARE(samples.size(), 1);
    QCOMPARE(source->simulatedTime(), before.addSecs(1));
    QCOMPARE(samples.first().first().value<MonitorSample>().time, before.addSecs(1));
    source->step();
    QCOMPARE(source->simulatedTime(), before.addSecs(2));
    source->resume();
    QVERIFY(!source->isPaused());
    QCOMPARE(paused.size(), 2);
    QTRY_VERIFY(source->simulatedTime() > before.addSecs(2));
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
