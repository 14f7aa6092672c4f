#pragma once

#include "data/connectionprofile.h"

#include <QList>
#include <QObject>

#include <memory>
#include <optional>

class QSettings;

namespace bs {

/// The application's saved settings, one typed accessor per key over QSettings. Holds no
/// credentials: passwords go to the keychain (PasswordStore) or are asked for each time.
class Settings : public QObject
{
    Q_OBJECT
public:
    /// The user's settings (organisation and application name from QCoreApplication).
    explicit Settings(QObject *parent = nullptr);
    /// Settings in an INI file of their own (tests, portable use).
    explicit Settings(const QString &iniFile, QObject *parent = nullptr);
    ~Settings() override;

    /// Saved connection profiles, in the order they were first saved.
    QList<ConnectionProfile> connectionProfiles() const;
    std::optional<ConnectionProfile> connectionProfile(const QString &name) const;
    /// Adds the profile, or replaces the one with the same name.
    void saveConnectionProfile(const ConnectionProfile &profile);
    void removeConnectionProfile(const QString &name);

    /// The profile the connection dialog opens with.
    QString lastConnectionProfile() const;
    void setLastConnectionProfile(const QString &name);

    void sync();

Q_SIGNALS:
    void connectionProfilesChanged();
    void lastConnectionProfileChanged(const QString &name);

private:
    void writeProfiles(const QList<ConnectionProfile> &profiles);

    std::unique_ptr<QSettings> m_settings;
};

} // namespace bs
