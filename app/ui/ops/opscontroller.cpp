#include "ui/ops/opscontroller.h"

#include "core/ops/operationregistry.h"
#include "data/brokersource.h"
#include "data/ops/operationpath.h"
#include "ui/monitor/alertspanel.h"
#include "ui/monitor/keyedtablemodel.h"
#include "ui/monitor/monitorpage.h"
#include "ui/monitor/sampletablepanel.h"
#include "ui/ops/auditview.h"
#include "ui/ops/cleanupdialog.h"
#include "ui/ops/conversationdialog.h"
#include "ui/ops/messagebrowser.h"
#include "ui/ops/operationpreviewdialog.h"
#include "ui/ops/transmissionview.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFormLayout>
#include <QInputDialog>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>

namespace bs {

namespace {

// END CONVERSATION … WITH ERROR needs a code (> 0) and a text for the far side.
bool askError(QWidget *parent, Operation *op)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(QObject::tr("End conversation with error"));
    auto *form = new QFormLayout(&dialog);
    auto *code = new QSpinBox;
    code->setRange(1, std::numeric_limits<int>::max());
    code->setValue(op->errorCode > 0 ? op->errorCode : 50000);
    auto *text = new QLineEdit(op->errorDescription);
    text->setMaxLength(3000);
    text->setPlaceholderText(QObject::tr("What the far side should learn"));
    form->addRow(QObject::tr("Error code:"), code);
    form->addRow(QObject::tr("Description:"), text);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    form->addRow(buttons);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    op->errorCode = code->value();
    op->errorDescription = text->text();
    return true;
}

} // namespace

OpsController::OpsController(QMainWindow *window, QTabWidget *tabs, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_tabs(tabs)
    , m_auditDock(new QDockWidget(tr("Audit"), window))
    , m_auditView(new AuditView)
    , m_transmissionAction(new QAction(tr("&Transmission Queue"), this))
{
    connect(m_transmissionAction, &QAction::triggered, this, &OpsController::openTransmissionQueue);
    m_auditDock->setObjectName(QStringLiteral("auditDock"));
    m_auditDock->setWidget(m_auditView);
    window->addDockWidget(Qt::BottomDockWidgetArea, m_auditDock);
    m_auditDock->hide();
}

void OpsController::setSource(BrokerSource *source, const QString &auditPath)
{
    if (m_source == source)
        return;
    m_source = source;
    m_auditView->setPath(nullptr);
    delete m_path;
    m_path = nullptr;
    if (source && source->operations()) {
        m_path = new OperationPath(source->operations(), this);
        m_path->openAudit(auditPath);
    }
    m_auditView->setPath(m_path);
}

QueueRef OpsController::queueOf(const ObjectRef &ref) const
{
    for (const Queue &q : m_catalog.queues) {
        if (ref.kind == ObjectKind::Queue && q.objectId == ref.id)
            return {q.schema, q.name};
    }
    return {};
}

void OpsController::addQueueActions(QMenu *menu, const ObjectRef &ref)
{
    const QueueRef queue = queueOf(ref);
    if (!queue.isValid() || !m_path)
        return;
    menu->addAction(tr("Messages…"), this, [this, queue] { openQueueMessages(queue); });
    menu->addSeparator();
    const QString blocked = m_path->writesBlockedReason();
    auto write = [&](const QString &text, Operation op) {
        QAction *a = menu->addAction(text, this, [this, op] { requestOperation(op); });
        a->setEnabled(blocked.isEmpty());
        a->setToolTip(blocked);
        a->setStatusTip(blocked);
    };
    Operation op;
    op.queue = queue;
    op.kind = OperationKind::QueueStatus;
    op.enable = true;
    write(tr("Enable queue (STATUS = ON)…"), op);
    op.enable = false;
    write(tr("Disable queue (STATUS = OFF)…"), op);
    op.kind = OperationKind::QueueActivation;
    op.enable = true;
    write(tr("Activation on…"), op);
    op.enable = false;
    write(tr("Activation off…"), op);
    op.kind = OperationKind::QueueMaxReaders;
    write(tr("Set MAX_QUEUE_READERS…"), op);
    menu->setToolTipsVisible(true);
}

void OpsController::watchMonitor(MonitorPage *page)
{
    if (page && page->alertsPanel())
        connect(page->alertsPanel(), &AlertsPanel::cleanupRequested, this, &OpsController::openCleanup);
    if (!page || !page->queuePanel())
        return;
    connect(page->queuePanel()->view(), &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        // The row's key is "schema.name"; matched whole against the catalog (a name may hold a dot).
        const QString key = index.data(KeyedTableModel<QueueSample>::KeyRole).toString();
        for (const Queue &q : m_catalog.queues) {
            if (q.schema + QLatin1Char('.') + q.name == key)
                openQueueMessages({q.schema, q.name});
        }
    });
}

void OpsController::openQueueMessages(const QueueRef &queue)
{
    if (!m_path || !m_path->operations())
        return;
    auto *browser = new MessageBrowser(m_path->operations(), queue);
    browser->setObjectName(QStringLiteral("messageBrowser"));
    connect(browser, &MessageBrowser::conversationRequested, this, &OpsController::openConversation);
    connect(browser, &MessageBrowser::operationRequested, this, &OpsController::requestOperation);
    m_tabs->setCurrentIndex(m_tabs->addTab(browser, tr("Messages: %1").arg(queue.displayName())));
}

void OpsController::openTransmissionQueue()
{
    if (!m_path || !m_path->operations())
        return;
    auto *view = new TransmissionView(m_path->operations());
    view->setObjectName(QStringLiteral("transmissionView"));
    connect(view, &TransmissionView::conversationRequested, this, &OpsController::openConversation);
    m_tabs->setCurrentIndex(m_tabs->addTab(view, tr("Transmission queue")));
}

void OpsController::openConversation(const QUuid &handle)
{
    if (!m_path || handle.isNull())
        return;
    auto *dialog = new ConversationDialog(m_path->operations(), handle, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConversationDialog::operationRequested, this, &OpsController::requestOperation);
    dialog->show();
}

QDialog *OpsController::openCleanup(const QString &localService, const QString &farService)
{
    if (!m_path)
        return nullptr;
    CleanupPlan plan;
    plan.localService = localService;
    plan.farService = farService;
    auto *dialog = new CleanupDialog(m_path, m_catalog, plan, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void OpsController::requestOperation(Operation op)
{
    if (!m_path)
        return;
    if (op.kind == OperationKind::EndConversationWithError && !askError(m_window, &op))
        return;
    if (op.kind == OperationKind::QueueMaxReaders) {
        bool ok = false;
        int current = 1;
        for (const Queue &q : m_catalog.queues) {
            if (q.schema == op.queue.schema && q.name == op.queue.name)
                current = q.maxReaders;
        }
        op.maxReaders = QInputDialog::getInt(m_window, tr("MAX_QUEUE_READERS"),
                                             tr("Activation procedures %1 may run at once (0–32767):").arg(op.queue.displayName()),
                                             current, 0, 32767, 1, &ok);
        if (!ok)
            return;
    }
    auto *dialog = new OperationPreviewDialog(m_path, op, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("operationPreview"));
    dialog->show();
    m_auditDock->show();
}

} // namespace bs
