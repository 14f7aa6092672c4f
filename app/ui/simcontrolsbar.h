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
/// simulated clock. Hidden when the window shows a real server.
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

private:
    void updateState();
    void showTime(const QDateTime &time);

    QPointer<SimBrokerSource> m_source;
    QAction *m_pause;
    QAction *m_step;
    QAction *m_restart;
    QComboBox *m_speed;
    QLabel *m_clock;
};

} // namespace bs
