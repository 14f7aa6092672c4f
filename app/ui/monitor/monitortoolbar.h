#pragma once

#include "data/brokersource.h"

#include <QWidget>

class QAction;
class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QToolButton;

namespace bs {

class ElidedLabel;

/// The row above the monitor's charts: time range, follow live, sampling interval, lines or
/// stacked areas, the far-service breakdown, export, and the status text. It only shows and
/// reports choices; MonitorPage decides what they do (set* here never emits).
class MonitorToolbar : public QWidget
{
    Q_OBJECT
public:
    enum class TimeRange { FiveMinutes, OneHour, OneDay, SevenDays, All };
    enum class PopulationMode { Lines, StackedArea };
    enum class ExportKind { Csv, Png, Svg };

    /// A source that may be sampled faster than a second gets sub-second intervals; one on its own
    /// clock is told that the interval is in that clock's time.
    explicit MonitorToolbar(const SourceTraits &traits, QWidget *parent = nullptr);

    void setTimeRange(TimeRange range);
    void setFollowLive(bool on);
    /// Selects `ms`, adding it to the list when it is not one of the usual intervals.
    void setIntervalMs(int ms);
    void setPopulationMode(PopulationMode mode);
    void setFarServiceBreakdown(bool on);
    void setStatus(const QString &text);
    QString status() const;
    /// The status label's tooltip (the census rule and the server time share of the last sample).
    void setStatusToolTip(const QString &text);
    QString statusToolTip() const;
    /// The export actions with their shortcuts, for the page to add to itself.
    QList<QAction *> exportActions() const;

Q_SIGNALS:
    void timeRangeChosen(bs::MonitorToolbar::TimeRange range);
    void followLiveToggled(bool on);
    void intervalChosen(int ms);
    void populationModeChosen(bs::MonitorToolbar::PopulationMode mode);
    void farServiceBreakdownToggled(bool on);
    void exportRequested(bs::MonitorToolbar::ExportKind kind);
    /// "Census now": the next sample reads the full breakdown.
    void censusRequested();

private:
    QButtonGroup *m_rangeButtons = nullptr;
    QToolButton *m_followButton = nullptr;
    QComboBox *m_intervalCombo = nullptr;
    QComboBox *m_modeCombo = nullptr;
    QCheckBox *m_farCheck = nullptr;
    QToolButton *m_exportButton = nullptr;
    QToolButton *m_censusButton = nullptr;
    ElidedLabel *m_status = nullptr;
};

} // namespace bs
