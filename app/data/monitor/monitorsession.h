#pragma once

#include "core/alerts/alertengine.h"
#include "core/catalog.h"
#include "core/series/monitorlimits.h"
#include "core/series/monitorseries.h"
#include "data/brokersource.h"
#include "data/monitor/monitorhistoryloader.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <memory>
#include <vector>

namespace bs {

class HistoryWriter;

/// The monitor of one BrokerSource without a widget: the GUI's MonitorPage binds to it, and a
/// headless program runs it with a QCoreApplication. It owns the samples' series (MonitorSeries
/// and the stacked totals of the endpoint states), the AlertEngine, the object health, and the
/// history: written by a HistoryWriter on its own thread (samples, alerts, hourly retention, a
/// restarted simulation's fresh file) and read back by a MonitorHistoryLoader on a worker, merged
/// with the live samples at the cut-off exactly once.
///
/// It tells what changed with immutable snapshots: alertsChanged and healthChanged carry the whole
/// state; seriesChanged carries the newest sample and the count, while the series themselves are
/// read through series() on the session's thread (a week of points is not copied per sample).
/// Threads: use it on the thread that owns the source.
class MonitorSession : public QObject
{
    Q_OBJECT
public:
    /// What changed in the series: the newest sample (from the source, or from the history file
    /// until the first live one), how many samples the series hold, and whether they were
    /// replaced as a whole (history merged, a simulation started over) rather than appended to.
    struct SeriesSnapshot
    {
        MonitorSample latest;
        bool latestIsStored = false;
        qsizetype sampleCount = 0;
        bool replaced = false;
    };
    struct AlertsSnapshot
    {
        QList<Alert> active; ///< most severe first
        QList<AlertLogEntry> log;
    };
    enum class HealthLevel { Normal, Warning, Error };
    /// Health of one catalog object (queues and services) and the reason for it.
    struct HealthEntry
    {
        ObjectRef ref;
        HealthLevel level = HealthLevel::Normal;
        QString reason;
        bool operator==(const HealthEntry &) const = default;
    };
    using HealthSnapshot = QList<HealthEntry>;

    /// Monitors `source` (not owned; stop the session or delete it before the source goes).
    /// Nothing is sampled until setIntervalMs(); no history is kept until openHistory().
    explicit MonitorSession(BrokerSource *source, const BrokerCatalog &catalog = {}, QObject *parent = nullptr);
    ~MonitorSession() override;

    BrokerSource *source() const { return m_source; }
    SourceTraits traits() const { return m_traits; }

    /// Keeps history in the file of `historyKey` under `directory` (default
    /// HistoryStore::defaultDirectory()): shows its newest sample at once and loads the rest on a
    /// worker. Returns false (with statusChanged) when the file cannot be opened.
    bool openHistory(const QString &historyKey, const QString &directory = {});
    QString historyPath() const { return m_historyPath; }
    bool isLoadingHistory() const { return m_loader->isRunning(); }
    /// The first stored sample's time, while a load runs (the page says how far back it goes).
    QDateTime historyFrom() const { return m_historyFrom; }
    /// Stops reading stored history; the live samples stay (and are still recorded).
    void cancelHistoryLoad();
    /// Emits HistoryWriter::flushed through historyFlushed() once every write asked for so far is
    /// on disk (tests and tools that read the file next).
    void flushHistory();

    /// Clamped to the source's minimum and MonitorLimits::MaxIntervalMs; starts (or restarts)
    /// sampling at that interval.
    void setIntervalMs(int ms);
    int intervalMs() const { return m_intervalMs; }
    int clampedInterval(int ms) const;
    void stop();
    /// "Census now" (issue #13): the source's next sample reads the full breakdown.
    void requestCensus();
    /// The census rule and the server time share, handed to the source.
    void setSamplingPolicy(const SamplingPolicy &policy);
    const SamplingPolicy &samplingPolicy() const { return m_samplingPolicy; }

    void setCatalog(const BrokerCatalog &catalog);
    const BrokerCatalog &catalog() const { return m_catalog; }
    void setAlertSettings(const AlertSettings &settings);
    const AlertSettings &alertSettings() const { return m_engine.settings(); }
    void setRetentionDays(int days) { m_retentionDays = days; }
    int retentionDays() const { return m_retentionDays; }
    /// How often retention prunes the store and the series while the session runs (an hour;
    /// tests shorten it).
    void setRetentionCheckIntervalMs(qint64 ms) { m_retentionCheckMs = ms; }
    /// Whether the samples are kept as series (default). A headless consumer that needs only the
    /// latest sample, the alerts and the health (the fleet agent, hundreds of targets) turns it
    /// off, so memory does not grow with the retention period.
    void setKeepSeries(bool keep) { m_keepSeries = keep; }
    bool keepsSeries() const { return m_keepSeries; }

    const MonitorSeries &series() const { return m_series; }
    /// Running total of the endpoint states SO … `state` (the stacked-area chart).
    const TimeSeries &stackedTotal(EndpointState state) const { return m_stack[size_t(state)]; }
    const MonitorSample &latestSample() const { return m_latest; }
    bool isLatestStored() const { return m_latestIsStored; }
    /// Local services seen per far service (far-service lines are labelled "local → far").
    const QHash<QString, QStringList> &localsByFar() const { return m_localsByFar; }
    AlertsSnapshot alerts() const { return {m_engine.activeAlerts(), m_engine.log()}; }
    const HealthSnapshot &health() const { return m_health; }

Q_SIGNALS:
    void seriesChanged(const bs::MonitorSession::SeriesSnapshot &snapshot);
    void alertsChanged(const bs::MonitorSession::AlertsSnapshot &snapshot);
    void healthChanged(const bs::MonitorSession::HealthSnapshot &snapshot);
    /// History problems and results in words ("History write failed: …").
    void statusChanged(const QString &text);
    void historyLoadStarted();
    void historyLoadProgress(int percent);
    /// Stored history is merged with the live samples (true) or its loading ended otherwise.
    void historyLoadFinished(bool loaded);
    void historyFlushed();

private:
    void onSample(const MonitorSample &sample);
    void onHistoryLoaded(const MonitorHistoryLoader::Result &result);
    void endHistoryLoad(bool loaded);
    void restart();
    void applyRetentionWhileOpen(const MonitorSample &sample);
    void appendStack(const MonitorSample &sample);
    void rebuildStackFromSeries();
    void noteServicePairs(const MonitorSample &sample);
    void updateGapThreshold();
    void updateHealth();
    HealthSnapshot computeHealth() const;
    void emitSeries(bool replaced);
    void emitAlerts();

    QPointer<BrokerSource> m_source;
    SourceTraits m_traits;
    BrokerCatalog m_catalog;
    MonitorSeries m_series;
    std::vector<TimeSeries> m_stack; // running totals of the states, for the stacked-area mode
    AlertEngine m_engine;
    MonitorSample m_latest;
    bool m_latestIsStored = false; // m_latest came from the history file, not from the source
    HealthSnapshot m_health;
    QHash<QString, QStringList> m_localsByFar;
    int m_intervalMs = MonitorLimits::DefaultIntervalMs;
    qint64 m_effectiveIntervalMs = 0; ///< the source's stretched interval (samplingPaced), 0 = not known
    SamplingPolicy m_samplingPolicy;
    int m_retentionDays = MonitorLimits::DefaultRetentionDays;
    bool m_keepSeries = true;

    QString m_historyPath;
    std::unique_ptr<HistoryWriter> m_writer;
    MonitorHistoryLoader *m_loader = nullptr;
    // Live samples that came while history was loading: merged after it, those after the cut-off only.
    QList<MonitorSample> m_liveDuringLoad;
    qint64 m_historyCutoffMs = 0;
    QDateTime m_historyFrom;
    QElapsedTimer m_retentionClock; // hourly retention while the session runs
    qint64 m_retentionCheckMs = 3'600'000;
};

} // namespace bs

Q_DECLARE_METATYPE(bs::MonitorSession::SeriesSnapshot)
Q_DECLARE_METATYPE(bs::MonitorSession::AlertsSnapshot)
Q_DECLARE_METATYPE(bs::MonitorSession::HealthSnapshot)
