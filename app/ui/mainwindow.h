#pragma once

#include "core/catalog.h"
#include "core/sim/scenario.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include <optional>

class QAction;
class QLabel;
class QProgressBar;
class QTabWidget;
class QToolButton;

namespace bs {

class BannerWidget;
class BrokerGraphPage;
class BrokerSource;
class ExplorerWidget;
class HealthPanel;
class MonitorPage;
class OpsController;
class DesignLauncher;
class Page;
class PropertiesWidget;
class Settings;
class SimControlsBar;

/// The application window: explorer (left), graph and monitor (centre), properties (right)
/// for one broker source, a real server or the simulated demo.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens the built-in demo broker (no server needed); when it is open already, shows its tab.
    void openDemo();
    /// Opens a shipped scenario by name ("poison") or a scenario JSON file as its own simulated
    /// source with its own monitor tab and history. An open one is shown instead of opened twice.
    /// False with the loader's error (line and column) when it does not load; nothing changes then.
    bool openScenario(const QString &nameOrPath, QString *error = nullptr);
    /// Takes ownership of the source and shows its catalog.
    void openSource(BrokerSource *source);
    /// The history key a monitor tab of `source` uses (unique among the open sources).
    QString historyKeyOf(const BrokerSource *source) const;

    BrokerSource *source() const { return m_source; }
    const BrokerCatalog &catalog() const { return m_catalog; }
    ExplorerWidget *explorer() const { return m_explorer; }
    PropertiesWidget *properties() const { return m_properties; }
    QTabWidget *tabs() const { return m_tabs; }
    BrokerGraphPage *graphPage() const { return m_graphPage; }
    /// The monitor tab of the current source (nullptr until its catalog is loaded).
    MonitorPage *monitorPage() const { return m_monitor; }
    OpsController *operations() const { return m_ops; }
    /// The designer windows opened from here (File > Design Broker…, the pattern wizard).
    DesignLauncher *designs() const { return m_designs; }
    SimControlsBar *simControls() const { return m_simControls; }
    HealthPanel *healthPanel() const { return m_health; }
    BannerWidget *brokerBanner() const { return m_brokerBanner; }
    QAction *exportAction() const { return m_exportAction; }
    QAction *zoomInAction() const { return m_zoomIn; }
    QAction *zoomOutAction() const { return m_zoomOut; }
    QAction *monitorAction() const { return m_monitorAction; }
    /// Where File > Export suggests to write the current tab: the documents folder, a name from
    /// the source's database and today's date ("SalesOpsDemo-monitor-2026-11-22.csv").
    QString suggestedExportPath(const QString &suffix) const;
    /// Exports the current tab to `path`; the extension says the format (.csv, .png, .svg).
    bool exportCurrentTabTo(const QString &path, QString *error = nullptr);

public Q_SLOTS:
    /// Asks where to connect and opens that database (the demo stays open if the user cancels).
    void connectToServer();
    void openPatternWizard();
    /// File > Open Simulation Scenario: asks which one (ScenarioDialog) and opens it.
    void openScenarioWithDialog();
    /// A designer's Design › Simulate…: the scenario in a monitor tab, as a scenario file would be.
    void simulateDesign(const bs::sim::Scenario &scenario);
    void reloadCatalog();
    /// View > Monitor: shows the monitor tab of the current source, reopening it if it was closed.
    void showMonitor();
    /// File > Export: the current tab, the graph as SVG/PNG or the monitor as CSV/PNG/SVG.
    void exportCurrentTab();
    void selectObject(const bs::ObjectRef &ref);

protected:
    /// Closing the main window (and Quit) first closes the designers, which ask about unsaved work.
    void closeEvent(QCloseEvent *event) override;

Q_SIGNALS:
    /// The catalog of the current source was (re)loaded and shown.
    void catalogShown();

private:
    /// What the window knows of an open source beyond the source itself.
    struct SourceInfo
    {
        QString identity; ///< "demo", "scenario:<name>", "file:<path>", "server:<profile>"; empty: never shared
        QString historyKey;
        int instance = 1; ///< 2 for the second open source of the same name ("demo-2"), ...
        /// The ODBC connection string of a server (never logged or saved), for the wizard's Run.
        QString serverProfile; ///< the connection profile, for a server source (never its password)
        std::optional<BrokerCatalog> catalog; ///< the last one loaded
    };

    void openSource(BrokerSource *source, const QString &identity, const QString &historyKeyBase);
    /// Shows the tab of an open source with this identity; false when none is open.
    bool showOpen(const QString &identity);
    QString uniqueHistoryKey(const QString &base, int *instance) const;
    /// Leaves the current source to its monitor tab (or closes it when it has none).
    void detachCurrent();
    /// Makes `source` (with its monitor tab `page`, if any) the current source and shows it.
    void attach(BrokerSource *source, MonitorPage *page);
    void showCatalog(const BrokerCatalog &catalog);
    void onCurrentTabChanged();
    void zoomCurrentTab(bool in);
    /// The tab in front as the window drives it (zoom, export, source).
    Page *currentPage() const;
    void createActions();
    void createDocks();
    void setBusy(bool busy, const QString &text = {});
    void onCatalogLoaded(const BrokerCatalog &catalog);
    void onCatalogFailed(const QString &message);
    void ensureMonitorTab();
    void closeTab(int index);
    void updateBanners();

    Settings *m_settings = nullptr;
    BrokerSource *m_source = nullptr;
    /// The ODBC connection string of the open server (never logged or saved), for the wizard's Run.
    /// The connection profile of the current source when it is a server (empty for simulations).
    /// Never the connection string: that holds the password.
    QString m_serverProfile;
    BrokerCatalog m_catalog;
    BrokerGraphPage *m_graphPage = nullptr;
    MonitorPage *m_monitor = nullptr;
    /// Names the monitoring history of the current source: the profile name, "demo" for the demo.
    QString m_historyKey;
    QHash<const BrokerSource *, SourceInfo> m_sources;
    /// The monitor tab of each source that has one (the current one is m_monitor).
    QHash<const BrokerSource *, QPointer<MonitorPage>> m_monitorPages;
    bool m_catalogLoaded = false;
    QAction *m_exportAction = nullptr;
    QAction *m_zoomIn = nullptr;
    QAction *m_zoomOut = nullptr;
    QAction *m_monitorAction = nullptr;
    SimControlsBar *m_simControls = nullptr;
    ExplorerWidget *m_explorer = nullptr;
    OpsController *m_ops = nullptr;
    DesignLauncher *m_designs = nullptr;
    PropertiesWidget *m_properties = nullptr;
    HealthPanel *m_health = nullptr;
    QTabWidget *m_tabs = nullptr;
    BannerWidget *m_simBanner = nullptr;
    BannerWidget *m_brokerBanner = nullptr;
    BannerWidget *m_problemBanner = nullptr;
    QLabel *m_statusText = nullptr;
    QProgressBar *m_busy = nullptr;
    QToolButton *m_cancel = nullptr;
    bool m_syncingSelection = false;
};

} // namespace bs
