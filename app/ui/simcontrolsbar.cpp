#include "ui/simcontrolsbar.h"

#include "data/sim/simbrokersource.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QStyle>

namespace bs {

SimControlsBar::SimControlsBar(QWidget *parent)
    : QToolBar(tr("Simulation"), parent)
    , m_pause(new QAction(this))
    , m_step(new QAction(tr("Step"), this))
    , m_restart(new QAction(tr("Restart"), this))
    , m_speed(new QComboBox(this))
    , m_clock(new QLabel(this))
{
    setObjectName(QStringLiteral("simulationToolBar"));
    m_pause->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Space));
    m_step->setIcon(style()->standardIcon(QStyle::SP_MediaSkipForward));
    m_step->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    m_step->setToolTip(tr("Pause and advance the simulation by one sample interval (Ctrl+.)"));
    m_restart->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    m_restart->setToolTip(tr("Start the scenario again from the beginning, with the same seed"));
    for (int s : {1, 10, 60, 100, 300, 1000})
        m_speed->addItem(QStringLiteral("%1×").arg(s), s);
    m_speed->setToolTip(tr("Simulated seconds per real second"));
    m_clock->setToolTip(tr("Simulated time (UTC inside the simulation, shown in local time)"));
    m_clock->setMinimumWidth(170);

    addWidget(new QLabel(tr(" Simulation: "), this));
    addAction(m_pause);
    addAction(m_step);
    addAction(m_restart);
    addWidget(m_speed);
    addWidget(m_clock);

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
    // The bar may switch to a paused simulation whose clock does not move: show its time now.
    showTime(source->simulatedTime());
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

void SimControlsBar::showTime(const QDateTime &time)
{
    m_clock->setText(tr("  simulated %1").arg(time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))));
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
}

} // namespace bs
