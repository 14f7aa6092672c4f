#include "core/design/designdocument.h"
#include "core/samplecatalog.h"
#include "ui/design/designpropertyeditor.h"
#include "ui/design/designwindow.h"
#include "ui/design/migrationpreviewdialog.h"
#include "ui/graph/brokergraphview.h"
#include "ui/graph/graphnodeitem.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

using namespace bs;

/// The designer window, offscreen, driven through its own widgets: a pair built from nothing,
/// undo all, redo all, save, reopen, compare with the sample catalog.
class TestDesignWindow : public QObject
{
    Q_OBJECT

private slots:
    void buildPairUndoRedoSaveReopen();
    void compareWithSampleCatalog();
    void refusedEditIsShownNotApplied();
};

namespace {

void add(DesignWindow &w, ObjectKind kind, const QString &name)
{
    w.paletteName()->setText(name);
    QTest::mouseClick(w.paletteButton(kind), Qt::LeftButton);
}

void waitForLayout(DesignWindow &w)
{
    if (w.canvas()->isLayoutRunning()) {
        QSignalSpy done(w.canvas(), &BrokerGraphView::layoutFinished);
        QVERIFY(done.wait(20000));
    }
    QTRY_VERIFY_WITH_TIMEOUT(!w.canvas()->isLayoutRunning(), 20000);
}

} // namespace

void TestDesignWindow::buildPairUndoRedoSaveReopen()
{
    auto *w = new DesignWindow;
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w));
    DesignDocument *doc = w->document();

    add(*w, ObjectKind::MessageType, u"//Pair/Request"_qs);
    add(*w, ObjectKind::MessageType, u"//Pair/Reply"_qs);
    add(*w, ObjectKind::Contract, u"//Pair/Contract"_qs);
    // The contract is selected: its message types are set in the property editor.
    DesignPropertyEditor *editor = w->propertyEditor();
    QCOMPARE(editor->object().name, u"//Pair/Contract"_qs);
    auto *request = qobject_cast<QComboBox *>(editor->editor(u"usage://Pair/Request"_qs));
    QVERIFY(request);
    request->setCurrentIndex(1); // SENT BY INITIATOR
    emit request->activated(1);
    auto *reply = qobject_cast<QComboBox *>(editor->editor(u"usage://Pair/Reply"_qs));
    QVERIFY(reply);
    reply->setCurrentIndex(2); // SENT BY TARGET
    emit reply->activated(2);
    add(*w, ObjectKind::Queue, u"dbo.TargetQueue"_qs);
    // Activation on, with a procedure and readers, through the editor's widgets.
    auto *activation = qobject_cast<QCheckBox *>(editor->editor(u"activation"_qs));
    QVERIFY(activation);
    activation->setChecked(true);
    auto *procedure = qobject_cast<QLineEdit *>(editor->editor(u"procedure"_qs));
    QVERIFY(procedure);
    QVERIFY(!procedure->toolTip().isEmpty());
    procedure->setText(u"dbo.Target_Activate"_qs);
    emit procedure->editingFinished();
    auto *readers = qobject_cast<QSpinBox *>(editor->editor(u"maxQueueReaders"_qs));
    readers->setValue(4);
    emit readers->editingFinished();
    add(*w, ObjectKind::Service, u"//Pair/Target"_qs); // goes on the selected queue
    auto *accepts = qobject_cast<QCheckBox *>(editor->editor(u"contract://Pair/Contract"_qs));
    QVERIFY(accepts);
    accepts->setChecked(true);
    add(*w, ObjectKind::Queue, u"dbo.InitiatorQueue"_qs);
    add(*w, ObjectKind::Service, u"//Pair/Initiator"_qs);

    const BrokerDesign built = doc->design();
    QCOMPARE(built.objectCount(), 7);
    QCOMPARE(built.contract(u"//Pair/Contract"_qs)->usages,
             (QList<DesignUsage>{{u"//Pair/Request"_qs, SentBy::Initiator}, {u"//Pair/Reply"_qs, SentBy::Target}}));
    QCOMPARE(built.queue(u"dbo"_qs, u"TargetQueue"_qs)->activation->procedure, u"[dbo].[Target_Activate]"_qs);
    QCOMPARE(built.queue(u"dbo"_qs, u"TargetQueue"_qs)->activation->maxQueueReaders, 4);
    QCOMPARE(built.service(u"//Pair/Target"_qs)->contracts, QStringList{u"//Pair/Contract"_qs});
    QCOMPARE(built.service(u"//Pair/Initiator"_qs)->queueName, u"InitiatorQueue"_qs);
    QVERIFY(w->isWindowModified());
    waitForLayout(*w);
    QCOMPARE(w->canvas()->nodeItems().size(), 8); // 7 objects and the activation procedure

    w->selectObject({ObjectKind::Queue, u"TargetQueue"_qs, u"dbo"_qs});
    QTRY_VERIFY(editor->editor(u"procedure"_qs) && editor->editor(u"procedure"_qs)->isVisible());
    QDir(QStringLiteral(BS_TEST_ARTIFACT_DIR)).mkpath(u"."_qs);
    QVERIFY(w->grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/designwindow-pair.png")));

    // Undo everything with the window's own action (Ctrl+Z), then redo everything.
    while (w->undoAction()->isEnabled())
        w->undoAction()->trigger();
    QVERIFY(doc->design().isEmpty());
    QVERIFY(!w->isWindowModified());
    while (w->redoAction()->isEnabled())
        w->redoAction()->trigger();
    QCOMPARE(doc->design(), built);

    // Save and reopen in a new window.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"pair.json"_qs);
    QString error;
    QVERIFY2(w->saveTo(path, &error), qPrintable(error));
    QVERIFY(!w->isWindowModified());
    w->close();
    auto *again = new DesignWindow;
    QVERIFY2(again->openFile(path, &error), qPrintable(error));
    QCOMPARE(again->document()->design(), built);
    QVERIFY(!again->isWindowModified());
    again->close();
}

void TestDesignWindow::compareWithSampleCatalog()
{
    auto *w = new DesignWindow([] { return std::optional<BrokerCatalog>(sampleCatalog()); });
    w->designFromCatalog(sampleCatalog());
    w->selectObject({ObjectKind::Queue, u"AuditQueue"_qs, u"dbo"_qs});
    auto *status = qobject_cast<QCheckBox *>(w->propertyEditor()->editor(u"status"_qs));
    QVERIFY(status && !status->isChecked());
    status->setChecked(true);
    w->selectObject({ObjectKind::Service, u"//Contoso/Audit/Sender"_qs, {}});
    w->deleteAction()->trigger(); // no dependants: no question asked
    QVERIFY(!w->document()->design().service(u"//Contoso/Audit/Sender"_qs));
    MigrationPreviewDialog *preview = w->compareWith(sampleCatalog());
    preview->show();
    QVERIFY(QTest::qWaitForWindowExposed(preview));
    const QString script = preview->scriptView()->toPlainText();
    QVERIFY(script.contains(u"ALTER QUEUE [dbo].[AuditQueue] WITH STATUS = ON;"_qs));
    QVERIFY(script.contains(u"-- WARNING: dropping a service ends its conversations with an error\nDROP SERVICE [//Contoso/Audit/Sender];"_qs));
    QVERIFY(preview->differencesView()->toPlainText().startsWith(u"alter queue [dbo].[AuditQueue]"_qs));
    QVERIFY(!preview->deployButton()->isEnabled()); // nothing connected to the operations path
    QVERIFY(preview->grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/designwindow-migration.png")));
    preview->close();
    // With a receiver the preview hands the script over, and runs nothing itself.
    QSignalSpy deploy(w, &DesignWindow::deployRequested);
    MigrationPreviewDialog *second = w->compareWith(sampleCatalog());
    QVERIFY(second->deployButton()->isEnabled());
    second->deployButton()->click();
    QCOMPARE(deploy.size(), 1);
    QCOMPARE(deploy.first().first().toString(), script);
    second->close();
    w->document()->undoStack()->setClean(); // no save prompt in the test
    w->close();
}

void TestDesignWindow::refusedEditIsShownNotApplied()
{
    DesignWindow w;
    add(w, ObjectKind::Queue, u"Q"_qs);
    add(w, ObjectKind::Queue, u"Q"_qs); // the same name again
    QCOMPARE(w.document()->design().queues.size(), 1);
    QCOMPARE(w.document()->undoStack()->count(), 1);
    add(w, ObjectKind::Service, QString(129, QLatin1Char('s')));
    QVERIFY(w.document()->design().services.isEmpty());
    // A rename to a name in use is refused and the editor stays on the object.
    add(w, ObjectKind::Queue, u"Other"_qs);
    auto *name = qobject_cast<QLineEdit *>(w.propertyEditor()->editor(u"name"_qs));
    QVERIFY(name);
    name->setText(u"Q"_qs);
    emit name->editingFinished();
    QCOMPARE(w.propertyEditor()->object().name, u"Other"_qs);
    QVERIFY(w.document()->design().queue(u"dbo"_qs, u"Other"_qs));
    w.document()->undoStack()->setClean();
}

QTEST_MAIN(TestDesignWindow)
#include "tst_designwindow.moc"
