#include "ui/ops/opscontroller.h"

#include "core/ops/operationregistry.h"
#include "core/ops/poisontriage.h"
#include "core/sqlquote.h"
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
#include "ui/monitor/endpointtablemodel.h"
#include "ui/ops/operationpreviewdialog.h"
#include "ui/ops/pairconversationsdialog.h"
#include "ui/ops/poisontriageview.h"
#include "ui/ops/sendmessagedialog.h"
#include "ui/ops/transmissionview.h"

#include <QAction>
#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFormLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

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

// ALTER DATABASE … SET <broker option>: what it does, and WITH ROLLBACK IMMEDIATE only with its warning.
bool askDatabaseOption(QWidget *parent, Operation *op)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(QObject::tr("ALTER DATABASE … SET %1").arg(OperationRegistry::brokerOptionKeyword(op->brokerSwitch)));
    auto *layout = new QVBoxLayout(&dialog);
    auto *effect = new QLabel(OperationRegistry::brokerOptionEffect(op->brokerSwitch));
    effect->setWordWrap(true);
    layout->addWidget(effect);
    auto *rollback = new QCheckBox(QObject::tr("WITH ROLLBACK IMMEDIATE"));
    rollback->setObjectName(QStringLiteral("rollbackImmediate"));
    layout->addWidget(rollback);
    Operation withRollback = *op;
    withRollback.rollbackImmediate = true;
    auto *warning = new QLabel(QObject::tr("⚠ %1").arg(OperationRegistry::warning(withRollback)));
    warning->setWordWrap(true);
    warning->setStyleSheet(QStringLiteral("QLabel { color: #a33; }"));
    layout->addWidget(warning);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(QObject::tr("Preview T-SQL…"));
    layout->addWidget(buttons);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    op->rollbackImmediate = rollback->isChecked();
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
    , m_sendAction(new QAction(tr("Send &Test Message…"), this))
    , m_databaseMenu(new QMenu(tr("Database &Broker"), window))
{
    connect(m_sendAction, &QAction::triggered, this, &OpsController::openSendMessage);
    const QList<std::pair<BrokerSwitch, QString>> options{
        {BrokerSwitch::Enable, tr("Enable Broker (ENABLE_BROKER)…")},
        {BrokerSwitch::Disable, tr("Disable Broker (DISABLE_BROKER)…")},
        {BrokerSwitch::NewBroker, tr("New Broker Identifier (NEW_BROKER)…")},
        {BrokerSwitch::ErrorConversations, tr("End All Conversations with Error (ERROR_BROKER_CONVERSATIONS)…")}};
    for (const auto &[option, text] : options) {
        m_databaseMenu->addAction(text, this, [this, option = option] {
            Operation op;
            op.kind = OperationKind::DatabaseBroker;
            op.brokerSwitch = option;
            op.database = m_path && m_path->operations() ? m_path->operations()->identity().database : QString();
            requestOperation(op);
        });
    }
    m_databaseMenu->setToolTipsVisible(true);
    updateWriteActions();
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
        connect(m_path, &OperationPath::catalogChanged, this, &OpsController::catalogChanged);
    }
    m_auditView->setPath(m_path);
    updateWriteActions();
}

void OpsController::setCatalog(const BrokerCatalog &catalog)
{
    m_catalog = catalog;
    m_triageViews.removeAll(nullptr);
    for (PoisonTriageView *view : std::as_const(m_triageViews)) {
        if (const Queue *q = catalog.queueByName(view->property("queueSchema").toString(), view->property("queueName").toString()))
            view->setQueue(*q);
    }
}

void OpsController::watchAlerts(AlertsPanel *panel)
{
    if (!panel)
        return;
    panel->setActionProvider([this](const Alert &alert) { return alertActions(alert, m_catalog); });
    connect(panel, &AlertsPanel::actionRequested, this, [this, panel](const AlertAction &action) {
        if (action.id == QLatin1String("triage")) {
            QDateTime since;
            for (const Alert &a : panel->activeAlerts()) {
                if (a.kind == AlertKind::QueueDisabled && a.subject == quoteIdentifier(action.queue.schema) + QLatin1Char('.') + quoteIdentifier(action.queue.name))
                    since = a.since;
            }
            openPoisonTriage(action.queue, since);
        } else {
            openQueueMessages(action.queue);
        }
    });
}

void OpsController::openPoisonTriage(const QueueRef &ref, const QDateTime &disabledSince)
{
    const Queue *queue = m_catalog.queueByName(ref.schema, ref.name);
    if (!m_path || !m_path->operations() || !queue)
        return;
    auto *view = new PoisonTriageView(m_path->operations(), *queue, disabledSince, m_path->writesBlockedReason());
    view->setObjectName(QStringLiteral("poisonTriage"));
    view->setProperty("queueSchema", ref.schema);
    view->setProperty("queueName", ref.name);
    connect(view, &PoisonTriageView::operationRequested, this, &OpsController::requestOperation);
    connect(view, &PoisonTriageView::conversationRequested, this, &OpsController::openConversation);
    // After a plan ran, the view reads the queue again (its candidate, the quarantine).
    connect(m_path->operations(), &BrokerOperations::changed, view, &PoisonTriageView::refresh);
    m_triageViews.append(view);
    m_tabs->setCurrentIndex(m_tabs->addTab(view, tr("Triage: %1").arg(ref.displayName())));
}

void OpsController::updateWriteActions()
{
    const QString blocked = !m_path ? tr("No connection.") : m_path->writesBlockedReason();
    QList<QAction *> writes = m_databaseMenu->actions();
    writes.append(m_sendAction);
    for (QAction *a : writes) {
        a->setEnabled(blocked.isEmpty());
        a->setToolTip(blocked);
        a->setStatusTip(blocked);
    }
}

void OpsController::openSendMessage()
{
    if (!m_path)
        return;
    SendMessageDialog ask(m_catalog, m_window);
    ask.setObjectName(QStringLiteral("sendMessageDialog"));
    if (ask.exec() != QDialog::Accepted)
        return;
    requestOperation(ask.operation());
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
    if (const Queue *q = m_catalog.queueByName(queue.schema, queue.name); q && PoisonTriage::isDisabled(*q))
        menu->addAction(tr("Poison Triage…"), this, [this, queue] { openPoisonTriage(queue); });
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
            if (q.schema + QLatin1Char('.') + q.name != key)
                continue;
            // A queue turned off opens its poison triage (which shows the suspect message); any
            // other queue its messages.
            if (PoisonTriage::isDisabled(q))
                openPoisonTriage({q.schema, q.name});
            else
                openQueueMessages({q.schema, q.name});
        }
    });
    if (page->endpointPanel()) {
        // A row is a service pair in one state: its endpoints, then one conversation.
        connect(page->endpointPanel()->view(), &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
            const auto text = [&](int column) { return index.siblingAtColumn(column).data().toString(); };
            openPairConversations(text(EndpointTableModel::LocalService), text(EndpointTableModel::FarService),
                                  text(EndpointTableModel::State));
        });
        connect(page->endpointPanel(), &SampleTablePanel::contextMenuRequested, this, [this](const QModelIndex &index, QMenu *menu) {
            if (const auto *model = qobject_cast<const EndpointTableModel *>(index.model()))
                addEndpointActions(menu, model->groupAt(index.row()));
        });
    }
    watchAlerts(page->alertsPanel());
}

void OpsController::addEndpointActions(QMenu *menu, const EndpointGroup &group)
{
    if (!m_path)
        return;
    const QString notLeak = CleanupPlan::whyNotCleanable(group);
    const QString blocked = !notLeak.isEmpty() ? notLeak : m_path->writesBlockedReason();
    const CleanupPlan plan = CleanupPlan::forEndpointGroup(group);
    QAction *a = menu->addAction(tr("Clean up leaked endpoints of this pair…"), this, [this, plan] { openCleanupPlan(plan); });
    a->setObjectName(QStringLiteral("cleanupPair"));
    a->setEnabled(blocked.isEmpty());
    const QString tip = blocked.isEmpty() ? tr("The guided leak cleanup of %1 → %2 in state %3: dry run first.")
                                                .arg(group.localService, group.farService, endpointStateCode(group.state))
                                          : blocked;
    a->setToolTip(tip);
    a->setStatusTip(tip);
}

void OpsController::openPairConversations(const QString &local, const QString &far, const QString &stateCode)
{
    if (!m_path || !m_path->operations())
        return;
    auto *dialog = new PairConversationsDialog(m_path->operations(), local, far, stateCode, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("pairConversations"));
    connect(dialog, &PairConversationsDialog::conversationRequested, this, &OpsController::openConversation);
    dialog->show();
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
    return openCleanupPlan(plan);
}

QDialog *OpsController::openCleanupPlan(const CleanupPlan &plan)
{
    if (!m_path)
        return nullptr;
    auto *dialog = new CleanupDialog(m_path, m_catalog, plan, m_window);
    dialog->setObjectName(QStringLiteral("cleanupDialog"));
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
    if (op.kind == OperationKind::DatabaseBroker && !askDatabaseOption(m_window, &op))
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
    if (op.kind == OperationKind::SendMessage) {
        // Where the message went: the new conversation, with the target's endpoint and queued
        // messages when it is local, or its row in sys.transmission_queue with the status explained.
        connect(dialog, &OperationPreviewDialog::finished, this, [this](const OperationResult &r) {
            if (r.ok && !r.conversationHandle.isNull())
                openConversation(r.conversationHandle);
        });
    }
    dialog->show();
    m_auditDock->show();
}

} // namespace bs
