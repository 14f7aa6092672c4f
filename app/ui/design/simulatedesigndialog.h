#pragma once

#include "core/design/designsimulation.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QSpinBox;

namespace bs {

class ProblemLabel;

/// "Simulate this design": attach a workload to an initiator → target pair of the design (the
/// message type, how the conversations end — the pattern —, the rate and its distribution, the task
/// time, the pool of keep-firing, the window of windowed fire-and-forget, how long) and get the
/// scenario the simulator runs (DesignSimulation::scenario). Refusals are said inline and keep
/// Simulate off; warnings (no activation on a queue) show but let it run.
class SimulateDesignDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SimulateDesignDialog(const BrokerDesign &design, QWidget *parent = nullptr);

    QComboBox *pairBox() const { return m_pair; }
    QComboBox *typeBox() const { return m_type; }
    QComboBox *endOfStreamBox() const { return m_endOfStream; }
    QComboBox *patternBox() const { return m_pattern; }
    QDoubleSpinBox *rateBox() const { return m_rate; }
    QDoubleSpinBox *taskBox() const { return m_task; }
    QSpinBox *poolBox() const { return m_pool; }
    QDoubleSpinBox *hoursBox() const { return m_hours; }
    QPushButton *simulateButton() const;
    ProblemLabel *problemLabel() const { return m_problems; }

    DesignWorkload workload() const;
    /// The scenario for the current choices, or the refusal (what DesignSimulation says).
    DesignScenario designScenario() const { return m_result; }

private:
    void pairChanged();
    void update();

    BrokerDesign m_design;
    QList<DesignPair> m_pairs;
    DesignScenario m_result;
    QComboBox *m_pair = nullptr;
    QComboBox *m_type = nullptr;
    QComboBox *m_endOfStream = nullptr;
    QComboBox *m_pattern = nullptr;
    QDoubleSpinBox *m_rate = nullptr;
    QCheckBox *m_poisson = nullptr;
    QDoubleSpinBox *m_task = nullptr;
    QSpinBox *m_pool = nullptr;
    QDoubleSpinBox *m_window = nullptr;
    QDoubleSpinBox *m_hours = nullptr;
    ProblemLabel *m_problems = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace bs
