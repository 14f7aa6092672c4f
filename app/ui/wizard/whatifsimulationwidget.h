#pragma once

#include "core/script/patternoptions.h"
#include "core/jobs/jobtracker.h"
#include "core/script/whatif.h"
#include "core/sim/simwhatif.h"

#include <QWidget>

class QChartView;
class QLabel;
class QLineSeries;
class QPushButton;
class QValueAxis;

namespace bs {

/// The what-if panel's "Simulate" part: runs the simulator (bs::sim::runWhatIf) for the
/// options and load as a background job (JobTracker; a new run cancels the old one) and draws the endpoint population over time next
/// to the PATTERNS.md formula's estimate. For keep-firing it also runs bs::sim::advisePool and
/// says which pool size keeps latency near a shared queue's.
class WhatIfSimulationWidget : public QWidget
{
    Q_OBJECT
public:
    explicit WhatIfSimulationWidget(QWidget *parent = nullptr);

    /// Starts a run; a run still in progress is superseded (its result is dropped).
    void simulate(const PatternOptions &options, const Workload &load);
    bool isRunning() const { return m_running; }
    /// Points of the last simulated curve (minutes, endpoints).
    QList<QPointF> curve() const;
    /// Simulated seconds for a run: long enough to reach the steady state, capped so that a
    /// run stays under about two million messages.
    static double durationFor(const PatternOptions &options, const Workload &load);

    /// Marks the curve as out of date (the options or load changed since it was drawn).
    void markStale();

Q_SIGNALS:
    /// The user pressed Simulate; the owner calls simulate() with the current options.
    void requested();
    void finished();

private:
    void showResult(const sim::WhatIfResult &result, qint64 elapsedMs, double duration,
                    const SteadyStateEstimate &estimate, const QString &advice);

    QPushButton *m_button = nullptr;
    QLabel *m_status = nullptr;
    QChartView *m_view = nullptr;
    QLineSeries *m_simulated = nullptr;
    QLineSeries *m_estimate = nullptr;
    QValueAxis *m_x = nullptr;
    QValueAxis *m_y = nullptr;
    bool m_running = false;
    JobTracker m_jobs{this};
};

} // namespace bs
