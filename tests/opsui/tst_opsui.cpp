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
#include "ui/ops/operationpreviewdialog.h"
#include "ui/ops/opscontroller.h"
#include "ui/ops/queuemessagesmodel.h"

#include <QComboBox>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
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
    }
};

QTEST_MAIN(TestOpsUi)
#include "tst_opsui.moc"
