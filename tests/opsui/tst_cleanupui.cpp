// The guided leak cleanup dialog offscreen on the demo: "Clean up…" on an endpoint-leak alert gives
// its pair, the dialog (through OpsController) runs the dry run, shows the batch statement, runs
// with progress to the summary, every batch audited; a read-only profile keeps Run disabled with
// the reason. Screenshots: build/ci/test-artifacts/cleanup-*.png.
#include "core/sim/simulator.h"
#include "data/ops/operationpath.h"
#include "data/sim/simbrokersource.h"
#include "data/ops/cleanuprunner.h"
#include "ui/monitor/alertspanel.h"
#include "ui/ops/cleanupdialog.h"
#include "ui/ops/opscontroller.h"

#include <QLabel>
#include <QListWidget>
#include <QMainWindow>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace bs;

namespace {

const QString AuditTarget = QStringLiteral("//BrokerStudio/Audit/Target");
const QString AuditInitiator = QStringLiteral("//BrokerStudio/Audit/Initiator");

void screenshot(QWidget *w, const QString &name)
{
    w->grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/%1.png").arg(name));
}

} // namespace

class TestCleanupUi : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<SimBrokerSource> m_source;
    std::unique_ptr<QMainWindow> m_window;
    OpsController *m_ops = nullptr;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void init()
    {
        m_source.reset(SimBrokerSource::createDemo());
        m_source->pause();
        sim::Simulator *s = m_source->simulator();
        s->advanceTo(s->now() + 900 * sim::Second);
        m_window = std::make_unique<QMainWindow>();
        auto *tabs = new QTabWidget(m_window.get());
        m_window->setCentralWidget(tabs);
        m_ops = new OpsController(m_window.get(), tabs, m_window.get());
        m_ops->setSource(m_source.get(), m_dir.filePath(QStringLiteral("h-%1.sqlite").arg(QString::fromLatin1(QTest::currentTestFunction()))));
        m_ops->setCatalog(s->catalog());
    }
    void cleanup()
    {
        m_window.reset();
        m_source.reset();
    }

    void leakAlertOffersCleanupOfItsPair()
    {
        AlertsPanel panel;
        Alert leak;
        leak.kind = AlertKind::EndpointLeak;
        leak.key = u"endpoint-leak:"_qs + AuditTarget + u"|"_qs + AuditInitiator;
        leak.title = u"Endpoint leak on the audit pair: fire-and-forget"_qs;
        Alert other;
        other.kind = AlertKind::QueueDisabled;
        other.key = u"queue-disabled:[dbo].[q]"_qs;
        other.title = u"Queue disabled"_qs;
        panel.setAlerts({leak, other}, {});
        QVERIFY(panel.selectAlert(other.key));
        QVERIFY(!panel.cleanupButton()->isVisibleTo(&panel));
        QVERIFY(panel.selectAlert(leak.key));
        QVERIFY(panel.cleanupButton()->isVisibleTo(&panel));
        QSignalSpy requested(&panel, &AlertsPanel::cleanupRequested);
        QTest::mouseClick(panel.cleanupButton(), Qt::LeftButton);
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().at(0).toString(), AuditTarget);
        QCOMPARE(requested.first().at(1).toString(), AuditInitiator);
    }

    void dryRunPreviewRunSummaryAndAudit()
    {
        auto *dialog = qobject_cast<CleanupDialog *>(m_ops->openCleanup(AuditTarget, AuditInitiator));
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QCOMPARE(dialog->plan().queue.displayName(), u"dbo.AuditTargetQueue"_qs);
        QVERIFY(dialog->statementView()->toPlainText().contains(u"END CONVERSATION @handle WITH CLEANUP;"_qs));
        QVERIFY(!dialog->runButton()->isEnabled()); // a dry run first
        QTest::mouseClick(dialog->dryRunButton(), Qt::LeftButton);
        QTRY_VERIFY(dialog->planView()->toPlainText().contains(u"END CONVERSATION … WITH CLEANUP"_qs));
        QTRY_VERIFY(dialog->runButton()->isEnabled());
        screenshot(dialog, u"cleanup-dryrun"_qs);

        const qint64 before = m_source->simulator()->cleanupCount(dialog->plan()).toEnd();
        QVERIFY(before > 0);
        QTest::mouseClick(dialog->runButton(), Qt::LeftButton);
        QVERIFY(dialog->pauseButton()->isEnabled() || dialog->runner()->state() == CleanupRunner::State::Finished);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->summaryLabel()->text().contains(u"Removed"_qs), 20000);
        QVERIFY(dialog->summaryLabel()->text().contains(u"New Messaging Pattern"_qs));
        QVERIFY(dialog->progressLabel()->text().contains(u"ended"_qs));
        screenshot(dialog, u"cleanup-summary"_qs);
        QCOMPARE(m_source->simulator()->cleanupCount(dialog->plan()).toEnd(), 0);
        QCOMPARE(dialog->runner()->run().totals.endedWithCleanup, before);
        int batches = 0;
        for (const AuditRecord &r : m_ops->path()->audit().records())
            batches += r.operation == u"leak-cleanup-batch"_qs ? 1 : 0;
        QCOMPARE(batches, dialog->runner()->run().batches);
        QVERIFY(!dialog->runButton()->isEnabled()); // counts changed: dry run again before another run
        dialog->close();
    }

    void readOnlyDisablesRun()
    {
        m_source->operations()->setReadOnly(true);
        auto *dialog = qobject_cast<CleanupDialog *>(m_ops->openCleanup(AuditTarget, AuditInitiator));
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QTest::mouseClick(dialog->dryRunButton(), Qt::LeftButton); // reading is allowed
        QTRY_VERIFY(dialog->planView()->toPlainText().contains(u"Matching endpoints"_qs));
        QTest::qWait(50);
        QVERIFY(!dialog->runButton()->isEnabled());
        QVERIFY(dialog->runButton()->toolTip().contains(u"read-only"_qs));
        screenshot(dialog, u"cleanup-readonly"_qs);
        dialog->close();
    }
};

QTEST_MAIN(TestCleanupUi)
#include "tst_cleanupui.moc"
