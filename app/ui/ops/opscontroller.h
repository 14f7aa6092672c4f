#pragma once

#include "core/catalog.h"
#include "core/ops/cleanupplan.h"
#include "core/ops/operation.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QAction;
class QDialog;
class QDockWidget;
class QMainWindow;
class QMenu;
class QTabWidget;

namespace bs {

class AlertsPanel;
class AuditView;
class PoisonTriageView;
class MonitorPage;
class BrokerSource;
class OperationPath;

/// Wires browsing and operations into the main window: a Messages tab per queue, the
/// conversation dialog, the preview dialog of every operation, and the Audit dock. One
/// OperationPath per source; its audit goes to the source's history file.
class OpsController : public QObject
{
    Q_OBJECT
public:
    /// `tabs`: where Messages tabs open. `auditPath` is asked when a source is set.
    OpsController(QMainWindow *window, QTabWidget *tabs, QObject *parent = nullptr);

    void setSource(BrokerSource *source, const QString &auditPath);
    void setCatalog(const BrokerCatalog &catalog);
    OperationPath *path() const { return m_path; }
    QDockWidget *auditDock() const { return m_auditDock; }
    AuditView *auditView() const { return m_auditView; }
    /// View › Transmission Queue, for the window's menu.
    QAction *transmissionAction() const { return m_transmissionAction; }
    /// Tools › Send Test Message…, disabled with the reason on a read-only profile.
    QAction *sendMessageAction() const { return m_sendAction; }
    /// Tools › Database Broker: ENABLE_BROKER, DISABLE_BROKER, NEW_BROKER, ERROR_BROKER_CONVERSATIONS.
    QMenu *databaseMenu() const { return m_databaseMenu; }
    /// A double-click on a row of the monitor's queue table opens that queue's messages (its poison
    /// triage when it is off); a row of the Endpoints table its endpoints, and its context menu the
    /// guided cleanup of that pair and state; the monitor's alerts offer Messages… and Triage… (watchAlerts).
    void watchMonitor(MonitorPage *page);
    /// The alerts panel's alerts about a queue offer Messages… and, for a disabled queue, Triage….
    void watchAlerts(AlertsPanel *panel);
    /// Adds the queue actions for `queue` (from the explorer's context menu) to `menu`.
    void addQueueActions(QMenu *menu, const ObjectRef &queue);

Q_SIGNALS:
    /// An operation that changes the catalog ran on the current source (a deployed design, a queue
    /// switch, a database option): the main window reads the catalog again.
    void catalogChanged();

public Q_SLOTS:
    void openQueueMessages(const bs::QueueRef &queue);
    void openConversation(const QUuid &handle);
    /// The endpoints of a service pair in one state (a row of the Endpoints table), to open one.
    void openPairConversations(const QString &local, const QString &far, const QString &stateCode);
    /// The poison triage of a disabled queue in a tab; `disabledSince` from the alert when known.
    void openPoisonTriage(const bs::QueueRef &queue, const QDateTime &disabledSince = QDateTime());
    /// A tab with the transmission queue (View › Transmission Queue).
    void openTransmissionQueue();
    /// Asks for what the operation needs (error code and text, readers), then shows its preview.
    void requestOperation(bs::Operation op);
    /// The send dialog on the current catalog; its preview; after a successful run, where the
    /// message went (the new conversation: target queue or transmission queue).
    void openSendMessage();
    /// The guided leak cleanup for a service pair (from a leak alert or the Endpoints table);
    /// returns the dialog (shown, deleted on close), nullptr without a source.
    QDialog *openCleanup(const QString &localService, const QString &farService);
    /// The guided leak cleanup pre-filled with `plan` (the Endpoints table's row: pair and state).
    QDialog *openCleanupPlan(const bs::CleanupPlan &plan);

private:
    QueueRef queueOf(const ObjectRef &ref) const;
    void updateWriteActions();
    void addEndpointActions(QMenu *menu, const EndpointGroup &group);

    QMainWindow *m_window;
    QTabWidget *m_tabs;
    QPointer<BrokerSource> m_source;
    OperationPath *m_path = nullptr;
    BrokerCatalog m_catalog;
    QDockWidget *m_auditDock;
    AuditView *m_auditView;
    QAction *m_transmissionAction;
    QAction *m_sendAction;
    QMenu *m_databaseMenu;
    QList<QPointer<PoisonTriageView>> m_triageViews;
};

} // namespace bs
