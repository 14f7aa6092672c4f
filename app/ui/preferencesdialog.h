#pragma once

#include "core/alerts/alertsettings.h"
#include "data/settings.h"

#include <QDialog>
#include <QMap>

class QDialogButtonBox;
class QLabel;
class QSpinBox;

namespace bs {

/// Edit > Preferences: the "Monitoring" page with the default sampling interval, how long history
/// is kept, and each alert threshold with a tooltip saying what it watches. The fields hold only
/// valid values (their ranges are Settings' ranges); OK or Apply writes them to Settings, and open
/// monitor tabs take the new thresholds at once. Restore Defaults refills the fields (saved on OK).
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
    QSpinBox *thresholdEditor(Settings::Threshold threshold) const { return m_thresholds.value(threshold); }
    QDialogButtonBox *buttons() const { return m_buttons; }
    /// The thresholds as the fields show them now.
    AlertSettings editedAlertSettings() const;

    /// What a threshold watches, in a DBA's words (the field's tooltip).
    static QString thresholdToolTip(Settings::Threshold threshold);

private:
    QWidget *createMonitoringPage();
    void load(int intervalMs, int retentionDays, const AlertSettings &alerts);
    void updateWindowHints();

    Settings *m_settings = nullptr;
    QSpinBox *m_interval = nullptr;
    QSpinBox *m_retention = nullptr;
    QMap<Settings::Threshold, QSpinBox *> m_thresholds;
    QLabel *m_leakSpan = nullptr;
    QLabel *m_depthSpan = nullptr;
    QLabel *m_activationSpan = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace bs
