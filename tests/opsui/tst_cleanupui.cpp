// The guided leak cleanup dialog offscreen on the demo: "Clean up…" on an endpoint-leak alert gives
// its pair, the dialog (through OpsController) runs the dry run, shows the batch statement, runs
// with progress to the summary, every batch audited; a read-only profile keeps Run disabled with
// the reason. Screenshots: build/ci/test-artifacts/cleanup-*.png.
#include "core/sim/simulator.h"
#include "data/ops/operationpath.h"
#include "data/sim/simbrokersource.h"
#include "data/ops/cleanuprunner.h"
#include "data/settings.h"
#include "ui/monitor/alertspanel.h"
#include "ui/monitor/endpointtablemodel.h"
#include "ui/monitor/monitorpage.h"
#include "ui/monitor/sampletablepanel.h"
#include "ui/ops/cleanupdialog.h"
#include "ui/ops/opscontroller.h"

#include <QApplication>
#include <QCheckBox>
#include <QContextMenuEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>

#include <functional>
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

// What the context menu of a row offered: the action named `name`, whether it was enabled, its tooltip.
struct MenuChoice
{
    bool found = false;
    bool enabled = false;
    QString toolTip;
};

// Right-clicks the row of `proxyRow` in `view` as a user does (a context-menu event on the viewport);
// in the popup that opens, picks the action named `name` with the keyboard (Return) when `activate`
// and it is enabled, otherwise closes the menu. `shot`: a screenshot of the open menu.
MenuChoice rightClick(QTableView *view, int proxyRow, const QString &name, bool activate, const QString &shot = QString())
{
    MenuChoice choice;
    QTimer poll; // until the popup is up (it runs its own event loop)
    poll.setInterval(10);
    QObject::connect(&poll, &QTimer::timeout, view, [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        poll.stop();
        for (QAction *a : menu->actions()) {
            if (a->objectName() != name)
                continue;
            choice = {true, a->isEnabled(), a->toolTip()};
            if (!shot.isEmpty())
                screenshot(menu, shot);
            if (activate && a->isEnabled()) {
                menu->setActiveAction(a);
                QTest::keyClick(menu, Qt::Key_Return);
                return;
            }
        }
        menu->close();
    });
    poll.start();
    const QRect cell = view->visualRect(view->model()->index(proxyRow, EndpointTableModel::LocalService));
    QContextMenuEvent event(QContextMenuEvent::Mouse, cell.center(), view->viewport()->mapToGlobal(cell.center()));
    QApplication::sendEvent(view->viewport(), &event);
    poll.stop();
    return choice;
}

// Answers the modal message box that `trigger` opens with its button whose text contains `button`;
// returns the box's text and informative text.
QString answerMessageBox(const std::function<void()> &trigger, const QString &button, const QString &shot)
{
    QString text;
    QTimer poll;
    poll.setInterval(10);
    QObject::connect(&poll, &QTimer::timeout, [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        poll.stop();
        text = box->text() + u"\n"_qs + box->informativeText();
        screenshot(box, shot);
        for (QAbstractButton *b : box->buttons()) {
            if (b->text().contains(button))
                b->click();
        }
    });
    poll.start();
    trigger();
    poll.stop();
    return text;
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

    void endpointsTableContextMenuOpensCleanupOfThePair()
    {
        Settings settings(m_dir.filePath(u"monitor.ini"_qs));
        MonitorPage page(m_source.get(), m_source->simulator()->catalog(), QString(), nullptr, m_dir.path(), &settings);
        m_ops->watchMonitor(&page);
        page.resize(1100, 760);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTableView *view = page.endpointPanel()->view();
        for (QWidget *w = page.endpointPanel()->parentWidget(); w; w = w->parentWidget()) {
            if (auto *tabs = qobject_cast<QTabWidget *>(w))
                tabs->setCurrentWidget(page.endpointPanel()); // the Endpoints tab in front
        }
        m_source->resume();
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() > 0, 10000);
        m_source->pause();
        QTest::qWait(50);
        // The rows of the table as it shows them (sorted by the proxy): the demo's leak (CD with
        // the timestamp unset on the audit target) and a row that is no leak (SO/SI/CO/ER).
        const auto *model = qobject_cast<const EndpointTableModel *>(page.endpointPanel()->proxy()->sourceModel());
        QVERIFY(model);
        int leakRow = -1, healthyRow = -1;
        for (int r = 0; r < view->model()->rowCount(); ++r) {
            const EndpointGroup &g = model->groupAt(page.endpointPanel()->proxy()->mapToSource(view->model()->index(r, 0)).row());
            if (g.state == EndpointState::CD && g.localService == AuditTarget && g.farService == AuditInitiator
                && g.closedWithUnsetSecurityTimestamp > 0)
                leakRow = r;
            if (!cleanupStateFromCode(endpointStateCode(g.state)))
                healthyRow = r;
        }
        QVERIFY(leakRow >= 0);
        QVERIFY(healthyRow >= 0);

        // Not a leak state: offered, disabled, with the reason.
        const MenuChoice healthy = rightClick(view, healthyRow, u"cleanupPair"_qs, true);
        QVERIFY(healthy.found);
        QVERIFY(!healthy.enabled);
        QVERIFY2(healthy.toolTip.contains(u"not a leak"_qs), qPrintable(healthy.toolTip));
        QVERIFY(!m_window->findChild<CleanupDialog *>());

        // The leak row: the dialog opens pre-filled with the pair and the state.
        const MenuChoice leak = rightClick(view, leakRow, u"cleanupPair"_qs, true, u"cleanup-context-menu"_qs);
        QVERIFY(leak.found);
        QVERIFY2(leak.enabled, qPrintable(leak.toolTip));
        CleanupDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<CleanupDialog *>()) != nullptr);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        const CleanupPlan plan = dialog->plan();
        QCOMPARE(plan.localService, AuditTarget);
        QCOMPARE(plan.farService, AuditInitiator);
        QCOMPARE(plan.states(), QList<CleanupState>{CleanupState::CD});
        QCOMPARE(plan.queue.displayName(), u"dbo.AuditTargetQueue"_qs);
        QTest::mouseClick(dialog->dryRunButton(), Qt::LeftButton); // the pre-filled plan counts the leak
        QTRY_VERIFY(dialog->planView()->toPlainText().contains(u"END CONVERSATION … WITH CLEANUP"_qs));
        dialog->close();
        QTRY_VERIFY(!m_window->findChild<CleanupDialog *>());

        // A read-only profile: the leak row's action is disabled with the reason.
        m_source->operations()->setReadOnly(true);
        const MenuChoice readOnly = rightClick(view, leakRow, u"cleanupPair"_qs, true);
        QVERIFY(readOnly.found);
        QVERIFY(!readOnly.enabled);
        QVERIFY2(readOnly.toolTip.contains(u"read-only"_qs), qPrintable(readOnly.toolTip));
        QTest::qWait(20);
        QVERIFY(!m_window->findChild<CleanupDialog *>());
    }

    void stoppedRunIsOfferedToResumeOrStartOver()
    {
        // A run of batches of 200, a second apart, cancelled after its first batch.
        CleanupPlan initial;
        initial.localService = AuditTarget;
        initial.farService = AuditInitiator;
        initial.batchSize = 200;
        initial.pauseMs = 1000;
        auto *first = qobject_cast<CleanupDialog *>(m_ops->openCleanupPlan(initial));
        QVERIFY(first);
        QVERIFY(!first->unfinishedRun());
        QTest::mouseClick(first->dryRunButton(), Qt::LeftButton);
        QTRY_VERIFY(first->runButton()->isEnabled());
        QTest::mouseClick(first->runButton(), Qt::LeftButton);
        QTRY_COMPARE(first->runner()->run().batches, 1);
        QTest::mouseClick(first->cancelButton(), Qt::LeftButton);
        QTRY_VERIFY(first->summaryLabel()->text().contains(u"Cancelled"_qs));
        // The same dialog offers it back at once.
        QVERIFY(first->unfinishedRun());
        QVERIFY(first->resumeButton()->isVisibleTo(first));
        const qint64 firstId = first->runner()->run().id;
        first->close();

        // A new dialog: the kept run, its position, and no new run before the choice.
        CleanupPlan other = initial;
        other.batchSize = 1000;
        auto *dialog = qobject_cast<CleanupDialog *>(m_ops->openCleanupPlan(other));
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QVERIFY(dialog->unfinishedRun());
        QVERIFY(dialog->resumeButton()->isVisibleTo(dialog));
        QVERIFY2(dialog->resumeButton()->text().contains(u"(200 of "_qs), qPrintable(dialog->resumeButton()->text()));
        QVERIFY(dialog->resumeLabel()->text().contains(u"cancelled"_qs));
        QTest::mouseClick(dialog->dryRunButton(), Qt::LeftButton);
        QTRY_VERIFY(dialog->planView()->toPlainText().contains(u"Matching endpoints"_qs));
        QTest::qWait(20);
        QVERIFY(!dialog->runButton()->isEnabled());
        QVERIFY(dialog->runButton()->toolTip().contains(u"resume it or start over"_qs));
        screenshot(dialog, u"cleanup-resume"_qs);

        // Resume: the kept plan (batches of 200) continues after its first batch.
        QTest::mouseClick(dialog->resumeButton(), Qt::LeftButton);
        QCOMPARE(dialog->plan().batchSize, 200);
        QVERIFY(!dialog->resumeButton()->isVisibleTo(dialog));
        QCOMPARE(dialog->runner()->run().id, firstId);
        QTRY_COMPARE(dialog->runner()->run().batches, 2);
        QCOMPARE(dialog->runner()->run().totals.examined, 400);
        QTest::mouseClick(dialog->cancelButton(), Qt::LeftButton);
        QTRY_VERIFY(dialog->resumeButton()->isVisibleTo(dialog));
        QVERIFY(dialog->resumeButton()->text().contains(u"(400 of "_qs));
        const qint64 keptId = dialog->unfinishedRun()->id;

        // Start over: a confirmation says what discarding means; then the run is gone for good.
        const QString confirmation = answerMessageBox([&] { QTest::mouseClick(dialog->startOverButton(), Qt::LeftButton); },
                                                      u"Discard"_qs, u"cleanup-start-over"_qs);
        QVERIFY2(confirmation.contains(u"will not be offered for resumption again"_qs), qPrintable(confirmation));
        QVERIFY(!dialog->unfinishedRun());
        QVERIFY(!dialog->resumeButton()->isVisibleTo(dialog));
        QVERIFY(!dialog->runner()->unfinished());
        bool audited = false;
        for (const AuditRecord &r : m_ops->path()->audit().records())
            audited = audited || (r.outcome == u"discarded"_qs && r.summary.contains(QStringLiteral("run %1 discarded").arg(keptId)));
        QVERIFY(audited);
        QTest::mouseClick(dialog->dryRunButton(), Qt::LeftButton);
        QTRY_VERIFY(dialog->runButton()->isEnabled());
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
