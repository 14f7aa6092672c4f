#include "ui/simcontrolsbar.h"

#include "data/sim/simbrokersource.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLocale>
#include <QStyle>

namespace bs {

SimControlsBar::SimControlsBar(QWidget *parent)
    : QToolBar(tr("Simulation"), parent)
    , m_pause(new QAction(this))
    , m_step(new QAction(tr("Step"), this))
    , m_restart(new QAction(tr("Restart"), this))
    , m_speed(new QComboBox(this))
    , m_clock(new QLabel(this))
    , m_run(new QLabel(this))
    , m_tasks(new QLabel(this))
{
    setObjectName(QStringLiteral("simulationToolBar"));
    m_pause->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Space));
    m_step->setIcon(style()->standardIcon(QStyle::SP_MediaSkipForward));
    m_step->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    m_step->setToolTip(tr("Pause and advance the simulation by one sample interval (Ctrl+.)"));
    m_restart->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    m_restart->setToolTip(tr("Start a new run of the scenario from the beginning, with the same seed"));
    for (int s : {1, 10, 60, 100, 300, 1000})
        m_speed->addItem(QStringLiteral("%1×").arg(s), s);
    m_speed->setToolTip(tr("Simulated seconds per real second"));
    m_clock->setToolTip(tr("Simulated time (UTC inside the simulation, shown in local time)"));
    m_clock->setMinimumWidth(170);
    m_run->setObjectName(QStringLiteral("simulationRun"));
    m_run->setToolTip(tr("Each restart of the scenario is a new run: the simulated clock goes back to the scenario's start "
                         "and the monitor starts a new chart. The built-in demo starts a new run after seven simulated days.\n"
                         "\"running at\" appears when this machine cannot keep up with the chosen speed (many samples per "
                         "second, or a very busy scenario): the simulation then runs slower rather than skip samples."));
    m_tasks->setObjectName(QStringLiteral("simulationTasks"));
    m_tasks->setToolTip(tr("Task messages since the run began, as broker-studio simulate counts them.\n"
                           "Processed: the target's activation procedure finished the task.\n"
                           "Failed: the task raised an error; the procedure logged it and committed (the message is gone).\n"
                           "Lost: never processed: rejected by the target broker, dropped with an endpoint that had ended, or "
                           "expired with its dialog's LIFETIME."));

    addWidget(new QLabel(tr(" Simulation: "), this));
    addAction(m_pause);
    addAction(m_step);
    addAction(m_restart);
    addWidget(m_speed);
    addWidget(m_clock);
    addWidget(m_run);
    addWidget(m_tasks);

    connect(m_pause, &QAction::triggered, this, [this] {
        if (!m_source)
            return;
        if (m_source->isPaused())
            m_source->resume();
        else
            m_source->pause();
    });
    connect(m_step, &QAction::triggered, this, [this] {
        if (m_source)
            m_source->step();
    });
    connect(m_restart, &QAction::triggered, this, [this] {
        if (m_source)
            m_source->restart();
    });
    connect(m_speed, &QComboBox::activated, this, [this](int index) {
        if (m_source)
            m_source->setSpeed(m_speed->itemData(index).toDouble());
    });
    setSource(nullptr);
}

void SimControlsBar::setSource(SimBrokerSource *source)
{
    if (m_source)
        disconnect(m_source, nullptr, this, nullptr);
    m_source = source;
    setVisible(source != nullptr);
    if (!source)
        return;
    connect(source, &SimBrokerSource::pausedChanged, this, &SimControlsBar::updateState);
    connect(source, &SimBrokerSource::speedChanged, this, &SimControlsBar::updateState);
    connect(source, &SimBrokerSource::simulatedTimeChanged, this, &SimControlsBar::showTime);
    connect(source, &SimBrokerSource::effectiveSpeedChanged, this, &SimControlsBar::showRun);
    connect(source, &SimBrokerSource::runStarted, this, &SimControlsBar::showRun);
    // The bar may switch to a paused simulation whose clock does not move: show its time now.
    showTime(source->simulatedTime());
    showRun();
    updateState();
}

SimBrokerSource *SimControlsBar::source() const
{
    return m_source;
}

QString SimControlsBar::clockText() const
{
    return m_clock->text().trimmed();
}

QString SimControlsBar::runText() const
{
    return m_run->text().trimmed();
}

QString SimControlsBar::tasksText() const
{
    return m_tasks->text().trimmed();
}

void SimControlsBar::showTime(const QDateTime &time)
{
    m_clock->setText(tr("  simulated %1").arg(time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))));
    showTasks();
}

void SimControlsBar::showRun()
{
    if (!m_source)
        return;
    QStringList parts;
    if (m_source->run() > 1)
        parts << tr("run %1").arg(m_source->run());
    if (!m_source->isPaused() && m_source->effectiveSpeed() < m_source->speed())
        parts << tr("running at %1×").arg(QLocale().toString(m_source->effectiveSpeed(), 'f', m_source->effectiveSpeed() < 10 ? 1 : 0));
    m_run->setText(parts.isEmpty() ? QString() : QStringLiteral("  · ") + parts.join(QStringLiteral(" · ")));
    m_run->setVisible(!parts.isEmpty());
}

void SimControlsBar::showTasks()
{
    if (!m_source)
        return;
    const FlowCounters f = m_source->flow();
    const QLocale locale;
    const bool trouble = f.failed > 0 || f.lost > 0;
    // Failed and lost tasks are what a DBA would otherwise only learn from `simulate`.
    const QString text = tr("Tasks: %1 processed · %2 failed · %3 lost")
                             .arg(locale.toString(f.processed), locale.toString(f.failed), locale.toString(f.lost));
    m_tasks->setText(QStringLiteral("  ") + text + QStringLiteral("  "));
    const QString style = trouble ? QStringLiteral("color: #b91c1c;") : QString();
    if (m_tasks->styleSheet() != style)
        m_tasks->setStyleSheet(style);
}

void SimControlsBar::updateState()
{
    if (!m_source)
        return;
    const bool paused = m_source->isPaused();
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    m_pause->setIcon(style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    m_pause->setToolTip(paused ? tr("Resume the simulation (Ctrl+Space)") : tr("Pause the simulation (Ctrl+Space)"));
    const int index = m_speed->findData(int(m_source->speed()));
    if (index >= 0)
        m_speed->setCurrentIndex(index);
    showRun();
    showTasks();
}

} // namespace bs
