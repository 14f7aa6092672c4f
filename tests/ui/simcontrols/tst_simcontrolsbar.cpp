#include "core/sim/simwhatif.h"
#include "data/sim/simbrokersource.h"
#include "ui/simcontrolsbar.h"

#include <QAction>
#include <QDir>
#include <QLocale>
#include <QTest>

using namespace bs;

class TestSimControlsBar : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void taskFailuresAreShown();
    void newRunIsShown();
    void hiddenWithoutSimulation();
};

// What `simulate` reports as "failed 122" shows in the toolbar too, in red.
void TestSimControlsBar::taskFailuresAreShown()
{
    sim::WhatIfOptions o;
    o.pattern = sim::PatternKind::KeepFiring;
    o.ratePerSecond = 50;
    o.taskSeconds = 0.01;
    sim::Scenario s = sim::whatIfScenario(o);
    s.workloads[0].task.failureProbability = 0.2;
    SimBrokerSource source(s);
    source.pause();
    SimControlsBar bar;
    bar.setSource(&source);
    QCOMPARE(bar.tasksText(), QStringLiteral("Tasks: 0 processed · 0 failed · 0 lost"));
    for (int i = 0; i < 60; ++i)
        bar.stepAction()->trigger();
    const FlowCounters f = source.flow();
    QVERIFY(f.failed > 100);
    const QLocale locale;
    QCOMPARE(bar.tasksText(), QStringLiteral("Tasks: %1 processed · %2 failed · %3 lost")
                                  .arg(locale.toString(f.processed), locale.toString(f.failed), locale.toString(f.lost)));
    bar.resize(bar.sizeHint().width(), bar.sizeHint().height());
    const QString dir = QStringLiteral(BS_TEST_ARTIFACT_DIR);
    QDir().mkpath(dir);
    QVERIFY(bar.grab().save(dir + QStringLiteral("/simcontrolsbar-failures.png")));
}

void TestSimControlsBar::newRunIsShown()
{
    std::unique_ptr<SimBrokerSource> source(SimBrokerSource::createDemo());
    source->pause();
    SimControlsBar bar;
    bar.setSource(source.get());
    QCOMPARE(bar.runText(), QString()); // the first run needs no mention
    source->restart();
    QVERIFY2(bar.runText().contains(QLatin1String("run 2")), qPrintable(bar.runText()));
    QVERIFY(bar.clockText().contains(source->scenario().start.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))));
}

void TestSimControlsBar::hiddenWithoutSimulation()
{
    SimControlsBar bar;
    bar.show();
    bar.setSource(nullptr);
    QVERIFY(!bar.isVisible());
    QVERIFY(!bar.source());
}

QTEST_MAIN(TestSimControlsBar)
#include "tst_simcontrolsbar.moc"
