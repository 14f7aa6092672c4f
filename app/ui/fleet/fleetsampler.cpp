#include "ui/fleet/fleetsampler.h"

#include "agent/agenttarget.h"
#include "data/odbc/odbcconnectionstring.h"

namespace bs {

namespace {
// The trend is judged over this much recent history.
constexpr qint64 SlopeWindowMs = 15 * 60 * 1000;
} // namespace

FleetSampler::FleetSampler(QObject *parent)
    : QObject(parent)
{
    // Samples come per target; the view is refreshed at most once a second.
    m_publish.setSingleShot(true);
    m_publish.setInterval(1000);
    connect(&m_publish, &QTimer::timeout, this, [this] { Q_EMIT tilesChanged(tiles()); });
}

FleetSampler::~FleetSampler() = default;

AgentTargetConfig FleetSampler::targetFor(const ConnectionProfile &profile, int intervalSeconds)
{
    AgentTargetConfig t;
    t.name = profile.name.isEmpty() ? profile.displayName() : profile.name;
    // The profile's string without a password keyword: the target adds the keychain's.
    OdbcConnectionString::Pairs pairs;
    OdbcConnectionString::parse(OdbcConnectionString::build(profile, QString()), &pairs);
    for (const auto &[keyword, value] : std::as_const(pairs)) {
        if (!AgentConfig::isCredentialKeyword(keyword))
            t.connection += keyword + QLatin1Char('=') + OdbcConnectionString::quoteValue(value) + QLatin1Char(';');
    }
    t.intervalMs = intervalSeconds * 1000;
    t.loginTimeoutSeconds = profile.loginTimeoutSeconds;
    if (profile.needsPassword())
        t.credential = {CredentialSpec::Kind::Keychain, profile.keychainKey()};
    else
        t.credential = {CredentialSpec::Kind::Integrated, {}};
    return t;
}

std::optional<double> FleetSampler::slopePerMinute(const std::deque<std::pair<qint64, qint64>> &points)
{
    if (points.size() < 2 || points.back().first <= points.front().first)
        return std::nullopt;
    return double(points.back().second - points.front().second) * 60000.0 / double(points.back().first - points.front().first);
}

void FleetSampler::clear()
{
    m_targets.clear();
    m_unsampled.clear();
    m_sources.clear();
    m_openable.clear();
    m_population.clear();
}

void FleetSampler::setProfiles(const QList<ConnectionProfile> &profiles, int intervalSeconds)
{
    QList<AgentTargetConfig> targets;
    QHash<QString, QString> unsampled;
    QSet<QString> openable;
    clear();
    for (const ConnectionProfile &p : profiles) {
        const AgentTargetConfig t = targetFor(p, intervalSeconds);
        openable.insert(t.name);
        if (p.needsPassword() && !p.savePassword) {
            unsampled.insert(t.name, tr("The password is not saved in the keychain, so the fleet view cannot sample it; "
                                        "double-click to connect."));
            m_sources.insert(t.name, p.displayName());
            continue;
        }
        targets.append(t);
    }
    start(targets, unsampled, openable);
}

void FleetSampler::setFleet(const AgentConfig &config)
{
    clear();
    start(config.targets, {}, {});
}

void FleetSampler::start(const QList<AgentTargetConfig> &targets, const QHash<QString, QString> &unsampled, const QSet<QString> &openable)
{
    m_unsampled = unsampled;
    m_openable = openable;
    for (const AgentTargetConfig &config : targets) {
        auto target = std::make_unique<AgentTarget>(config, m_alertSettings);
        AgentTarget *t = target.get();
        connect(t, &AgentTarget::changed, this, [this, t] {
            if (const auto &latest = t->state().latest; latest && !t->state().lastRoundFailed) {
                auto &points = m_population[t->name()];
                const qint64 now = t->state().lastSuccess->toMSecsSinceEpoch();
                if (points.empty() || points.back().first != now)
                    points.emplace_back(now, latest->endpointCount());
                while (points.size() > 2 && points.front().first < now - SlopeWindowMs)
                    points.pop_front();
            }
            publish();
        });
        m_targets.push_back(std::move(target));
        t->start();
    }
    Q_EMIT tilesChanged(tiles());
}

void FleetSampler::publish()
{
    if (!m_publish.isActive())
        m_publish.start();
}

QList<FleetTile> FleetSampler::tiles() const
{
    QList<FleetTile> out;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const auto &target : m_targets) {
        const AgentTarget::State &st = target->state();
        FleetTile tile;
        tile.name = target->name();
        tile.source = target->description();
        tile.canOpen = m_openable.contains(tile.name);
        tile.lastSample = st.lastSuccess;
        tile.error = st.lastRoundFailed ? st.lastError : QString();
        if (!target->isUp(now)) {
            tile.health = st.failures > 0 ? FleetTile::Health::Down : FleetTile::Health::Waiting;
            out.append(tile);
            continue;
        }
        tile.population = st.latest->endpointCount();
        tile.slopePerMinute = slopePerMinute(m_population.value(tile.name));
        for (const QueueSample &q : st.latest->queues)
            tile.disabledQueues += (!q.isReceiveEnabled || !q.isEnqueueEnabled) ? 1 : 0;
        tile.alertCount = int(st.alerts.size());
        tile.health = FleetTile::Health::Normal;
        if (!st.alerts.isEmpty()) {
            const Alert &top = st.alerts.first(); // most severe first
            tile.topAlert = top.title;
            tile.health = top.severity == AlertSeverity::Critical ? FleetTile::Health::Critical : FleetTile::Health::Warning;
        }
        if (tile.disabledQueues > 0)
            tile.health = FleetTile::Health::Critical;
        out.append(tile);
    }
    for (auto it = m_unsampled.cbegin(); it != m_unsampled.cend(); ++it) {
        FleetTile tile;
        tile.name = it.key();
        tile.source = m_sources.value(it.key());
        tile.health = FleetTile::Health::Waiting;
        tile.error = it.value();
        tile.canOpen = m_openable.contains(it.key());
        out.append(tile);
    }
    return out;
}

} // namespace bs
