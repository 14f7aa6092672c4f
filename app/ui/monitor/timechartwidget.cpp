#include "ui/monitor/timechartwidget.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QFrame>
#include <QHBoxLayout>
#include <QScrollArea>
#include <QScrollBar>
#include <QLabel>
#include <QLineSeries>
#include <QMouseEvent>
#include <QPainter>
#include <QPixmap>
#include <QRubberBand>
#include <QValueAxis>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace bs {

namespace {
constexpr qint64 MinRangeMs = 10'000;
constexpr double WheelZoomFactor = 0.8;

qsizetype segmentCount(const QList<SeriesPoint> &points)
{
    qsizetype n = 0;
    bool inRun = false;
    for (const SeriesPoint &p : points) {
        if (!p.isGap() && !inRun)
            ++n;
        inRun = !p.isGap();
    }
    return n;
}

QIcon swatch(const QColor &color, Qt::PenStyle style, bool filled)
{
    QPixmap pm(18, 10);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    if (filled)
        p.fillRect(QRect(0, 1, 18, 8), color);
    else {
        p.setPen(QPen(color, 2.5, style));
        p.drawLine(0, 5, 18, 5);
    }
    return QIcon(pm);
}
} // namespace

struct TimeChartWidget::Private
{
    QChart *chart = nullptr;
    QChartView *view = nullptr;
    QDateTimeAxis *axisX = nullptr;
    QValueAxis *axisY = nullptr;
    // Per line, one chart series per gap-free segment (an area series when the line is filled).
    QHash<QString, QList<QAbstractSeries *>> series;
    QHash<QString, QList<QLineSeries *>> data;
    QHash<QString, qsizetype> drawn;
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
    auto *titleLabel = new QLabel(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()), this);
    header->addWidget(titleLabel);
    header->addSpacing(16);
    // The legend scrolls sideways when it has more entries than fit, instead of squeezing the
    // entries to bare check boxes or forcing the window wider.
    auto *legendArea = new QScrollArea(this);
    legendArea->setFrameShape(QFrame::NoFrame);
    legendArea->setWidgetResizable(true);
    legendArea->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    legendArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    legendArea->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Minimum);
    auto *legendWidget = new QWidget(legendArea);
    m_legendLayout = new QHBoxLayout(legendWidget);
    m_legendLayout->setContentsMargins(0, 0, 0, 0);
    m_legendLayout->setSpacing(12);
    m_legendLayout->setSizeConstraint(QLayout::SetMinAndMaxSize);
    legendArea->setWidget(legendWidget);
    legendArea->setFixedHeight(legendWidget->sizeHint().height() + legendArea->horizontalScrollBar()->sizeHint().height() + 2);
    header->addWidget(legendArea, 1);
    layout->addLayout(header);

    d->chart = new QChart;
    d->chart->legend()->hide();
    d->chart->setMargins(QMargins(12, 4, 8, 4));
    d->chart->setBackgroundRoundness(0);
    d->chart->setAnimationOptions(QChart::NoAnimation);
    d->axisX = new QDateTimeAxis;
    d->axisX->setFormat(QStringLiteral("HH:mm:ss"));
    d->axisX->setTickCount(7);
    d->axisY = new QValueAxis;
    d->axisY->setLabelFormat(QStringLiteral("%.0f"));
    d->axisY->setTickCount(5);
    // Never elide the values to "…": a DBA reads the scale.
    d->axisY->setTruncateLabels(false);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    d->axisX->setLabelsFont(small);
    d->axisY->setLabelsFont(small);
    const QColor grid(0xe4, 0xe7, 0xeb);
    d->axisX->setGridLineColor(grid);
    d->axisY->setGridLineColor(grid);
    d->chart->addAxis(d->axisX, Qt::AlignBottom);
    d->chart->addAxis(d->axisY, Qt::AlignLeft);

    d->view = new QChartView(d->chart, this);
    d->view->setRenderHint(QPainter::Antialiasing);
    d->view->setRubberBand(QChartView::NoRubberBand);
    d->view->setMouseTracking(true);
    d->view->viewport()->setMouseTracking(true);
    d->view->viewport()->installEventFilter(this);
    d->view->setFrameShape(QFrame::NoFrame);
    d->view->setMinimumHeight(120);
    d->view->setToolTip(tr("Drag to zoom into a time span, wheel to zoom, Shift+drag or middle button to pan.\n"
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
    bool sameShape = lines.size() == m_lines.size();
    for (qsizetype i = 0; sameShape && i < lines.size(); ++i) {
        const ChartLine &a = lines[i];
        const ChartLine &b = m_lines[i];
        sameShape = a.key == b.key && a.filled == b.filled && a.color == b.color && a.style == b.style
            && segmentCount(a.points) == d->data.value(a.key).size();
    }
    m_lines = lines;
    if (sameShape)
        updateData();
    else
        rebuildSeries();
    updateLegend(!sameShape);
    updateValueAxis();
}

void TimeChartWidget::rebuildSeries()
{
    // Series are drawn in the order they were added: keep the caller's order (stacked areas
    // come largest first, so each smaller total paints over the larger one).
    for (auto it = d->series.cbegin(); it != d->series.cend(); ++it) {
        for (QAbstractSeries *s : it.value()) {
            d->chart->removeSeries(s);
            delete s;
        }
    }
    d->series.clear();
    d->data.clear();
    for (const ChartLine &line : std::as_const(m_lines)) {
        const qsizetype n = segmentCount(line.points);
        QList<QAbstractSeries *> created;
        QList<QLineSeries *> data;
        for (qsizetype i = 0; i < n; ++i) {
            auto *upper = new QLineSeries;
            QAbstractSeries *s = upper;
            if (line.filled) {
                auto *area = new QAreaSeries(upper);
                upper->setParent(area);
                QColor fill = line.color;
                fill.setAlpha(235);
                area->setBrush(fill);
                area->setPen(QPen(line.color.darker(115), 1));
                s = area;
            } else {
                upper->setPen(QPen(line.color, 2, line.style));
            }
            d->chart->addSeries(s);
            s->attachAxis(d->axisX);
            s->attachAxis(d->axisY);
            created.append(s);
            data.append(upper);
        }
        d->series.insert(line.key, created);
        d->data.insert(line.key, data);
    }
    updateData();
}

void TimeChartWidget::updateData()
{
    d->drawn.clear();
    // Min/max data holds up to several points per pixel column: antialiasing such dense lines
    // costs several times the drawing and shows nothing more, so it is kept for sparse data only.
    qsizetype densest = 0;
    for (const ChartLine &line : std::as_const(m_lines))
        densest = std::max(densest, line.points.size());
    const bool antialias = densest <= qsizetype(plotWidth());
    if (d->view->renderHints().testFlag(QPainter::Antialiasing) != antialias)
        d->view->setRenderHint(QPainter::Antialiasing, antialias);
    for (const ChartLine &line : std::as_const(m_lines)) {
        const auto segments = Downsampler::segments(line.points);
        const QList<QLineSeries *> &data = d->data[line.key];
        const bool visible = !m_hidden.value(line.key);
        qsizetype drawn = 0;
        for (qsizetype i = 0; i < segments.size() && i < data.size(); ++i) {
            QList<QPointF> pts;
            pts.reserve(segments[i].size());
            for (const SeriesPoint &p : segments[i])
                pts.append(QPointF(double(p.timeMs), p.value));
            // One replace() per segment: appending point by point is pathological in Qt Charts.
            data[i]->replace(pts);
            // A lone sample between two gaps has no line to draw: show it as a dot.
            data[i]->setPointsVisible(pts.size() == 1);
            drawn += pts.size();
        }
        for (QAbstractSeries *s : d->series.value(line.key))
            s->setVisible(visible);
        d->drawn.insert(line.key, visible ? drawn : 0);
    }
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
    const int ticks = std::clamp(int(plotHeight / 40), 2, 6);
    // Every charted series is a count: whole-number ticks (1, 2, 5 × 10^n).
    double step = 1;
    while (step * ticks < hi * 1.05)
        step *= (QString::number(step).startsWith(QLatin1Char('2')) ? 2.5 : 2.0);
    const double top = std::max(step, std::ceil(hi * 1.05 / step) * step);
    d->axisY->setTickType(QValueAxis::TicksDynamic);
    d->axisY->setTickAnchor(0);
    d->axisY->setTickInterval(step);
    d->axisY->setRange(0, top);
    d->axisY->setLabelFormat(QStringLiteral("%.0f"));
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
    while (m_legendLayout->count() > 0)
        delete m_legendLayout->takeAt(0);
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
        box->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
        m_legendLayout->addWidget(box);
        box->show(); // added after the chart was shown: a layout does not show it
    }
    m_legendOrder = keys;
}

void TimeChartWidget::setTimeRange(qint64 fromMs, qint64 toMs)
{
    if (toMs - fromMs < MinRangeMs)
        toMs = fromMs + MinRangeMs;
    if (fromMs == m_fromMs && toMs == m_toMs)
        return; // a new axis range re-lays out every series: only when it really changes
    m_fromMs = fromMs;
    m_toMs = toMs;
    const qint64 span = toMs - fromMs;
    d->axisX->setFormat(span > 2 * 86'400'000LL ? QStringLiteral("MMM d HH:mm")
                        : span > 3'600'000LL   ? QStringLiteral("HH:mm")
                                               : QStringLiteral("HH:mm:ss"));
    d->axisX->setRange(QDateTime::fromMSecsSinceEpoch(fromMs), QDateTime::fromMSecsSinceEpoch(toMs));
    updateValueAxis();
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
}

void TimeChartWidget::hideReadout()
{
    m_readout->hide();
    m_cursorLine->hide();
}

bool TimeChartWidget::eventFilter(QObject *watched, QEvent *event)
{
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
