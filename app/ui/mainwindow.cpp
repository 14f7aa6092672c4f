#include "ui/mainwindow.h"

#include "data/brokersource.h"
#include "data/history/historystore.h"
#include "data/odbc/brokerstatements.h"
#include "data/odbc/odbcbrokersource.h"
#include "data/settings.h"
#include "data/sim/simbrokersource.h"
#include "ui/aboutdialog.h"
#include "ui/bannerwidget.h"
#include "ui/connection/connectiondialog.h"
#include "ui/design/designlauncher.h"
#include "ui/fleet/fleetview.h"
#include "ui/explorer/explorerwidget.h"
#include "ui/graph/brokergraphpage.h"
#include "ui/graph/brokergraphview.h"
#include "ui/health/healthpanel.h"
#include "ui/monitor/monitorpage.h"
#include "ui/ops/opscontroller.h"
#include "ui/preferencesdialog.h"
#include "core/sim/scenarioloader.h"
#include "ui/propertieswidget.h"
#include "ui/scenariodialog.h"
#include "ui/simcontrolsbar.h"
#include "ui/wizard/patternwizard.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDate>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QRegularExpression>
#include <QSet>
#include <QShortcut>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace bs {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_settings(new Settings(this))
{
    setWindowTitle(tr("Broker Studio"));
    resize(1400, 860);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 4);
    m_simBanner = new BannerWidget(central);
    m_brokerBanner = new BannerWidget(central);
    m_problemBanner = new BannerWidget(central);
    m_tabs = new QTabWidget(central);
    m_tabs->setDocumentMode(true);
    m_graphPage = new BrokerGraphPage(m_tabs);
    m_tabs->addTab(m_graphPage, tr("&Graph"));
    // Monitor tabs close (and stop their sampling); the graph tab stays.
    m_tabs->setTabsClosable(true);
    m_tabs->tabBar()->setTabButton(0, QTabBar::RightSide, nullptr);
    m_tabs->tabBar()->setTabButton(0, QTabBar::LeftSide, nullptr);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::onCurrentTabChanged);
    connect(m_graphPage->view(), &BrokerGraphView::objectSelected, this, &MainWindow::selectObject);
    layout->addWidget(m_simBanner);
    layout->addWidget(m_brokerBanner);
    layout->addWidget(m_problemBanner);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    createDocks();
    m_ops = new OpsController(this, m_tabs, this); // browsing, previewed operations, the Audit dock
    // A deployed migration, a queue switch or a database option changes what the explorer and the
    // graph show: read the catalog again.
    connect(m_ops, &OpsController::catalogChanged, this, &MainWindow::reloadCatalog);
    m_designs = new DesignLauncher(m_ops, [this]() -> std::optional<BrokerCatalog> {
        return m_source ? std::optional<BrokerCatalog>(m_catalog) : std::nullopt;
    }, this);
    connect(m_designs, &DesignLauncher::simulateRequested, this, &MainWindow::simulateDesign);
    connect(m_explorer, &ExplorerWidget::contextMenuRequested, m_ops,
            [this](const ObjectRef &ref, QMenu *menu) { m_ops->addQueueActions(menu, ref); });
    createActions();
    m_simControls = new SimControlsBar(this);
    addToolBar(Qt::TopToolBarArea, m_simControls);

    m_statusText = new QLabel(this);
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(140);
    m_busy->setVisible(false);
    m_cancel = new QToolButton(this);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop reading the catalog (Esc)"));
    m_cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancel->setVisible(false);
    connect(m_cancel, &QToolButton::clicked, this, [this] {
        if (m_source)
            m_source->cancel();
    });
    statusBar()->addWidget(m_statusText, 1);
    statusBar()->addPermanentWidget(m_busy);
    statusBar()->addPermanentWidget(m_cancel);
}

MainWindow::~MainWindow()
{
    // The sources die with the child widgets, after m_sources: they must not reach it then.
    const QList<const BrokerSource *> sources = m_sources.keys();
    for (const BrokerSource *source : sources)
        disconnect(source, &QObject::destroyed, this, nullptr);
}

void MainWindow::createDocks()
{
    m_explorer = new ExplorerWidget(this);
    auto *explorerDock = new QDockWidget(tr("Explorer"), this);
    explorerDock->setObjectName(QStringLiteral("explorerDock"));
    explorerDock->setWidget(m_explorer);
    addDockWidget(Qt::LeftDockWidgetArea, explorerDock);

    m_properties = new PropertiesWidget(this);
    m_properties->setHealthSource(m_graphPage->view()); // health and reason as the graph shows them
    auto *propertiesDock = new QDockWidget(tr("Properties"), this);
    propertiesDock->setObjectName(QStringLiteral("propertiesDock"));
    propertiesDock->setWidget(m_properties);
    // Properties under the explorer, as in SSMS: the graph and the monitor get the width.
    addDockWidget(Qt::LeftDockWidgetArea, propertiesDock);
    splitDockWidget(explorerDock, propertiesDock, Qt::Vertical);
    resizeDocks({explorerDock}, {380}, Qt::Horizontal);
    resizeDocks({explorerDock, propertiesDock}, {430, 370}, Qt::Vertical);

    connect(m_explorer, &ExplorerWidget::objectSelected, this, &MainWindow::selectObject);

    // The health check of the current source, beside the properties (docs/health-check.md).
    m_health = new HealthPanel(this);
    auto *healthDock = new QDockWidget(tr("Health"), this);
    healthDock->setObjectName(QStringLiteral("healthDock"));
    healthDock->setWidget(m_health);
    tabifyDockWidget(propertiesDock, healthDock);
    propertiesDock->raise();
    connect(m_health, &HealthPanel::objectsSelected, this, [this](const QList<ObjectRef> &refs) { selectObject(refs.first()); });
    connect(m_health, &HealthPanel::findingsChanged, m_graphPage->view(), &BrokerGraphView::setFindings);
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *connectAction = file->addAction(tr("&Connect to SQL Server…"), this, &MainWindow::connectToServer);
    connectAction->setShortcut(QKeySequence::Open);
    connectAction->setToolTip(tr("Open a database's Service Broker over ODBC (Ctrl+O)"));
    QAction *demo = file->addAction(tr("Open &Demo Broker"), this, &MainWindow::openDemo);
    demo->setToolTip(tr("A simulated broker that needs no server"));
    QAction *scenario = file->addAction(tr("Open &Simulation Scenario…"), this, &MainWindow::openScenarioWithDialog);
    scenario->setToolTip(tr("A shipped scenario (poison message, transmission errors, leaks…) or a scenario file"));
    QAction *reload = file->addAction(tr("&Reload Catalog"), this, &MainWindow::reloadCatalog);
    reload->setShortcut(QKeySequence::Refresh);
    file->addSeparator();
    // The designer (docs/design.md) is its own window; it reads the current catalog when asked.
    QAction *design = file->addAction(tr("&Design Broker…"), this, [this] {
        m_designs->open();
    });
    design->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    design->setToolTip(tr("Edit a broker design: from nothing, a design file, a .sql script or the current database (Ctrl+Shift+D)"));
    file->addSeparator();
    BrokerGraphView *graph = m_graphPage->view();
    // One binding per key, acting on the current tab: the graph's own actions keep only their
    // single-key shortcuts (they only work with the graph focused), and its Export button comes here.
    for (QAction *a : {graph->zoomInAction(), graph->zoomOutAction(), graph->exportAction()}) {
        QList<QKeySequence> plain;
        for (const QKeySequence &k : a->shortcuts()) {
            if (!(k[0].keyboardModifiers() & Qt::ControlModifier))
                plain.append(k);
        }
        a->setShortcuts(plain);
    }
    disconnect(graph->exportAction(), &QAction::triggered, graph, &BrokerGraphView::exportWithDialog);
    connect(graph->exportAction(), &QAction::triggered, this, &MainWindow::exportCurrentTab);
    m_exportAction = file->addAction(tr("&Export…"), this, &MainWindow::exportCurrentTab);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportAction->setToolTip(tr("Export the current tab: the graph as SVG or PNG, a monitor as CSV, PNG or SVG (Ctrl+E)"));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *preferences = edit->addAction(tr("&Preferences…"), this, [this] { PreferencesDialog(m_settings, this).exec(); });
    // Monitor tabs follow a change through their own Settings signals. Linux desktops may bind no
    // Preferences key; Ctrl+, is the usual one there.
    QList<QKeySequence> preferenceKeys = QKeySequence::keyBindings(QKeySequence::Preferences);
    if (preferenceKeys.isEmpty())
        preferenceKeys.append(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    preferences->setShortcuts(preferenceKeys);
    preferences->setMenuRole(QAction::PreferencesRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *find = view->addAction(tr("&Find Object…"), m_explorer, &ExplorerWidget::focusFilter);
    find->setShortcut(QKeySequence::Find);
    // One switch for the tree and the graph.
    QAction *system = m_graphPage->view()->showSystemObjectsAction();
    view->addAction(system);
    connect(system, &QAction::toggled, m_explorer, &ExplorerWidget::setShowSystemObjects);
    m_monitorAction = view->addAction(tr("&Monitor"), this, &MainWindow::showMonitor);
    m_monitorAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    m_monitorAction->setToolTip(tr("Show the monitor tab of the current source, reopening it if it was closed (Ctrl+M)"));
    QAction *fleet = view->addAction(tr("F&leet"), this, [this] {
        auto *fleetView = findChild<FleetView *>();
        if (!fleetView) {
            fleetView = new FleetView(*m_settings, this);
            fleetView->setWindowFlag(Qt::Window);
            // A tile of a saved profile opens its monitor: the profile is preselected in the dialog.
            connect(fleetView, &FleetView::openProfileRequested, this, [this](const QString &name) {
                if (showOpen(QStringLiteral("server:") + name))
                    return;
                m_settings->setLastConnectionProfile(name);
                connectToServer();
            });
        }
        fleetView->show();
        fleetView->raise();
        fleetView->activateWindow();
    });
    fleet->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    fleet->setToolTip(tr("Every saved connection (or a fleet file, or a Prometheus) as a tile coloured by health, worst first (Ctrl+Shift+L)"));
    view->addSeparator();
    m_zoomIn = view->addAction(tr("Zoom &In"), this, [this] { zoomCurrentTab(true); });
    m_zoomIn->setShortcuts({QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    m_zoomOut = view->addAction(tr("Zoom &Out"), this, [this] { zoomCurrentTab(false); });
    m_zoomOut->setShortcuts(QKeySequence::ZoomOut);
    for (QAction *a : {graph->fitAction(), graph->actualSizeAction()})
        view->addAction(a);
    view->addAction(m_ops->transmissionAction());
    view->addSeparator();
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        view->addAction(dock->toggleViewAction());

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    QAction *wizard = tools->addAction(tr("New &Messaging Pattern…"), this, &MainWindow::openPatternWizard);
    wizard->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    wizard->setToolTip(tr("Generate the T-SQL for windowed fire-and-forget, keep-firing or target-ends-first "
                          "messaging, reviewed before anything runs"));
    tools->addSeparator();
    tools->addAction(m_ops->sendMessageAction());
    tools->addMenu(m_ops->databaseMenu());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Broker Studio"), this, [this] { AboutDialog(this).exec(); });
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::openDemo()
{
    if (showOpen(QStringLiteral("demo")))
        return;
    m_serverProfile.clear();
    openSource(SimBrokerSource::createDemo(), QStringLiteral("demo"), QStringLiteral("demo"));
}

bool MainWindow::openScenario(const QString &nameOrPath, QString *error)
{
    const bool builtIn = sim::ScenarioLoader::builtInNames().contains(nameOrPath);
    if (builtIn && nameOrPath == QLatin1String("demo")) {
        openDemo();
        return true;
    }
    const QFileInfo file(nameOrPath);
    const QString identity = builtIn ? QStringLiteral("scenario:") + nameOrPath : QStringLiteral("file:") + file.absoluteFilePath();
    if (showOpen(identity))
        return true;
    QString message;
    SimBrokerSource *source = SimBrokerSource::fromFile(nameOrPath, &message);
    if (!source) {
        if (error)
            *error = message;
        return false;
    }
    // As the demo: the scenario's story (a poisoned queue, stuck transmissions) shows within minutes.
    source->setSpeed(10.0);
    m_serverProfile.clear();
    openSource(source, identity, QStringLiteral("scenario-") + (builtIn ? nameOrPath : file.completeBaseName()));
    return true;
}

void MainWindow::simulateDesign(const sim::Scenario &scenario)
{
    // Every run is a tab of its own: a changed design, or another workload, is another experiment.
    auto *source = new SimBrokerSource(scenario);
    source->setSpeed(10.0);
    m_serverProfile.clear();
    openSource(source, QString(), QStringLiteral("design-") + scenario.catalog.database.databaseName);
    raise();
    activateWindow();
}

void MainWindow::openScenarioWithDialog()
{
    ScenarioDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!openScenario(dialog.chosenPath(), &error))
        QMessageBox::warning(this, tr("Open Simulation Scenario"), error);
}

void MainWindow::connectToServer()
{
    ConnectionDialog dialog(*m_settings, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString key = dialog.profile().name.isEmpty() ? dialog.profile().displayName() : dialog.profile().name;
    if (showOpen(QStringLiteral("server:") + key))
        return;
    m_serverProfile = key;
    openSource(new OdbcBrokerSource(dialog.profile(), dialog.password()), QStringLiteral("server:") + key, key);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_designs->closeAll()) {
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::openPatternWizard()
{
    auto *wizard = new PatternWizard(m_catalog, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    // USE the connected server's database; a simulation's (or a snapshot's) name exists nowhere.
    if (!m_serverProfile.isEmpty() && m_source && !m_source->isSimulation())
        wizard->setConnectedDatabase(m_catalog.database.databaseName);
    // Saved profiles only, never the connection string: its password must not reach the wizard's
    // widgets. The connected server's profile is preselected.
    wizard->setConnectionProfiles(m_settings->connectionProfiles(), m_serverProfile);
    // "Open as design": the pattern becomes a starting point in a designer window.
    connect(wizard, &PatternWizard::designRequested, m_designs, &DesignLauncher::openDesign);
    wizard->show();
}

void MainWindow::openSource(BrokerSource *source)
{
    m_serverProfile.clear();
    openSource(source, {}, source->displayName());
}

QString MainWindow::historyKeyOf(const BrokerSource *source) const
{
    return m_sources.value(source).historyKey;
}

QString MainWindow::uniqueHistoryKey(const QString &base, int *instance) const
{
    // Two tabs writing one history file would delete each other's samples on a simulation's
    // restart and collide on time_ms: a second source of the same name gets "<name>-2".
    QSet<QString> used;
    for (const SourceInfo &info : m_sources)
        used.insert(info.historyKey);
    QString key = base;
    *instance = 1;
    for (int n = 2; used.contains(key); ++n) {
        key = QStringLiteral("%1-%2").arg(base).arg(n);
        *instance = n;
    }
    return key;
}

bool MainWindow::showOpen(const QString &identity)
{
    if (identity.isEmpty())
        return false;
    for (auto it = m_sources.cbegin(); it != m_sources.cend(); ++it) {
        if (it->identity != identity)
            continue;
        if (it.key() == m_source) {
            m_tabs->setCurrentWidget(m_graphPage);
            showMonitor();
            return true;
        }
        for (int i = 0; i < m_tabs->count(); ++i) {
            auto *page = qobject_cast<Page *>(m_tabs->widget(i));
            if (page && page->pageSource() == it.key()) {
                m_tabs->setCurrentIndex(i);
                return true;
            }
        }
    }
    return false;
}

void MainWindow::openSource(BrokerSource *source, const QString &identity, const QString &historyKeyBase)
{
    const QString serverProfile = m_serverProfile;
    detachCurrent();
    int instance = 1;
    const QString key = uniqueHistoryKey(historyKeyBase.isEmpty() ? source->displayName() : historyKeyBase, &instance);
    SourceInfo info;
    info.identity = identity;
    info.historyKey = key;
    info.instance = instance;
    info.serverProfile = serverProfile;
    m_sources.insert(source, info);
    connect(source, &QObject::destroyed, this, [this, source] { m_sources.remove(source); });
    attach(source, nullptr);
    // The new source is what the graph tab shows.
    m_tabs->setCurrentWidget(m_graphPage);
    reloadCatalog();
}

void MainWindow::detachCurrent()
{
    if (!m_source)
        return;
    disconnect(m_source, &BrokerSource::catalogLoaded, this, nullptr);
    disconnect(m_source, &BrokerSource::catalogFailed, this, nullptr);
    disconnect(m_source, &BrokerSource::statusChanged, this, nullptr);
    disconnect(m_source, nullptr, m_health, nullptr);
    disconnect(m_source, &BrokerSource::sampleReady, this, nullptr);
    if (m_monitor) {
        // Keeps being monitored in its own tab until that tab is closed (then it goes with it).
        m_source->setParent(m_monitor);
    } else {
        // Its monitor tab was closed: nothing shows it any more.
        disconnect(m_source, &QObject::destroyed, this, nullptr);
        m_sources.remove(m_source);
        m_source->stopSampling();
        m_source->deleteLater();
    }
    m_source = nullptr;
    m_monitor = nullptr;
}

void MainWindow::attach(BrokerSource *source, MonitorPage *page)
{
    // The current source is the one of the monitor tab in front (or the one opened last): the
    // explorer, the graph, the properties, the banners and the simulation toolbar all show it.
    m_source = source;
    m_monitor = page;
    m_source->setParent(this); // closing its tab leaves it open; View > Monitor brings the tab back
    const SourceInfo info = m_sources.value(source);
    m_historyKey = info.historyKey;
    m_serverProfile = info.serverProfile;
    m_catalogLoaded = info.catalog.has_value();
    connect(m_source, &BrokerSource::catalogLoaded, this, &MainWindow::onCatalogLoaded);
    connect(m_source, &BrokerSource::catalogFailed, this, &MainWindow::onCatalogFailed);
    connect(m_source, &BrokerSource::statusChanged, this, [this](const QString &text) { m_statusText->setText(text); });
    setWindowTitle(tr("%1 — Broker Studio").arg(m_source->displayName()));
    m_simControls->setSource(qobject_cast<SimBrokerSource *>(m_source));
    m_properties->setSource(m_source); // the selected object's live figures
    m_ops->setSource(m_source, HistoryStore::pathForProfile(m_historyKey.isEmpty() ? m_source->displayName() : m_historyKey));
    m_health->reset(m_source->displayName());
    if (const auto *sim = qobject_cast<SimBrokerSource *>(m_source))
        m_health->setModules(sim->scenario().modules);
    connect(m_source, &BrokerSource::catalogLoaded, m_health, &HealthPanel::setCatalog);
    connect(m_source, &BrokerSource::sampleReady, m_health, &HealthPanel::setSample);
    if (info.catalog)
        m_health->setCatalog(*info.catalog);
    // Who talks to whom, from the endpoints of each sample (issue 15).
    m_graphPage->view()->setConversationFlows({});
    connect(m_source, &BrokerSource::sampleReady, this, [this](const MonitorSample &sample) {
        m_graphPage->view()->setConversationFlows(conversationFlows(sample.endpoints));
    });
    m_graphPage->view()->clearHealth();
    m_problemBanner->hide();
    if (info.catalog)
        showCatalog(*info.catalog);
    if (page)
        page->applyHealthTo(m_graphPage->view());
}

void MainWindow::reloadCatalog()
{
    if (!m_source)
        return;
    setBusy(true, tr("Reading the Service Broker catalog of %1…").arg(m_source->displayName()));
    m_source->loadCatalog();
}

void MainWindow::setBusy(bool busy, const QString &text)
{
    m_busy->setVisible(busy);
    m_cancel->setVisible(busy);
    if (!text.isEmpty())
        m_statusText->setText(text);
}

void MainWindow::onCatalogLoaded(const BrokerCatalog &catalog)
{
    setBusy(false);
    // The monitor tab opens by itself once; after the user closes it, View > Monitor brings it back.
    const bool first = !m_catalogLoaded;
    m_catalogLoaded = true;
    m_sources[m_source].catalog = catalog;
    showCatalog(catalog);
    if (first)
        ensureMonitorTab();
    // "1 contract", "2 contracts": English plurals without a translation file.
    const auto counted = [](qsizetype n, const QString &one, const QString &many) -> QString {
        return QLocale().toString(qint64(n)) + QLatin1Char(' ') + (n == 1 ? one : many);
    };
    m_statusText->setText(tr("%1: %2, %3, %4, %5, %6")
                              .arg(m_source->displayName(),
                                   counted(catalog.services.size(), tr("service"), tr("services")),
                                   counted(catalog.queues.size(), tr("queue"), tr("queues")),
                                   counted(catalog.contracts.size(), tr("contract"), tr("contracts")),
                                   counted(catalog.messageTypes.size(), tr("message type"), tr("message types")),
                                   counted(catalog.routes.size(), tr("route"), tr("routes"))));
    Q_EMIT catalogShown();
}

void MainWindow::showCatalog(const BrokerCatalog &catalog)
{
    m_catalog = catalog;
    m_explorer->setCatalog(catalog);
    m_ops->setCatalog(catalog);
    m_properties->setCatalog(catalog);
    m_properties->showObject({});
    m_graphPage->view()->setCatalog(catalog);
    updateBanners();
}

void MainWindow::ensureMonitorTab()
{
    if (m_monitor || !m_source)
        return;
    // The page starts sampling the source; it keeps its history under the profile's name.
    m_monitor = new MonitorPage(m_source, m_catalog, m_historyKey.isEmpty() ? m_source->displayName() : m_historyKey,
                                m_tabs, QString(), m_settings);
    m_ops->watchMonitor(m_monitor); // double-click a queue row: its messages
    // The window's View > Zoom acts on the current tab; the page's own Ctrl+± would make those keys
    // ambiguous (Qt then triggers neither).
    for (QShortcut *shortcut : m_monitor->findChildren<QShortcut *>()) {
        if (m_zoomIn->shortcuts().contains(shortcut->key()) || m_zoomOut->shortcuts().contains(shortcut->key()))
            shortcut->setEnabled(false);
    }
    connect(m_source, &BrokerSource::catalogLoaded, m_monitor, &MonitorPage::setCatalog);
    MonitorPage *page = m_monitor;
    m_monitorPages.insert(m_source, page); // a closed tab's page leaves a null QPointer
    connect(page, &MonitorPage::healthChanged, this, [this, page] {
        if (page == m_monitor)
            page->applyHealthTo(m_graphPage->view());
    });
    // A second source of the same name (a copy of a scenario file) must not look like the first.
    const int instance = m_sources.value(m_source).instance;
    const QString name = instance > 1 ? QStringLiteral("%1 #%2").arg(m_source->displayName()).arg(instance)
                                      : m_source->displayName();
    const int index = m_tabs->addTab(page, tr("Monitor: %1").arg(name));
    m_tabs->setTabToolTip(index, tr("Conversation population, queues, activation and alerts of %1 (history: %2)")
                                     .arg(name, page->historyPath()));
    connect(page, &MonitorPage::activeAlertCountChanged, this, [this, page, name](int count) {
        const int i = m_tabs->indexOf(page);
        if (i >= 0)
            m_tabs->setTabText(i, count > 1    ? tr("Monitor: %1 (%2 alerts)").arg(name).arg(count)
                                  : count == 1 ? tr("Monitor: %1 (1 alert)").arg(name)
                                               : tr("Monitor: %1").arg(name));
    });
}

void MainWindow::closeTab(int index)
{
    QWidget *tab = m_tabs->widget(index);
    if (tab == m_graphPage)
        return; // the graph tab stays
    if (tab == m_monitor) {
        // The current source stays open (View > Monitor reopens its tab); its sampling stops with
        // the page, so the graph's health colours would go stale.
        m_monitor = nullptr;
        m_graphPage->view()->clearHealth();
    }
    m_tabs->removeTab(index); // the simulation toolbar follows the tab that becomes current
    tab->deleteLater();       // deletes a superseded source with it (it is the page's child)
}

void MainWindow::showMonitor()
{
    if (!m_source)
        return;
    if (!m_monitor && m_catalogLoaded)
        ensureMonitorTab();
    if (m_monitor)
        m_tabs->setCurrentWidget(m_monitor);
}

void MainWindow::onCurrentTabChanged()
{
    // A monitor tab in front makes its source the current one; the graph tab shows the current one.
    auto *page = qobject_cast<Page *>(m_tabs->currentWidget());
    if (page && page->pageSource() && page->pageSource() != m_source) {
        BrokerSource *source = page->pageSource();
        detachCurrent();
        attach(source, m_monitorPages.value(source));
    }
    const bool graph = m_tabs->currentWidget() == m_graphPage;
    m_graphPage->view()->fitAction()->setEnabled(graph);
    m_graphPage->view()->actualSizeAction()->setEnabled(graph);
}

void MainWindow::zoomCurrentTab(bool in)
{
    if (Page *page = currentPage())
        page->zoomPage(in);
}

QString MainWindow::suggestedExportPath(const QString &suffix) const
{
    const Page *page = currentPage();
    const BrokerSource *source = page && page->pageSource() ? page->pageSource() : m_source;
    QString name = source == m_source && !m_catalog.database.databaseName.isEmpty() ? m_catalog.database.databaseName
                   : source                                                       ? source->displayName()
                                                                                  : QStringLiteral("broker");
    // Names that work on every file system: no separators, wildcards or spaces.
    static const QRegularExpression unsafe(QStringLiteral("[\\/:*?\"<>|()\\s]+"));
    name.replace(unsafe, QStringLiteral("-"));
    while (name.endsWith(QLatin1Char('-')))
        name.chop(1);
    const QString file = QStringLiteral("%1-%2-%3.%4")
                             .arg(name, page ? page->exportName() : QStringLiteral("graph"),
                                  QDate::currentDate().toString(Qt::ISODate), suffix);
    return QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)).filePath(file);
}

bool MainWindow::exportCurrentTabTo(const QString &path, QString *error)
{
    Page *page = currentPage();
    return page && page->exportTo(path, error);
}

void MainWindow::exportCurrentTab()
{
    const Page *page = currentPage();
    if (!page)
        return;
    const bool monitor = page->exportName() == QLatin1String("monitor");
    const QString title = monitor ? tr("Export Monitor") : tr("Export Graph");
    const QList<Page::ExportFormat> formats = page->exportFormats();
    QStringList filters;
    for (const Page::ExportFormat &f : formats)
        filters.append(f.filter);
    const QString defaultSuffix = formats.isEmpty() ? u"svg"_qs : formats.first().suffix;
    QString selected;
    QString path = QFileDialog::getSaveFileName(this, title, suggestedExportPath(defaultSuffix),
                                                filters.join(QStringLiteral(";;")), &selected);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty()) {
        // The filter the user picked says the format when the name has no extension.
        static const QRegularExpression ext(QStringLiteral("\\*\\.(\\w+)"));
        const QRegularExpressionMatch m = ext.match(selected);
        path += QLatin1Char('.') + (m.hasMatch() ? m.captured(1) : defaultSuffix);
    }
    QString error;
    if (!exportCurrentTabTo(path, &error))
        QMessageBox::warning(this, title, tr("Could not write %1:\n%2").arg(path, error));
}

void MainWindow::onCatalogFailed(const QString &message)
{
    setBusy(false);
    // Keep what was shown before: a failed reload loses nothing.
    m_problemBanner->showMessage(BannerWidget::Level::Error, tr("The catalog could not be read"), message);
    m_statusText->setText(tr("Catalog not loaded"));
}

void MainWindow::updateBanners()
{
    if (m_source && m_source->isSimulation())
        m_simBanner->showMessage(BannerWidget::Level::Info, tr("Simulation — no server is connected"),
                                 tr("%1 is simulated by Broker Studio. Use File › Connect to open a real SQL "
                                    "Server database.")
                                     .arg(m_source->displayName()));
    else
        m_simBanner->hide();

    if (!m_catalog.database.isBrokerEnabled) {
        const QString sql = BrokerStatements::enableBroker(m_catalog.database.databaseName);
        m_brokerBanner->showMessage(
            BannerWidget::Level::Warning, tr("Service Broker is disabled in %1").arg(m_catalog.database.databaseName),
            tr("No message leaves sys.transmission_queue and nothing is delivered to any queue. Restored or "
               "attached databases come up like this. Enabling needs an exclusive lock on the database; "
               "ROLLBACK IMMEDIATE rolls back other sessions' open transactions."),
            sql);
    } else {
        m_brokerBanner->hide();
    }

    if (!m_catalog.problems.isEmpty()) {
        QStringList lines;
        for (const CatalogProblem &p : m_catalog.problems) {
            QString line = QStringLiteral("%1: %2").arg(p.view, p.message);
            if (!p.permission.isEmpty())
                line += tr(" — grant %1").arg(p.permission);
            lines << line;
        }
        m_problemBanner->showMessage(BannerWidget::Level::Warning,
                                     tr("Part of the catalog could not be read; the rest is shown"),
                                     lines.join(QLatin1Char('\n')));
    } else {
        m_problemBanner->hide();
    }
}

void MainWindow::selectObject(const ObjectRef &ref)
{
    if (m_syncingSelection)
        return;
    m_syncingSelection = true;
    m_properties->showObject(ref);
    m_explorer->selectObject(ref);
    m_graphPage->view()->selectObject(ref);
    m_syncingSelection = false;
}

Page *MainWindow::currentPage() const
{
    return qobject_cast<Page *>(m_tabs->currentWidget());
}

} // namespace bs
