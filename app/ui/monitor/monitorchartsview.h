#pragma once

#include "ui/monitor/monitortoolbar.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QTimer>
#include <QWidget>

namespace bs {

class MonitorSession;
class TimeChartWidget;

/// The monitor's charts, one TimeChartWidget per ChartSpec entry, fed from a MonitorSession:
/// the visible time range (a range, follow live, zoom and pan shared by all charts), lines or
/// stacked areas, the far-service breakdown, throttled redraws from downsampled data, the
/// hover read-out with exact values, and one left edge for all plots.
class MonitorChartsView : public QWidget
{
    Q_OBJECT
public:
    using TimeRange = MonitorToolbar::TimeRange;
    using PopulationMode = MonitorToolbar::PopulationMode;

    explicit MonitorChartsView(const MonitorSession *session, QWidget *parent = nullptr);

    /// The chart of a ChartSpec id ("population", "queues", "readers"), or nullptr.
    TimeChartWidget *chart(const QString &id) const;
    const QList<TimeChartWidget *> &charts() const { return m_charts; }

    void setTimeRange(TimeRange range);
    TimeRange timeRange() const { return m_range; }
    void setPopulationMode(PopulationMode mode);
    PopulationMode populationMode() const { return m_mode; }
    void setFarServiceBreakdown(bool on);
    bool isFarServiceBreakdown() const { return m_byFarService; }
    /// Follow live: the view ends at the latest sample. Zooming or panning back turns it off.
    void setFollowLive(bool on);
    bool isFollowLive() const { return m_followLive; }
    /// Zooms around the view's centre (factor < 1 zooms in; following live: around its end).
    void zoom(double factor);
    /// Pans by a fraction of the view's width.
    void pan(double fraction);
    qint64 viewFromMs() const { return m_viewFrom; }
    qint64 viewToMs() const { return m_viewTo; }

    /// New data: follows it when live, redraws at most a few times a second.
    void scheduleRedraw();
    /// Redraws the charts now instead of at the next throttled redraw.
    void redrawNow();

Q_SIGNALS:
    void followLiveChanged(bool on);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateView();
    /// Starts every plot at the x of the one with the widest value labels.
    void alignPlots();
    void setView(qint64 fromMs, qint64 toMs);
    void onUserView(qint64 fromMs, qint64 toMs);
    qint64 rangeSpanMs() const;
    QString readout(qint64 timeMs, int chartIndex) const;

    const MonitorSession *m_session;
    QList<TimeChartWidget *> m_charts;
    QList<QHash<QString, QString>> m_readoutLabels; // per chart: series key -> read-out label
    TimeRange m_range = TimeRange::OneHour;
    PopulationMode m_mode = PopulationMode::Lines;
    bool m_byFarService = false;
    bool m_followLive = true;
    qint64 m_viewFrom = 0;
    qint64 m_viewTo = 0;
    qint64 m_liveSpanMs = 0; // width chosen by zooming while following live (0: the range's)
    QTimer m_redrawTimer;
};

} // namespace bs
