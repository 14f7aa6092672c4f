#pragma once

#include "ui/monitor/chartline.h"

#include <QHash>
#include <QWidget>

#include <functional>

class QCheckBox;
class QFrame;
class QLabel;
class QPainter;
class QRubberBand;
class QScrollArea;

namespace bs {

class FlowLayout;

/// A time chart of a few lines, the one place that knows the charting library (Qt Charts,
/// deprecated in Qt 6.10 in favour of Qt Graphs: replacing it means rewriting this file only).
/// Qt Charts lays out the plot, the axes (ticks on round clock times and round counts,
/// ChartTicks) and the grid; the lines themselves are drawn by a PlotLayer item inside the
/// chart, because Qt Charts' series cost ~45 ms per update for dense data.
/// Callers hand over lines already downsampled to plotWidth() pixel columns; a line breaks at
/// its gaps, so a gap is drawn as a gap, never as zeros. Our own legend
/// toggles lines. Zoom by dragging (left button) or the wheel, pan with Shift+drag or the
/// middle button; every user change of the time range is reported by viewChangedByUser and
/// the owner redraws with data for the new range. Times are UTC milliseconds; the axis and the
/// read-out show local time.
class TimeChartWidget : public QWidget
{
    Q_OBJECT
public:
    explicit TimeChartWidget(const QString &title, QWidget *parent = nullptr);
    ~TimeChartWidget() override;

    /// Replaces the data; legend state (hidden lines) is kept per key.
    void setLines(const QList<ChartLine> &lines);
    void setTimeRange(qint64 fromMs, qint64 toMs);
    qint64 fromMs() const { return m_fromMs; }
    qint64 toMs() const { return m_toMs; }
    /// Width of the plot area in pixels: the number of buckets to downsample to.
    int plotWidth() const;

    QStringList lineKeys() const;
    bool isLineVisible(const QString &key) const;
    void setLineVisible(const QString &key, bool visible);
    /// Where the plot would start without alignment, and the x (in this widget) to start it at:
    /// charts shown one above the other align to the largest unalignedPlotLeft() of them all,
    /// so a moment sits at the same place in each whatever their value scales. Both lay the
    /// chart out first (settleLayout()), so they work from the labels drawn now.
    int unalignedPlotLeft();
    void alignPlotLeft(int left);
    /// Lays the chart out now if new axis labels or margins still wait for the event loop (Qt
    /// Charts lays out on a posted event): until then wider value labels stand right-aligned at
    /// the old plot edge and lose their first digits. plotRect() is up to date afterwards.
    void settleLayout();
    /// For a report (PNG/SVG export): the chart drawn without widgets — its title, a legend of
    /// the visible lines as text, and the plot with its axes — into `width` pixels. The height it
    /// needs for that width, then the drawing itself.
    int exportHeight(int width) const;
    void renderForExport(QPainter *painter, const QRect &target) const;
    /// The plot area in this widget's coordinates (tests, screenshots).
    QRect plotRect() const;
    /// Labels under the time axis and beside the value axis, first to last.
    QStringList timeAxisLabels() const;
    QStringList valueAxisLabels() const;
    /// Points drawn for a line (all its segments), 0 when hidden or unknown.
    qsizetype drawnPointCount(const QString &key) const;
    /// The legend check box of a line (tests, keyboard focus).
    QCheckBox *legendEntry(const QString &key) const;

    /// Text of the hover read-out for a time (exact values, from the full series).
    void setReadoutProvider(std::function<QString(qint64 timeMs)> provider);
    /// Shows the read-out as if the mouse were at `timeMs` (tests and keyboard users).
    QString readoutAt(qint64 timeMs) const;
    /// The read-out shown now (empty when hidden): it follows the data under a still mouse.
    QString visibleReadout() const;

Q_SIGNALS:
    void viewChangedByUser(qint64 fromMs, qint64 toMs);
    void lineVisibilityChanged(const QString &key, bool visible);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Private;
    void updateData();
    void updateTimeAxis();
    void updateValueAxis();
    void updateLegend(bool restyle);
    /// Legend entries for a report: one (colour, style, label) per visible line, laid out in rows
    /// of `width` pixels; returns the height used and draws when `painter` is set.
    int paintExportLegend(QPainter *painter, const QRect &area) const;
    void fitLegend();
    void applyUserRange(qint64 fromMs, qint64 toMs);
    qint64 timeAtPixel(double x) const;
    void showReadout(const QPoint &pos);
    void hideReadout();
    void refreshReadout();

    Private *d;
    QList<ChartLine> m_lines;
    QHash<QString, bool> m_hidden;
    QHash<QString, QCheckBox *> m_legend;
    QStringList m_legendOrder;
    QScrollArea *m_legendArea = nullptr;
    FlowLayout *m_legendLayout = nullptr;
    QLabel *m_readout = nullptr;
    QFrame *m_cursorLine = nullptr;
    QRubberBand *m_rubberBand = nullptr;
    std::function<QString(qint64)> m_readoutProvider;
    QPoint m_readoutPos; // where the mouse was when the read-out was last shown
    qint64 m_fromMs = 0;
    qint64 m_toMs = 1;
    QString m_title;
    int m_extraLeft = 0;
    int m_dragMode = 0; // 0 none, 1 zoom selection, 2 pan
    QPoint m_dragStart;
    qint64 m_panFrom = 0;
    qint64 m_panTo = 0;
};

} // namespace bs
