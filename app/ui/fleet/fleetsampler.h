#pragma once

#include "agent/agentconfig.h"
#include "core/alerts/alertsettings.h"
#include "data/connectionprofile.h"
#include "ui/fleet/fleettile.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <deque>
#include <memory>
#include <vector>

namespace bs {

class AgentTarget;

/// Samples a small fleet from the app itself: each saved connection profile (or each target of a
/// fleet file) is an AgentTarget — a headless MonitorSession on its own sampler thread and
/// connection, passwords from the keychain — at a slow interval, and becomes a FleetTile.
/// For large fleets the Fleet view reads Prometheus instead (PrometheusFleetReader).
class FleetSampler : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultIntervalSeconds = 60;

    explicit FleetSampler(QObject *parent = nullptr);
    ~FleetSampler() override;

    /// Targets for saved profiles. A SQL-login profile without a saved password cannot be sampled
    /// unattended: its tile says so.
    void setProfiles(const QList<ConnectionProfile> &profiles, int intervalSeconds = DefaultIntervalSeconds);
    void setFleet(const AgentConfig &config);
    void setAlertSettings(const AlertSettings &settings) { m_alertSettings = settings; }
    void clear();
    QList<FleetTile> tiles() const;
    /// The target config for a profile (the connection without a password; the keychain key).
    static AgentTargetConfig targetFor(const ConnectionProfile &profile, int intervalSeconds);
    /// Change per minute of `points` (time ms, value), from the first to the last point; nullopt
    /// with fewer than two points or no time between them.
    static std::optional<double> slopePerMinute(const std::deque<std::pair<qint64, qint64>> &points);

Q_SIGNALS:
    void tilesChanged(const QList<bs::FleetTile> &tiles);

private:
    void start(const QList<AgentTargetConfig> &targets, const QHash<QString, QString> &unsampled, const QSet<QString> &openable);
    void publish();

    AlertSettings m_alertSettings;
    std::vector<std::unique_ptr<AgentTarget>> m_targets;
    QHash<QString, QString> m_unsampled; // name -> why not
    QHash<QString, QString> m_sources;   // name -> "server / database" of an unsampled profile
    QSet<QString> m_openable;
    QHash<QString, std::deque<std::pair<qint64, qint64>>> m_population; // recent (time, population)
    QTimer m_publish;
};

} // namespace bs
