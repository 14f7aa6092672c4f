#pragma once

#include <QToolBar>

#include <QDateTime>
#include <QPointer>

class QAction;
class QComboBox;
class QLabel;

namespace bs {

class SimBrokerSource;

/// Pause, resume, single step, restart and speed (1×–1000×) for a simulated broker, with the
/// simulated clock, the run (a restart starts run 2, 3, ...), the speed actually reached when the
/// machine cannot keep up, and the task messages as `simulate` counts them (processed, failed,
/// lost). Hidden when the window shows a real server.
class SimControlsBar : public QToolBar
{
    Q_OBJECT
public:
    explicit SimControlsBar(QWidget *parent = nullptr);

    /// The simulation to control; nullptr hides the bar.
    void setSource(SimBrokerSource *source);
    QAction *pauseAction() const { return m_pause; }
    QAction *stepAction() const { return m_step; }
    QComboBox *speedBox() const { return m_speed; }
    SimBrokerSource *source() const;
    /// The simulated time as the bar shows it.
    QString clockText() const;
    /// The run and the speed reached ("run 2 · running at 420×"), as the bar shows them.
    QString runText() const;
    /// The task counts ("Tasks: 1,234 processed · 122 failed · 0 lost"), as the bar shows them.
    QString tasksText() const;

private:
    void updateState();
    void showTime(const QDateTime &time);
    void showRun();
    void showTasks();

    QPointer<SimBrokerSource> m_source;
    QAction *m_pause;
    QAction *m_step;
    QAction *m_restart;
    QComboBox *m_speed;
    QLabel *m_clock;
    QLabel *m_run;
    QLabel *m_tasks;
};

} // namespace bs
