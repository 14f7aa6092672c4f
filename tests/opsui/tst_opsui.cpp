// The operations UI offscreen, on the demo simulation: browse a queue and read a body, preview →
// Run → result and audit row, the conversation detail, and a read-only profile disabling every
// write with its reason. Screenshots go to the test artifacts.
#include "core/sim/simulator.h"
#include "data/ops/operationpath.h"
#include "data/sim/simbrokersource.h"
#include "ui/ops/auditview.h"
#include "ui/ops/bodyviewer.h"
#include "ui/ops/conversationdialog.h"
#include "ui/ops/messagebrowser.h"
#include "data/settings.h"
#include "ui/monitor/alertspanel.h"
#include "ui/monitor/keyedtablemodel.h"
#include "ui/monitor/monitorpage.h"
#include "ui/monitor/sampletablepanel.h"
#include "ui/ops/operationpreviewdialog.h"
#include "ui/ops/opscontroller.h"
#include "ui/ops/pairconversationsdialog.h"
#include "ui/ops/poisontriageview.h"
#include "ui/ops/sendmessagedialog.h"
#include "ui/ops/queuemessagesmodel.h"
#include "ui/ops/transmissionview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QMainWindow>
#include <QApplication>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace bs;

namespace {

void screenshot(QWidget *w, const QString &name)
{
    w->grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/%1.png").arg(name));
}

template<typename T>
T *waitForTopLevel()
{
    T *found = nullptr;
    [&] {
        QTRY_VERIFY([&] {
            for (QWidget *w : QApplication::topLevelWidgets()) {
                if (auto *t = qobject_cast<T *>(w); t && t->isVisible())
                    found = t;
            }
            return found != nullptr;
        }());
    }();
    return found;
}

// Runs the open preview dialog (after its permission check) and returns its result.
OperationResult runPreview()
{
    auto *preview = waitForTopLevel<OperationPreviewDialog>();
    if (!preview)
        return {};
    [&] { QTRY_VERIFY(preview->runButton()->isEnabled()); }();
    QTest::mouseClick(preview->runButton(), Qt::LeftButton);
    [&] { QTRY_VERIFY(preview->result().has_value()); }();
    const OperationResult r = preview->result().value_or(OperationResult{});
    preview->close();
    return r;
}

bool selectText(QComboBox *box, const QString &text)
{
    const int i = box->findText(text);
    box->setCurrentIndex(i);
    return i >= 0;
}

} // namespace

class TestOpsUi : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<SimBrokerSource> m_source;
    std::unique_ptr<OperationPath> m_path;
    QTemporaryDir m_dir;

    void advance(double seconds)
    {
        sim::Simulator *s = m_source->simulator();
        s->advanceTo(s->now() + sim::SimTime(seconds * double(sim::Second)));
    }
    // The poison scenario 300 s in: task 100 has turned the billing target queue off.
    void loadPoisonScenario()
    {
        QString error;
        m_path.reset();
        m_source.reset(SimBrokerSource::fromFile(u"poison"_qs, &error));
        QVERIFY2(m_source, qPrintable(error));
        m_source->pause();
        advance(300);
        m_path = std::make_unique<OperationPath>(m_source->operations());
    }
    Operation activationOff(const QString &queue)
    {
        Operation op;
        op.kind = OperationKind::QueueActivation;
        op.queue = {u"dbo"_qs, queue};
        op.enable = false;
        return op;
    }

private Q_SLOTS:
    void init()
    {
        m_source.reset(SimBrokerSource::createDemo());
        m_source->pause();
        m_path = std::make_unique<OperationPath>(m_source->operations());
        QVERIFY(m_path->openAudit(m_dir.filePath(QStringLiteral("%1.sqlite").arg(QString::fromLatin1(QTest::currentTestFunction())))));
    }
    void cleanup()
    {
        m_path.reset();
        m_source.reset();
    }

    void previewConfirmRunAudits()
    {
        AuditView audit;
        audit.setPath(m_path.get());
        QCOMPARE(audit.table()->rowCount(), 0);
        OperationPreviewDialog dialog(m_path.get(), activationOff(u"NaiveTargetQueue"_qs));
        dialog.resize(760, 560);
        dialog.show();
        QVERIFY(dialog.statementView()->isReadOnly());
        QCOMPARE(dialog.statementView()->toPlainText(), OperationPath::prepare(activationOff(u"NaiveTargetQueue"_qs)).text);
        // Nothing runs before the click: the permission check enables Run.
        QTRY_VERIFY(dialog.runButton()->isEnabled());
        QVERIFY(dialog.statusLabel()->text().contains(QLatin1String("Nothing has been sent yet")));
        QCOMPARE(audit.table()->rowCount(), 0);
        screenshot(&dialog, u"ops-preview"_qs);
        QTest::mouseClick(dialog.runButton(), Qt::LeftButton);
        QTRY_VERIFY(dialog.result().has_value());
        QVERIFY2(dialog.result()->ok, qPrintable(dialog.result()->message));
        QVERIFY(dialog.statusLabel()->text().contains(QLatin1String("audited")));
        QVERIFY(!dialog.runButton()->isEnabled()); // once
        QTRY_COMPARE(audit.table()->rowCount(), 1);
        QCOMPARE(audit.table()->item(0, 4)->text(), u"succeeded"_qs);
        QVERIFY(audit.table()->item(0, 6)->text().contains(QLatin1String("ALTER QUEUE [dbo].[NaiveTargetQueue]")));
        for (const Queue &q : m_source->simulator()->catalog().queues) {
            if (q.name == u"NaiveTargetQueue"_qs)
                QVERIFY(!q.isActivationEnabled);
        }
        screenshot(&dialog, u"ops-preview-done"_qs);
        audit.resize(900, 200);
        screenshot(&audit, u"ops-audit"_qs);
    }

    void auditOutcomesHaveTheirColourMeaningAndFilter()
    {
        // One row per outcome, as the operations path and the cleanup runner write them.
        const QStringList outcomes = AuditView::outcomes();
        QCOMPARE(outcomes, (QStringList{u"succeeded"_qs, u"failed"_qs, u"refused"_qs, u"started"_qs, u"cancelled"_qs, u"discarded"_qs}));
        for (const QString &o : outcomes) {
            AuditRecord r;
            r.timeUtc = QDateTime::currentDateTimeUtc();
            r.operation = u"leak-cleanup"_qs;
            r.summary = u"row "_qs + o;
            r.statement = u"END CONVERSATION @handle;"_qs;
            r.outcome = o;
            QVERIFY(m_path->auditRecord(r));
        }
        AuditView audit;
        audit.setPath(m_path.get());
        QCOMPARE(audit.table()->rowCount(), outcomes.size());
        QSet<QRgb> colours;
        for (int row = 0; row < audit.table()->rowCount(); ++row) {
            const QTableWidgetItem *cell = audit.table()->item(row, 4);
            QVERIFY(outcomes.contains(cell->text()));
            QCOMPARE(cell->foreground().color(), AuditView::outcomeColor(cell->text()));
            QVERIFY(!cell->toolTip().isEmpty());
            QCOMPARE(cell->toolTip(), AuditView::outcomeMeaning(cell->text()));
            colours.insert(cell->foreground().color().rgb());
        }
        QCOMPARE(colours.size(), outcomes.size()); // each outcome its own colour
        QVERIFY(AuditView::outcomeMeaning(u"cancelled"_qs).contains(u"resumed"_qs));
        QVERIFY(AuditView::outcomeMeaning(u"started"_qs).contains(u"cleanup run started"_qs));

        // The filter: one entry per outcome after "All outcomes"; choosing one keeps its rows, and
        // Export writes those.
        QCOMPARE(audit.outcomeFilter()->count(), outcomes.size() + 1);
        for (const QString &o : {u"started"_qs, u"cancelled"_qs}) {
            audit.outcomeFilter()->setCurrentIndex(audit.outcomeFilter()->findData(o));
            QCOMPARE(audit.table()->rowCount(), 1);
            QCOMPARE(audit.table()->item(0, 3)->text(), u"row "_qs + o);
        }
        QString error;
        const QString csv = m_dir.filePath(u"cancelled.csv"_qs);
        QVERIFY2(audit.exportTo(csv, &error), qPrintable(error));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("row cancelled"));
        QVERIFY(!text.contains("row started"));
        audit.outcomeFilter()->setCurrentIndex(0);
        QCOMPARE(audit.table()->rowCount(), outcomes.size());
        audit.resize(1000, 260);
        screenshot(&audit, u"ops-audit-outcomes"_qs);
    }

    void browseAQueueAndReadABody()
    {
        QString error;
        QVERIFY(m_source->simulator()->alterQueue({0.0, sim::ChangeAction::AlterQueue, u"dbo.NaiveTargetQueue"_qs, {}, false, {}, {}, {}}, &error));
        advance(300);
        MessageBrowser browser(m_source->operations(), {u"dbo"_qs, u"NaiveTargetQueue"_qs});
        browser.resize(1100, 700);
        browser.show();
        QSignalSpy loaded(&browser, &MessageBrowser::pageLoaded);
        QTRY_VERIFY(loaded.size() >= 1);
        QCOMPARE(browser.model()->rowCount(), BrowsePageRows);
        QVERIFY(browser.nextButton()->isEnabled());
        QVERIFY(browser.statusLabel()->text().contains(QLatin1String("does not remove them")));
        browser.table()->selectRow(0);
        QTRY_VERIFY(browser.bodyViewer()->xmlText().contains(QLatin1String("<claim>")));
        QVERIFY(browser.bodyViewer()->xmlText().contains(QLatin1String("\n  <procedure>")));
        QCOMPARE(browser.bodyViewer()->encodingBox()->currentText(), u"UTF-16LE"_qs);
        screenshot(&browser, u"ops-messages"_qs);
        const qint64 lastOrder = browser.model()->messageAt(BrowsePageRows - 1)->queuingOrder;
        QTest::mouseClick(browser.nextButton(), Qt::LeftButton);
        QTRY_VERIFY(loaded.size() >= 2);
        QVERIFY(browser.model()->messageAt(0)->queuingOrder > lastOrder);
    }

    void conversationDetailShowsBothSides()
    {
        advance(600);
        const QList<QUuid> targets = m_source->simulator()->endpointHandles(u"//BrokerStudio/Naive/Target"_qs, QString(),
                                                                           {EndpointState::DI}, 1);
        QVERIFY(!targets.isEmpty());
        ConversationDialog dialog(m_source->operations(), targets.first());
        QSignalSpy loaded(&dialog, &ConversationDialog::loaded);
        dialog.show();
        QTRY_COMPARE(loaded.size(), 1);
        QVERIFY(dialog.endpointTable()->rowCount() >= 1);
        QCOMPARE(dialog.endpointTable()->item(0, 2)->text(), u"DI"_qs);
        QVERIFY(dialog.endpointTable()->item(0, 6)->text().contains(QLatin1String("END CONVERSATION")));
        QVERIFY(dialog.meaningLabel()->text().contains(QLatin1String("Target (DI)")));
        QTest::qWait(50); // the layout takes the new texts
        screenshot(&dialog, u"ops-conversation"_qs);
    }

    void transmissionQueueExplainsTheStatus()
    {
        QString error;
        // STATUS = OFF on the target queue: the naive sender's messages wait to be sent.
        QVERIFY(m_source->simulator()->alterQueue({0.0, sim::ChangeAction::AlterQueue, u"dbo.NaiveTargetQueue"_qs, false, {}, {}, {}, {}}, &error));
        advance(60);
        TransmissionView view(m_source->operations());
        QSignalSpy loaded(&view, &TransmissionView::loaded);
        view.resize(1100, 400);
        view.show();
        QTRY_COMPARE(loaded.size(), 1);
        QVERIFY(view.table()->rowCount() > 0);
        QCOMPARE(view.table()->item(0, 4)->text(), u"Target queue is disabled."_qs);
        QVERIFY(view.table()->item(0, 5)->text().contains(QLatin1String("is_receive_enabled")));
        QSignalSpy conversation(&view, &TransmissionView::conversationRequested);
        emit view.table()->cellDoubleClicked(0, 0);
        QCOMPARE(conversation.size(), 1);
        QVERIFY(!conversation.first().first().toUuid().isNull());
        QTest::qWait(50);
        screenshot(&view, u"ops-transmission"_qs);
    }

    void sendATestMessageAndSeeWhereItWent()
    {
        QString error;
        QVERIFY(m_source->simulator()->alterQueue({0.0, sim::ChangeAction::AlterQueue, u"dbo.NaiveTargetQueue"_qs, {}, false, {}, {}, {}}, &error));
        QMainWindow window;
        auto *tabs = new QTabWidget;
        window.setCentralWidget(tabs);
        OpsController controller(&window, tabs);
        controller.setSource(m_source.get(), m_dir.filePath(u"send.sqlite"_qs));
        controller.setCatalog(m_source->simulator()->catalog());
        QVERIFY(controller.sendMessageAction()->isEnabled());

        SendMessageDialog ask(m_source->simulator()->catalog());
        ask.resize(680, 560);
        ask.show();
        QVERIFY(selectText(ask.fromBox(), u"//BrokerStudio/Naive/Initiator"_qs));
        ask.toBox()->setCurrentText(u"//BrokerStudio/Naive/Target"_qs);
        QVERIFY(selectText(ask.contractBox(), u"//BrokerStudio/Naive/Contract"_qs));
        QVERIFY(selectText(ask.typeBox(), u"//BrokerStudio/Naive/Task"_qs));
        // The type validates XML: a broken body keeps Preview off and says where it breaks.
        ask.bodyEdit()->setPlainText(u"<task><claim>7</task>"_qs);
        QVERIFY(!ask.previewButton()->isEnabled());
        QVERIFY2(ask.problemLabel()->text().contains(QLatin1String("not well-formed XML")), qPrintable(ask.problemLabel()->text()));
        screenshot(&ask, u"actions-send-invalid"_qs);
        // A 100 MiB file is refused from its size; the typed body stays.
        QFile big(m_dir.filePath(u"big.bin"_qs));
        QVERIFY(big.open(QIODevice::WriteOnly));
        QVERIFY(big.resize(100LL * 1024 * 1024));
        big.close();
        QVERIFY(!ask.loadBody(big.fileName()));
        QVERIFY(ask.problemLabel()->text().contains(QLatin1String("at most 8 MiB")));
        QCOMPARE(ask.bodyEdit()->toPlainText(), u"<task><claim>7</task>"_qs);
        ask.bodyEdit()->setPlainText(u"<task><claim>7</claim></task>"_qs);
        QVERIFY(ask.previewButton()->isEnabled());
        QVERIFY(ask.problemLabel()->text().isEmpty());
        screenshot(&ask, u"actions-send"_qs);
        const Operation op = ask.operation();
        QCOMPARE(op.queue.name, u"NaiveInitiatorQueue"_qs); // RECEIVE on it is the permission checked
        ask.close();

        controller.requestOperation(op);
        const OperationResult r = runPreview();
        QVERIFY2(r.ok, qPrintable(r.message));
        QVERIFY(!r.conversationHandle.isNull());
        // Where it went: the conversation opens on the new handle.
        auto *detail = waitForTopLevel<ConversationDialog>();
        QVERIFY(detail);
        QTRY_VERIFY(detail->endpointTable()->rowCount() >= 1);
        advance(1);
        QMetaObject::invokeMethod(detail, "close");
        controller.openConversation(r.conversationHandle);
        detail = waitForTopLevel<ConversationDialog>();
        QTRY_COMPARE(detail->endpointTable()->rowCount(), 2); // the target's endpoint: it arrived
        QVERIFY2(detail->statusLabel()->text().contains(QLatin1String("1 message(s) queued")), qPrintable(detail->statusLabel()->text()));
        QTest::qWait(50);
        screenshot(detail, u"actions-send-arrived"_qs);
        detail->close();

        // The message browser of the target queue shows the body that was typed.
        QUuid targetHandle;
        for (const ConversationEndpoint &e : m_source->simulator()->conversation(r.conversationHandle).endpoints) {
            if (!e.isInitiator)
                targetHandle = e.handle;
        }
        QVERIFY(!targetHandle.isNull());
        controller.openQueueMessages({u"dbo"_qs, u"NaiveTargetQueue"_qs});
        auto *browser = qobject_cast<MessageBrowser *>(tabs->currentWidget());
        QVERIFY(browser);
        QSignalSpy loaded(browser, &MessageBrowser::pageLoaded);
        int row = -1;
        for (int page = 0; page < 50 && row < 0; ++page) {
            QTRY_VERIFY(loaded.size() > page);
            for (int i = 0; i < browser->model()->rowCount(); ++i) {
                if (browser->model()->messageAt(i)->conversationHandle == targetHandle)
                    row = i;
            }
            if (row >= 0 || !browser->nextButton()->isEnabled())
                break;
            QTest::mouseClick(browser->nextButton(), Qt::LeftButton);
        }
        QVERIFY(row >= 0);
        browser->table()->selectRow(row);
        QTRY_VERIFY(browser->bodyViewer()->xmlText().contains(QLatin1String("<claim>7</claim>")));
        QVERIFY(!browser->bodyViewer()->xmlText().contains(QLatin1String("<procedure>")));
        window.resize(1100, 700);
        window.show();
        QTest::qWait(50);
        screenshot(&window, u"actions-send-typed-body"_qs);
    }

    // The controller passes a catalog change on (the main window reads the catalog again on it).
    void aQueueSwitchAnnouncesACatalogChange()
    {
        QMainWindow window;
        auto *tabs = new QTabWidget;
        window.setCentralWidget(tabs);
        OpsController controller(&window, tabs);
        controller.setSource(m_source.get(), m_dir.filePath(u"switch.sqlite"_qs));
        controller.setCatalog(m_source->simulator()->catalog());
        QSignalSpy catalogChanged(&controller, &OpsController::catalogChanged);
        controller.requestOperation(activationOff(u"NaiveTargetQueue"_qs));
        const OperationResult r = runPreview();
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(catalogChanged.size(), 1);
    }

    void databaseBrokerMenuPreviewsWithItsWarning()
    {
        QMainWindow window;
        auto *tabs = new QTabWidget;
        window.setCentralWidget(tabs);
        OpsController controller(&window, tabs);
        controller.setSource(m_source.get(), m_dir.filePath(u"db.sqlite"_qs));
        QCOMPARE(controller.databaseMenu()->actions().size(), 4);
        Operation op;
        op.kind = OperationKind::DatabaseBroker;
        op.database = u"SalesOpsDemo"_qs;
        op.brokerSwitch = BrokerSwitch::ErrorConversations;
        op.rollbackImmediate = true;
        OperationPreviewDialog preview(m_path.get(), op);
        preview.resize(760, 560);
        preview.show();
        QVERIFY(preview.statementView()->toPlainText().contains(
            QLatin1String("ALTER DATABASE [SalesOpsDemo]\n    SET ERROR_BROKER_CONVERSATIONS WITH ROLLBACK IMMEDIATE;")));
        auto *warning = preview.findChild<QLabel *>(u"warning"_qs);
        QVERIFY(warning && warning->text().contains(QLatin1String("disconnects them")));
        QTRY_VERIFY(preview.runButton()->isEnabled());
        screenshot(&preview, u"actions-database-broker"_qs);
    }

    void triageThePoisonScenario()
    {
        loadPoisonScenario();
        QVERIFY(m_source);
        const QueueRef queue{u"dbo"_qs, u"BillingTargetQueue"_qs};
        QVERIFY(!m_source->simulator()->catalog().queueByName(queue.schema, queue.name)->isReceiveEnabled);
        QMainWindow window;
        auto *tabs = new QTabWidget;
        window.setCentralWidget(tabs);
        window.resize(1300, 900);
        window.show();
        OpsController controller(&window, tabs);
        controller.setSource(m_source.get(), m_dir.filePath(u"triage.sqlite"_qs));
        controller.setCatalog(m_source->simulator()->catalog());
        // The explorer's menu offers the triage for a disabled queue.
        QMenu menu;
        controller.addQueueActions(&menu, {ObjectKind::Queue, m_source->simulator()->catalog().queueByName(queue.schema, queue.name)->objectId});
        QAction *triage = nullptr;
        for (QAction *a : menu.actions()) {
            if (a->text() == u"Poison Triage…"_qs)
                triage = a;
        }
        QVERIFY(triage);
        triage->trigger();
        auto *view = qobject_cast<PoisonTriageView *>(tabs->currentWidget());
        QVERIFY(view);
        QSignalSpy candidate(view, &PoisonTriageView::candidateLoaded);
        QTRY_VERIFY(candidate.size() >= 1);
        QVERIFY(view->candidate().found);
        QVERIFY(view->whyLabel()->text().contains(QLatin1String("5-rollback rule")));
        QVERIFY(view->candidateLabel()->text().contains(QLatin1String("How it was picked")));
        QTRY_VERIFY(view->bodyViewer()->xmlText().contains(QLatin1String("<task>")));
        for (QPushButton *b : view->planButtons())
            QVERIFY(b->isEnabled());
        QTest::qWait(50);
        screenshot(&window, u"actions-triage"_qs);

        QTest::mouseClick(view->planButtons().first(), Qt::LeftButton);
        const OperationResult r = runPreview();
        QVERIFY2(r.ok, qPrintable(r.message));
        advance(300);
        controller.setCatalog(m_source->simulator()->catalog());
        QVERIFY(view->whyLabel()->text().contains(QLatin1String("not disabled")));
        QTRY_VERIFY(view->quarantineTable()->rowCount() >= 1);
        QCOMPARE(view->quarantineTable()->item(0, 1)->text(), u"[dbo].[BillingTargetQueue]"_qs);
        QVERIFY(m_source->simulator()->transmissionQueueSize() < 100);
        QTest::qWait(50);
        screenshot(&window, u"actions-triage-done"_qs);
    }

    void alertsAndQueueTableOpenTheViews()
    {
        loadPoisonScenario();
        QVERIFY(m_source);
        QMainWindow window;
        auto *tabs = new QTabWidget;
        window.setCentralWidget(tabs);
        OpsController controller(&window, tabs);
        controller.setSource(m_source.get(), m_dir.filePath(u"alerts.sqlite"_qs));
        const BrokerCatalog catalog = m_source->simulator()->catalog();
        controller.setCatalog(catalog);
        // The poison alert offers Triage… and Messages….
        AlertsPanel panel;
        controller.watchAlerts(&panel);
        Alert alert;
        alert.kind = AlertKind::QueueDisabled;
        alert.key = u"queue-disabled [dbo].[BillingTargetQueue]"_qs;
        alert.subject = u"[dbo].[BillingTargetQueue]"_qs;
        alert.title = u"Queue [dbo].[BillingTargetQueue] is disabled (receive off)"_qs;
        panel.setAlerts({alert}, {});
        QVERIFY(panel.selectAlert(alert.key));
        auto *triage = panel.findChild<QPushButton *>(u"alertAction-triage"_qs);
        auto *messages = panel.findChild<QPushButton *>(u"alertAction-messages"_qs);
        QVERIFY(triage && messages);
        QTest::mouseClick(messages, Qt::LeftButton);
        QVERIFY(qobject_cast<MessageBrowser *>(tabs->currentWidget()));
        QTest::mouseClick(triage, Qt::LeftButton);
        QVERIFY(qobject_cast<PoisonTriageView *>(tabs->currentWidget()));
        // An alert about a pair offers nothing here.
        Alert leak;
        leak.kind = AlertKind::EndpointLeak;
        leak.key = u"leak"_qs;
        leak.subject = u"[dbo].[BillingTargetQueue]"_qs;
        panel.setAlerts({leak}, {});
        QVERIFY(panel.selectAlert(leak.key));
        QVERIFY(!panel.findChild<QPushButton *>(u"alertAction-messages"_qs));

        // The monitor's Queues table: a double-click opens the queue's messages (its triage when off).
        Settings settings(m_dir.filePath(u"monitor.ini"_qs));
        MonitorPage page(m_source.get(), catalog, QString(), nullptr, m_dir.path(), &settings);
        controller.watchMonitor(&page);
        m_source->resume();
        QTableView *queues = page.queuePanel()->view();
        QTRY_VERIFY_WITH_TIMEOUT(queues->model()->rowCount() > 0, 10000);
        m_source->pause();
        int initiatorRow = -1;
        for (int r = 0; r < queues->model()->rowCount(); ++r) {
            if (queues->model()->index(r, 0).data(KeyedTableModel<QueueSample>::KeyRole).toString() == u"dbo.BillingInitiatorQueue"_qs)
                initiatorRow = r;
        }
        QVERIFY(initiatorRow >= 0);
        const int before = tabs->count();
        emit queues->doubleClicked(queues->model()->index(initiatorRow, 0));
        QCOMPARE(tabs->count(), before + 1);
        QVERIFY(qobject_cast<MessageBrowser *>(tabs->currentWidget()));
        QCOMPARE(tabs->tabText(tabs->currentIndex()), u"Messages: dbo.BillingInitiatorQueue"_qs);

        // The Endpoints table: a double-click lists that pair's endpoints in that state; one opens.
        QTableView *endpoints = page.endpointPanel()->view();
        QTRY_VERIFY(endpoints->model()->rowCount() > 0);
        const QModelIndex first = endpoints->model()->index(0, 0);
        emit endpoints->doubleClicked(first);
        auto *pair = waitForTopLevel<PairConversationsDialog>();
        QVERIFY(pair);
        QTRY_VERIFY(pair->table()->rowCount() > 0);
        QCOMPARE(pair->windowTitle().left(2), first.data().toString());
        QTest::qWait(50);
        screenshot(pair, u"actions-pair-endpoints"_qs);
        emit pair->table()->cellDoubleClicked(0, 0);
        auto *detail = waitForTopLevel<ConversationDialog>();
        QVERIFY(detail);
        QTRY_VERIFY(detail->endpointTable()->rowCount() >= 1);
        QCOMPARE(detail->endpointTable()->item(0, 0)->text(), pair->table()->item(0, 0)->text());
        detail->close();
        pair->close();
    }

    void readOnlyDisablesEveryWrite()
    {
        m_source->operations()->setReadOnly(true);
        OperationPreviewDialog dialog(m_path.get(), activationOff(u"OrdersTargetQueue"_qs));
        dialog.show();
        QTest::qWait(50);
        QVERIFY(!dialog.runButton()->isEnabled());
        QVERIFY(dialog.statusLabel()->text().contains(QLatin1String("read-only")));
        QVERIFY(!dialog.runButton()->toolTip().isEmpty());
        screenshot(&dialog, u"ops-preview-readonly"_qs);

        QMainWindow window;
        auto *tabs = new QTabWidget;
        window.setCentralWidget(tabs);
        OpsController controller(&window, tabs);
        controller.setSource(m_source.get(), m_dir.filePath(u"controller.sqlite"_qs));
        controller.setCatalog(m_source->simulator()->catalog());
        const Queue q = m_source->simulator()->catalog().queues.first();
        QMenu menu;
        controller.addQueueActions(&menu, {ObjectKind::Queue, q.objectId});
        const QList<QAction *> actions = menu.actions();
        QVERIFY(actions.size() >= 6);
        QCOMPARE(actions.first()->text(), u"Messages…"_qs);
        QVERIFY(actions.first()->isEnabled()); // browsing stays
        int writes = 0;
        for (QAction *a : actions) {
            if (a->isSeparator() || a == actions.first())
                continue;
            QVERIFY2(!a->isEnabled(), qPrintable(a->text()));
            QVERIFY(a->toolTip().contains(QLatin1String("read-only")));
            ++writes;
        }
        QCOMPARE(writes, 5);
        // Messages… opens a tab; writes are still possible once the flag is off.
        actions.first()->trigger();
        QCOMPARE(tabs->count(), 1);
        m_source->operations()->setReadOnly(false);
        QMenu again;
        controller.addQueueActions(&again, {ObjectKind::Queue, q.objectId});
        QVERIFY(again.actions().last()->isEnabled());
        // The new writes follow the profile: Send Test Message and the database options.
        m_source->operations()->setReadOnly(true);
        OpsController readOnly(&window, tabs);
        readOnly.setSource(m_source.get(), m_dir.filePath(u"readonly.sqlite"_qs));
        QList<QAction *> writes2 = readOnly.databaseMenu()->actions();
        writes2.append(readOnly.sendMessageAction());
        for (QAction *a : writes2) {
            QVERIFY2(!a->isEnabled(), qPrintable(a->text()));
            QVERIFY(a->toolTip().contains(QLatin1String("read-only")));
        }
        // The triage's plans too (the poison view is built with the same reason).
        Queue disabled = q;
        disabled.isReceiveEnabled = false;
        PoisonTriageView view(m_source->operations(), disabled, QDateTime(), m_path->writesBlockedReason());
        for (QPushButton *b : view.planButtons()) {
            QVERIFY(!b->isEnabled());
            QVERIFY(b->toolTip().contains(QLatin1String("read-only")));
        }
        m_source->operations()->setReadOnly(false);
    }
};

QTEST_MAIN(TestOpsUi)
#include "tst_opsui.moc"
