#include "ui/mainwindow.h"

#include "data/brokersource.h"
#include "data/odbc/brokerstatements.h"
#include "data/odbc/odbcbrokersource.h"
#include "data/settings.h"
#include "data/sim/simbrokersource.h"
#include "ui/aboutdialog.h"
#include "ui/bannerwidget.h"
#include "ui/connection/connectiondialog.h"
#include "ui/explorer/explorerwidget.h"
#include "ui/graph/brokergraphpage.h"
#include "ui/graph/brokergraphview.h"
#include "ui/monitor/monitorpage.h"
#include "ui/preferencesdialog.h"
#include "ui/propertieswidget.h"
#include "ui/simcontrolsbar.h"
#include "ui/wizard/patternwizard.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QProgressBar>
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
    connect(m_graphPage->view(), &BrokerGraphView::objectSelected, this, &MainWindow::selectObject);
    layout->addWidget(m_simBanner);
    layout->addWidget(m_brokerBanner);
    layout->addWidget(m_problemBanner);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    createDocks();
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

MainWindow::~MainWindow() = default;

void MainWindow::createDocks()
{
    m_explorer = new ExplorerWidget(this);
    auto *explorerDock = new QDockWidget(tr("Explorer"), this);
    explorerDock->setObjectName(QStringLiteral("explorerDock"));
    explorerDock->setWidget(m_explorer);
    addDockWidget(Qt::LeftDockWidgetArea, explorerDock);

    m_properties = new PropertiesWidget(this);
    auto *propertiesDock = new QDockWidget(tr("Properties"), this);
    propertiesDock->setObjectName(QStringLiteral("propertiesDock"));
    propertiesDock->setWidget(m_properties);
    // Properties under the explorer, as in SSMS: the graph and the monitor get the width.
    addDockWidget(Qt::LeftDockWidgetArea, propertiesDock);
    splitDockWidget(explorerDock, propertiesDock, Qt::Vertical);
    resizeDocks({explorerDock}, {380}, Qt::Horizontal);
    resizeDocks({explorerDock, propertiesDock}, {430, 370}, Qt::Vertical);

    connect(m_explorer, &ExplorerWidget::objectSelected, this, &MainWindow::selectObject);
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *connectAction = file->addAction(tr("&Connect to SQL Server…"), this, &MainWindow::connectToServer);
    connectAction->setShortcut(QKeySequence::Open);
    connectAction->setToolTip(tr("Open a database's Service Broker over ODBC (Ctrl+O)"));
    QAction *demo = file->addAction(tr("Open &Demo Broker"), this, &MainWindow::openDemo);
    demo->setToolTip(tr("A simulated broker that needs no server"));
    QAction *reload = file->addAction(tr("&Reload Catalog"), this, &MainWindow::reloadCatalog);
    reload->setShortcut(QKeySequence::Refresh);
    file->addSeparator();
    QAction *exportGraph = m_graphPage->view()->exportAction();
    file->addAction(exportGraph);
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
    view->addSeparator();
    BrokerGraphView *graph = m_graphPage->view();
    for (QAction *a : {graph->zoomInAction(), graph->zoomOutAction(), graph->fitAction(), graph->actualSizeAction()})
        view->addAction(a);
    view->addSeparator();
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        view->addAction(dock->toggleViewAction());

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    QAction *wizard = tools->addAction(tr("New &Messaging Pattern…"), this, &MainWindow::openPatternWizard);
    wizard->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    wizard->setToolTip(tr("Generate the T-SQL for windowed fire-and-forget, keep-firing or target-ends-first "
                          "messaging, reviewed before anything runs"));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Broker Studio"), this, [this] { AboutDialog(this).exec(); });
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::openDemo()
{
    m_connectionString.clear();
    m_historyKey = QStringLiteral("demo");
    openSource(SimBrokerSource::createDemo());
}

void MainWindow::connectToServer()
{
    ConnectionDialog dialog(*m_settings, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_connectionString = dialog.connectionString();
    m_historyKey = dialog.profile().name.isEmpty() ? dialog.profile().displayName() : dialog.profile().name;
    openSource(new OdbcBrokerSource(dialog.profile(), dialog.password()));
}

void MainWindow::openPatternWizard()
{
    auto *wizard = new PatternWizard(m_catalog, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    // Saved profiles only, never the connection string: its password must not reach the wizard's
    // widgets. The connected server's profile (named by m_historyKey) is preselected.
    wizard->setConnectionProfiles(m_settings->connectionProfiles(), m_connectionString.isEmpty() ? QString() : m_historyKey);
    wizard->show();
}

void MainWindow::openSource(BrokerSource *source)
{
    if (m_source) {
        // The previous source keeps being monitored in its own tab until that tab is closed;
        // one that never got a monitor tab goes now.
        disconnect(m_source, nullptr, this, nullptr);
        disconnect(m_source, nullptr, m_statusText, nullptr);
        if (m_monitor) {
            m_source->setParent(m_monitor);
            disconnect(m_monitor, nullptr, this, nullptr);
        } else {
            m_source->stopSampling();
            m_source->deleteLater();
        }
    }
    m_monitor = nullptr;
    m_source = source;
    m_source->setParent(this);
    connect(m_source, &BrokerSource::catalogLoaded, this, &MainWindow::onCatalogLoaded);
    connect(m_source, &BrokerSource::catalogFailed, this, &MainWindow::onCatalogFailed);
    connect(m_source, &BrokerSource::statusChanged, m_statusText, &QLabel::setText);
    setWindowTitle(tr("%1 — Broker Studio").arg(m_source->displayName()));
    m_simControls->setSource(qobject_cast<SimBrokerSource *>(m_source));
    m_graphPage->view()->clearHealth();
    reloadCatalog();
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
    m_catalog = catalog;
    m_explorer->setCatalog(catalog);
    m_properties->setCatalog(catalog);
    m_properties->showObject({});
    m_graphPage->view()->setCatalog(catalog);
    ensureMonitorTab();
    updateBanners();
    m_statusText->setText(tr("%1: %2 services, %3 queues, %4 contracts, %5 message types, %6 routes")
                              .arg(m_source->displayName())
                              .arg(catalog.services.size())
                              .arg(catalog.queues.size())
                              .arg(catalog.contracts.size())
                              .arg(catalog.messageTypes.size())
                              .arg(catalog.routes.size()));
    Q_EMIT catalogShown();
}

void MainWindow::ensureMonitorTab()
{
    if (m_monitor || !m_source)
        return;
    // The page starts sampling the source; it keeps its history under the profile's name.
    m_monitor = new MonitorPage(m_source, m_catalog, m_historyKey.isEmpty() ? m_source->displayName() : m_historyKey,
                                m_tabs);
    connect(m_source, &BrokerSource::catalogLoaded, m_monitor, &MonitorPage::setCatalog);
    MonitorPage *page = m_monitor;
    connect(page, &MonitorPage::healthChanged, this, [this, page] {
        if (page == m_monitor)
            page->applyHealthTo(m_graphPage->view());
    });
    const int index = m_tabs->addTab(page, tr("Monitor: %1").arg(m_source->displayName()));
    m_tabs->setTabToolTip(index, tr("Conversation population, queues, activation and alerts of %1")
                                     .arg(m_source->displayName()));
    connect(page, &MonitorPage::activeAlertCountChanged, this, [this, page](int count) {
        const int i = m_tabs->indexOf(page);
        if (i >= 0)
            m_tabs->setTabText(i, count > 0 ? tr("Monitor: %1 (%2 alerts)").arg(page->source()->displayName()).arg(count)
                                            : tr("Monitor: %1").arg(page->source()->displayName()));
    });
}

void MainWindow::closeTab(int index)
{
    auto *page = qobject_cast<MonitorPage *>(m_tabs->widget(index));
    if (!page)
        return; // the graph tab stays
    m_tabs->removeTab(index);
    if (page == m_monitor)
        m_monitor = nullptr; // the current source stays open; its sampling stops with the page
    page->deleteLater();     // deletes a superseded source with it (it is the page's child)
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

} // namespace bs
