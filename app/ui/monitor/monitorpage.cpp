#include "ui/monitor/monitorpage.h"

#include "data/settings.h"
#include "ui/bannerwidget.h"
#include "ui/graph/brokergraphview.h"
#include "ui/monitor/alertspanel.h"
#include "ui/monitor/countertablemodel.h"
#include "ui/monitor/endpointtablemodel.h"
#include "ui/monitor/monitorchartsview.h"
#include "ui/monitor/monitorexport.h"
#include "ui/monitor/monitorreport.h"
#include "ui/monitor/queuetablemodel.h"
#include "ui/monitor/sampletablepanel.h"
#include "ui/monitor/timechartwidget.h"
#include "ui/monitor/transmissiontablemodel.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>


namespace bs {

namespace {
NodeHealth nodeHealth(MonitorSession::HealthLevel level)
{
    switch (level) {
    case MonitorSession::HealthLevel::Normal: return NodeHealth::Normal;
    case MonitorSession::HealthLevel::Warning: return NodeHealth::Warning;
    case MonitorSession::HealthLevel::Error: return NodeHealth::Error;
    }
    return NodeHealth::Normal;
}
} // namespace

MonitorPage::MonitorPage(BrokerSource *source, const BrokerCatalog &catalog, const QString &historyKey, QWidget *parent,
                         const QString &historyDirectory, Settings *settings)
    : QWidget(parent)
    , m_settings(settings ? settings : new Settings(this))
    , m_session(new MonitorSession(source, catalog, this))
    , m_historyKey(historyKey)
{
    m_session->setAlertSettings(m_settings->alertSettings());
    m_session->setRetentionDays(m_settings->historyRetentionDays());
    const SourceTraits traits = m_session->traits();
    buildUi();
    m_chartsView->setPopulationMode(m_settings->monitorStackedArea() ? PopulationMode::StackedArea : PopulationMode::Lines);
    m_chartsView->setFarServiceBreakdown(m_settings->monitorByFarService());
    m_toolbar->setPopulationMode(m_chartsView->populationMode());
    m_toolbar->setFarServiceBreakdown(m_chartsView->isFarServiceBreakdown());
    connect(m_settings, &Settings::alertSettingsChanged, this, &MonitorPage::setAlertSettings);
    m_session->setSamplingPolicy(m_settings->samplingPolicy());
    connect(m_settings, &Settings::monitorSettingsChanged, this, [this] {
        m_session->setRetentionDays(m_settings->historyRetentionDays());
        m_session->setSamplingPolicy(m_settings->samplingPolicy());
        updateLastSampleToolTip();
    });
    connect(m_toolbar, &MonitorToolbar::censusRequested, m_session, &MonitorSession::requestCensus);
    connect(m_session, &MonitorSession::seriesChanged, this, &MonitorPage::onSeries);
    connect(m_session, &MonitorSession::alertsChanged, this,
            [this](const MonitorSession::AlertsSnapshot &a) {
                m_alerts->setAlerts(a.active, a.log);
                m_queueModel->setAlerts(a.active);
            });
    connect(m_session, &MonitorSession::healthChanged, this, [this] { Q_EMIT healthChanged(health()); });
    connect(m_session, &MonitorSession::statusChanged, m_toolbar, &MonitorToolbar::setStatus);
    connect(m_session, &MonitorSession::historyLoadStarted, this, [this] {
        onHistoryProgress(-1);
        m_loadingBar->show();
    });
    connect(m_session, &MonitorSession::historyLoadProgress, this, &MonitorPage::onHistoryProgress);
    connect(m_session, &MonitorSession::historyLoadFinished, this, [this](bool loaded) {
        m_loadingBar->hide();
        Q_EMIT historyLoadFinished(loaded);
    });
    if (!historyKey.isEmpty())
        m_session->openHistory(historyKey, historyDirectory);
    if (source) {
        connect(source, &BrokerSource::statusChanged, m_toolbar, &MonitorToolbar::setStatus);
        connect(source, &BrokerSource::samplingPaced, this, [this](qint64 chosen, qint64 effective, qint64 round) {
            m_pacing = SampleStatus::Pacing{chosen, effective, round};
            updateLastSampleToolTip();
        });
    }
    const std::optional<int> remembered =
        historyKey.isEmpty() ? std::nullopt : m_settings->monitorProfileIntervalMs(historyKey);
    // The demo keeps its brisk 1 s unless the user chose otherwise; a server starts at the default.
    const int interval = remembered.value_or(traits.simulatedClock ? 1000 : m_settings->monitorDefaultIntervalMs());
    m_session->setIntervalMs(interval);
    m_toolbar->setIntervalMs(m_session->intervalMs());
}

MonitorPage::~MonitorPage() = default;

void MonitorPage::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);

    m_toolbar = new MonitorToolbar(m_session->traits(), this);
    m_toolbar->setTimeRange(TimeRange::OneHour);
    m_toolbar->setFollowLive(true);
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
    m_chartsView = new MonitorChartsView(m_session, vsplit);
    connect(m_chartsView, &MonitorChartsView::followLiveChanged, m_toolbar, &MonitorToolbar::setFollowLive);

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
}

void MonitorPage::onSeries(const MonitorSession::SeriesSnapshot &snapshot)
{
    updateTables(snapshot.latest);
    if (!snapshot.latestIsStored) {
        updateBanner(snapshot.latest);
        if (!snapshot.replaced)
            m_toolbar->setStatus(SampleStatus::statusLine(snapshot.latest, qint64(snapshot.sampleCount)));
        updateLastSampleToolTip();
    }
    m_chartsView->scheduleRedraw();
}

void MonitorPage::updateLastSampleToolTip()
{
    m_toolbar->setStatusToolTip(SampleStatus::toolTip(m_session->latestSample(), m_session->samplingPolicy(),
                                                      m_session->intervalMs(), m_pacing));
}

void MonitorPage::onHistoryProgress(int percent)
{
    // Says how far back the stored history goes, so the wait makes sense (a week takes longer).
    const QString since = QLocale().toString(m_session->historyFrom().toLocalTime(), QLocale::ShortFormat);
    if (percent < 0) {
        m_loadingLabel->setText(tr("Loading history since %1…").arg(since));
        m_loadingProgress->setRange(0, 0);
        return;
    }
    m_loadingLabel->setText(tr("Loading history since %1… %2%").arg(since).arg(percent));
    m_loadingProgress->setRange(0, 100);
    m_loadingProgress->setValue(percent);
}

void MonitorPage::setAlertSettings(const AlertSettings &settings)
{
    m_session->setAlertSettings(Settings::clamped(settings));
}

void MonitorPage::updateTables(const MonitorSample &sample)
{
    // Between censuses the breakdown tables show the last census; their panels say when it was.
    if (sample.isCensus)
        m_lastCensusSample = sample;
    const MonitorSample &breakdown = !sample.isCensus && m_lastCensusSample ? *m_lastCensusSample : sample;
    m_endpointModel->setSample(breakdown);
    m_queueModel->setSample(sample);
    m_transmissionModel->setSample(breakdown);
    m_counterModel->setSample(sample);
    m_counterPanel->setSample(sample);
    m_endpointPanel->setSample(sample);
    m_queuePanel->setSample(sample);
    m_transmissionPanel->setSample(sample);
}

void MonitorPage::updateBanner(const MonitorSample &sample)
{
    // A part not due this sample (the census rule) is no problem: the tooltip of the status says
    // when the breakdown was last read.
    const auto warning = SampleStatus::unavailableWarning(sample);
    if (warning)
        m_banner->showMessage(BannerWidget::Level::Warning, warning->title, warning->detail);
    m_banner->setVisible(warning.has_value());
}

QList<QPair<ObjectRef, NodeHealth>> MonitorPage::health() const
{
    QList<QPair<ObjectRef, NodeHealth>> out;
    for (const MonitorSession::HealthEntry &e : m_session->health())
        out.append({e.ref, nodeHealth(e.level)});
    return out;
}

QString MonitorPage::healthReason(const ObjectRef &ref) const
{
    for (const MonitorSession::HealthEntry &e : m_session->health()) {
        if (e.ref == ref)
            return e.reason;
    }
    return {};
}

void MonitorPage::applyHealthTo(BrokerGraphView *view) const
{
    for (const MonitorSession::HealthEntry &e : m_session->health())
        view->setHealth(e.ref, nodeHealth(e.level), e.reason);
}

void MonitorPage::setIntervalMs(int ms)
{
    m_session->setIntervalMs(ms);
    m_toolbar->setIntervalMs(m_session->intervalMs());
    if (!m_historyKey.isEmpty())
        m_settings->setMonitorProfileIntervalMs(m_historyKey, m_session->intervalMs());
}

void MonitorPage::setTimeRange(TimeRange range)
{
    m_toolbar->setTimeRange(range);
    m_chartsView->setTimeRange(range);
}

void MonitorPage::setPopulationMode(PopulationMode mode)
{
    m_toolbar->setPopulationMode(mode);
    m_settings->setMonitorStackedArea(mode == PopulationMode::StackedArea);
    m_chartsView->setPopulationMode(mode);
}

void MonitorPage::setFarServiceBreakdown(bool on)
{
    m_toolbar->setFarServiceBreakdown(on);
    m_settings->setMonitorByFarService(on);
    m_chartsView->setFarServiceBreakdown(on);
}

void MonitorPage::setFollowLive(bool on)
{
    m_toolbar->setFollowLive(on);
    m_chartsView->setFollowLive(on);
}

MonitorPage::TimeRange MonitorPage::timeRange() const { return m_chartsView->timeRange(); }
MonitorPage::PopulationMode MonitorPage::populationMode() const { return m_chartsView->populationMode(); }
bool MonitorPage::isFarServiceBreakdown() const { return m_chartsView->isFarServiceBreakdown(); }
bool MonitorPage::isFollowLive() const { return m_chartsView->isFollowLive(); }
void MonitorPage::zoom(double factor) { m_chartsView->zoom(factor); }
void MonitorPage::pan(double fraction) { m_chartsView->pan(fraction); }
qint64 MonitorPage::viewFromMs() const { return m_chartsView->viewFromMs(); }
qint64 MonitorPage::viewToMs() const { return m_chartsView->viewToMs(); }
void MonitorPage::redrawNow() { m_chartsView->redrawNow(); }
TimeChartWidget *MonitorPage::populationChart() const { return m_chartsView->chart(QStringLiteral("population")); }
TimeChartWidget *MonitorPage::queueChart() const { return m_chartsView->chart(QStringLiteral("queues")); }
TimeChartWidget *MonitorPage::readersChart() const { return m_chartsView->chart(QStringLiteral("readers")); }

QStringList MonitorPage::exportKeys() const
{
    return MonitorExport::csvKeys(series().keys());
}

bool MonitorPage::exportCsv(const QString &path, QString *error) const
{
    return MonitorExport::writeCsv(series(), exportKeys(), viewFromMs(), viewToMs(), path, error);
}

bool MonitorPage::exportPng(const QString &path, QString *error) const
{
    const QList<const TimeChartWidget *> charts(m_chartsView->charts().cbegin(), m_chartsView->charts().cend());
    const MonitorReport report(source() ? source()->displayName() : m_historyKey, viewFromMs(), viewToMs(), charts,
                               m_session->alerts().log, font());
    return report.writePng(path, m_chartsView->width(), error);
}

bool MonitorPage::exportSvg(const QString &path, QString *error) const
{
    const QList<const TimeChartWidget *> charts(m_chartsView->charts().cbegin(), m_chartsView->charts().cend());
    const MonitorReport report(source() ? source()->displayName() : m_historyKey, viewFromMs(), viewToMs(), charts,
                               m_session->alerts().log, font());
    return report.writeSvg(path, m_chartsView->width(), error);
}

QList<Page::ExportFormat> MonitorPage::exportFormats() const
{
    return {{QStringLiteral("csv"), tr("Visible range as CSV (*.csv)")},
            {QStringLiteral("png"), tr("Charts as PNG image (*.png)")},
            {QStringLiteral("svg"), tr("Charts as SVG drawing (*.svg)")}};
}

bool MonitorPage::exportTo(const QString &path, QString *error)
{
    if (path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
        return exportPng(path, error);
    if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive))
        return exportSvg(path, error);
    return exportCsv(path, error);
}

void MonitorPage::exportWithDialog(int kind)
{
    const Page::ExportFormat format = exportFormats().value(kind);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export"), QStringLiteral("monitor.") + format.suffix,
                                                      format.filter);
    if (path.isEmpty())
        return;
    QString error;
    if (!exportTo(path, &error))
        QMessageBox::warning(this, tr("Export failed"), tr("Could not write %1: %2").arg(path, error));
}

} // namespace bs
