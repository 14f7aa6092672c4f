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

class AuditView;
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
    void setCatalog(const BrokerCatalog &catalog) { m_catalog = catalog; }
    OperationPath *path() const { return m_path; }
    QDockWidget *auditDock() const { return m_auditDock; }
    AuditView *auditView() const { return m_auditView; }
    /// View › Transmission Queue, for the window's menu.
    QAction *transmissionAction() const { return m_transmissionAction; }
    /// A double-click on a row of the monitor's queue table opens that queue's messages.
    void watchMonitor(MonitorPage *page);
    /// Adds the queue actions for `queue` (from the explorer's context menu) to `menu`.
    void addQueueActions(QMenu *menu, const ObjectRef &queue);

public Q_SLOTS:
    void openQueueMessages(const bs::QueueRef &queue);
    void openConversation(const QUuid &handle);
    /// A tab with the transmission queue (View › Transmission Queue).
    void openTransmissionQueue();
    /// Asks for what the operation needs (error code and text, readers), then shows its preview.
    void requestOperation(bs::Operation op);
    /// The guided leak cleanup for a service pair (from a leak alert or the Endpoints table);
    /// returns the dialog (shown, deleted on close), nullptr without a source.
    QDialog *openCleanup(const QString &localService, const QString &farService);

private:
    QueueRef queueOf(const ObjectRef &ref) const;

    QMainWindow *m_window;
    QTabWidget *m_tabs;
    QPointer<BrokerSource> m_source;
    OperationPath *m_path = nullptr;
    BrokerCatalog m_catalog;
    QDockWidget *m_auditDock;
    AuditView *m_auditView;
    QAction *m_transmissionAction;
};

} // namespace bs
