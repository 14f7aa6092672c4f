#pragma once

#include "core/alerts/alertsettings.h"
#include "data/settings.h"

#include <QDialog>
#include <QMap>

class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace bs {

/// Edit > Preferences: the "Monitoring" page with the default sampling interval and how long history
/// is kept, and the "Alert rules" page with one field per threshold of AlertRuleRegistry (label,
/// unit, range and tooltip from its ThresholdSpec). The fields hold only valid values; OK or Apply
/// writes them to Settings, and open monitor tabs take the new thresholds at once. Restore
/// Defaults refills the fields (saved on OK).
class PreferencesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PreferencesDialog(Settings *settings, QWidget *parent = nullptr);
    ~PreferencesDialog() override;

    /// Fills every field with its default value (not saved until OK or Apply).
    void restoreDefaults();
    /// Writes the fields to Settings.
    void apply();

    QSpinBox *intervalEditor() const { return m_interval; }
    QSpinBox *retentionEditor() const { return m_retention; }
    QSpinBox *censusRowsEditor() const { return m_censusRows; }
    QSpinBox *timeShareEditor() const { return m_timeShare; }
    /// The census rule in words for the fields' values (below the fields).
    QLabel *censusRuleLabel() const { return m_censusRule; }
    /// The census rule and time share as the fields show them now.
    SamplingPolicy editedSamplingPolicy() const;
    /// The field of the threshold whose ThresholdSpec key is `key` (nullptr for an unknown key).
    QDoubleSpinBox *thresholdEditor(const QString &key) const { return m_thresholds.value(key); }
    QDialogButtonBox *buttons() const { return m_buttons; }
    /// The thresholds as the fields show them now.
    AlertSettings editedAlertSettings() const;

private:
    QWidget *createMonitoringPage();
    QWidget *createAlertsPage();
    void load(int intervalMs, int retentionDays, const AlertSettings &alerts, const SamplingPolicy &policy);
    void updateWindowHints();

    Settings *m_settings = nullptr;
    QSpinBox *m_interval = nullptr;
    QSpinBox *m_retention = nullptr;
    QSpinBox *m_censusRows = nullptr;
    QSpinBox *m_timeShare = nullptr;
    QLabel *m_censusRule = nullptr;
    QMap<QString, QDoubleSpinBox *> m_thresholds;
    QMap<QString, QLabel *> m_spans; ///< "≈ 1 min at the default interval" under each window in samples
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace bs
