#include "ui/monitor/timechartwidget.h"

#include "core/series/chartticks.h"
#include "ui/monitor/flowlayout.h"
#include "ui/monitor/plotlayer.h"

#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QDateTime>
#include <QFontMetrics>
#include <QFrame>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QMouseEvent>
#include <QPainter>
#include <QPixmap>
#include <QRubberBand>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace bs {

namespace {
constexpr qint64 MinRangeMs = 10'000;
constexpr double WheelZoomFactor = 0.8;
// Pixels a tick label needs, so labels never crowd whatever the widget size.
constexpr int TimeTickPixels = 110;
constexpr int ValueTickPixels = 40;

QIcon swatch(const QColor &color, Qt::PenStyle style, bool filled)
{
    QPixmap pm(18, 10);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    if (filled)
        p.fillRect(QRect(0, 1, 18, 8), color);
    else if (style == Qt::NoPen) {
        // Markers (ChartLine): the dot they draw on the line.
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(color, 1.5));
        p.setBrush(Qt::white);
        p.drawEllipse(QPointF(9, 5), 3.5, 3.5);
    } else {
        p.setPen(QPen(color, 2.5, style));
        p.drawLine(0, 5, 18, 5);
    }
    return QIcon(pm);
}

/// Replaces the categories of an axis that shows one label per tick (QCategoryAxis labels must
/// be unique: a repeated clock time, a range longer than a day, gets an invisible suffix).
void setAxisTicks(QCategoryAxis *axis, const QList<ChartTicks::Tick> &ticks, double min, double max)
{
    const QStringList old = axis->categoriesLabels();
    for (const QString &label : old)
        axis->remove(label);
    // With labels on values, a category's label sits at its end value: the first category
    // starts just below the axis so a tick at the very start still gets its label.
    axis->setStartValue(min - (max - min) * 1e-9 - 1e-9);
    QStringList used;
    for (const ChartTicks::Tick &t : ticks) {
        QString label = t.label;
        while (used.contains(label))
            label.append(QChar(0x200B));
        used.append(label);
        axis->append(label, t.value);
    }
    axis->setRange(min, max);
}
} // namespace

struct TimeChartWidget::Private
{
    QChart *chart = nullptr;
    QChartView *view = nullptr;
    QCategoryAxis *axisX = nullptr;
    QCategoryAxis *axisY = nullptr;
    // Keeps the axes laid out and mapped like any charted data; the points are drawn by `layer`.
    QLineSeries *anchor = nullptr;
    PlotLayer *layer = nullptr;
    QList<ChartTicks::Tick> xTicks;
    QList<ChartTicks::Tick> yTicks;
    double valueTop = 1;
    QHash<QString, qsizetype> drawn;
    // A time label sits centred on its tick, and the last tick may be the plot's right edge: the
    // right margin holds half the widest clock label, or "11:08:40" loses its last digit.
    int rightMargin = 8;
};

TimeChartWidget::TimeChartWidget(const QString &title, QWidget *parent)
    : QWidget(parent)
    , d(new Private)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto *header = new QHBoxLayout;
    header->setContentsMargins(8, 4, 8, 0);
    m_title = title;
    auto *titleLabel = new QLabel(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()), this);
    header->addWidget(titleLabel, 0, Qt::AlignTop);
    header->addSpacing(16);
    // The legend wraps to more rows when it has more entries than fit, up to three rows, and
    // scrolls beyond that: every entry stays reachable and the plot keeps its height, however
    // many queues or service pairs are charted.
    m_legendArea = new QScrollArea(this);
    m_legendArea->setFrameShape(QFrame::NoFrame);
    m_legendArea->setWidgetResizable(true);
    m_legendArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_legendArea->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    auto *legendWidget = new QWidget(m_legendArea);
    m_legendLayout = new FlowLayout(legendWidget);
    m_legendArea->setWidget(legendWidget);
    m_legendArea->viewport()->setAutoFillBackground(false);
    legendWidget->setAutoFillBackground(false);
    header->addWidget(m_legendArea, 1);
    // The number of rows depends on the legend's width and on its entries' sizes (known only
    // once they are polished): fit it whenever either changes.
    m_legendArea->installEventFilter(this);
    legendWidget->installEventFilter(this);
    layout->addLayout(header);

    d->chart = new QChart;
    d->chart->legend()->hide();
    d->chart->setBackgroundRoundness(0);
    d->chart->setAnimationOptions(QChart::NoAnimation);
    d->axisX = new QCategoryAxis;
    d->axisY = new QCategoryAxis;
    for (QCategoryAxis *axis : {d->axisX, d->axisY}) {
        axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
        // Never elide the values to "…": a DBA reads the scale.
        axis->setTruncateLabels(false);
        QFont small = font();
        small.setPointSizeF(small.pointSizeF() * 0.85);
        axis->setLabelsFont(small);
        axis->setGridLineColor(QColor(0xe4, 0xe7, 0xeb));
    }
    d->rightMargin = std::max(8, QFontMetrics(d->axisX->labelsFont()).horizontalAdvance(QStringLiteral("00:00:00")) / 2 + 2);
    d->chart->setMargins(QMargins(12, 4, d->rightMargin, 4));
    d->chart->addAxis(d->axisX, Qt::AlignBottom);
    d->chart->addAxis(d->axisY, Qt::AlignLeft);
    d->anchor = new QLineSeries;
    d->chart->addSeries(d->anchor);
    d->anchor->attachAxis(d->axisX);
    d->anchor->attachAxis(d->axisY);
    d->layer = new PlotLayer(d->chart);
    // Above the grid and axes, like Qt Charts' own series.
    d->layer->setZValue(10);
    connect(d->chart, &QChart::plotAreaChanged, this, [this](const QRectF &area) {
        d->layer->setPlotArea(area);
        const int ticks = std::clamp(int(area.height() / ValueTickPixels), 2, 6);
        if (ticks != int(d->yTicks.size()) - 1)
            updateValueAxis();
        updateTimeAxis();
    });

    d->view = new QChartView(d->chart, this);
    d->view->setRenderHint(QPainter::Antialiasing);
    d->view->setRubberBand(QChartView::NoRubberBand);
    d->view->setMouseTracking(true);
    d->view->viewport()->setMouseTracking(true);
    d->view->viewport()->installEventFilter(this);
    d->view->setFrameShape(QFrame::NoFrame);
    d->view->setMinimumHeight(120);
    // The hint lives on the title, not the plot: a tooltip over the plot would cover the read-out.
    titleLabel->setToolTip(tr("Drag to zoom into a time span, wheel to zoom, Shift+drag or middle button to pan.\n"
                              "Hover for the exact values at a time."));
    layout->addWidget(d->view, 1);

    m_cursorLine = new QFrame(d->view->viewport());
    m_cursorLine->setFrameShape(QFrame::VLine);
    m_cursorLine->setStyleSheet(QStringLiteral("color: #8a94a3;"));
    m_cursorLine->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_cursorLine->hide();
    m_readout = new QLabel(d->view->viewport());
    m_readout->setObjectName(QStringLiteral("chartReadout"));
    m_readout->setStyleSheet(QStringLiteral(
        "QLabel { background: rgba(255,255,255,235); border: 1px solid #b8c0cc; border-radius: 3px; padding: 4px 6px; }"));
    m_readout->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_readout->setTextFormat(Qt::RichText);
    m_readout->hide();
    m_rubberBand = new QRubberBand(QRubberBand::Rectangle, d->view->viewport());
    updateTimeAxis();
    updateValueAxis();
}

TimeChartWidget::~TimeChartWidget()
{
    delete d;
}

int TimeChartWidget::plotWidth() const
{
    const int w = int(d->chart->plotArea().width());
    // Before the first layout the plot area is empty; the widget width is a fair estimate.
    return std::max(w > 0 ? w : width() - 60, 100);
}

void TimeChartWidget::setLines(const QList<ChartLine> &lines)
{
    bool sameStyle = lines.size() == m_lines.size();
    for (qsizetype i = 0; sameStyle && i < lines.size(); ++i) {
        const ChartLine &a = lines[i];
        const ChartLine &b = m_lines[i];
        sameStyle = a.key == b.key && a.filled == b.filled && a.color == b.color && a.style == b.style;
    }
    m_lines = lines;
    updateData();
    updateLegend(!sameStyle);
    updateValueAxis();
    refreshReadout();
}

void TimeChartWidget::updateData()
{
    d->drawn.clear();
    for (const ChartLine &line : std::as_const(m_lines)) {
        qsizetype drawn = 0;
        if (!m_hidden.value(line.key) && (line.style != Qt::NoPen || PlotLayer::showsMarkers(line, m_lines, plotWidth()))) {
            for (const SeriesPoint &p : line.points)
                drawn += p.isGap() ? 0 : 1;
        }
        d->drawn.insert(line.key, drawn);
    }
    d->layer->setLines(m_lines, m_hidden);
}

void TimeChartWidget::updateValueAxis()
{
    double hi = 0;
    for (const ChartLine &line : std::as_const(m_lines)) {
        if (m_hidden.value(line.key))
            continue;
        for (const SeriesPoint &p : line.points) {
            if (!p.isGap() && p.timeMs >= m_fromMs && p.timeMs <= m_toMs)
                hi = std::max(hi, p.value);
        }
    }
    // Round ticks from zero, as many as the height leaves room for, so labels never crowd.
    const double plotHeight = d->chart->plotArea().height() > 0 ? d->chart->plotArea().height() : height() * 0.7;
    const auto ticks = ChartTicks::valueTicks(hi, std::clamp(int(plotHeight / ValueTickPixels), 2, 6), locale());
    const double top = ticks.isEmpty() ? 1 : ticks.last().value;
    d->valueTop = top;
    if (ticks != d->yTicks) {
        d->yTicks = ticks;
        setAxisTicks(d->axisY, ticks, 0, top);
    }
    d->layer->setRanges(m_fromMs, m_toMs, top);
}

void TimeChartWidget::settleLayout()
{
    // A layout can change the ticks (plotAreaChanged: a new height leaves room for more of them)
    // and so the labels once more: lay out until nothing waits, a few rounds at most.
    QGraphicsLayout *layout = d->chart->layout();
    for (int round = 0; layout && !layout->isActivated() && round < 4; ++round)
        layout->activate();
}

int TimeChartWidget::unalignedPlotLeft()
{
    settleLayout();
    return plotRect().left() - m_extraLeft;
}

void TimeChartWidget::alignPlotLeft(int left)
{
    // Charts stacked in one page line up in time only if their plots start at the same x: the
    // chart whose value labels are narrower ("4" beside "6,000") gets the difference as extra
    // left margin. Margins shift the plot one for one, so one step aligns them.
    const int extra = std::max(0, left - unalignedPlotLeft());
    if (extra != m_extraLeft) {
        m_extraLeft = extra;
        d->chart->setMargins(QMargins(12 + extra, 4, d->rightMargin, 4));
    }
    settleLayout();
}

void TimeChartWidget::updateTimeAxis()
{
    const int maxTicks = std::max(2, plotWidth() / TimeTickPixels);
    const auto ticks = ChartTicks::timeTicks(m_fromMs, m_toMs, maxTicks);
    if (ticks != d->xTicks || d->axisX->min() != double(m_fromMs) || d->axisX->max() != double(m_toMs)) {
        d->xTicks = ticks;
        setAxisTicks(d->axisX, ticks, double(m_fromMs), double(m_toMs));
    }
    d->layer->setRanges(m_fromMs, m_toMs, d->valueTop);
}

void TimeChartWidget::updateLegend(bool restyle)
{
    QStringList keys;
    for (const ChartLine &line : std::as_const(m_lines)) {
        keys.append(line.key);
        QCheckBox *box = m_legend.value(line.key);
        if (!box) {
            box = new QCheckBox(this);
            box->setObjectName(QStringLiteral("legend:") + line.key);
            box->setChecked(!m_hidden.value(line.key));
            connect(box, &QCheckBox::toggled, this, [this, key = line.key](bool on) { setLineVisible(key, on); });
            m_legend.insert(line.key, box);
            restyle = true;
        }
        // Labels and swatches rarely change: leave the widgets alone on a plain data update.
        if (box->text() != line.label)
            box->setText(line.label);
        if (restyle)
            box->setIcon(swatch(line.color, line.style, line.filled));
        if (box->toolTip() != line.toolTip)
            box->setToolTip(line.toolTip);
    }
    if (keys == m_legendOrder)
        return;
    // The set of lines changed: lay the legend out again in the lines' order.
    while (QLayoutItem *item = m_legendLayout->takeAt(0))
        delete item;
    for (auto it = m_legend.begin(); it != m_legend.end();) {
        if (!keys.contains(it.key())) {
            delete it.value();
            it = m_legend.erase(it);
        } else {
            ++it;
        }
    }
    for (const QString &k : std::as_const(keys)) {
        QCheckBox *box = m_legend.value(k);
        box->ensurePolished(); // its size hint with the style's font and margins
        m_legendLayout->addWidget(box);
        box->show(); // added after the chart was shown: a layout does not show it
    }
    m_legendOrder = keys;
    // Taking items out and adding them back does not invalidate a layout: without this the
    // entries kept their old places ("Transmission queue" drawn over the queue that sorted in
    // before it) until the legend happened to change size.
    m_legendLayout->invalidate();
    m_legendLayout->activate();
    fitLegend();
}

void TimeChartWidget::fitLegend()
{
    const int rowHeight = QCheckBox(QStringLiteral("X")).sizeHint().height();
    // Three rows at most: every entry of a typical database shows, more entries scroll.
    const int maxHeight = 3 * rowHeight + 2 * 2;
    // Leave room for the scroll bar only when the rows will need it.
    int needed = m_legendLayout->count() == 0 ? rowHeight : m_legendLayout->heightForWidth(std::max(m_legendArea->width(), 50));
    if (needed > maxHeight)
        needed = m_legendLayout->heightForWidth(std::max(m_legendArea->width() - m_legendArea->verticalScrollBar()->sizeHint().width(), 50));
    const int height = std::min(needed, maxHeight);
    if (m_legendArea->height() != height || m_legendArea->minimumHeight() != height)
        m_legendArea->setFixedHeight(height);
}



void TimeChartWidget::setTimeRange(qint64 fromMs, qint64 toMs)
{
    if (toMs - fromMs < MinRangeMs)
        toMs = fromMs + MinRangeMs;
    if (fromMs == m_fromMs && toMs == m_toMs)
        return;
    m_fromMs = fromMs;
    m_toMs = toMs;
    updateTimeAxis();
    updateValueAxis();
    refreshReadout();
}

QStringList TimeChartWidget::lineKeys() const
{
    QStringList keys;
    for (const ChartLine &line : m_lines)
        keys.append(line.key);
    return keys;
}

bool TimeChartWidget::isLineVisible(const QString &key) const
{
    return !m_hidden.value(key);
}

void TimeChartWidget::setLineVisible(const QString &key, bool visible)
{
    if (isLineVisible(key) == visible)
        return;
    m_hidden.insert(key, !visible);
    if (QCheckBox *box = m_legend.value(key); box && box->isChecked() != visible)
        box->setChecked(visible);
    updateData();
    updateValueAxis();
    Q_EMIT lineVisibilityChanged(key, visible);
}

qsizetype TimeChartWidget::drawnPointCount(const QString &key) const
{
    return d->drawn.value(key);
}

int TimeChartWidget::paintExportLegend(QPainter *painter, const QRect &area) const
{
    const QFontMetrics metrics(font());
    const int rowHeight = metrics.height() + 4;
    int x = area.left();
    int y = area.top();
    bool any = false;
    for (const ChartLine &line : m_lines) {
        if (m_hidden.value(line.key))
            continue;
        const int width = 22 + metrics.horizontalAdvance(line.label) + 16;
        if (x > area.left() && x + width > area.right()) {
            x = area.left();
            y += rowHeight;
        }
        if (painter) {
            const int mid = y + rowHeight / 2;
            if (line.filled)
                painter->fillRect(QRect(x, mid - 4, 18, 8), line.color);
            else if (line.style == Qt::NoPen) {
                painter->setPen(QPen(line.color, 1.5));
                painter->setBrush(Qt::white);
                painter->drawEllipse(QPointF(x + 9, mid), 3.5, 3.5);
            } else {
                painter->setPen(QPen(line.color, 2.5, line.style));
                painter->drawLine(x, mid, x + 18, mid);
            }
            painter->setPen(palette().color(QPalette::WindowText));
            painter->drawText(QRect(x + 22, y, width, rowHeight), Qt::AlignVCenter | Qt::AlignLeft, line.label);
        }
        x += width;
        any = true;
    }
    return any ? y + rowHeight - area.top() : 0;
}

int TimeChartWidget::exportHeight(int width) const
{
    QFont bold = font();
    bold.setBold(true);
    const int titleHeight = QFontMetrics(bold).height() + 4;
    return titleHeight + paintExportLegend(nullptr, QRect(0, 0, width, 0)) + d->view->height();
}

void TimeChartWidget::renderForExport(QPainter *painter, const QRect &target) const
{
    painter->save();
    QFont bold = font();
    bold.setBold(true);
    const int titleHeight = QFontMetrics(bold).height() + 4;
    painter->setFont(bold);
    painter->setPen(palette().color(QPalette::WindowText));
    painter->drawText(QRect(target.left() + 8, target.top(), target.width() - 16, titleHeight), Qt::AlignVCenter | Qt::AlignLeft,
                      m_title);
    painter->setFont(font());
    const int legendHeight = paintExportLegend(painter, QRect(target.left() + 8, target.top() + titleHeight, target.width() - 16, 0));
    // The chart itself (axes, grid, lines) as Qt Charts and our plot layer draw it, at its size on
    // screen: no check boxes, scroll bars or read-out.
    const QRect chartArea(target.left(), target.top() + titleHeight + legendHeight, target.width(),
                          target.height() - titleHeight - legendHeight);
    d->view->render(painter, QRectF(chartArea), d->view->viewport()->rect());
    painter->restore();
}

QRect TimeChartWidget::plotRect() const
{
    const QRectF plot = d->chart->plotArea();
    const QPoint topLeft = d->view->mapFromScene(plot.topLeft());
    const QPoint bottomRight = d->view->mapFromScene(plot.bottomRight());
    return QRect(d->view->viewport()->mapTo(this, topLeft), d->view->viewport()->mapTo(this, bottomRight));
}

QStringList TimeChartWidget::timeAxisLabels() const
{
    QStringList out;
    for (const ChartTicks::Tick &t : d->xTicks)
        out.append(t.label);
    return out;
}

QStringList TimeChartWidget::valueAxisLabels() const
{
    QStringList out;
    for (const ChartTicks::Tick &t : d->yTicks)
        out.append(t.label);
    return out;
}

QCheckBox *TimeChartWidget::legendEntry(const QString &key) const
{
    return m_legend.value(key);
}

void TimeChartWidget::setReadoutProvider(std::function<QString(qint64)> provider)
{
    m_readoutProvider = std::move(provider);
}

QString TimeChartWidget::readoutAt(qint64 timeMs) const
{
    return m_readoutProvider ? m_readoutProvider(timeMs) : QString();
}

QString TimeChartWidget::visibleReadout() const
{
    return m_readout->isVisible() ? m_readout->text() : QString();
}

qint64 TimeChartWidget::timeAtPixel(double x) const
{
    const QRectF plot = d->chart->plotArea();
    const double f = plot.width() > 0 ? (x - plot.left()) / plot.width() : 0;
    return m_fromMs + qint64(f * double(m_toMs - m_fromMs));
}

void TimeChartWidget::applyUserRange(qint64 fromMs, qint64 toMs)
{
    setTimeRange(fromMs, toMs);
    Q_EMIT viewChangedByUser(m_fromMs, m_toMs);
}

void TimeChartWidget::showReadout(const QPoint &pos)
{
    const QRectF plot = d->chart->plotArea();
    const QPointF scenePos = d->view->mapToScene(pos);
    if (!plot.contains(scenePos) || !m_readoutProvider) {
        hideReadout();
        return;
    }
    const QString text = m_readoutProvider(timeAtPixel(scenePos.x()));
    if (text.isEmpty()) {
        hideReadout();
        return;
    }
    m_readout->setText(text);
    m_readout->adjustSize();
    const QPoint viewTop = d->view->mapFromScene(QPointF(scenePos.x(), plot.top()));
    const QPoint viewBottom = d->view->mapFromScene(QPointF(scenePos.x(), plot.bottom()));
    m_cursorLine->setGeometry(pos.x(), viewTop.y(), 1, viewBottom.y() - viewTop.y());
    m_cursorLine->show();
    int x = pos.x() + 14;
    if (x + m_readout->width() > d->view->viewport()->width())
        x = pos.x() - 14 - m_readout->width();
    const int y = std::clamp(pos.y() - m_readout->height() / 2, 0,
                             std::max(0, d->view->viewport()->height() - m_readout->height()));
    m_readout->move(std::max(0, x), y);
    m_readout->show();
    m_readout->raise();
    m_readoutPos = pos;
}

void TimeChartWidget::refreshReadout()
{
    // The data moved under a still mouse (new samples while following live, or a redraw): the
    // read-out says what is under the cursor now, not what was there when the mouse last moved.
    if (m_readout->isVisible())
        showReadout(m_readoutPos);
}

void TimeChartWidget::hideReadout()
{
    m_readout->hide();
    m_cursorLine->hide();
}

bool TimeChartWidget::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_legendArea || (m_legendArea && watched == m_legendArea->widget())) {
        if (event->type() == QEvent::Resize || event->type() == QEvent::LayoutRequest)
            fitLegend();
        return false;
    }
    if (watched != d->view->viewport())
        return QWidget::eventFilter(watched, event);
    const QRectF plot = d->chart->plotArea();
    switch (event->type()) {
    case QEvent::Wheel: {
        auto *e = static_cast<QWheelEvent *>(event);
        const double steps = e->angleDelta().y() / 120.0;
        if (steps == 0)
            return true;
        const double x = d->view->mapToScene(e->position().toPoint()).x();
        const qint64 anchor = std::clamp(timeAtPixel(x), m_fromMs, m_toMs);
        const double factor = std::pow(WheelZoomFactor, steps);
        const qint64 from = anchor - qint64(double(anchor - m_fromMs) * factor);
        const qint64 to = anchor + qint64(double(m_toMs - anchor) * factor);
        if (to - from >= MinRangeMs)
            applyUserRange(from, to);
        showReadout(e->position().toPoint()); // the time under the cursor changed
        return true;
    }
    case QEvent::MouseButtonPress: {
        auto *e = static_cast<QMouseEvent *>(event);
        const QPointF s = d->view->mapToScene(e->position().toPoint());
        if (!plot.contains(s))
            return false;
        m_dragStart = e->position().toPoint();
        if (e->button() == Qt::MiddleButton || (e->button() == Qt::LeftButton && (e->modifiers() & Qt::ShiftModifier))) {
            m_dragMode = 2;
            m_panFrom = m_fromMs;
            m_panTo = m_toMs;
            setCursor(Qt::ClosedHandCursor);
        } else if (e->button() == Qt::LeftButton) {
            m_dragMode = 1;
            const int top = d->view->mapFromScene(plot.topLeft()).y();
            m_rubberBand->setGeometry(QRect(m_dragStart.x(), top, 1, int(plot.height())));
            m_rubberBand->show();
        }
        return true;
    }
    case QEvent::MouseMove: {
        auto *e = static_cast<QMouseEvent *>(event);
        const QPoint pos = e->position().toPoint();
        if (m_dragMode == 1) {
            const int top = d->view->mapFromScene(plot.topLeft()).y();
            m_rubberBand->setGeometry(QRect(QPoint(std::min(pos.x(), m_dragStart.x()), top),
                                            QSize(std::abs(pos.x() - m_dragStart.x()) + 1, int(plot.height()))));
        } else if (m_dragMode == 2 && plot.width() > 0) {
            const double msPerPixel = double(m_panTo - m_panFrom) / plot.width();
            const qint64 delta = qint64(double(pos.x() - m_dragStart.x()) * msPerPixel);
            applyUserRange(m_panFrom - delta, m_panTo - delta);
        }
        showReadout(pos);
        return false;
    }
    case QEvent::MouseButtonRelease: {
        auto *e = static_cast<QMouseEvent *>(event);
        if (m_dragMode == 1) {
            m_rubberBand->hide();
            const double x0 = d->view->mapToScene(m_dragStart).x();
            const double x1 = d->view->mapToScene(e->position().toPoint()).x();
            if (std::abs(x1 - x0) >= 5)
                applyUserRange(timeAtPixel(std::min(x0, x1)), timeAtPixel(std::max(x0, x1)));
        }
        m_dragMode = 0;
        unsetCursor();
        showReadout(e->position().toPoint()); // the time under the cursor changed
        return true;
    }
    case QEvent::Leave:
        hideReadout();
        return false;
    default:
        return false;
    }
}

} // namespace bs
