#include "ui/design/designwindow.h"

#include "core/design/designautosave.h"
#include "core/design/designcommands.h"
#include "core/design/designddlparser.h"
#include "core/design/designddlwriter.h"
#include "core/design/designdiff.h"
#include "core/design/designdocument.h"
#include "core/design/designvalidator.h"
#include "ui/design/designcanvas.h"
#include "ui/design/designpropertyeditor.h"
#include "ui/design/migrationpreviewdialog.h"
#include "ui/design/simulatedesigndialog.h"
#include "ui/graph/brokergraphview.h"

#include <QCloseEvent>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMetaMethod>
#include <QSaveFile>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>

namespace bs {

namespace {

const QList<std::pair<ObjectKind, const char *>> PaletteKinds = {
    {ObjectKind::MessageType, QT_TRANSLATE_NOOP("bs::DesignWindow", "Message type")},
    {ObjectKind::Contract, QT_TRANSLATE_NOOP("bs::DesignWindow", "Contract")},
    {ObjectKind::Queue, QT_TRANSLATE_NOOP("bs::DesignWindow", "Queue")},
    {ObjectKind::Service, QT_TRANSLATE_NOOP("bs::DesignWindow", "Service")},
    {ObjectKind::Route, QT_TRANSLATE_NOOP("bs::DesignWindow", "Route")},
    {ObjectKind::RemoteServiceBinding, QT_TRANSLATE_NOOP("bs::DesignWindow", "Remote binding")},
};

} // namespace

DesignWindow::DesignWindow(std::function<std::optional<BrokerCatalog>()> currentCatalog, QWidget *parent)
    : QMainWindow(parent), m_currentCatalog(std::move(currentCatalog)), m_document(new DesignDocument(this))
    , m_autosave(new DesignAutosave(m_document, this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    m_canvas = new BrokerGraphView(this);
    setCentralWidget(m_canvas);
    m_designCanvas = new DesignCanvas(m_canvas, m_document, this);
    connect(m_designCanvas, &DesignCanvas::message, this, [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    m_properties = new DesignPropertyEditor(m_document, this);
    auto *propertiesDock = new QDockWidget(tr("Properties"), this);
    propertiesDock->setObjectName(QStringLiteral("designPropertiesDock"));
    propertiesDock->setWidget(m_properties);
    addDockWidget(Qt::RightDockWidgetArea, propertiesDock);
    m_issues = new QListWidget(this);
    m_issues->setToolTip(tr("What the design rules and the health check say about the design, updated on every edit"));
    auto *issuesDock = new QDockWidget(tr("Issues"), this);
    issuesDock->setObjectName(QStringLiteral("designIssuesDock"));
    issuesDock->setWidget(m_issues);
    addDockWidget(Qt::BottomDockWidgetArea, issuesDock);
    createPalette();
    createActions();
    connect(m_document, &DesignDocument::changed, this, &DesignWindow::refresh);
    connect(m_document->undoStack(), &QUndoStack::indexChanged, this, &DesignWindow::refresh);
    connect(m_document->undoStack(), &QUndoStack::cleanChanged, this, &DesignWindow::updateTitle);
    connect(m_canvas, &BrokerGraphView::objectSelected, this, [this](const ObjectRef &ref) {
        ObjectRef key = ref;
        if (ref.kind == ObjectKind::ActivationProcedure)
            key.kind = ObjectKind::Queue; // the procedure's node stands for its queue's activation
        m_properties->setObject(m_ids.value(key));
        m_delete->setEnabled(m_properties->object().isValid());
    });
    connect(m_canvas, &BrokerGraphView::layoutFinished, this, [this] {
        if (m_pendingSelection.isValid())
            selectObject(std::exchange(m_pendingSelection, {}));
    });
    connect(m_properties, &DesignPropertyEditor::editRefused, this, [this](const QString &why) { statusBar()->showMessage(why, 8000); });
    connect(m_issues, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const QStringList r = item->data(Qt::UserRole).toStringList();
        if (r.size() == 3)
            selectObject({ObjectKind(r.at(0).toInt()), r.at(1), r.at(2)});
    });
    resize(1200, 760);
    refresh();
}

DesignWindow::~DesignWindow()
{
    // The undo stack announces its clearing while the document is deleted with this window.
    m_document->undoStack()->disconnect(this);
    m_document->disconnect(this);
    m_document->disconnect(m_properties);
    m_document->undoStack()->disconnect(m_autosave);
    m_document->disconnect(m_autosave);
}

void DesignWindow::createPalette()
{
    auto *palette = addToolBar(tr("Palette"));
    palette->setObjectName(QStringLiteral("designPalette"));
    palette->addWidget(new QLabel(tr(" Add: "), palette));
    m_paletteName = new QLineEdit(palette);
    m_paletteName->setPlaceholderText(tr("name of the new object"));
    m_paletteName->setToolTip(tr("Type a name, then choose what to add. A queue may be written schema.name."));
    m_paletteName->setMaximumWidth(260);
    palette->addWidget(m_paletteName);
    for (const auto &[kind, label] : PaletteKinds) {
        auto *button = new QToolButton(palette);
        button->setText(tr(label));
        button->setToolTip(tr("Add a %1 with the name typed on the left").arg(tr(label).toLower()));
        connect(button, &QToolButton::clicked, this, [this, k = kind] { addFromPalette(k); });
        palette->addWidget(button);
        m_paletteButtons.insert(int(kind), button);
    }
}

void DesignWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New Design"), QKeySequence::New, this, &DesignWindow::newDesign);
    file->addAction(tr("&Open Design…"), QKeySequence::Open, this, &DesignWindow::openWithDialog)
        ->setToolTip(tr("A design file (.json) or a T-SQL script (.sql) whose broker objects become the design"));
    file->addAction(tr("&Save Design"), QKeySequence::Save, this, &DesignWindow::save);
    file->addAction(tr("Save Design &As…"), QKeySequence::SaveAs, this, &DesignWindow::saveAs);
    file->addSeparator();
    QAction *fromDb = file->addAction(tr("Design from &Current Database"), this, [this] {
        if (const auto c = m_currentCatalog ? m_currentCatalog() : std::nullopt; c && maybeSave())
            designFromCatalog(*c);
    });
    QAction *compare = file->addAction(tr("Co&mpare with Current Database…"), this, &DesignWindow::compareWithCurrent);
    compare->setToolTip(tr("The migration that makes the current database match the design, previewed; nothing runs"));
    fromDb->setEnabled(bool(m_currentCatalog));
    compare->setEnabled(bool(m_currentCatalog));
    file->addAction(tr("&Export DDL…"), this, &DesignWindow::exportDdl);
    file->addSeparator();
    file->addAction(tr("&Close"), QKeySequence::Close, this, &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    m_undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    m_undo->setShortcut(QKeySequence::Undo);
    m_redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    m_redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo});
    m_delete = new QAction(tr("&Delete"), this);
    m_delete->setShortcut(QKeySequence::Delete);
    m_delete->setEnabled(false);
    connect(m_delete, &QAction::triggered, this, &DesignWindow::deleteSelected);
    edit->addActions({m_undo, m_redo});
    edit->addSeparator();
    edit->addAction(m_delete);
    addToolBarBreak(); // the undo text names the edit: a row of its own keeps Find in view
    auto *tools = addToolBar(tr("Edit"));
    tools->setObjectName(QStringLiteral("designEditBar"));
    tools->addActions({m_undo, m_redo, m_delete});
    tools->addSeparator();
    tools->addAction(m_designCanvas->connectAction());
    tools->addSeparator();
    tools->addActions({m_canvas->fitAction(), m_canvas->zoomInAction(), m_canvas->zoomOutAction()});
    tools->addSeparator();
    tools->addWidget(m_designCanvas->findField());
    edit->addSeparator();
    edit->addAction(m_designCanvas->connectAction());
    edit->addAction(m_designCanvas->findAction());

    QMenu *design = menuBar()->addMenu(tr("&Design"));
    m_simulate = design->addAction(tr("&Simulate…"), QKeySequence(Qt::CTRL | Qt::Key_R), this, &DesignWindow::simulate);
    m_simulate->setToolTip(tr("Run the design in the simulator with a workload on one of its initiator → target pairs, "
                              "and watch it in the main window's monitor"));
    m_simulate->setEnabled(isSignalConnected(QMetaMethod::fromSignal(&DesignWindow::simulateRequested)));
    tools->addSeparator();
    tools->addAction(m_simulate);
}

SimulateDesignDialog *DesignWindow::simulate()
{
    auto *dialog = new SimulateDesignDialog(m_document->design(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("simulateDesignDialog"));
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (const DesignScenario made = dialog->designScenario(); made.scenario)
            Q_EMIT simulateRequested(*made.scenario);
    });
    dialog->open();
    return dialog;
}

void DesignWindow::connectNotify(const QMetaMethod &signal)
{
    // Simulate… needs someone to run the scenario (DesignLauncher hands it to the main window).
    if (signal == QMetaMethod::fromSignal(&DesignWindow::simulateRequested) && m_simulate)
        m_simulate->setEnabled(true);
    QMainWindow::connectNotify(signal);
}

void DesignWindow::addFromPalette(ObjectKind kind)
{
    QString name = m_paletteName->text().trimmed();
    const BrokerDesign &d = m_document->design();
    DesignObject object;
    switch (kind) {
    case ObjectKind::MessageType: object = DesignMessageType{name, {}, {}, {}}; break;
    case ObjectKind::Contract: object = DesignContract{name, {}, {}}; break;
    case ObjectKind::Queue: {
        DesignQueue q;
        const QStringList parts = splitMultipartName(name);
        if (parts.size() == 2) {
            q.schema = parts.at(0);
            q.name = parts.at(1);
        } else {
            q.name = name;
        }
        object = q;
        break;
    }
    case ObjectKind::Service: {
        // A new service goes on the selected queue, or the first one: CREATE SERVICE needs one.
        DesignService s{name, {}, {}, {}, {}};
        const DesignRef sel = selectedObject();
        if (sel.kind == ObjectKind::Queue) {
            s.queueSchema = sel.schema;
            s.queueName = sel.name;
        } else if (!d.queues.isEmpty()) {
            s.queueSchema = d.queues.first().schema;
            s.queueName = d.queues.first().name;
        } else {
            statusBar()->showMessage(tr("Add a queue first: a service needs one (ON QUEUE)."), 8000);
            return;
        }
        object = s;
        break;
    }
    case ObjectKind::Route: object = DesignRoute{name, {}, {}, {}, {}, {}, QStringLiteral("LOCAL"), {}}; break;
    default: object = DesignBinding{name, {}, {}, {}, false}; break;
    }
    const QString why = m_document->push(new AddObjectCommand(m_document, object));
    if (!why.isEmpty()) {
        statusBar()->showMessage(why, 8000);
        return;
    }
    m_paletteName->clear();
    selectObject(designRefOf(object));
}

void DesignWindow::selectObject(const DesignRef &ref)
{
    m_properties->setObject(ref);
    m_delete->setEnabled(ref.isValid());
    for (auto it = m_ids.cbegin(); it != m_ids.cend(); ++it) {
        if (it.value() == ref) {
            if (!m_canvas->selectObject(it.key()))
                m_pendingSelection = ref;
            return;
        }
    }
}

DesignRef DesignWindow::selectedObject() const
{
    return m_properties->object();
}

void DesignWindow::refresh()
{
    m_ids.clear();
    BrokerCatalog catalog = m_document->design().toCatalog(&m_ids);
    catalog.database.databaseName = m_document->design().databaseName;
    m_designCanvas->setIds(m_ids);
    if (m_drawnDesign && *m_drawnDesign == m_document->design()) {
        // Only positions changed (a move, or its undo): no new layout, the nodes follow the file.
        m_designCanvas->applyPositions();
        updateTitle();
        return;
    }
    m_drawnDesign = m_document->design();
    m_canvas->setCatalog(catalog);
    m_issues->clear();
    for (const DesignIssue &i : DesignValidator::validate(m_document->design())) {
        auto *item = new QListWidgetItem(QStringLiteral("%1  %2").arg(healthSeverityName(i.severity), i.message), m_issues);
        item->setData(Qt::UserRole, QStringList{QString::number(int(i.ref.kind)), i.ref.name, i.ref.schema});
        item->setToolTip(i.ruleId);
    }
    if (m_properties->object().isValid())
        m_pendingSelection = m_properties->object();
    updateTitle();
}

void DesignWindow::updateTitle()
{
    const QString name = m_document->path().isEmpty() ? tr("Untitled design") : QFileInfo(m_document->path()).fileName();
    setWindowTitle(tr("%1[*] — Broker Studio designer").arg(name));
    setWindowModified(m_document->isModified());
}

void DesignWindow::deleteSelected()
{
    QList<DesignRef> refs = m_designCanvas->selectedObjects();
    if (refs.isEmpty() && selectedObject().isValid())
        refs.append(selectedObject());
    if (refs.isEmpty())
        return;
    QStringList names;
    for (const DesignRef &ref : refs) {
        for (const DesignRef &d : DesignEdit::dependants(m_document->design(), ref)) {
            if (!refs.contains(d) && !names.contains(d.display()))
                names.append(d.display());
        }
    }
    if (!names.isEmpty()) {
        const QString what = tr("These objects are deleted with the selection or lose their reference to it:");
        const QString title = refs.size() == 1 ? tr("Delete %1").arg(refs.first().display()) : tr("Delete %n objects", nullptr, int(refs.size()));
        if (QMessageBox::question(this, title, what + QStringLiteral("\n\n") + names.join(u'\n')) != QMessageBox::Yes)
            return;
    }
    // One undo step for the whole selection; an object already gone with another is skipped.
    QUndoStack *stack = m_document->undoStack();
    if (refs.size() > 1)
        stack->beginMacro(tr("Delete %n objects", nullptr, int(refs.size())));
    for (const DesignRef &ref : refs) {
        if (m_document->design().contains(ref))
            m_document->push(new RemoveObjectCommand(m_document, ref));
    }
    if (refs.size() > 1)
        stack->endMacro();
    m_properties->setObject({});
}

} // namespace bs
