#pragma once

#include "core/catalog.h"

#include <QMainWindow>

class QLabel;
class QProgressBar;
class QTabWidget;
class QToolButton;

namespace bs {

class BannerWidget;
class BrokerGraphPage;
class BrokerSource;
class ExplorerWidget;
class MonitorPage;
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

    /// Opens the built-in demo broker (no server needed).
    void openDemo();
    /// Takes ownership of the source and shows its catalog.
    void openSource(BrokerSource *source);

    BrokerSource *source() const { return m_source; }
    const BrokerCatalog &catalog() const { return m_catalog; }
    ExplorerWidget *explorer() const { return m_explorer; }
    PropertiesWidget *properties() const { return m_properties; }
    QTabWidget *tabs() const { return m_tabs; }
    BrokerGraphPage *graphPage() const { return m_graphPage; }
    /// The monitor tab of the current source (nullptr until its catalog is loaded).
    MonitorPage *monitorPage() const { return m_monitor; }
    SimControlsBar *simControls() const { return m_simControls; }
    BannerWidget *brokerBanner() const { return m_brokerBanner; }

public Q_SLOTS:
    /// Asks where to connect and opens that database (the demo stays open if the user cancels).
    void connectToServer();
    void openPatternWizard();
    void reloadCatalog();
    void selectObject(const bs::ObjectRef &ref);

Q_SIGNALS:
    /// The catalog of the current source was (re)loaded and shown.
    void catalogShown();

private:
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
    QString m_connectionString;
    BrokerCatalog m_catalog;
    BrokerGraphPage *m_graphPage = nullptr;
    MonitorPage *m_monitor = nullptr;
    /// Names the monitoring history of the next source: the profile name, "demo" for the demo.
    QString m_historyKey;
    SimControlsBar *m_simControls = nullptr;
    ExplorerWidget *m_explorer = nullptr;
    PropertiesWidget *m_properties = nullptr;
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
