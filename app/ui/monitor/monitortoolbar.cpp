#include "ui/monitor/monitortoolbar.h"

#include "ui/monitor/elidedlabel.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QSignalBlocker>
#include <QToolButton>

namespace bs {

MonitorToolbar::MonitorToolbar(const SourceTraits &traits, QWidget *parent)
    : QWidget(parent)
{
    auto *bar = new QHBoxLayout(this);
    bar->setContentsMargins(0, 0, 0, 0);
    bar->setSpacing(6);
    bar->addWidget(new QLabel(tr("Range:"), this));
    m_rangeButtons = new QButtonGroup(this);
    const std::pair<TimeRange, QString> ranges[] = {{TimeRange::FiveMinutes, tr("5 min")}, {TimeRange::OneHour, tr("1 h")},
                                                    {TimeRange::OneDay, tr("24 h")}, {TimeRange::SevenDays, tr("7 days")},
                                                    {TimeRange::All, tr("All")}};
    int shortcutKey = 1;
    for (const auto &[range, text] : ranges) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setCheckable(true);
        b->setAutoRaise(true);
        b->setObjectName(QStringLiteral("range%1").arg(int(range)));
        b->setToolTip(tr("Show the last %1 (Alt+%2)").arg(text).arg(shortcutKey));
        b->setShortcut(QKeySequence(QStringLiteral("Alt+%1").arg(shortcutKey++)));
        m_rangeButtons->addButton(b, int(range));
        bar->addWidget(b);
    }
    connect(m_rangeButtons, &QButtonGroup::idClicked, this, [this](int id) { Q_EMIT timeRangeChosen(TimeRange(id)); });

    m_followButton = new QToolButton(this);
    m_followButton->setObjectName(QStringLiteral("followLive"));
    m_followButton->setText(tr("Follow live"));
    m_followButton->setCheckable(true);
    m_followButton->setChecked(true);
    m_followButton->setAutoRaise(true);
    m_followButton->setToolTip(tr("Keep the newest sample at the right edge (End). Zooming or panning back stops it."));
    connect(m_followButton, &QToolButton::toggled, this, &MonitorToolbar::followLiveToggled);
    bar->addSpacing(8);
    bar->addWidget(m_followButton);

    bar->addSpacing(8);
    bar->addWidget(new QLabel(tr("Every"), this));
    m_intervalCombo = new QComboBox(this);
    m_intervalCombo->setObjectName(QStringLiteral("interval"));
    m_intervalCombo->setToolTip(
        traits.simulatedClock
            ? tr("Sampling interval in simulated time: one sample per interval of the simulation's own clock, at any "
                 "speed, so the charts, tables, alerts and CSV tell the same story.")
            : tr("Sampling interval. A sample never overlaps the previous one: a slow sample delays the "
                 "next. Remembered for this connection."));
    for (int ms : {100, 250, 500}) {
        if (ms >= traits.minimumIntervalMs)
            m_intervalCombo->addItem(tr("%1 ms").arg(ms), ms);
    }
    for (int s : {1, 2, 5, 10, 15, 30})
        m_intervalCombo->addItem(tr("%1 s").arg(s), s * 1000);
    for (int m : {1, 2, 5, 10})
        m_intervalCombo->addItem(tr("%1 min").arg(m), m * 60000);
    connect(m_intervalCombo, &QComboBox::activated, this,
            [this](int i) { Q_EMIT intervalChosen(m_intervalCombo->itemData(i).toInt()); });
    bar->addWidget(m_intervalCombo);

    bar->addSpacing(8);
    m_modeCombo = new QComboBox(this);
    m_modeCombo->setObjectName(QStringLiteral("populationMode"));
    m_modeCombo->addItem(tr("Lines"), int(PopulationMode::Lines));
    m_modeCombo->addItem(tr("Stacked area"), int(PopulationMode::StackedArea));
    m_modeCombo->setToolTip(tr("Endpoint states as separate lines or stacked to the total population."));
    connect(m_modeCombo, &QComboBox::activated, this,
            [this](int i) { Q_EMIT populationModeChosen(PopulationMode(m_modeCombo->itemData(i).toInt())); });
    bar->addWidget(m_modeCombo);
    m_farCheck = new QCheckBox(tr("By far service"), this);
    m_farCheck->setObjectName(QStringLiteral("byFarService"));
    m_farCheck->setToolTip(tr("Break the endpoint population down by far_service (who the conversations talk to)."));
    connect(m_farCheck, &QCheckBox::toggled, this, &MonitorToolbar::farServiceBreakdownToggled);
    bar->addWidget(m_farCheck);

    m_censusButton = new QToolButton(this);
    m_censusButton->setObjectName(QStringLiteral("censusNow"));
    m_censusButton->setText(tr("Census now"));
    m_censusButton->setAutoRaise(true);
    m_censusButton->setToolTip(tr("Read the full breakdown (endpoints and transmission queue grouped by state, services "
                                  "and side) with the next sample, now, whatever the census rule says. On a large "
                                  "sys.conversation_endpoints this scans the whole table."));
    connect(m_censusButton, &QToolButton::clicked, this, &MonitorToolbar::censusRequested);
    bar->addSpacing(8);
    bar->addWidget(m_censusButton);

    m_exportButton = new QToolButton(this);
    m_exportButton->setText(tr("Export"));
    m_exportButton->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_exportButton);
    const auto addExport = [this, menu](const QString &text, const char *keys, ExportKind kind) {
        QAction *a = menu->addAction(text, this, [this, kind] { Q_EMIT exportRequested(kind); });
        a->setShortcut(QKeySequence(QLatin1String(keys)));
        // The page adds these to itself: the shortcuts work anywhere in its tab and nowhere else.
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    };
    addExport(tr("Visible range as CSV…"), "Ctrl+Shift+C", ExportKind::Csv);
    addExport(tr("Charts as PNG…"), "Ctrl+Shift+P", ExportKind::Png);
    addExport(tr("Charts as SVG…"), "Ctrl+Shift+G", ExportKind::Svg);
    m_exportButton->setMenu(menu);
    bar->addSpacing(8);
    bar->addWidget(m_exportButton);
    bar->addSpacing(12);
    // The status takes the rest of the row and elides: a long message never widens the window.
    m_status = new ElidedLabel(this);
    m_status->setObjectName(QStringLiteral("monitorStatus"));
    m_status->setForegroundRole(QPalette::Mid);
    bar->addWidget(m_status, 1);
}

void MonitorToolbar::setTimeRange(TimeRange range)
{
    if (QAbstractButton *b = m_rangeButtons->button(int(range)))
        b->setChecked(true);
}

void MonitorToolbar::setFollowLive(bool on)
{
    const QSignalBlocker block(m_followButton);
    m_followButton->setChecked(on);
}

void MonitorToolbar::setIntervalMs(int ms)
{
    int index = m_intervalCombo->findData(ms);
    if (index < 0) {
        m_intervalCombo->addItem(tr("%1 ms").arg(ms), ms);
        index = m_intervalCombo->count() - 1;
    }
    m_intervalCombo->setCurrentIndex(index);
}

void MonitorToolbar::setPopulationMode(PopulationMode mode)
{
    m_modeCombo->setCurrentIndex(m_modeCombo->findData(int(mode)));
}

void MonitorToolbar::setFarServiceBreakdown(bool on)
{
    {
        const QSignalBlocker block(m_farCheck);
        m_farCheck->setChecked(on);
    }
    // Stacking is by state; the far-service breakdown is always drawn as lines.
    m_modeCombo->setEnabled(!on);
}

void MonitorToolbar::setStatus(const QString &text)
{
    m_status->setText(text);
}

void MonitorToolbar::setStatusToolTip(const QString &text)
{
    m_status->setToolTip(text);
}

QString MonitorToolbar::statusToolTip() const
{
    return m_status->toolTip();
}

QString MonitorToolbar::status() const
{
    return m_status->text();
}

QList<QAction *> MonitorToolbar::exportActions() const
{
    return m_exportButton->menu()->actions();
}

} // namespace bs
