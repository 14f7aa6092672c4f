#include "ui/design/designlauncher.h"

#include "core/design/designdocument.h"
#include "data/ops/operationpath.h"
#include "ui/design/designwindow.h"
#include "ui/ops/opscontroller.h"

namespace bs {

DesignLauncher::DesignLauncher(OpsController *ops, std::function<std::optional<BrokerCatalog>()> currentCatalog, QObject *parent)
    : QObject(parent), m_ops(ops), m_currentCatalog(std::move(currentCatalog))
{
}

DesignWindow *DesignLauncher::create()
{
    auto *window = new DesignWindow(m_currentCatalog);
    // A migration deploys through the operations path: its preview, confirmation and audit.
    window->setDeployBlockedReason([ops = QPointer<OpsController>(m_ops)] {
        if (!ops || !ops->path())
            return tr("no database is open in the main window.");
        return ops->path()->blockedReason(OperationKind::DeployScript);
    });
    connect(window, &DesignWindow::deployRequested, this, [this](const QString &script) {
        Operation op;
        op.kind = OperationKind::DeployScript;
        op.script = script;
        op.scriptName = tr("design migration");
        if (m_ops)
            m_ops->requestOperation(op);
    });
    // "Simulate": the main window runs the design's scenario in a monitor tab.
    connect(window, &DesignWindow::simulateRequested, this, &DesignLauncher::simulateRequested);
    m_windows.removeAll(nullptr);
    m_windows.append(window);
    return window;
}

DesignWindow *DesignLauncher::open()
{
    DesignWindow *window = create();
    window->show();
    window->offerRecovery();
    return window;
}

DesignWindow *DesignLauncher::openDesign(const BrokerDesign &design)
{
    DesignWindow *window = create();
    window->setDesign(design);
    window->show();
    return window;
}

bool DesignLauncher::closeAll()
{
    for (DesignWindow *w : windows()) {
        if (!w->close())
            return false;
    }
    return true;
}

QList<DesignWindow *> DesignLauncher::windows() const
{
    QList<DesignWindow *> out;
    for (const QPointer<DesignWindow> &w : m_windows) {
        if (w)
            out.append(w);
    }
    return out;
}

} // namespace bs
