#pragma once

#include "core/alerts/alertsettings.h"
#include "core/census/samplingpolicy.h"
#include "core/rules/thresholdspec.h"
#include "core/series/monitorlimits.h"
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
    /// The Prometheus server the Fleet view reads instead of sampling the profiles itself
    /// (empty: the app samples them). Its HTTP query API, e.g. "http://prometheus:9090".
    QString fleetPrometheusUrl() const;
    void setFleetPrometheusUrl(const QString &url);

    // Monitoring (group "monitor"). Values read back are clamped to the ranges below, so a
    // hand-edited file cannot give the poller or the alert rules a nonsensical value.

    // Defined once in MonitorLimits; named here for the settings' callers.
    static constexpr int MinIntervalMs = MonitorLimits::MinIntervalMs;
    static constexpr int MaxIntervalMs = MonitorLimits::MaxIntervalMs;
    static constexpr int DefaultIntervalMs = MonitorLimits::DefaultIntervalMs;
    static constexpr int MinSimulationIntervalMs = MonitorLimits::MinSimulationIntervalMs;
    static constexpr int MinRetentionDays = MonitorLimits::MinRetentionDays;
    static constexpr int MaxRetentionDays = MonitorLimits::MaxRetentionDays;
    static constexpr int DefaultRetentionDays = MonitorLimits::DefaultRetentionDays;

    /// The sampling interval a monitor tab starts with for a profile that has none saved.
    int monitorDefaultIntervalMs() const;
    void setMonitorDefaultIntervalMs(int ms);
    /// The interval last chosen for a connection profile (the demo's key is "demo").
    std::optional<int> monitorProfileIntervalMs(const QString &profileKey) const;
    void setMonitorProfileIntervalMs(const QString &profileKey, int ms);
    /// Endpoint states drawn as stacked areas instead of lines.
    bool monitorStackedArea() const;
    void setMonitorStackedArea(bool on);
    /// Endpoint population broken down by far service.
    bool monitorByFarService() const;
    void setMonitorByFarService(bool on);
    /// Days of monitoring history kept per profile.
    int historyRetentionDays() const;
    void setHistoryRetentionDays(int days);
    /// The census rule and the server time share (keys monitor/censusSmallTableRows, default
    /// 100,000, and monitor/serverTimeSharePercent, default 10), clamped to SamplingPolicy's ranges.
    SamplingPolicy samplingPolicy() const;
    void setSamplingPolicy(const SamplingPolicy &policy);

    /// Where an alert threshold is stored: "monitor/alerts/" + its ThresholdSpec key. The
    /// thresholds themselves are AlertRuleRegistry::thresholds(); Settings iterates them.
    static QString alertThresholdKey(const ThresholdSpec &spec);
    /// `settings` with every threshold brought into its range.
    static AlertSettings clamped(const AlertSettings &settings);

    AlertSettings alertSettings() const;
    void setAlertSettings(const AlertSettings &settings);

    void sync();

Q_SIGNALS:
    void connectionProfilesChanged();
    void lastConnectionProfileChanged(const QString &name);
    /// Emitted by every Settings object on the same file, so open monitor tabs follow a change
    /// made in the preferences dialog.
    void alertSettingsChanged(const bs::AlertSettings &settings);
    /// Any other monitoring setting changed (also emitted on every Settings of the same file).
    void monitorSettingsChanged();

private:
    void writeProfiles(const QList<ConnectionProfile> &profiles);
    void setMonitorValue(const QString &key, const QVariant &value);
    template<typename Emit>
    void notifyAll(Emit emitOn);

    std::unique_ptr<QSettings> m_settings;
};

} // namespace bs
