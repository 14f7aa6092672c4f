#include "core/design/designautosave.h"
#include "core/design/designdiff.h"
#include "core/design/designdocument.h"
#include "core/design/designedit.h"
#include "core/samplecatalog.h"
#include "core/sim/simulator.h"
#include "data/sim/simbrokersource.h"
#include "ui/design/designcanvas.h"
#include "ui/design/designlauncher.h"
#include "ui/design/designpropertyeditor.h"
#include "ui/design/designwindow.h"
#include "ui/design/migrationpreviewdialog.h"
#include "ui/design/simulatedesigndialog.h"
#include "ui/graph/brokergraphview.h"
#include "ui/graph/graphnodeitem.h"
#include "ui/mainwindow.h"
#include "ui/monitor/monitorpage.h"
#include "ui/wizard/problemlabel.h"
#include "ui/wizard/patternwizard.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QMouseEvent>
#include <QStatusBar>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>
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
    void initTestCase();
    void buildPairUndoRedoSaveReopen();
    void buildSamplePairOnTheCanvas();
    void movedObjectsKeepTheirPlace();
    void multiSelectDeleteAndFind();
    void autosaveIsOfferedBackAfterACrash();
    void autosaveGoesWhenSavedOrDiscarded();
    void patternWizardOpensADesign();
    void compareWithSampleCatalog();
    void refusedEditIsShownNotApplied();
    void simulateADesignInTheMainWindow();
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

QPoint viewportPoint(DesignWindow &w, const DesignRef &ref)
{
    const auto pos = w.designCanvas()->nodePosition(ref);
    return pos ? w.canvas()->mapFromScene(*pos) : QPoint(-1, -1);
}

void sendMouse(QWidget *viewport, QEvent::Type type, const QPoint &at, Qt::MouseButtons buttons, Qt::KeyboardModifiers modifiers)
{
    const Qt::MouseButton button = type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton;
    QMouseEvent event(type, QPointF(at), QPointF(viewport->mapToGlobal(at)), button, buttons, modifiers);
    QApplication::sendEvent(viewport, &event);
}

/// Drags on the canvas from one object's node to another's (Shift: connect) or to a point.
void drag(DesignWindow &w, const QPoint &from, const QPoint &to, Qt::KeyboardModifiers modifiers)
{
    QWidget *viewport = w.canvas()->viewport();
    sendMouse(viewport, QEvent::MouseButtonPress, from, Qt::LeftButton, modifiers);
    for (int i = 1; i <= 5; ++i)
        sendMouse(viewport, QEvent::MouseMove, from + (to - from) * i / 5, Qt::LeftButton, modifiers);
    sendMouse(viewport, QEvent::MouseButtonRelease, to, Qt::NoButton, modifiers);
    QCoreApplication::processEvents(); // the canvas records a move after the view has finished it
}

void connectByDrag(DesignWindow &w, const DesignRef &from, const DesignRef &to)
{
    waitForLayout(w);
    drag(w, viewportPoint(w, from), viewportPoint(w, to), Qt::ShiftModifier);
}

void setEditorValue(DesignWindow &w, const DesignRef &ref, const QString &key, const QVariant &value)
{
    w.selectObject(ref);
    QWidget *editor = w.propertyEditor()->editor(key);
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        combo->setCurrentIndex(combo->findText(value.toString()));
        emit combo->textActivated(combo->currentText());
    } else if (auto *check = qobject_cast<QCheckBox *>(editor)) {
        check->setChecked(value.toBool());
    } else if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        line->setText(value.toString());
        emit line->editingFinished();
    } else if (auto *spin = qobject_cast<QSpinBox *>(editor)) {
        spin->setValue(value.toInt());
        emit spin->editingFinished();
    } else {
        QFAIL(qPrintable(u"no editor for "_qs + key));
    }
}

/// Clicks the button labelled `text` of the next modal message box.
void answerNextBox(const QString &text)
{
    QTimer::singleShot(0, [text] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box) {
            answerNextBox(text); // not shown yet
            return;
        }
        for (QAbstractButton *b : box->buttons()) {
            if (b->text().remove(u'&') == text) {
                QDir(QStringLiteral(BS_TEST_ARTIFACT_DIR)).mkpath(u"."_qs);
                if (box->objectName() == u"recoverDesign"_qs)
                    box->grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/design-recover.png"));
                b->click();
                return;
            }
        }
    });
}

/// The child process of autosaveIsOfferedBackAfterACrash: a designer with an unsaved queue,
/// autosaved, then the process dies without closing anything.
[[noreturn]] void crashWithUnsavedDesign()
{
    auto *w = new DesignWindow;
    add(*w, ObjectKind::Queue, u"dbo.Crashed Queue ]'"_qs);
    QString error;
    if (!w->autosave()->writeNow(&error))
        qFatal("autosave failed: %s", qPrintable(error));
    std::abort();
}

} // namespace

void TestDesignWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QDir(DesignAutosave::directory()).removeRecursively();
}

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

void TestDesignWindow::buildSamplePairOnTheCanvas()
{
    // The sample catalog's Orders pair, from nothing: objects from the palette, options in the
    // property editor, every connection dragged on the canvas.
    auto *w = new DesignWindow;
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w));
    w->designCanvas()->setSentByChooser([](const DesignRef &, const DesignRef &m) {
        return std::optional<SentBy>(m.name.endsWith(u"Result"_qs) ? SentBy::Target : SentBy::Initiator);
    });
    const DesignRef task{ObjectKind::MessageType, u"//Contoso/Orders/Task"_qs, {}};
    const DesignRef eos{ObjectKind::MessageType, u"//Contoso/Orders/EndOfStream"_qs, {}};
    const DesignRef result{ObjectKind::MessageType, u"//Contoso/Orders/Result"_qs, {}};
    const DesignRef contract{ObjectKind::Contract, u"//Contoso/Orders/Contract"_qs, {}};
    const DesignRef initQueue{ObjectKind::Queue, u"OrdersInitiatorQueue"_qs, u"dbo"_qs};
    const DesignRef targetQueue{ObjectKind::Queue, u"OrdersTargetQueue"_qs, u"dbo"_qs};
    const DesignRef initiator{ObjectKind::Service, u"//Contoso/Orders/Initiator"_qs, {}};
    const DesignRef target{ObjectKind::Service, u"//Contoso/Orders/Target"_qs, {}};
    for (const DesignRef &m : {task, eos, result})
        add(*w, ObjectKind::MessageType, m.name);
    setEditorValue(*w, task, u"validation"_qs, u"WELL_FORMED_XML"_qs);
    setEditorValue(*w, eos, u"validation"_qs, u"EMPTY"_qs);
    setEditorValue(*w, result, u"validation"_qs, u"WELL_FORMED_XML"_qs);
    add(*w, ObjectKind::Contract, contract.name);
    add(*w, ObjectKind::Queue, u"dbo.OrdersInitiatorQueue"_qs);
    add(*w, ObjectKind::Queue, u"dbo.OrdersTargetQueue"_qs);
    for (const auto &[queue, procedure, readers] : {std::tuple{initQueue, u"dbo.Orders_Initiator"_qs, 1},
                                                    std::tuple{targetQueue, u"dbo.Orders_Target"_qs, 8}}) {
        setEditorValue(*w, queue, u"activation"_qs, true);
        setEditorValue(*w, queue, u"procedure"_qs, procedure);
        setEditorValue(*w, queue, u"maxQueueReaders"_qs, readers);
    }
    // Both services start on the selected queue (the palette's rule); the drags put them right.
    w->selectObject(initQueue);
    add(*w, ObjectKind::Service, initiator.name);
    w->selectObject(initQueue);
    add(*w, ObjectKind::Service, target.name);
    QCOMPARE(w->document()->design().service(target.name)->queueName, initQueue.name);
    const int before = w->document()->undoStack()->count();
    connectByDrag(*w, target, targetQueue);
    QCOMPARE(w->document()->design().service(target.name)->queueName, targetQueue.name);
    connectByDrag(*w, target, contract);
    for (const DesignRef &m : {task, eos, result})
        connectByDrag(*w, contract, m);
    QCOMPARE(w->document()->undoStack()->count(), before + 5); // one command per drag
    // A drag that makes no sense is refused and said, not applied.
    connectByDrag(*w, task, initQueue);
    QCOMPARE(w->document()->undoStack()->count(), before + 5);
    QVERIFY(w->statusBar()->currentMessage().startsWith(u"Not connected: "_qs));

    waitForLayout(*w);
    QVERIFY(w->grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/design-canvas-pair.png")));
    const BrokerDesign built = w->document()->design();

    // The same objects as the sample catalog's pair: the diff finds nothing to change.
    BrokerDesign expected = BrokerDesign::fromCatalog(sampleCatalog());
    const QList<DesignRef> all = expected.objects();
    for (auto it = all.crbegin(); it != all.crend(); ++it) { // dependants first
        if (!it->name.startsWith(u"//Contoso/Orders/"_qs) && !it->name.startsWith(u"Orders"_qs) && expected.contains(*it))
            QVERIFY2(DesignEdit::remove(expected, *it).isEmpty(), qPrintable(it->display()));
    }
    QCOMPARE(expected.objectCount(), 8);
    const DesignMigration same = DesignDiff::diff(expected, built, u"sample"_qs, u"canvas"_qs);
    QVERIFY2(same.isEmpty(), qPrintable(same.summary()));

    // Undo all, redo all, save, reopen: still no difference.
    while (w->undoAction()->isEnabled())
        w->undoAction()->trigger();
    QVERIFY(w->document()->design().isEmpty());
    while (w->redoAction()->isEnabled())
        w->redoAction()->trigger();
    QCOMPARE(w->document()->design(), built);
    QTemporaryDir dir;
    QString error;
    QVERIFY2(w->saveTo(dir.filePath(u"orders.json"_qs), &error), qPrintable(error));
    w->close();
    auto *again = new DesignWindow;
    QVERIFY2(again->openFile(dir.filePath(u"orders.json"_qs), &error), qPrintable(error));
    const DesignMigration reopened = DesignDiff::diff(expected, again->document()->design(), u"sample"_qs, u"file"_qs);
    QVERIFY2(reopened.isEmpty(), qPrintable(reopened.summary()));
    again->close();
}

void TestDesignWindow::movedObjectsKeepTheirPlace()
{
    auto *w = new DesignWindow;
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w));
    add(*w, ObjectKind::Queue, u"dbo.Q1"_qs);
    add(*w, ObjectKind::Service, u"//S1"_qs);
    add(*w, ObjectKind::Contract, u"//C1"_qs);
    waitForLayout(*w);
    const DesignRef service{ObjectKind::Service, u"//S1"_qs, {}};
    const DesignRef queue{ObjectKind::Queue, u"Q1"_qs, u"dbo"_qs};
    const DesignRef contractRef{ObjectKind::Contract, u"//C1"_qs, {}};
    const QPointF start = *w->designCanvas()->nodePosition(service);
    const QPointF queueAt = *w->designCanvas()->nodePosition(queue);
    // Drag the service 120 points to the right: one move on the stack, kept in the file.
    const int count = w->document()->undoStack()->count();
    const QPoint from = viewportPoint(*w, service);
    const QPoint by = w->canvas()->mapFromScene(start + QPointF(120, 0)) - w->canvas()->mapFromScene(start);
    drag(*w, from, from + by, Qt::NoModifier);
    QTRY_COMPARE(w->document()->undoStack()->count(), count + 1);
    const QPointF moved = *w->designCanvas()->nodePosition(service);
    QVERIFY(qAbs(moved.x() - start.x() - 120) < 3);
    QCOMPARE(w->document()->file().positions.value(service.display()), moved);

    // Another object added: Graphviz lays out again, but what is drawn stays where it was.
    add(*w, ObjectKind::MessageType, u"//M1"_qs);
    waitForLayout(*w);
    QCOMPARE(*w->designCanvas()->nodePosition(service), moved);
    QCOMPARE(*w->designCanvas()->nodePosition(queue), queueAt);
    QVERIFY(w->designCanvas()->nodePosition(contractRef));
    QVERIFY(w->grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/design-canvas-moved.png")));

    // Undo the add and the move: the service is back where Graphviz put it.
    w->undoAction()->trigger();
    w->undoAction()->trigger();
    waitForLayout(*w);
    QCOMPARE(*w->designCanvas()->nodePosition(service), start);
    w->redoAction()->trigger();
    QCOMPARE(*w->designCanvas()->nodePosition(service), moved);

    // Saved and reopened: the moved object is drawn where the user put it.
    QTemporaryDir dir;
    QString error;
    QVERIFY2(w->saveTo(dir.filePath(u"moved.json"_qs), &error), qPrintable(error));
    w->close();
    auto *again = new DesignWindow;
    again->show();
    QVERIFY2(again->openFile(dir.filePath(u"moved.json"_qs), &error), qPrintable(error));
    waitForLayout(*again);
    QCOMPARE(*again->designCanvas()->nodePosition(service), moved);
    again->close();
}

void TestDesignWindow::multiSelectDeleteAndFind()
{
    auto *w = new DesignWindow;
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w));
    for (const QString &name : {u"//Find/A"_qs, u"//Find/B"_qs, u"//Other/C"_qs})
        add(*w, ObjectKind::MessageType, name);
    waitForLayout(*w);
    // Find selects every match and centres the first.
    w->designCanvas()->findAction()->trigger();
    w->designCanvas()->findField()->setText(u"find/"_qs);
    emit w->designCanvas()->findField()->returnPressed();
    QCOMPARE(w->designCanvas()->selectedObjects().size(), 2);
    QVERIFY(w->statusBar()->currentMessage().contains(u"2"_qs));
    // Ctrl+click adds the third to the selection.
    QTest::mouseClick(w->canvas()->viewport(), Qt::LeftButton, Qt::ControlModifier,
                      viewportPoint(*w, {ObjectKind::MessageType, u"//Other/C"_qs, {}}));
    QCOMPARE(w->designCanvas()->selectedObjects().size(), 3);
    QVERIFY(w->grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/design-canvas-selection.png")));
    // Delete them all: one step on the stack, undone as one.
    const int count = w->document()->undoStack()->count();
    w->deleteAction()->setEnabled(true);
    w->deleteAction()->trigger();
    QVERIFY(w->document()->design().isEmpty());
    QCOMPARE(w->document()->undoStack()->count(), count + 1);
    w->undoAction()->trigger();
    QCOMPARE(w->document()->design().messageTypes.size(), 3);
    w->document()->undoStack()->setClean();
    w->close();
}

void TestDesignWindow::autosaveIsOfferedBackAfterACrash()
{
    // A real crash: this test binary again, told to die with an autosaved, unsaved design.
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"BS_DESIGNER_CRASH"_qs, u"1"_qs);
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(child.waitForFinished(60000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);
    const QList<RecoverableDesign> left = DesignAutosave::leftOver();
    QCOMPARE(left.size(), 1);
    QVERIFY(left.first().file.design.queue(u"dbo"_qs, u"Crashed Queue ]'"_qs));
    QVERIFY(left.first().originalPath.isEmpty());

    // A designer that is alive is never offered: its lock is held.
    DesignWindow other;
    add(other, ObjectKind::Queue, u"Alive"_qs);
    QVERIFY(other.autosave()->writeNow());
    QCOMPARE(DesignAutosave::leftOver().size(), 1);

    // The next designer opened from the main window asks; Restore brings it back, unsaved.
    DesignLauncher launcher(nullptr, {});
    answerNextBox(u"Restore"_qs);
    DesignWindow *w = launcher.open();
    QVERIFY(w->document()->design().queue(u"dbo"_qs, u"Crashed Queue ]'"_qs));
    QVERIFY(w->isWindowModified());
    QVERIFY(!QFile::exists(left.first().autosavePath));
    QVERIFY(QFile::exists(w->autosave()->path())); // its own autosave took over
    QVERIFY(DesignAutosave::leftOver().isEmpty());

    // Closing asks (unsaved); Discard closes and removes the autosave: nothing is offered again.
    const QString own = w->autosave()->path();
    answerNextBox(u"Discard"_qs);
    QVERIFY(w->close());
    QVERIFY(!QFile::exists(own));
    other.document()->undoStack()->setClean();
    QVERIFY(!QFile::exists(other.autosave()->path())); // back to the saved state: nothing to keep
    QVERIFY(DesignAutosave::leftOver().isEmpty());
}

void TestDesignWindow::autosaveGoesWhenSavedOrDiscarded()
{
    DesignWindow w;
    w.autosave()->setInterval(50);
    add(w, ObjectKind::Queue, u"Q"_qs);
    // Written on its own after the interval, while the change is unsaved.
    QTRY_VERIFY(QFile::exists(w.autosave()->path()));
    QTemporaryDir dir;
    QString error;
    QVERIFY2(w.saveTo(dir.filePath(u"q.json"_qs), &error), qPrintable(error));
    QVERIFY(!QFile::exists(w.autosave()->path()));
    add(w, ObjectKind::Queue, u"R"_qs);
    QTRY_VERIFY(QFile::exists(w.autosave()->path()));
    QFile in(w.autosave()->path());
    QVERIFY(in.open(QIODevice::ReadOnly));
    QVERIFY(in.readAll().contains(dir.filePath(u"q.json"_qs).toUtf8())); // where it was being edited from
    in.close();
    w.undoAction()->trigger(); // back to what is saved
    QVERIFY(!QFile::exists(w.autosave()->path()));
}

void TestDesignWindow::patternWizardOpensADesign()
{
    DesignLauncher launcher(nullptr, {});
    PatternWizard wizard(sampleCatalog());
    connect(&wizard, &PatternWizard::designRequested, &launcher, &DesignLauncher::openDesign);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    while (wizard.currentId() != PatternWizard::FinishPageId) {
        const int before = wizard.currentId();
        wizard.next();
        QVERIFY2(wizard.currentId() != before, "the wizard's defaults do not reach the Finish page");
    }
    auto *open = wizard.findChild<QPushButton *>(u"openDesignButton"_qs);
    QVERIFY(open && open->isVisible());
    open->click();
    QCOMPARE(launcher.windows().size(), 1);
    DesignWindow *w = launcher.windows().first();
    const BrokerDesign &d = w->document()->design();
    QVERIFY(d.services.size() >= 2);
    QVERIFY(d.contracts.size() >= 1);
    QVERIFY(w->isWindowModified()); // a starting point, not saved anywhere
    waitForLayout(*w);
    QVERIFY(w->canvas()->nodeItems().size() >= int(d.objectCount()));
    QVERIFY(w->grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/design-pattern.png")));
    w->document()->undoStack()->setClean();
    w->close();
}

// Design › Simulate…: a workload on a pair of the design runs in a monitor tab of the main window.
void TestDesignWindow::simulateADesignInTheMainWindow()
{
    // A designer on its own has nobody to run the scenario: Simulate… is off.
    DesignWindow alone;
    QVERIFY(!alone.simulateAction()->isEnabled());

    MainWindow w;
    w.resize(1280, 800);
    w.show();
    w.openDemo();
    QTRY_VERIFY_WITH_TIMEOUT(w.monitorPage(), 5000);
    BrokerSource *demo = w.source();
    DesignWindow *designer = w.designs()->openDesign(BrokerDesign::fromCatalog(w.catalog()));
    QVERIFY(designer->simulateAction()->isEnabled());
    QCOMPARE(designer->simulateAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_R));
    SimulateDesignDialog *dialog = designer->simulate();
    QVERIFY(dialog->isVisible());
    const int naive = dialog->pairBox()->findText(u"//BrokerStudio/Naive/Initiator → //BrokerStudio/Naive/Target"_qs,
                                                  Qt::MatchStartsWith);
    const int orders = dialog->pairBox()->findText(u"//BrokerStudio/Orders/Initiator → //BrokerStudio/Orders/Target"_qs,
                                                   Qt::MatchStartsWith);
    QVERIFY(naive >= 0 && orders >= 0);
    const int keepFiring = dialog->patternBox()->findData(int(sim::PatternKind::KeepFiring));
    QVERIFY(keepFiring >= 0);
    // Keep-firing on the naive contract (one message type): refused inline, Simulate stays off.
    dialog->pairBox()->setCurrentIndex(naive);
    dialog->patternBox()->setCurrentIndex(keepFiring);
    QVERIFY(!dialog->simulateButton()->isEnabled());
    QVERIFY2(dialog->problemLabel()->text().contains(u"second message type"_qs), qPrintable(dialog->problemLabel()->text()));
    // On the orders contract (task and EndOfStream) it runs.
    dialog->pairBox()->setCurrentIndex(orders);
    QCOMPARE(dialog->endOfStreamBox()->currentText(), u"//BrokerStudio/Orders/EndOfStream"_qs);
    dialog->poolBox()->setValue(8);
    dialog->rateBox()->setValue(20);
    QVERIFY(dialog->simulateButton()->isEnabled());
    QVERIFY(dialog->grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/design-simulate.png")));
    const int tabsBefore = w.tabs()->count();
    QTest::mouseClick(dialog->simulateButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(w.source() != demo && w.monitorPage() && w.monitorPage()->source() == w.source(), 10000);
    QCOMPARE(w.tabs()->count(), tabsBefore + 1);
    QVERIFY2(w.source()->displayName().contains(u"simulated design"_qs), qPrintable(w.source()->displayName()));
    auto *sim = qobject_cast<SimBrokerSource *>(w.source());
    QVERIFY(sim);
    QCOMPARE(sim->scenario().workloads.size(), 1);
    QCOMPARE(sim->scenario().workloads.first().pattern.kind, sim::PatternKind::KeepFiring);
    // The pool holds: after a simulated minute of 20 msg/s, at most 16 endpoints (both sides).
    QTRY_VERIFY_WITH_TIMEOUT(sim->simulator()->now() > 60 * sim::Second, 20000);
    QVERIFY(sim->simulator()->flow().processed > 600);
    QVERIFY2(sim->simulator()->endpointCount() <= 16, qPrintable(QString::number(sim->simulator()->endpointCount())));
    QTest::qWait(300);
    QVERIFY(w.grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/design-simulated-monitor.png")));
    designer->document()->undoStack()->setClean();
    designer->close();
}

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    if (qEnvironmentVariableIsSet("BS_DESIGNER_CRASH"))
        crashWithUnsavedDesign();
    TestDesignWindow test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_designwindow.moc"
