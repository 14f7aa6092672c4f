#pragma once

#include "core/catalog.h"
#include "core/design/brokerdesign.h"
#include "core/sim/scenario.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace bs {

class DesignWindow;
class OpsController;

/// The main window's designers: opens DesignWindows that read the current catalog and deploy a
/// migration through the operations path (OpsController: preview, confirm, run, audit), pass their
/// simulations on to the main window (simulateRequested), and asks each of them to close (with their save prompts) when the application quits.
class DesignLauncher : public QObject
{
    Q_OBJECT
public:
    DesignLauncher(OpsController *ops, std::function<std::optional<BrokerCatalog>()> currentCatalog, QObject *parent = nullptr);

    /// A new designer window, shown; it offers back an autosaved design left by a crash.
    DesignWindow *open();
    /// A new designer window holding `design` (unsaved), e.g. a pattern from the wizard.
    DesignWindow *openDesign(const BrokerDesign &design);
    /// Closes every open designer; false (and the rest left open) when one refuses.
    bool closeAll();
    QList<DesignWindow *> windows() const;

Q_SIGNALS:
    /// A designer's Design › Simulate…: the main window opens the scenario in a monitor tab.
    void simulateRequested(const bs::sim::Scenario &scenario);

private:
    DesignWindow *create();

    OpsController *m_ops;
    std::function<std::optional<BrokerCatalog>()> m_currentCatalog;
    QList<QPointer<DesignWindow>> m_windows;
};

} // namespace bs
