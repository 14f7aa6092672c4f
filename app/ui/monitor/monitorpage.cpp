#include "ui/monitor/monitorpage.h"

#include "data/brokersource.h"
#include "data/settings.h"
#include "ui/bannerwidget.h"
#include "ui/graph/brokergraphview.h"
#include "ui/monitor/alertspanel.h"
#include "ui/monitor/countertablemodel.h"
#include "ui/monitor/endpointtablemodel.h"
#include "ui/monitor/monitorexport.h"
#include "ui/monitor/monitortoolbar.h"
#include "ui/monitor/queuetablemodel.h"
#include "ui/monitor/sampletablepanel.h"
#include "ui/monitor/timechartwidget.h"
#include "ui/monitor/transmissiontablemodel.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSet>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace bs {

namespace {
constexpr int RedrawDelayMs = 250;       // at most four chart redraws a second while sampling
constexpr int InteractiveRedrawMs = 15;  // zoom and pan feel immediate
constexpr qint64 MinLiveSpanMs = 5 * 60'000LL; // the narrowest view while the data is younger than the range
const QString EndpointsTotal = QStringLiteral("endpoints.total");
const QString Leaked = QStringLiteral("endpoints.leaked");
const QString NeverExpiring = QStringLiteral("endpoints.neverExpiring");
const QString TransmissionSize = QStringLiteral("transmission.size");

QColor stateColor(EndpointState state)
{
    switch (state) {
    case EndpointState::SO: return QColor(0x8a, 0xb6, 0xe0);
    case EndpointState::SI: return QColor(0x4f, 0xb0, 0xa5);
    case EndpointState::CO: return QColor(0x4c, 0x9a, 0x4c);
    case EndpointState::DI: return QColor(0xe0, 0x8a, 0x2c);
    case EndpointState::DO: return QColor(0x8e, 0x6b, 0xbf);
    case EndpointState::ER: return QColor(0xd6, 0x45, 0x41);
    case EndpointState::CD: return QColor(0x9c, 0x86, 0x6e);
    }
    return Qt::gray;
}

QColor paletteColor(qsizetype i)
{
    static const QColor colors[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                                    QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                                    QColor(0xe3, 0x77, 0xc2), QColor(0x17, 0xbe, 0xcf), QColor(0xbc, 0xbd, 0x22)};
    return colors[size_t(i) % std::size(colors)];
}

// "queue.dbo.Target.depth" -> "dbo.Target"
QString queueLabelFromKey(const QString &key, const QString &suffix)
{
    return key.mid(6, key.size() - 6 - suffix.size());
}

QString formatValue(double v)
{
    return v == std::floor(v) ? QLocale().toString(qint64(v)) : QLocale().toString(v, 'f', 2);
}
} // namespace

MonitorPage::MonitorPage(BrokerSource *source, const BrokerCatalog &catalog, const QString &historyKey, QWidget *parent,
                         const QString &historyDirectory, Settings *settings)
    : QWidget(parent)
    , m_source(source)
    , m_settings(settings ? settings : new Settings(this))
    , m_historyKey(historyKey)
    , m_loader(new MonitorHistoryLoader(this))
    , m_catalog(catalog)
    , m_stack(size_t(EndpointStateCount))
{
    m_engine.setSettings(m_settings->alertSettings());
    m_engine.setCatalog(catalog);
    const bool simulated = source && source->isSimulation();
    const std::optional<int> remembered =
        historyKey.isEmpty() ? std::nullopt : m_settings->monitorProfileIntervalMs(historyKey);
    // The demo keeps its brisk 1 s unless the user chose otherwise; a server starts at the default.
    m_intervalMs = std::clamp(remembered.value_or(simulated ? 1000 : m_settings->monitorDefaultIntervalMs()),
                              simulated ? MinSimulationIntervalMs : MinIntervalMs, MaxIntervalMs);
    m_mode = m_settings->monitorStackedArea() ? PopulationMode::StackedArea : PopulationMode::Lines;
    m_byFarService = m_settings->monitorByFarService();
    connect(m_settings, &Settings::alertSettingsChanged, this, &MonitorPage::setAlertSettings);
    connect(m_loader, &MonitorHistoryLoader::progressChanged, this, &MonitorPage::onHistoryProgress);
    connect(m_loader, &MonitorHistoryLoader::finished, this, &MonitorPage::onHistoryLoaded);
    m_redrawTimer.setSingleShot(true);
    connect(&m_redrawTimer, &QTimer::timeout, this, &MonitorPage::redrawNow);
    buildUi();
    updateGapThreshold();
    if (!historyKey.isEmpty())
        openHistory(historyKey, historyDirectory);
    if (m_source) {
        connect(m_source.data(), &BrokerSource::sampleReady, this, &MonitorPage::onSample);
        connect(m_source.data(), &BrokerSource::statusChanged, m_toolbar, &MonitorToolbar::setStatus);
        m_source->startSampling(m_intervalMs);
    }
    updateView();
}

MonitorPage::~MonitorPage()
{
    if (m_source)
        m_source->stopSampling();
}

void MonitorPage::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);

    m_toolbar = new MonitorToolbar(m_source && m_source->isSimulation(), this);
    m_toolbar->setTimeRange(m_range);
    m_toolbar->setFollowLive(m_followLive);
    m_toolbar->setIntervalMs(m_intervalMs);
    m_toolbar->setPopulationMode(m_mode);
    m_toolbar->setFarServiceBreakdown(m_byFarService);
    connect(m_toolbar, &MonitorToolbar::timeRangeChosen, this, &MonitorPage::setTimeRange);
    connect(m_toolbar, &MonitorToolbar::followLiveToggled, this, &MonitorPage::setFollowLive);
    connect(m_toolbar, &MonitorToolbar::intervalChosen, this, &MonitorPage::setIntervalMs);
    connect(m_toolbar, &MonitorToolbar::populationModeChosen, this, &MonitorPage::setPopulationMode);
    connect(m_toolbar, &MonitorToolbar::farServiceBreakdownToggled, this, &MonitorPage::setFarServiceBreakdown);
    connect(m_toolbar, &MonitorToolbar::exportRequested, this,
            [this](MonitorToolbar::ExportKind kind) { exportWithDialog(int(kind)); });
    addActions(m_toolbar->exportActions());
    layout->addWidget(m_toolbar);

    m_banner = new BannerWidget(this);
    m_banner->hide();
    layout->addWidget(m_banner);

    m_loadingBar = new QWidget(this);
    m_loadingBar->setObjectName(QStringLiteral("historyLoading"));
    auto *loading = new QHBoxLayout(m_loadingBar);
    loading->setContentsMargins(4, 2, 4, 2);
    m_loadingLabel = new QLabel(tr("Loading history…"), m_loadingBar);
    m_loadingProgress = new QProgressBar(m_loadingBar);
    m_loadingProgress->setRange(0, 0);
    m_loadingProgress->setTextVisible(false);
    m_loadingProgress->setMaximumWidth(240);
    auto *cancelLoad = new QPushButton(tr("Cancel"), m_loadingBar);
    cancelLoad->setObjectName(QStringLiteral("cancelHistoryLoad"));
    cancelLoad->setToolTip(tr("Show only the new samples. They are still recorded; the stored history stays on disk."));
    connect(cancelLoad, &QPushButton::clicked, this, &MonitorPage::cancelHistoryLoad);
    loading->addWidget(m_loadingLabel);
    loading->addWidget(m_loadingProgress);
    loading->addWidget(cancelLoad);
    loading->addStretch(1);
    m_loadingBar->hide();
    layout->addWidget(m_loadingBar);

    auto *hsplit = new QSplitter(Qt::Horizontal, this);
    auto *vsplit = new QSplitter(Qt::Vertical, hsplit);
    m_charts = new QWidget(vsplit);
    m_charts->setAutoFillBackground(true);
    QPalette pal = m_charts->palette();
    pal.setColor(QPalette::Window, Qt::white);
    m_charts->setPalette(pal);
    auto *chartsLayout = new QVBoxLayout(m_charts);
    chartsLayout->setContentsMargins(0, 0, 0, 0);
    chartsLayout->setSpacing(0);
    m_population = new TimeChartWidget(tr("Conversation endpoints"), m_charts);
    m_queues = new TimeChartWidget(tr("Queue depth (messages)"), m_charts);
    m_readers = new TimeChartWidget(tr("Active readers (activated tasks)"), m_charts);
    chartsLayout->addWidget(m_population, 5);
    chartsLayout->addWidget(m_queues, 3);
    chartsLayout->addWidget(m_readers, 2);
    for (TimeChartWidget *chart : {m_population, m_queues, m_readers}) {
        connect(chart, &TimeChartWidget::viewChangedByUser, this, &MonitorPage::onUserView);
    }
    for (TimeChartWidget *chart : {m_population, m_queues, m_readers})
        chart->setReadoutProvider([this, chart](qint64 t) { return readout(t, chart); });

    m_tables = new QTabWidget(vsplit);
    m_tables->setDocumentMode(true);
    m_endpointModel = new EndpointTableModel(this);
    m_queueModel = new QueueTableModel(this);
    m_transmissionModel = new TransmissionTableModel(this);
    m_counterModel = new CounterTableModel(this);
    m_endpointPanel = new SampleTablePanel(m_endpointModel, {QStringLiteral("monitor.endpoints")},
                                           EndpointTableModel::Count, Qt::DescendingOrder, m_tables);
    m_queuePanel = new SampleTablePanel(m_queueModel,
                                        {QStringLiteral("monitor.queue_depth"), QStringLiteral("monitor.activated_tasks"),
                                         QStringLiteral("monitor.queue_monitors")},
                                        QueueTableModel::Queue, Qt::AscendingOrder, m_tables);
    m_transmissionPanel = new SampleTablePanel(m_transmissionModel, {QStringLiteral("monitor.transmission")},
                                               TransmissionTableModel::Messages, Qt::DescendingOrder, m_tables);
    m_counterPanel = new SampleTablePanel(m_counterModel, {QStringLiteral("monitor.perf_counters")},
                                          CounterTableModel::Object, Qt::AscendingOrder, m_tables);
    m_tables->addTab(m_endpointPanel, tr("Endpoints"));
    m_tables->addTab(m_queuePanel, tr("Queues"));
    m_tables->addTab(m_transmissionPanel, tr("Transmission queue"));
    m_tables->addTab(m_counterPanel, tr("Counters"));
    m_tables->setTabToolTip(0, tr("sys.conversation_endpoints of the latest sample, by state and service pair."));
    m_tables->setTabToolTip(1, tr("Queues of the latest sample: depth, STATUS, activation, readers, queue monitor."));
    m_tables->setTabToolTip(2, tr("sys.transmission_queue of the latest sample, grouped by transmission_status."));
    m_tables->setTabToolTip(3, tr("Broker performance counters (sys.dm_os_performance_counters) of the latest sample:\n"
                                  "value, rate per second, change since the sample before."));
    vsplit->setStretchFactor(0, 3);
    vsplit->setStretchFactor(1, 1);
    // Room for eight or so table rows under the charts (the demo has four queues and a dozen
    // endpoint groups); the user can drag the handle either way.
    const int rowHeight = fontMetrics().height() + 6;
    vsplit->setSizes({600, rowHeight * 10});

    m_alerts = new AlertsPanel(hsplit);
    connect(m_alerts, &AlertsPanel::activeCountChanged, this, &MonitorPage::activeAlertCountChanged);
    hsplit->setStretchFactor(0, 3);
    hsplit->setStretchFactor(1, 1);
    hsplit->setSizes({900, 380});
    layout->addWidget(hsplit, 1);

    // Zoom and pan keys belong to the charts, not the whole page: in a text field (the alert's
    // fix T-SQL, say) Ctrl+Left must move the cursor. Clicking a chart gives the charts focus.
    m_charts->setFocusPolicy(Qt::ClickFocus);
    const auto shortcut = [this](const QString &keys, auto slot) {
        auto *s = new QShortcut(QKeySequence(keys), m_charts);
        s->setContext(Qt::WidgetWithChildrenShortcut);
        connect(s, &QShortcut::activated, this, slot);
    };
    shortcut(QStringLiteral("Ctrl++"), [this] { zoom(0.5); });
    shortcut(QStringLiteral("Ctrl+="), [this] { zoom(0.5); });
    shortcut(QStringLiteral("Ctrl+-"), [this] { zoom(2.0); });
    shortcut(QStringLiteral("Ctrl+Left"), [this] { pan(-0.25); });
    shortcut(QStringLiteral("Ctrl+Right"), [this] { pan(0.25); });
    shortcut(QStringLiteral("End"), [this] { setFollowLive(true); });
}

void MonitorPage::openHistory(const QString &key, const QString &directory)
{
    m_historyDirectory = directory;
    const bool ok = m_history.open(HistoryStore::pathForProfile(key, directory));
    if (!ok) {
        m_toolbar->setStatus(tr("History unavailable: %1").arg(m_history.lastError()));
        return;
    }
    const auto range = m_history.timeRange();
    if (!range)
        return;
    // The newest stored sample shows in the tables at once, and a live sample at or before it is
    // refused as stale: so the merge after the load can take exactly the samples after the cut-off.
    const QList<MonitorSample> last = m_history.samples(range->second, range->second);
    if (!last.isEmpty()) {
        m_latest = last.last();
        m_latestIsStored = true;
        noteServicePairs(m_latest);
        updateTables(m_latest);
    }
    m_historyCutoffMs = range->second.toMSecsSinceEpoch();
    m_historyFrom = range->first;
    // A simulation's clock is its own (the demo starts in January 2026 every time): keep its
    // retention relative to its newest sample rather than to today.
    const bool simulated = m_source && m_source->isSimulation();
    MonitorHistoryLoader::Request request;
    request.path = m_history.path();
    request.from = range->first;
    request.to = range->second;
    request.gapThresholdMs = m_series.gapThresholdMs();
    request.retentionDays = m_settings->historyRetentionDays();
    request.retentionNow = simulated ? range->second : QDateTime::currentDateTimeUtc();
    m_liveDuringLoad.clear();
    onHistoryProgress(-1);
    m_loadingBar->show();
    m_loader->start(request);
}

void MonitorPage::onHistoryProgress(int percent)
{
    // Says how far back the stored history goes, so the wait makes sense (a week takes longer).
    const QString since = QLocale().toString(m_historyFrom.toLocalTime(), QLocale::ShortFormat);
    if (percent < 0) {
        m_loadingLabel->setText(tr("Loading history since %1…").arg(since));
        m_loadingProgress->setRange(0, 0);
        return;
    }
    m_loadingLabel->setText(tr("Loading history since %1… %2%").arg(since).arg(percent));
    m_loadingProgress->setRange(0, 100);
    m_loadingProgress->setValue(percent);
}

void MonitorPage::endHistoryLoad()
{
    m_liveDuringLoad.clear();
    m_loadingBar->hide();
}

void MonitorPage::cancelHistoryLoad()
{
    if (!m_loader->isRunning())
        return;
    m_loader->cancel();
    endHistoryLoad();
    m_toolbar->setStatus(tr("Stored history not shown (cancelled); new samples are still recorded."));
    Q_EMIT historyLoadFinished(false);
}

void MonitorPage::onHistoryLoaded(const MonitorHistoryLoader::Result &result)
{
    if (!result.error.isEmpty()) {
        endHistoryLoad();
        m_toolbar->setStatus(tr("History unavailable: %1").arg(result.error));
        Q_EMIT historyLoadFinished(false);
        return;
    }
    // Stored samples up to the cut-off, then the live ones that came meanwhile: each exactly once.
    MonitorSeries merged = result.series;
    merged.setGapThresholdMs(m_series.gapThresholdMs());
    for (const MonitorSample &sample : std::as_const(m_liveDuringLoad)) {
        if (sample.time.toMSecsSinceEpoch() > m_historyCutoffMs)
            merged.append(sample);
    }
    endHistoryLoad();
    m_series = std::move(merged);
    rebuildStackFromSeries();

    const QList<AlertLogEntry> log = MonitorHistoryLoader::mergeAlertLog(result.alerts, m_engine.log());
    m_engine.setLog(log);
    m_alerts->setAlerts(m_engine.activeAlerts(), m_engine.log());
    updateHealth();
    if (result.pruned > 0)
        m_toolbar->setStatus(tr("History loaded; %1 samples older than %2 days removed")
                              .arg(QLocale().toString(result.pruned))
                              .arg(m_settings->historyRetentionDays()));
    scheduleRedraw();
    Q_EMIT historyLoadFinished(true);
}

void MonitorPage::setAlertSettings(const AlertSettings &settings)
{
    m_engine.setSettings(Settings::clamped(settings));
}

void MonitorPage::setCatalog(const BrokerCatalog &catalog)
{
    m_catalog = catalog;
    m_engine.setCatalog(catalog);
    updateHealth();
}

void MonitorPage::onSample(const MonitorSample &sample)
{
    if (!m_latest.time.isNull() && sample.time <= m_latest.time) {
        // A repeated or stale sample (the series refuse to go back in time); only a simulation
        // whose clock jumped back has started over.
        if (sample.time == m_latest.time || !m_source || !m_source->isSimulation())
            return;
        restartSeries();
    }
    m_latest = sample;
    m_latestIsStored = false;
    noteServicePairs(sample);
    if (m_loader->isRunning())
        m_liveDuringLoad.append(sample);
    m_series.append(sample);
    appendStack(sample);
    if (m_history.isOpen() && !m_history.append(sample))
        m_toolbar->setStatus(tr("History write failed: %1").arg(m_history.lastError()));
    applyRetentionWhileOpen(sample);

    const QList<AlertChange> changes = m_engine.addSample(sample);
    if (!changes.isEmpty()) {
        QSet<QString> changed;
        for (const AlertChange &c : changes)
            changed.insert(c.alert.key);
        if (m_history.isOpen()) {
            for (const AlertLogEntry &e : m_engine.log()) {
                if (changed.contains(e.alert.key))
                    m_history.saveAlert(e);
            }
        }
        m_alerts->setAlerts(m_engine.activeAlerts(), m_engine.log());
    }
    updateTables(sample);
    updateBanner(sample);
    updateHealth();
    m_toolbar->setStatus(tr("Last sample %1 · %2 samples")
                          .arg(QLocale().toString(sample.time.toLocalTime(), QStringLiteral("HH:mm:ss")))
                          .arg(QLocale().toString(qint64(m_series.sampleCount()))));
    scheduleRedraw();
}

void MonitorPage::applyRetentionWhileOpen(const MonitorSample &sample)
{
    // A tab a DBA keeps open for weeks must not grow without bound: once an hour the retention
    // setting prunes the store and the charted series (an hour's worth of rows: a short delete).
    if (m_retentionClock.isValid() && m_retentionClock.elapsed() < m_retentionCheckMs)
        return;
    const bool first = !m_retentionClock.isValid();
    m_retentionClock.start();
    if (first || m_loader->isRunning())
        return; // the history load applies retention itself
    // A simulation's clock is its own: retention counts back from its newest sample.
    const QDateTime now = m_source && m_source->isSimulation() ? sample.time : QDateTime::currentDateTimeUtc();
    const int days = m_settings->historyRetentionDays();
    if (m_history.isOpen())
        m_history.applyRetention(days, now);
    const QDateTime cutoff = now.addDays(-days);
    m_series.removeBefore(cutoff);
    for (TimeSeries &ts : m_stack)
        ts.removeBefore(cutoff.toMSecsSinceEpoch());
}

void MonitorPage::restartSeries()
{
    // The simulation started over (a new run of the demo begins at the scenario's start time):
    // its earlier history would sit in the future of the new samples, so it starts afresh.
    if (m_loader->isRunning()) {
        m_loader->cancel();
        endHistoryLoad();
        Q_EMIT historyLoadFinished(false);
    }
    const qint64 threshold = m_series.gapThresholdMs();
    m_series = MonitorSeries(threshold);
    for (TimeSeries &ts : m_stack)
        ts.clear();
    m_engine.resetWindow();
    m_engine.setLog({});
    m_alerts->setAlerts({}, {});
    if (!m_history.isOpen())
        return;
    // The new run's clock starts over, so its samples cannot go into the file that holds the
    // previous run (their times would collide and interleave): the file starts afresh. It is this
    // page's alone (MainWindow gives every open source its own history key), and a simulation's
    // earlier run cannot be continued anyway; starting afresh also keeps one file per key
    // instead of one more at every launch of the demo.
    const QString path = m_history.path();
    m_history.close();
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
    if (!m_history.open(path)) {
        m_toolbar->setStatus(tr("History unavailable: %1").arg(m_history.lastError()));
        return;
    }
    m_historyCutoffMs = 0;
}

void MonitorPage::appendStack(const MonitorSample &sample)
{
    const qint64 t = sample.time.toMSecsSinceEpoch();
    if (!sample.isAvailable(QStringLiteral("monitor.endpoints"))) {
        for (TimeSeries &ts : m_stack)
            ts.appendGap(t);
        return;
    }
    double total = 0;
    for (int s = 0; s < EndpointStateCount; ++s) {
        total += double(sample.endpointCount(EndpointState(s)));
        m_stack[size_t(s)].append(t, total);
    }
}

void MonitorPage::rebuildStackFromSeries()
{
    for (TimeSeries &ts : m_stack)
        ts.clear();
    const TimeSeries &ref = m_series.series(MonitorSeries::stateKey(EndpointState::SO));
    for (qsizetype i = 0; i < ref.size(); ++i) {
        const qint64 t = ref.timeAt(i);
        double total = 0;
        bool gap = false;
        for (int s = 0; s < EndpointStateCount; ++s) {
            const TimeSeries &ts = m_series.series(MonitorSeries::stateKey(EndpointState(s)));
            const qsizetype j = ts.lowerBound(t);
            if (j >= ts.size() || ts.timeAt(j) != t || ts.isGapAt(j)) {
                gap = true;
                break;
            }
            total += ts.valueAt(j);
            m_stack[size_t(s)].append(t, total);
        }
        if (gap) {
            for (TimeSeries &ts : m_stack)
                ts.appendGap(t);
        }
    }
}

void MonitorPage::updateTables(const MonitorSample &sample)
{
    m_endpointModel->setSample(sample);
    m_queueModel->setSample(sample);
    m_transmissionModel->setSample(sample);
    m_counterModel->setSample(sample);
    m_counterPanel->setSample(sample);
    m_endpointPanel->setSample(sample);
    m_queuePanel->setSample(sample);
    m_transmissionPanel->setSample(sample);
}

void MonitorPage::updateBanner(const MonitorSample &sample)
{
    if (sample.unavailable.isEmpty()) {
        m_banner->hide();
        return;
    }
    QStringList parts;
    QStringList grants;
    for (const UnavailablePart &u : sample.unavailable) {
        parts.append(u.part);
        if (!u.permission.isEmpty() && !grants.contains(u.permission))
            grants.append(u.permission);
    }
    m_banner->showMessage(BannerWidget::Level::Warning,
                          tr("Part of the monitor is unavailable: %1").arg(parts.join(QStringLiteral(", "))),
                          grants.isEmpty() ? tr("The rest keeps working; see the tables for the server's message.")
                                           : tr("Grant %1 to the monitoring login; the rest keeps working.")
                                                 .arg(grants.join(QStringLiteral(", "))));
    m_banner->show();
}

void MonitorPage::updateHealth()
{
    QList<QPair<ObjectRef, NodeHealth>> health;
    QStringList reasons;
    // Until a live sample has come, the alerts are the ones restored from the alert log (for a
    // simulation, from a run that has gone): the list shows them, the graph waits for live data.
    const bool live = !m_latestIsStored && m_latest.time.isValid();
    const QList<Alert> active = live ? m_engine.activeAlerts() : QList<Alert>{};
    const auto alertHealth = [](const Alert &a) {
        return a.severity == AlertSeverity::Critical ? NodeHealth::Error : NodeHealth::Warning;
    };
    for (const Queue &q : std::as_const(m_catalog.queues)) {
        NodeHealth h = NodeHealth::Normal;
        QString reason;
        // A sample read back from the history file is what the tables show until the first live
        // one, but the graph's colours say how things are now: only live samples colour it.
        const QueueSample *qs = m_latestIsStored ? nullptr : m_latest.queue(q.schema, q.name);
        if (qs) {
            const auto [level, text] = QueueTableModel::health(*qs);
            if (level != QueueTableModel::Level::Ok) {
                h = level == QueueTableModel::Level::Error ? NodeHealth::Error : NodeHealth::Warning;
                reason = text;
            }
        }
        for (const Alert &a : active) {
            if (a.subject == q.qualifiedName() && alertHealth(a) >= h) {
                h = worseHealth(h, alertHealth(a));
                reason = a.title;
            }
        }
        health.append({ObjectRef{ObjectKind::Queue, q.objectId}, h});
        reasons.append(reason);
    }
    for (const Service &s : std::as_const(m_catalog.services)) {
        NodeHealth h = NodeHealth::Normal;
        QString reason;
        const QString prefix = s.name + QStringLiteral(" ↔ ");
        for (const Alert &a : active) {
            if (a.subject.startsWith(prefix) && alertHealth(a) >= h) {
                h = worseHealth(h, alertHealth(a));
                reason = a.title;
            }
        }
        health.append({ObjectRef{ObjectKind::Service, s.id}, h});
        reasons.append(reason);
    }
    if (health == m_health && reasons == m_healthReasons)
        return;
    m_health = health;
    m_healthReasons = reasons;
    Q_EMIT healthChanged(m_health);
}

QString MonitorPage::healthReason(const ObjectRef &ref) const
{
    for (qsizetype i = 0; i < m_health.size(); ++i) {
        if (m_health[i].first == ref)
            return m_healthReasons.value(i);
    }
    return {};
}

void MonitorPage::applyHealthTo(BrokerGraphView *view) const
{
    for (qsizetype i = 0; i < m_health.size(); ++i)
        view->setHealth(m_health[i].first, m_health[i].second, m_healthReasons.value(i));
}

void MonitorPage::setIntervalMs(int ms)
{
    const int lo = m_source && m_source->isSimulation() ? MinSimulationIntervalMs : MinIntervalMs;
    m_intervalMs = std::clamp(ms, lo, MaxIntervalMs);
    m_toolbar->setIntervalMs(m_intervalMs);
    if (!m_historyKey.isEmpty())
        m_settings->setMonitorProfileIntervalMs(m_historyKey, m_intervalMs);
    updateGapThreshold();
    if (m_source)
        m_source->startSampling(m_intervalMs);
}

void MonitorPage::updateGapThreshold()
{
    // A real server's samples come every interval (a slow one delays the next); three missed
    // intervals draw a gap. Simulated samples are in simulated time, so no wall-clock threshold.
    const qint64 threshold = m_source && m_source->isSimulation() ? 0 : qint64(m_intervalMs) * 3;
    m_series.setGapThresholdMs(threshold);
    for (TimeSeries &ts : m_stack)
        ts.setGapThresholdMs(threshold);
}

qint64 MonitorPage::rangeSpanMs() const
{
    switch (m_range) {
    case TimeRange::FiveMinutes: return 5 * 60'000LL;
    case TimeRange::OneHour: return 3'600'000LL;
    case TimeRange::OneDay: return 86'400'000LL;
    case TimeRange::SevenDays: return 7 * 86'400'000LL;
    case TimeRange::All: break;
    }
    return 0;
}

void MonitorPage::setTimeRange(TimeRange range)
{
    m_range = range;
    m_liveSpanMs = 0;
    m_toolbar->setTimeRange(range);
    if (range == TimeRange::All) {
        setFollowLive(true);
        return;
    }
    if (m_followLive) {
        updateView();
    } else {
        setView(m_viewTo - rangeSpanMs(), m_viewTo);
    }
    m_redrawTimer.start(InteractiveRedrawMs);
}

void MonitorPage::setPopulationMode(PopulationMode mode)
{
    m_mode = mode;
    m_toolbar->setPopulationMode(mode);
    m_settings->setMonitorStackedArea(mode == PopulationMode::StackedArea);
    m_redrawTimer.start(InteractiveRedrawMs);
}

void MonitorPage::setFarServiceBreakdown(bool on)
{
    m_byFarService = on;
    m_toolbar->setFarServiceBreakdown(on);
    m_settings->setMonitorByFarService(on);
    m_redrawTimer.start(InteractiveRedrawMs);
}

void MonitorPage::setFollowLive(bool on)
{
    m_followLive = on;
    m_toolbar->setFollowLive(on);
    if (on) {
        updateView();
        m_redrawTimer.start(InteractiveRedrawMs);
    }
}

void MonitorPage::updateView()
{
    if (!m_followLive)
        return;
    qint64 last = 0;
    qint64 first = std::numeric_limits<qint64>::max();
    for (const QString &key : m_series.keys()) {
        const TimeSeries &ts = m_series.series(key);
        if (!ts.isEmpty()) {
            last = std::max(last, ts.lastTime());
            first = std::min(first, ts.firstTime());
        }
    }
    if (last == 0) {
        last = QDateTime::currentMSecsSinceEpoch();
        first = last - 5 * 60'000LL;
    }
    if (m_liveSpanMs > 0) {
        setView(last - m_liveSpanMs, last);
    } else if (m_range == TimeRange::All || last - first < rangeSpanMs()) {
        // Less data than the range: a new monitor would squeeze its first minutes into the right
        // edge of an hour. Like "All" it starts at the first sample and grows, at least five
        // minutes wide so the first samples are not stretched over the whole width, until the
        // data fills the chosen range and the window starts to slide.
        setView(first, std::max(last, first + MinLiveSpanMs));
    } else {
        setView(last - rangeSpanMs(), last);
    }
}

void MonitorPage::setView(qint64 fromMs, qint64 toMs)
{
    m_viewFrom = fromMs;
    m_viewTo = std::max(toMs, fromMs + 10'000);
    for (TimeChartWidget *chart : {m_population, m_queues, m_readers})
        chart->setTimeRange(m_viewFrom, m_viewTo);
}

void MonitorPage::onUserView(qint64 fromMs, qint64 toMs)
{
    const qint64 latest = m_latest.time.isValid() ? m_latest.time.toMSecsSinceEpoch() : toMs;
    // Looking back in time stops follow-live; a view that still reaches the newest sample keeps it.
    if (toMs < latest)
        setFollowLive(false);
    else if (m_followLive)
        m_liveSpanMs = toMs - fromMs; // a zoom that still shows the newest sample keeps following at that width
    setView(fromMs, toMs);
    m_redrawTimer.start(InteractiveRedrawMs);
}

void MonitorPage::zoom(double factor)
{
    const qint64 centre = m_followLive ? m_viewTo : (m_viewFrom + m_viewTo) / 2;
    const qint64 half = qint64(double(m_viewTo - m_viewFrom) * factor / 2);
    const qint64 to = m_followLive ? m_viewTo : centre + half;
    const qint64 from = m_followLive ? m_viewTo - 2 * half : centre - half;
    if (m_followLive)
        m_liveSpanMs = to - from; // following live keeps the zoomed width, not the range's
    setView(from, to);
    m_redrawTimer.start(InteractiveRedrawMs);
}

void MonitorPage::pan(double fraction)
{
    const qint64 delta = qint64(double(m_viewTo - m_viewFrom) * fraction);
    onUserView(m_viewFrom + delta, m_viewTo + delta);
}

void MonitorPage::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // The pixel width changed: downsample again for the new width.
    if (!m_redrawTimer.isActive())
        m_redrawTimer.start(RedrawDelayMs);
}

void MonitorPage::scheduleRedraw()
{
    if (m_followLive)
        updateView();
    if (!m_redrawTimer.isActive())
        m_redrawTimer.start(RedrawDelayMs);
}

QStringList MonitorPage::populationKeys() const
{
    QStringList keys;
    if (m_byFarService) {
        for (const QString &k : m_series.keys()) {
            if (k.startsWith(QLatin1String("endpoints.far.")))
                keys.append(k);
        }
    } else {
        for (int s = 0; s < EndpointStateCount; ++s)
            keys.append(MonitorSeries::stateKey(EndpointState(s)));
    }
    keys.append(Leaked);
    keys.append(NeverExpiring);
    return keys;
}

QStringList MonitorPage::queueKeys(const QString &suffix) const
{
    QStringList keys;
    for (const QString &k : m_series.keys()) {
        if (k.startsWith(QLatin1String("queue.")) && k.endsWith(suffix))
            keys.append(k);
    }
    return keys;
}

QStringList MonitorPage::exportKeys() const
{
    QStringList keys{EndpointsTotal};
    for (int s = 0; s < EndpointStateCount; ++s)
        keys.append(MonitorSeries::stateKey(EndpointState(s)));
    keys.append(Leaked);
    keys.append(NeverExpiring);
    for (const QString &k : m_series.keys()) {
        if (k.startsWith(QLatin1String("endpoints.far.")))
            keys.append(k);
    }
    keys += queueKeys(QStringLiteral(".depth"));
    keys += queueKeys(QStringLiteral(".readers"));
    keys.append(TransmissionSize);
    // Broker counters: the rate for per-second counters, the value for the others (MonitorSeries).
    QStringList counters;
    for (const QString &k : m_series.keys()) {
        if (k.startsWith(QLatin1String("counter.")))
            counters.append(k);
    }
    counters.sort();
    keys += counters;
    return keys;
}

void MonitorPage::redrawNow()
{
    m_redrawTimer.stop();
    const qint64 from = m_viewFrom;
    const qint64 to = m_viewTo;

    // Lines are built first and their points filled in one go per chart, so the downsampling of
    // all of a chart's series can share the cores (Downsampler::minMaxEach).
    const auto fill = [from, to](QList<ChartLine> &lines, const QList<const TimeSeries *> &inputs, int buckets) {
        const QList<QList<SeriesPoint>> reduced = Downsampler::minMaxEach(inputs, from, to, buckets);
        for (qsizetype i = 0; i < lines.size() && i < reduced.size(); ++i)
            lines[i].points = reduced[i];
    };
    QList<ChartLine> population;
    QList<const TimeSeries *> popInputs;
    const int popBuckets = m_population->plotWidth();
    const bool stacked = m_mode == PopulationMode::StackedArea && !m_byFarService;
    if (m_byFarService) {
        qsizetype i = 0;
        const QHash<QString, QString> labels = farServiceLabels();
        for (const QString &k : populationKeys()) {
            if (!k.startsWith(QLatin1String("endpoints.far.")))
                continue;
            const QString far = k.mid(14);
            const QStringList locals = m_localsByFar.value(far);
            const QString tip = locals.isEmpty()
                ? tr("Endpoints whose far_service is %1").arg(far)
                : tr("Endpoints of %1 (the local side) talking to %2 (far_service)")
                      .arg(locals.join(QStringLiteral(", ")), far);
            population.append(ChartLine{k, labels.value(k), tip, paletteColor(i++), Qt::SolidLine, false, {}});
            popInputs.append(&m_series.series(k));
        }
    } else {
        // Stacked: the running totals, largest first, so each smaller total paints over the larger.
        for (int s = stacked ? EndpointStateCount - 1 : 0; stacked ? s >= 0 : s < EndpointStateCount; s += stacked ? -1 : 1) {
            const auto state = EndpointState(s);
            const QString key = MonitorSeries::stateKey(state);
            const TimeSeries &ts = stacked ? m_stack[size_t(s)] : m_series.series(key);
            population.append(ChartLine{key, endpointStateCode(state), EndpointTableModel::stateToolTip(state),
                                        stateColor(state), Qt::SolidLine, stacked, {}});
            popInputs.append(&ts);
        }
    }
    population.append(ChartLine{Leaked, tr("CD leak"),
                                tr("CLOSED endpoints whose security_timestamp is 1900-01-01 (fire-and-forget):\n"
                                   "they stay until their LIFETIME ends, 68 years by default."),
                                QColor(0xa0, 0x10, 0x10), Qt::DashLine, false, {}});
    popInputs.append(&m_series.series(Leaked));
    population.append(ChartLine{NeverExpiring, tr("Never expire"),
                                tr("Endpoints whose lifetime is more than a year away: nothing removes them by expiry."),
                                QColor(0x30, 0x30, 0x30), Qt::DotLine, false, {}});
    popInputs.append(&m_series.series(NeverExpiring));
    fill(population, popInputs, popBuckets);
    m_population->setTimeRange(from, to);
    m_population->setLines(population);

    QList<ChartLine> queues;
    QList<const TimeSeries *> queueInputs;
    const int qBuckets = m_queues->plotWidth();
    const QStringList depthKeys = queueKeys(QStringLiteral(".depth"));
    for (qsizetype i = 0; i < depthKeys.size(); ++i) {
        const QString label = queueLabelFromKey(depthKeys[i], QStringLiteral(".depth"));
        queues.append(ChartLine{depthKeys[i], label, tr("Messages in %1 (partition statistics of its internal table)").arg(label),
                                paletteColor(i), Qt::SolidLine, false, {}});
        queueInputs.append(&m_series.series(depthKeys[i]));
    }
    queues.append(ChartLine{TransmissionSize, tr("Transmission queue"),
                            tr("Messages in sys.transmission_queue: sent and not yet acknowledged by the far side."),
                            QColor(0x55, 0x55, 0x55), Qt::DashLine, false, {}});
    queueInputs.append(&m_series.series(TransmissionSize));
    fill(queues, queueInputs, qBuckets);
    m_queues->setTimeRange(from, to);
    m_queues->setLines(queues);

    QList<ChartLine> readers;
    QList<const TimeSeries *> readerInputs;
    const int rBuckets = m_readers->plotWidth();
    for (qsizetype i = 0; i < depthKeys.size(); ++i) {
        const QString label = queueLabelFromKey(depthKeys[i], QStringLiteral(".depth"));
        const QString key = QStringLiteral("queue.") + label + QStringLiteral(".readers");
        readers.append(ChartLine{key, label, tr("Activated tasks running on %1 (sys.dm_broker_activated_tasks)").arg(label),
                                 paletteColor(i), Qt::SolidLine, false, {}});
        readerInputs.append(&m_series.series(key));
    }
    fill(readers, readerInputs, rBuckets);
    m_readers->setTimeRange(from, to);
    m_readers->setLines(readers);

    // One time axis for the eye: the three plots start at the same x whatever their scales,
    // once the charts have laid out their new labels.
    QTimer::singleShot(0, this, [this] {
        int left = 0;
        for (const TimeChartWidget *chart : {m_population, m_queues, m_readers})
            left = std::max(left, chart->unalignedPlotLeft());
        for (TimeChartWidget *chart : {m_population, m_queues, m_readers})
            chart->alignPlotLeft(left);
    });
}

QHash<QString, QString> MonitorPage::farServiceLabels() const
{
    // The series count endpoints by far_service, which is the *other* end: the endpoints whose far
    // service is the initiator belong to the target. So a line is labelled "local → far". A
    // leading path all names share ("//BrokerStudio/Naive/") is left out; the tooltip has it all.
    QStringList farKeys;
    QStringList names;
    for (const QString &k : m_series.keys()) {
        if (!k.startsWith(QLatin1String("endpoints.far.")))
            continue;
        farKeys.append(k);
        names.append(k.mid(14));
        names += m_localsByFar.value(k.mid(14));
    }
    QString prefix = names.isEmpty() ? QString() : names.first();
    for (const QString &n : std::as_const(names)) {
        qsizetype common = 0;
        while (common < prefix.size() && common < n.size() && prefix[common] == n[common])
            ++common;
        prefix.truncate(common);
    }
    prefix.truncate(prefix.lastIndexOf(QLatin1Char('/')) + 1);
    const auto shortName = [&prefix](const QString &name) {
        return name.size() > prefix.size() ? name.mid(prefix.size()) : name;
    };
    QHash<QString, QString> labels;
    for (const QString &k : std::as_const(farKeys)) {
        const QString far = k.mid(14);
        QStringList locals;
        for (const QString &l : m_localsByFar.value(far))
            locals.append(shortName(l));
        const QString farText = far.isEmpty() ? tr("(no far service)") : shortName(far);
        labels.insert(k, locals.isEmpty() ? tr("? → %1").arg(farText)
                                          : tr("%1 → %2").arg(locals.join(QStringLiteral(", ")), farText));
    }
    return labels;
}

void MonitorPage::noteServicePairs(const MonitorSample &sample)
{
    for (const EndpointGroup &g : sample.endpoints) {
        QStringList &locals = m_localsByFar[g.farService];
        if (!locals.contains(g.localService)) {
            locals.append(g.localService);
            locals.sort();
        }
    }
}

QString MonitorPage::readout(qint64 timeMs, const TimeChartWidget *chart) const
{
    const QStringList keys = chart->lineKeys();
    // Snap to the nearest sample time of the first series that has data, then read every line
    // at exactly that time from the full series (not the downsampled points).
    qint64 snapped = -1;
    for (const QString &k : keys) {
        const TimeSeries &ts = m_series.series(k);
        if (ts.isEmpty())
            continue;
        const qsizetype i = ts.lowerBound(timeMs);
        qint64 best = -1;
        if (i < ts.size())
            best = ts.timeAt(i);
        if (i > 0 && (best < 0 || timeMs - ts.timeAt(i - 1) < best - timeMs))
            best = ts.timeAt(i - 1);
        snapped = best;
        break;
    }
    if (snapped < 0)
        return {};
    QString html = QStringLiteral("<b>%1</b>").arg(
        QLocale().toString(QDateTime::fromMSecsSinceEpoch(snapped).toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    html += QStringLiteral("<table cellspacing=0 cellpadding=1>");
    const QHash<QString, QString> farLabels = farServiceLabels();
    for (const QString &k : keys) {
        if (!chart->isLineVisible(k))
            continue;
        const TimeSeries &ts = m_series.series(k);
        const qsizetype i = ts.lowerBound(snapped);
        QString label = k;
        label.remove(QStringLiteral("endpoints.state.")).remove(QStringLiteral("endpoints.far.")).remove(QStringLiteral("queue."));
        label.remove(QStringLiteral(".depth")).remove(QStringLiteral(".readers"));
        if (k == Leaked)
            label = tr("Leak (CD, unset timestamp)");
        else if (k == NeverExpiring)
            label = tr("Never expire");
        else if (k == TransmissionSize)
            label = tr("Transmission queue");
        else if (farLabels.contains(k))
            label = farLabels.value(k);
        const QString value = i < ts.size() && ts.timeAt(i) == snapped
            ? (ts.isGapAt(i) ? tr("no data") : formatValue(ts.valueAt(i)))
            : tr("—");
        html += QStringLiteral("<tr><td>%1</td><td align=right>&nbsp;&nbsp;<b>%2</b></td></tr>").arg(label.toHtmlEscaped(), value);
    }
    html += QStringLiteral("</table>");
    return html;
}

bool MonitorPage::exportCsv(const QString &path, QString *error) const
{
    return MonitorExport::writeCsv(m_series, exportKeys(), m_viewFrom, m_viewTo, path, error);
}

QString MonitorPage::reportTitle() const
{
    const QLocale locale;
    const QString format = QStringLiteral("yyyy-MM-dd HH:mm:ss");
    const QString from = locale.toString(QDateTime::fromMSecsSinceEpoch(m_viewFrom).toLocalTime(), format);
    const QString to = locale.toString(QDateTime::fromMSecsSinceEpoch(m_viewTo).toLocalTime(), format);
    return tr("%1 — %2 to %3 (local time)").arg(m_source ? m_source->displayName() : m_historyKey, from, to);
}

QSize MonitorPage::reportSize() const
{
    const int width = std::max(m_charts->width(), 640);
    int height = 2 * QFontMetrics(font()).height() + 16;
    for (const TimeChartWidget *chart : {m_population, m_queues, m_readers})
        height += chart->exportHeight(width) + 8;
    return QSize(width, height);
}

void MonitorPage::paintReport(QPainter *painter) const
{
    // A report, not a screen grab: which source and time range, then each chart with a plain
    // legend (no check boxes or scroll bars), so it can go into an incident note as it is.
    const int width = reportSize().width();
    QFont bold = font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    painter->setFont(bold);
    painter->setPen(Qt::black);
    const int lineHeight = QFontMetrics(font()).height();
    painter->drawText(QRect(8, 4, width - 16, lineHeight + 6), Qt::AlignLeft | Qt::AlignVCenter, reportTitle());
    painter->setFont(font());
    painter->drawText(QRect(8, lineHeight + 10, width - 16, lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                      tr("Broker Studio monitor · exported %1")
                          .arg(QLocale().toString(QDateTime::currentDateTime(), QStringLiteral("yyyy-MM-dd HH:mm"))));
    int y = 2 * lineHeight + 16;
    for (const TimeChartWidget *chart : {m_population, m_queues, m_readers}) {
        const int h = chart->exportHeight(width);
        chart->renderForExport(painter, QRect(0, y, width, h));
        y += h + 8;
    }
}

bool MonitorPage::exportPng(const QString &path, QString *error) const
{
    return MonitorExport::writePng(reportSize(), [this](QPainter *p) { paintReport(p); }, path, error);
}

bool MonitorPage::exportSvg(const QString &path, QString *error) const
{
    return MonitorExport::writeSvg(reportSize(), [this](QPainter *p) { paintReport(p); }, reportTitle(), path, error);
}

void MonitorPage::exportWithDialog(int kind)
{
    static const char *const filters[] = {"CSV files (*.csv)", "PNG images (*.png)", "SVG drawings (*.svg)"};
    static const char *const names[] = {"monitor.csv", "monitor.png", "monitor.svg"};
    const QString path = QFileDialog::getSaveFileName(this, tr("Export"), QString::fromLatin1(names[kind]),
                                                      tr(filters[kind]));
    if (path.isEmpty())
        return;
    QString error;
    const bool ok = kind == 0 ? exportCsv(path, &error) : kind == 1 ? exportPng(path, &error) : exportSvg(path, &error);
    if (!ok)
        QMessageBox::warning(this, tr("Export failed"), tr("Could not write %1: %2").arg(path, error));
}

} // namespace bs
