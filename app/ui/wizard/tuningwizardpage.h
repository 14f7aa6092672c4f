#pragma once

#include <QWizardPage>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace bs {

class PatternWizard;
class ProblemLabel;
class WhatIfSimulationWidget;

/// Page 3: the pattern's options, each explained, and a what-if panel: the PATTERNS.md
/// steady-state endpoint population and throughput for the user's rate and task time, and for
/// the windowed pattern the suggested window with a warning when the chosen one is short.
class TuningWizardPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit TuningWizardPage(PatternWizard *wizard);

    void initializePage() override;
    bool isComplete() const override;

private:
    QSpinBox *addSpin(QFormLayout *form, const QString &label, const QString &objectName, int min, int max,
                      const QString &suffix, const QString &tip);
    void readWidgets();
    void readWorkload();
    void refresh();

    PatternWizard *m_wizard;
    QFormLayout *m_form = nullptr;
    QComboBox *m_validation = nullptr;
    QRadioButton *m_atMostOnce = nullptr;
    QRadioButton *m_inReceive = nullptr;
    QSpinBox *m_readers = nullptr;
    QSpinBox *m_timeout = nullptr;
    QSpinBox *m_messagesPerReceive = nullptr;
    QSpinBox *m_window = nullptr;
    QSpinBox *m_lifetime = nullptr;
    QSpinBox *m_pool = nullptr;
    QSpinBox *m_recycleMessages = nullptr;
    QSpinBox *m_recycleSeconds = nullptr;
    QSpinBox *m_retention = nullptr;
    QSpinBox *m_cleanupInterval = nullptr;
    QCheckBox *m_keepLog = nullptr;
    ProblemLabel *m_problems = nullptr;
    QLabel *m_help = nullptr;

    QDoubleSpinBox *m_rate = nullptr;
    QDoubleSpinBox *m_task = nullptr;
    QSpinBox *m_batch = nullptr;
    QDoubleSpinBox *m_receiveCost = nullptr;
    QFormLayout *m_whatIfForm = nullptr;
    QLabel *m_endpoints = nullptr;
    QLabel *m_throughput = nullptr;
    QLabel *m_formula = nullptr;
    QLabel *m_windowAdvice = nullptr;
    QPushButton *m_useSuggested = nullptr;
    WhatIfSimulationWidget *m_simulation = nullptr;
    int m_suggestedWindow = 0;
    bool m_loading = false;
    bool m_hasErrors = false;
};

} // namespace bs
