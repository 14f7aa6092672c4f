#pragma once

#include "core/census/samplestatus.h"
#include "data/monitor/monitorsession.h"
#include "graph/graphnode.h"
#include "ui/monitor/monitortoolbar.h"
#include "ui/page.h"

#include <QList>
#include <QPair>
#include <QWidget>

#include <optional>

class QLabel;
class QProgressBar;
class QTabWidget;

namespace bs {

class AlertsPanel;
class BannerWidget;
class BrokerGraphView;
class CounterTableModel;
class EndpointTableModel;
class MonitorChartsView;
class QueueTableModel;
class SampleTablePanel;
class Settings;
class TimeChartWidget;
class TransmissionTableModel;

/// The live monitoring tab of one BrokerSource (a server or the demo): the widgets bound to a
/// MonitorSession, which does the monitoring (series, alerts, health, history). The page shows
/// the charts (MonitorChartsView), the tables of the latest sample, the alerts, a banner for
/// unavailable parts and the history's loading progress; it keeps the user's choices (interval,
/// chart mode, far-service breakdown) in Settings and passes thresholds and retention on.
class MonitorPage : public QWidget, public Page
{
    Q_OBJECT
    Q_INTERFACES(bs::Page)
public:
    using TimeRange = MonitorToolbar::TimeRange;
    using PopulationMode = MonitorToolbar::PopulationMode;

    static constexpr int DefaultIntervalMs = MonitorLimits::DefaultIntervalMs;
    static constexpr int MinIntervalMs = MonitorLimits::MinIntervalMs;
    static constexpr int MaxIntervalMs = MonitorLimits::MaxIntervalMs;
    static constexpr int MinSimulationIntervalMs = MonitorLimits::MinSimulationIntervalMs;

    /// Starts sampling `source` (not owned; must outlive the page or be stopped first) at the
    /// interval last chosen for `historyKey`, else the default from Settings (5 s; 1 s for a
    /// simulation). `historyKey` names the history and the remembered interval (the profile name,
    /// "demo" for the demo); `historyDirectory` overrides HistoryStore::defaultDirectory() (tests).
    /// An empty key keeps no history. `settings` (not owned) defaults to the user's settings.
    MonitorPage(BrokerSource *source, const BrokerCatalog &catalog, const QString &historyKey,
                QWidget *parent = nullptr, const QString &historyDirectory = {}, Settings *settings = nullptr);
    ~MonitorPage() override;

    MonitorSession *session() const { return m_session; }
    BrokerSource *source() const { return m_session->source(); }
    /// New catalog of the same database (reloaded): names for fixes and health colours.
    void setCatalog(const BrokerCatalog &catalog) { m_session->setCatalog(catalog); }

    void setIntervalMs(int ms);
    int intervalMs() const { return m_session->intervalMs(); }
    void setTimeRange(TimeRange range);
    TimeRange timeRange() const;
    void setPopulationMode(PopulationMode mode);
    PopulationMode populationMode() const;
    void setFarServiceBreakdown(bool on);
    bool isFarServiceBreakdown() const;
    void setFollowLive(bool on);
    bool isFollowLive() const;
    void zoom(double factor);
    void pan(double fraction);
    qint64 viewFromMs() const;
    qint64 viewToMs() const;
    void redrawNow();

    const MonitorSeries &series() const { return m_session->series(); }
    qsizetype sampleCount() const { return m_session->series().sampleCount(); }
    const MonitorSample &latestSample() const { return m_session->latestSample(); }
    MonitorChartsView *chartsView() const { return m_chartsView; }
    TimeChartWidget *populationChart() const;
    TimeChartWidget *queueChart() const;
    TimeChartWidget *readersChart() const;
    AlertsPanel *alertsPanel() const { return m_alerts; }
    EndpointTableModel *endpointModel() const { return m_endpointModel; }
    QueueTableModel *queueModel() const { return m_queueModel; }
    TransmissionTableModel *transmissionModel() const { return m_transmissionModel; }
    CounterTableModel *counterModel() const { return m_counterModel; }
    SampleTablePanel *endpointPanel() const { return m_endpointPanel; }
    SampleTablePanel *queuePanel() const { return m_queuePanel; }
    SampleTablePanel *counterPanel() const { return m_counterPanel; }
    /// The Endpoints / Queues / Transmission queue / Counters tabs.
    QTabWidget *tableTabs() const { return m_tables; }
    void setRetentionCheckIntervalMs(qint64 ms) { m_session->setRetentionCheckIntervalMs(ms); }
    QString historyPath() const { return m_session->historyPath(); }
    bool isLoadingHistory() const { return m_session->isLoadingHistory(); }
    void cancelHistoryLoad() { m_session->cancelHistoryLoad(); }
    const AlertSettings &alertSettings() const { return m_session->alertSettings(); }
    void setAlertSettings(const AlertSettings &settings);

    /// Series keys the CSV export writes (the charted ones, then the Broker counters "counter.*").
    QStringList exportKeys() const;
    /// The visible time range as CSV (time_utc plus one column per series; empty = gap).
    bool exportCsv(const QString &path, QString *error = nullptr) const;
    /// The report (MonitorReport): charts of the visible range and the alerts active in it.
    bool exportPng(const QString &path, QString *error = nullptr) const;
    bool exportSvg(const QString &path, QString *error = nullptr) const;

    /// Health of the catalog's queues and services from the latest sample and the active alerts.
    QList<QPair<ObjectRef, NodeHealth>> health() const;
    QString healthReason(const ObjectRef &ref) const;
    /// Colours `view`'s nodes with health() (call it again on healthChanged).
    void applyHealthTo(BrokerGraphView *view) const;

    // Page
    BrokerSource *pageSource() const override { return source(); }
    void zoomPage(bool in) override { zoom(in ? 0.5 : 2.0); }
    QString exportName() const override { return QStringLiteral("monitor"); }
    QList<ExportFormat> exportFormats() const override;
    bool exportTo(const QString &path, QString *error = nullptr) override;

Q_SIGNALS:
    void healthChanged(const QList<QPair<bs::ObjectRef, bs::NodeHealth>> &health);
    void activeAlertCountChanged(int count);
    /// Stored history is shown (merged with the live samples) or its loading ended otherwise.
    void historyLoadFinished(bool loaded);

private:
    void buildUi();
    void onSeries(const MonitorSession::SeriesSnapshot &snapshot);
    void onHistoryProgress(int percent);
    void updateTables(const MonitorSample &sample);
    void updateBanner(const MonitorSample &sample);
    /// The "Last sample" label's tooltip: census or totals, the census rule, the time share.
    void updateLastSampleToolTip();
    void exportWithDialog(int kind);

    Settings *m_settings = nullptr;
    std::optional<SampleStatus::Pacing> m_pacing; ///< the source's last samplingPaced()
    std::optional<MonitorSample> m_lastCensusSample; ///< shown in the breakdown tables between censuses
    MonitorSession *m_session = nullptr;
    QString m_historyKey;
    MonitorToolbar *m_toolbar = nullptr;
    QWidget *m_loadingBar = nullptr;
    QLabel *m_loadingLabel = nullptr;
    QProgressBar *m_loadingProgress = nullptr;
    BannerWidget *m_banner = nullptr;
    MonitorChartsView *m_chartsView = nullptr;
    QTabWidget *m_tables = nullptr;
    EndpointTableModel *m_endpointModel = nullptr;
    QueueTableModel *m_queueModel = nullptr;
    TransmissionTableModel *m_transmissionModel = nullptr;
    CounterTableModel *m_counterModel = nullptr;
    SampleTablePanel *m_endpointPanel = nullptr;
    SampleTablePanel *m_queuePanel = nullptr;
    SampleTablePanel *m_transmissionPanel = nullptr;
    SampleTablePanel *m_counterPanel = nullptr;
    AlertsPanel *m_alerts = nullptr;
};

} // namespace bs
