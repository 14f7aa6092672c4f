#pragma once

#include "agent/agentconfig.h"
#include "agent/samplerlane.h"
#include "core/alerts/alert.h"
#include "core/alerts/alertsettings.h"
#include "core/monitorsample.h"

#include <QDateTime>
#include <QMap>
#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace bs {

class BrokerSource;
class MonitorSession;
class OdbcBrokerSource;
class PasswordStore;
class SamplerThreads;

/// One monitored database of the agent: its BrokerSource (a server through ODBC, or a
/// simulation) and a headless MonitorSession (the app's queries, assembly and alert rules, without
/// series). Keeps what /metrics and the status page show: the latest sample and alerts, the last
/// success and error, the duration of the last round, and errors per sample part. A target whose
/// last round failed, or whose samples are overdue, is down: its sample series are absent.
class AgentTarget : public QObject
{
    Q_OBJECT
public:
    struct State
    {
        std::optional<QDateTime> lastSuccess; ///< wall clock, UTC
        std::optional<QDateTime> lastFailure;
        QString lastError;                    ///< bounded, never a password
        bool lastRoundFailed = false;
        std::optional<double> lastDurationSeconds;
        qint64 samples = 0;
        qint64 failures = 0;
        QMap<QString, qint64> partErrors;     ///< sample part ("monitor.endpoints", "connection", "catalog") -> count
        std::shared_ptr<const MonitorSample> latest;
        QList<Alert> alerts;                  ///< active, most severe first
        bool slowLane = false;                ///< sampled on the pool's slow lane (SamplerThreads)
    };

    AgentTarget(AgentTargetConfig config, const AlertSettings &alertSettings, QObject *parent = nullptr);
    ~AgentTarget() override;

    const AgentTargetConfig &config() const { return m_config; }
    QString name() const { return m_config.name; }
    /// "odbc" or "simulation".
    QString kindName() const;
    /// Where it points, without credentials ("sqlprod01,1433 / Sales", "demo (simulation)").
    QString description() const;

    /// Sample on the threads of `threads` (the agent's bounded pool) instead of a thread of its own;
    /// before start(). `threads` must outlive this target.
    void setSamplerThreads(SamplerThreads *threads) { m_threads = threads; }

    /// Resolves the credentials and starts sampling. A credential error is reported like a failed
    /// round (the target stays down and says why) and does not affect other targets.
    void start();
    void stop();

    const State &state() const { return m_state; }
    /// True when the last round gave a sample and the next one is not overdue at `nowUtc`.
    bool isUp(const QDateTime &nowUtc) const;
    /// How long after the last sample a target counts as down.
    qint64 staleAfterMs() const;

Q_SIGNALS:
    void changed();
    /// A line for the log: a state change in words (never a password).
    void message(const QString &text);

private:
    void startWithPassword(const QString &password);
    void onSample(const MonitorSample &sample);
    void onMissed(const QString &reason);
    void fail(const QString &part, const QString &error);
    void loadCatalog();
    void onRoundFinished(qint64 ms);
    QString masked(const QString &text) const;

    AgentTargetConfig m_config;
    AlertSettings m_alertSettings;
    State m_state;
    QString m_secret; // only to mask it should a driver ever echo it
    std::unique_ptr<BrokerSource> m_source;
    OdbcBrokerSource *m_odbc = nullptr; // m_source when it is a server
    SamplerThreads *m_threads = nullptr;
    SamplerLane m_lane; // which lane of m_threads a server target samples on
    std::unique_ptr<MonitorSession> m_session;
    PasswordStore *m_keychain = nullptr;
    QTimer m_catalogTimer;
    bool m_catalogLoaded = false;
    bool m_wasUp = false;
};

} // namespace bs
