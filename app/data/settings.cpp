#include "data/settings.h"

#include <QSettings>

namespace bs {

namespace {

// Every key, declared once.
const QString kProfilesArray = QStringLiteral("connections/profiles");
const QString kLastProfile = QStringLiteral("connections/lastProfile");

} // namespace

Settings::Settings(QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>())
{
}

Settings::Settings(const QString &iniFile, QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{
}

Settings::~Settings() = default;

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

void Settings::sync()
{
    m_settings->sync();
}

} // namespace bs
