#pragma once

#include "core/alerts/alertengine.h"
#include "core/catalog.h"
#include "core/series/monitorseries.h"
#include "data/brokersource.h"
#include "data/history/historystore.h"
#include "graph/graphnode.h"
#include "ui/monitor/monitorhistoryloader.h"
#include "ui/monitor/monitortoolbar.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include <vector>

class QLabel;
class QPainter;
class QProgressBar;
class QTabWidget;

namespace bs {

class AlertsPanel;
class BannerWidget;
class BrokerGraphView;
class BrokerSource;
class CounterTableModel;
class EndpointTableModel;
class QueueTableModel;
class SampleTablePanel;
class Settings;
class TimeChartWidget;
class TransmissionTableModel;

/// The live monitoring tab of one BrokerSource (a server or the demo): conversation population,
/// queue depth and readers, transmission queue over time; tables of the latest sample; alerts
/// that explain themselves; history kept per profile in a HistoryStore and shown again when the
/// profile is reopened. Samples are appended to the series and the store as they arrive; the
/// charts are redrawn from downsampled data at most a few times a second.
/// Stored history loads on a worker thread (MonitorHistoryLoader) while live samples keep coming;
/// those are merged once the history is in. Interval, chart mode and the far-service breakdown are
/// remembered in Settings; alert thresholds and retention come from there and follow changes.
class MonitorPage : public QWidget
{
    Q_OBJECT
public:
    using TimeRange = MonitorToolbar::TimeRange;
    using PopulationMode = MonitorToolbar::PopulationMode;

    static constexpr int DefaultIntervalMs = 5000;
    static constexpr int MinIntervalMs = 1000;
    static constexpr int MaxIntervalMs = 600000;
    /// The simulator may sample faster than a server should be polled.
    static constexpr int MinSimulationIntervalMs = 50;

    /// Starts sampling `source` (not owned; must outlive the page or be stopped first) at the
    /// interval last chosen for `historyKey`, else the default from Settings (5 s; 1 s for a
    /// simulation). `historyKey` names the history and the remembered interval (the profile name,
    /// "demo" for the demo); `historyDirectory` overrides HistoryStore::defaultDirectory() (tests).
    /// An empty key keeps no history. `settings` (not owned) defaults to the user's settings.
    MonitorPage(BrokerSource *source, const BrokerCatalog &catalog, const QString &historyKey,
                QWidget *parent = nullptr, const QString &historyDirectory = {}, Settings *settings = nullptr);
    ~MonitorPage() override;

    BrokerSource *source() const { return m_source; }
    /// New catalog of the same database (reloaded): names for fixes and health colours.
    void setCatalog(const BrokerCatalog &catalog);

    void setIntervalMs(int ms);
    int intervalMs() const { return m_intervalMs; }
    void setTimeRange(TimeRange range);
    TimeRange timeRange() const { return m_range; }
    void setPopulationMode(PopulationMode mode);
    PopulationMode populationMode() const { return m_mode; }
    void setFarServiceBreakdown(bool on);
    bool isFarServiceBreakdown() const { return m_byFarService; }
    /// Follow live: the view ends at the latest sample. Zooming or panning back turns it off.
    void setFollowLive(bool on);
    bool isFollowLive() const { return m_followLive; }
    /// Zooms the view around its centre (factor < 1 zooms in) and pans by a fraction of its width.
    void zoom(double factor);
    void pan(double fraction);
    qint64 viewFromMs() const { return m_viewFrom; }
    qint64 viewToMs() const { return m_viewTo; }

    const MonitorSeries &series() const { return m_series; }
    qsizetype sampleCount() const { return m_series.sampleCount(); }
    const MonitorSample &latestSample() const { return m_latest; }
    TimeChartWidget *populationChart() const { return m_population; }
    TimeChartWidget *queueChart() const { return m_queues; }
    TimeChartWidget *readersChart() const { return m_readers; }
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
    /// How often the retention setting prunes the store and the series while the tab stays open
    /// (an hour; tests shorten it).
    void setRetentionCheckIntervalMs(qint64 ms) { m_retentionCheckMs = ms; }
    /// The history file samples are written to now.
    QString historyPath() const { return m_history.path(); }
    /// True while stored history is being read (the page shows progress and a Cancel button).
    bool isLoadingHistory() const { return m_loader->isRunning(); }
    /// Stops reading stored history; the page keeps the live samples (and keeps recording them).
    void cancelHistoryLoad();
    /// Thresholds the alert rules use now (from Settings, followed when they change).
    const AlertSettings &alertSettings() const { return m_engine.settings(); }
    void setAlertSettings(const AlertSettings &settings);

    /// Series keys the CSV export writes (the charted ones, then the Broker counters "counter.*"),
    /// in column order.
    QStringList exportKeys() const;
    /// The visible time range as CSV (time_utc plus one column per series; empty = gap).
    bool exportCsv(const QString &path, QString *error = nullptr) const;
    bool exportPng(const QString &path, QString *error = nullptr) const;
    bool exportSvg(const QString &path, QString *error = nullptr) const;

    /// Health of the catalog's queues and services from the latest sample and the active alerts.
    QList<QPair<ObjectRef, NodeHealth>> health() const { return m_health; }
    QString healthReason(const ObjectRef &ref) const;
    /// Colours `view`'s nodes with health() (call it again on healthChanged).
    void applyHealthTo(BrokerGraphView *view) const;

    /// Redraws the charts now instead of at the next throttled redraw.
    void redrawNow();

Q_SIGNALS:
    void healthChanged(const QList<QPair<bs::ObjectRef, bs::NodeHealth>> &health);
    void activeAlertCountChanged(int count);
    /// Stored history is shown (merged with the live samples) or its loading ended otherwise.
    void historyLoadFinished(bool loaded);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void buildUi();
    void openHistory(const QString &key, const QString &directory);
    void onHistoryLoaded(const MonitorHistoryLoader::Result &result);
    void onHistoryProgress(int percent);
    void endHistoryLoad();
    void onSample(const MonitorSample &sample);
    void restartSeries();
    void applyRetentionWhileOpen(const MonitorSample &sample);
    QString reportTitle() const;
    QSize reportSize() const;
    void paintReport(QPainter *painter) const;
    void appendStack(const MonitorSample &sample);
    void rebuildStackFromSeries();
    void updateTables(const MonitorSample &sample);
    void updateBanner(const MonitorSample &sample);
    void updateHealth();
    void scheduleRedraw();
    void updateView();
    void setView(qint64 fromMs, qint64 toMs);
    void onUserView(qint64 fromMs, qint64 toMs);
    QString readout(qint64 timeMs, const TimeChartWidget *chart) const;
    /// Legend text per "endpoints.far.*" key: "local → far" with the shared leading path left out.
    QHash<QString, QString> farServiceLabels() const;
    void noteServicePairs(const MonitorSample &sample);
    QStringList populationKeys() const;
    QStringList queueKeys(const QString &suffix) const;
    qint64 rangeSpanMs() const;
    void updateGapThreshold();
    void exportWithDialog(int kind);

    QPointer<BrokerSource> m_source;
    Settings *m_settings = nullptr;
    QString m_historyKey;
    QString m_historyDirectory; // empty = HistoryStore::defaultDirectory()
    MonitorHistoryLoader *m_loader = nullptr;
    // Live samples that came while history was loading: merged after it, those after the cut-off only.
    QList<MonitorSample> m_liveDuringLoad;
    qint64 m_historyCutoffMs = 0;
    QDateTime m_historyFrom;
    BrokerCatalog m_catalog;
    MonitorSeries m_series;
    std::vector<TimeSeries> m_stack; // running totals of the states, for the stacked-area mode
    AlertEngine m_engine;
    HistoryStore m_history;
    MonitorSample m_latest;
    bool m_latestIsStored = false; // m_latest came from the history file, not from the source
    QList<QPair<ObjectRef, NodeHealth>> m_health;
    QStringList m_healthReasons;
    // Local services seen per far service: the far-service lines are labelled "local → far".
    QHash<QString, QStringList> m_localsByFar;

    int m_intervalMs = DefaultIntervalMs;
    TimeRange m_range = TimeRange::OneHour;
    PopulationMode m_mode = PopulationMode::Lines;
    bool m_byFarService = false;
    bool m_followLive = true;
    qint64 m_viewFrom = 0;
    qint64 m_viewTo = 0;
    QTimer m_redrawTimer;
    QElapsedTimer m_retentionClock; // hourly retention while the tab stays open
    qint64 m_retentionCheckMs = 3'600'000;
    qint64 m_liveSpanMs = 0; // width chosen by zooming while following live (0: the range's)

    MonitorToolbar *m_toolbar = nullptr;
    QWidget *m_loadingBar = nullptr;
    QLabel *m_loadingLabel = nullptr;
    QProgressBar *m_loadingProgress = nullptr;
    BannerWidget *m_banner = nullptr;
    QWidget *m_charts = nullptr;
    TimeChartWidget *m_population = nullptr;
    TimeChartWidget *m_queues = nullptr;
    TimeChartWidget *m_readers = nullptr;
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
