// Warm start of the main window: construct it, open the built-in sample catalog, and wait
// until the explorer is filled and the graph is laid out and drawn. The cold start of the
// whole process is measured with hyperfine on `broker-studio --exit-when-ready`
// (docs/performance.md).
#include "core/samplecatalog.h"
#include "data/staticbrokersource.h"
#include "ui/graph/brokergraphpage.h"
#include "ui/graph/brokergraphview.h"
#include "ui/mainwindow.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace bs;

class BenchStartup : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void windowOnSampleCatalog();
};

void BenchStartup::windowOnSampleCatalog()
{
    QBENCHMARK {
        MainWindow w;
        QSignalSpy laidOut(w.graphPage()->view(), &BrokerGraphView::layoutFinished);
        w.openSource(new StaticBrokerSource(sampleCatalog(), QStringLiteral("Sample")));
        w.show();
        QVERIFY(laidOut.wait(10000));
        QVERIFY(laidOut.last().at(0).toBool());
        // One full paint of the window as the user would first see it.
        w.grab();
    }
}

QTEST_MAIN(BenchStartup)
#include "bench_startup.moc"
