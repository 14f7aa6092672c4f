#include "data/settings.h"

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

QString thresholdKey(Settings::Threshold t)
{
    switch (t) {
    case Settings::Threshold::LeakWindowSamples: return kAlertPrefix + QStringLiteral("leakWindowSamples");
    case Settings::Threshold::LeakMinIncrease: return kAlertPrefix + QStringLiteral("leakMinIncrease");
    case Settings::Threshold::SteadyPercent: return kAlertPrefix + QStringLiteral("steadyPercent");
    case Settings::Threshold::DepthGrowthSamples: return kAlertPrefix + QStringLiteral("depthGrowthSamples");
    case Settings::Threshold::DepthMinIncrease: return kAlertPrefix + QStringLiteral("depthMinIncrease");
    case Settings::Threshold::NotifiedStuckSeconds: return kAlertPrefix + QStringLiteral("notifiedStuckSeconds");
    case Settings::Threshold::TransmissionAgeSeconds: return kAlertPrefix + QStringLiteral("transmissionAgeSeconds");
    case Settings::Threshold::NeverExpiringMinCount: return kAlertPrefix + QStringLiteral("neverExpiringMinCount");
    case Settings::Threshold::ActivationErrorSamples: return kAlertPrefix + QStringLiteral("activationErrorSamples");
    }
    return {};
}

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

QList<Settings::Threshold> Settings::thresholds()
{
    return {Threshold::LeakWindowSamples,    Threshold::LeakMinIncrease,        Threshold::SteadyPercent,
            Threshold::DepthGrowthSamples,   Threshold::DepthMinIncrease,       Threshold::NotifiedStuckSeconds,
            Threshold::TransmissionAgeSeconds, Threshold::NeverExpiringMinCount, Threshold::ActivationErrorSamples};
}

int Settings::thresholdMinimum(Threshold t)
{
    switch (t) {
    // Steadiness needs a few steps to mean anything.
    case Threshold::LeakWindowSamples: return 3;
    case Threshold::DepthGrowthSamples:
    // An increase needs two samples to compare.
    case Threshold::ActivationErrorSamples: return 2;
    // Half the steps going up is the least that still says "growing".
    case Threshold::SteadyPercent: return 50;
    case Threshold::NotifiedStuckSeconds: return 5;
    case Threshold::TransmissionAgeSeconds: return 10;
    case Threshold::LeakMinIncrease:
    case Threshold::DepthMinIncrease:
    case Threshold::NeverExpiringMinCount: return 1;
    }
    return 1;
}

int Settings::thresholdMaximum(Threshold t)
{
    switch (t) {
    // The engine keeps at most this many samples in its window (an hour at 5 s).
    case Threshold::LeakWindowSamples:
    case Threshold::DepthGrowthSamples:
    case Threshold::ActivationErrorSamples: return 720;
    case Threshold::SteadyPercent: return 100;
    case Threshold::NotifiedStuckSeconds: return 86400;
    case Threshold::TransmissionAgeSeconds: return 7 * 86400;
    case Threshold::LeakMinIncrease:
    case Threshold::DepthMinIncrease:
    case Threshold::NeverExpiringMinCount: return 10'000'000;
    }
    return 1;
}

int Settings::thresholdValue(const AlertSettings &settings, Threshold t)
{
    switch (t) {
    case Threshold::LeakWindowSamples: return settings.leakWindowSamples;
    case Threshold::LeakMinIncrease: return settings.leakMinIncrease;
    case Threshold::SteadyPercent: return int(std::lround(settings.steadyFraction * 100));
    case Threshold::DepthGrowthSamples: return settings.depthGrowthSamples;
    case Threshold::DepthMinIncrease: return settings.depthMinIncrease;
    case Threshold::NotifiedStuckSeconds: return settings.notifiedStuckSeconds;
    case Threshold::TransmissionAgeSeconds: return settings.transmissionAgeSeconds;
    case Threshold::NeverExpiringMinCount: return settings.neverExpiringMinCount;
    case Threshold::ActivationErrorSamples: return settings.activationErrorSamples;
    }
    return 0;
}

void Settings::setThresholdValue(AlertSettings &settings, Threshold t, int value)
{
    switch (t) {
    case Threshold::LeakWindowSamples: settings.leakWindowSamples = value; break;
    case Threshold::LeakMinIncrease: settings.leakMinIncrease = value; break;
    case Threshold::SteadyPercent: settings.steadyFraction = value / 100.0; break;
    case Threshold::DepthGrowthSamples: settings.depthGrowthSamples = value; break;
    case Threshold::DepthMinIncrease: settings.depthMinIncrease = value; break;
    case Threshold::NotifiedStuckSeconds: settings.notifiedStuckSeconds = value; break;
    case Threshold::TransmissionAgeSeconds: settings.transmissionAgeSeconds = value; break;
    case Threshold::NeverExpiringMinCount: settings.neverExpiringMinCount = value; break;
    case Threshold::ActivationErrorSamples: settings.activationErrorSamples = value; break;
    }
}

AlertSettings Settings::clamped(AlertSettings settings)
{
    for (Threshold t : thresholds())
        setThresholdValue(settings, t, std::clamp(thresholdValue(settings, t), thresholdMinimum(t), thresholdMaximum(t)));
    return settings;
}

AlertSettings Settings::alertSettings() const
{
    const AlertSettings defaults;
    AlertSettings result;
    for (Threshold t : thresholds())
        setThresholdValue(result, t, m_settings->value(thresholdKey(t), thresholdValue(defaults, t)).toInt());
    return clamped(result);
}

void Settings::setAlertSettings(const AlertSettings &settings)
{
    const AlertSettings value = clamped(settings);
    if (value == alertSettings())
        return;
    for (Threshold t : thresholds())
        m_settings->setValue(thresholdKey(t), thresholdValue(value, t));
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
