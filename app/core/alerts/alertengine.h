#pragma once

#include "core/alerts/alert.h"
#include "core/alerts/alertrules.h"
#include "core/alerts/alertsettings.h"
#include "core/catalog.h"
#include "core/monitorsample.h"

namespace bs {

/// Feeds samples to the alert rules and keeps what a DBA needs to see: the active alerts
/// (each raised once and cleared when its condition goes away) and the alert log with
/// raised and cleared times. While the part of the sample a rule reads is unavailable,
/// its alerts neither clear nor rise. Not thread-safe: use it on one thread.
class AlertEngine
{
public:
    explicit AlertEngine(AlertSettings settings = {});

    void setSettings(const AlertSettings &settings) { m_settings = settings; }
    const AlertSettings &settings() const { return m_settings; }
    /// The catalog of the monitored database (names for fixes, activation procedures).
    void setCatalog(const BrokerCatalog &catalog) { m_catalog = catalog; }

    /// Adds a sample (in time order) and returns what was raised, cleared or updated.
    QList<AlertChange> addSample(const MonitorSample &sample);
    /// Forgets the window (e.g. after reconnecting to another database); the log stays.
    void resetWindow();

    /// The active alerts as of the latest sample (texts follow every sample; identity is Alert::key),
    /// most severe first, in raise order within a severity.
    QList<Alert> activeAlerts() const;
    /// Every alert raised, as it was when raised (the counts at raise time), with cleared times.
    const QList<AlertLogEntry> &log() const { return m_log; }
    /// Restores a log read back from history (entries still active stay active).
    void setLog(const QList<AlertLogEntry> &log);

private:
    void trimWindow();
    Alert &activeAlert(const QString &key);

    AlertSettings m_settings;
    BrokerCatalog m_catalog;
    AlertRules::Window m_window;
    QList<AlertLogEntry> m_log;
    QList<Alert> m_active;                   ///< live copies of the active alerts, in raise order
    QHash<QString, qsizetype> m_activeIndex; ///< alert key -> index into m_log
};

} // namespace bs
