#include "data/settings.h"

#include "core/alerts/alertruleregistry.h"

#include <QMutex>
#include <QSettings>

#include <algorithm>
#include <cmath>

namespace bs {

namespace {

// Every key, declared once.
const QString kProfilesArray = QStringLiteral("connections/profiles");
const QString kLastProfile = QStringLiteral("connections/lastProfile");
const QString kFleetPrometheusUrl = QStringLiteral("fleet/prometheusUrl");
const QString kDefaultInterval = QStringLiteral("monitor/defaultIntervalMs");
const QString kProfileIntervals = QStringLiteral("monitor/profileIntervalMs/");
const QString kStackedArea = QStringLiteral("monitor/stackedArea");
const QString kByFarService = QStringLiteral("monitor/byFarService");
const QString kRetentionDays = QStringLiteral("monitor/historyRetentionDays");
const QString kAlertPrefix = QStringLiteral("monitor/alerts/");
const QString kCensusSmallTableRows = QStringLiteral("monitor/censusSmallTableRows");
const QString kServerTimeShare = QStringLiteral("monitor/serverTimeSharePercent");

// A profile name may hold '/' or a backslash (server\instance), which QSettings reads as groups.
QString profileIntervalKey(const QString &profileKey)
{
    return kProfileIntervals + QString::fromLatin1(profileKey.toUtf8().toPercentEncoding());
}

// Every live Settings object, so a change made through one reaches the others on the same file
// (QSettings objects of one process share their data, but not change notification).
QMutex s_registryMutex;
QList<Settings *> &registry()
{
    static QList<Settings *> list;
    return list;
}

} // namespace

Settings::Settings(QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>())
{
    const QMutexLocker lock(&s_registryMutex);
    registry().append(this);
}

Settings::Settings(const QString &iniFile, QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{
    const QMutexLocker lock(&s_registryMutex);
    registry().append(this);
}

Settings::~Settings()
{
    const QMutexLocker lock(&s_registryMutex);
    registry().removeAll(this);
}

QList<ConnectionProfile> Settings::connectionProfiles() const
{
    QList<ConnectionProfile> profiles;
    const int n = m_settings->beginReadArray(kProfilesArray);
    for (int i = 0; i < n; ++i) {
        m_settings->setArrayIndex(i);
        QVariantMap map;
        for (const QString &key : m_settings->childKeys())
            map.insert(key, m_settings->value(key));
        profiles.append(ConnectionProfile::fromMap(map));
    }
    m_settings->endArray();
    return profiles;
}

std::optional<ConnectionProfile> Settings::connectionProfile(const QString &name) const
{
    for (const ConnectionProfile &p : connectionProfiles()) {
        if (p.name == name)
            return p;
    }
    return std::nullopt;
}

void Settings::writeProfiles(const QList<ConnectionProfile> &profiles)
{
    m_settings->remove(kProfilesArray);
    m_settings->beginWriteArray(kProfilesArray, int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        m_settings->setArrayIndex(i);
        const QVariantMap map = profiles.at(i).toMap();
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            m_settings->setValue(it.key(), it.value());
    }
    m_settings->endArray();
    Q_EMIT connectionProfilesChanged();
}

void Settings::saveConnectionProfile(const ConnectionProfile &profile)
{
    QList<ConnectionProfile> profiles = connectionProfiles();
    bool replaced = false;
    for (ConnectionProfile &p : profiles) {
        if (p.name == profile.name) {
            p = profile;
            replaced = true;
        }
    }
    if (!replaced)
        profiles.append(profile);
    writeProfiles(profiles);
}

void Settings::removeConnectionProfile(const QString &name)
{
    QList<ConnectionProfile> profiles = connectionProfiles();
    const qsizetype removed = profiles.removeIf([&name](const ConnectionProfile &p) { return p.name == name; });
    if (removed > 0)
        writeProfiles(profiles);
}

QString Settings::lastConnectionProfile() const
{
    return m_settings->value(kLastProfile).toString();
}

void Settings::setLastConnectionProfile(const QString &name)
{
    if (name == lastConnectionProfile())
        return;
    m_settings->setValue(kLastProfile, name);
    Q_EMIT lastConnectionProfileChanged(name);
}

QString Settings::fleetPrometheusUrl() const
{
    return m_settings->value(kFleetPrometheusUrl).toString();
}

void Settings::setFleetPrometheusUrl(const QString &url)
{
    m_settings->setValue(kFleetPrometheusUrl, url.trimmed());
}

template<typename Emit>
void Settings::notifyAll(Emit emitOn)
{
    QList<Settings *> targets;
    {
        const QMutexLocker lock(&s_registryMutex);
        for (Settings *s : std::as_const(registry())) {
            if (s->m_settings->fileName() == m_settings->fileName())
                targets.append(s);
        }
    }
    for (Settings *s : std::as_const(targets))
        emitOn(s);
}

void Settings::setMonitorValue(const QString &key, const QVariant &value)
{
    if (m_settings->value(key) == value)
        return;
    m_settings->setValue(key, value);
    notifyAll([](Settings *s) { Q_EMIT s->monitorSettingsChanged(); });
}

int Settings::monitorDefaultIntervalMs() const
{
    return std::clamp(m_settings->value(kDefaultInterval, DefaultIntervalMs).toInt(), MinIntervalMs, MaxIntervalMs);
}

void Settings::setMonitorDefaultIntervalMs(int ms)
{
    setMonitorValue(kDefaultInterval, std::clamp(ms, MinIntervalMs, MaxIntervalMs));
}

std::optional<int> Settings::monitorProfileIntervalMs(const QString &profileKey) const
{
    const QVariant v = m_settings->value(profileIntervalKey(profileKey));
    bool ok = false;
    const int ms = v.toInt(&ok);
    if (!v.isValid() || !ok)
        return std::nullopt;
    return std::clamp(ms, MinSimulationIntervalMs, MaxIntervalMs);
}

void Settings::setMonitorProfileIntervalMs(const QString &profileKey, int ms)
{
    setMonitorValue(profileIntervalKey(profileKey), std::clamp(ms, MinSimulationIntervalMs, MaxIntervalMs));
}

bool Settings::monitorStackedArea() const
{
    return m_settings->value(kStackedArea, false).toBool();
}

void Settings::setMonitorStackedArea(bool on)
{
    setMonitorValue(kStackedArea, on);
}

bool Settings::monitorByFarService() const
{
    return m_settings->value(kByFarService, false).toBool();
}

void Settings::setMonitorByFarService(bool on)
{
    setMonitorValue(kByFarService, on);
}

int Settings::historyRetentionDays() const
{
    return std::clamp(m_settings->value(kRetentionDays, DefaultRetentionDays).toInt(), MinRetentionDays, MaxRetentionDays);
}

void Settings::setHistoryRetentionDays(int days)
{
    setMonitorValue(kRetentionDays, std::clamp(days, MinRetentionDays, MaxRetentionDays));
}

SamplingPolicy Settings::samplingPolicy() const
{
    SamplingPolicy p;
    p.censusSmallTableRows = m_settings->value(kCensusSmallTableRows, SamplingPolicy::DefaultCensusSmallTableRows).toLongLong();
    p.serverTimeSharePercent = m_settings->value(kServerTimeShare, SamplingPolicy::DefaultServerTimeSharePercent).toInt();
    return p.clamped();
}

void Settings::setSamplingPolicy(const SamplingPolicy &policy)
{
    const SamplingPolicy p = policy.clamped();
    const bool changed = p.censusSmallTableRows != samplingPolicy().censusSmallTableRows
        || p.serverTimeSharePercent != samplingPolicy().serverTimeSharePercent;
    if (!changed)
        return;
    m_settings->setValue(kCensusSmallTableRows, p.censusSmallTableRows);
    m_settings->setValue(kServerTimeShare, p.serverTimeSharePercent);
    notifyAll([](Settings *s) { Q_EMIT s->monitorSettingsChanged(); });
}

QString Settings::alertThresholdKey(const ThresholdSpec &spec)
{
    return kAlertPrefix + spec.key;
}

AlertSettings Settings::clamped(const AlertSettings &settings)
{
    return AlertRuleRegistry::clamped(settings);
}

AlertSettings Settings::alertSettings() const
{
    AlertSettings result;
    for (const AlertThreshold &t : AlertRuleRegistry::thresholds()) {
        bool ok = false;
        const double v = m_settings->value(alertThresholdKey(t.spec)).toDouble(&ok);
        if (ok && std::isfinite(v))
            t.set(result, v);
    }
    return clamped(result);
}

void Settings::setAlertSettings(const AlertSettings &settings)
{
    const AlertSettings value = clamped(settings);
    if (value == alertSettings())
        return;
    for (const AlertThreshold &t : AlertRuleRegistry::thresholds()) {
        const double v = t.get(value);
        m_settings->setValue(alertThresholdKey(t.spec), t.spec.decimals == 0 ? QVariant(qint64(std::llround(v))) : QVariant(v));
    }
    notifyAll([&value](Settings *s) {
        Q_EMIT s->alertSettingsChanged(value);
        Q_EMIT s->monitorSettingsChanged();
    });
}

void Settings::sync()
{
    m_settings->sync();
}

} // namespace bs
