#include "ui/monitor/monitorchartsview.h"

#include "core/chartspec.h"
#include "core/series/serieskey.h"
#include "data/monitor/monitorsession.h"
#include "ui/monitor/timechartwidget.h"

#include <QDateTime>
#include <QLocale>
#include <QShortcut>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace bs {

namespace {
constexpr int RedrawDelayMs = 250;       // at most four chart redraws a second while sampling
constexpr int InteractiveRedrawMs = 15;  // zoom and pan feel immediate
constexpr qint64 MinLiveSpanMs = 5 * 60'000LL; // the narrowest view while the data is younger than the range

Qt::PenStyle penStyle(ChartLineSpec::Style style)
{
    switch (style) {
    case ChartLineSpec::Style::Solid: return Qt::SolidLine;
    case ChartLineSpec::Style::Dash: return Qt::DashLine;
    case ChartLineSpec::Style::Dot: return Qt::DotLine;
    case ChartLineSpec::Style::Markers: return Qt::NoPen; // dots only (ChartLine)
    }
    return Qt::SolidLine;
}

QString formatValue(double v)
{
    return v == std::floor(v) ? QLocale().toString(qint64(v)) : QLocale().toString(v, 'f', 2);
}
} // namespace

MonitorChartsView::MonitorChartsView(const MonitorSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, Qt::white);
    setPalette(pal);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    for (const ChartSpec &spec : ChartSpec::all()) {
        auto *chart = new TimeChartWidget(spec.title, this);
        chart->setObjectName(spec.id + QStringLiteral("Chart"));
        layout->addWidget(chart, spec.stretch);
        const int index = int(m_charts.size());
        connect(chart, &TimeChartWidget::viewChangedByUser, this, &MonitorChartsView::onUserView);
        // A hidden or shown line changes that chart's scale and labels at once, without a redraw.
        connect(chart, &TimeChartWidget::lineVisibilityChanged, this, &MonitorChartsView::alignPlots);
        chart->setReadoutProvider([this, index](qint64 t) { return readout(t, index); });
        m_charts.append(chart);
        m_readoutLabels.append(QHash<QString, QString>());
    }
    m_redrawTimer.setSingleShot(true);
    connect(&m_redrawTimer, &QTimer::timeout, this, &MonitorChartsView::redrawNow);

    // Zoom and pan keys belong to the charts, not the whole page: in a text field (the alert's
    // fix T-SQL, say) Ctrl+Left must move the cursor. Clicking a chart gives the charts focus.
    setFocusPolicy(Qt::ClickFocus);
    const auto shortcut = [this](const QString &keys, auto slot) {
        auto *s = new QShortcut(QKeySequence(keys), this);
        s->setContext(Qt::WidgetWithChildrenShortcut);
        connect(s, &QShortcut::activated, this, slot);
    };
    shortcut(QStringLiteral("Ctrl++"), [this] { zoom(0.5); });
    shortcut(QStringLiteral("Ctrl+="), [this] { zoom(0.5); });
    shortcut(QStringLiteral("Ctrl+-"), [this] { zoom(2.0); });
    shortcut(QStringLiteral("Ctrl+Left"), [this] { pan(-0.25); });
    shortcut(QStringLiteral("Ctrl+Right"), [this] { pan(0.25); });
    shortcut(QStringLiteral("End"), [this] { setFollowLive(true); });
    updateView();
}

TimeChartWidget *MonitorChartsView::chart(const QString &id) const
{
    const QList<ChartSpec> &specs = ChartSpec::all();
    for (qsizetype i = 0; i < specs.size() && i < m_charts.size(); ++i) {
        if (specs[i].id == id)
            return m_charts[i];
    }
    return nullptr;
}

void MonitorChartsView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // The pixel width changed: downsample again for the new width.
    if (!m_redrawTimer.isActive())
        m_redrawTimer.start(RedrawDelayMs);
}

void MonitorChartsView::scheduleRedraw()
{
    if (m_followLive)
        updateView();
    if (!m_redrawTimer.isActive())
        m_redrawTimer.start(RedrawDelayMs);
}

qint64 MonitorChartsView::rangeSpanMs() const
{
    switch (m_range) {
    case TimeRange::FiveMinutes: return 5 * 60'000LL;
    case TimeRange::OneHour: return 3'600'000LL;
    case TimeRange::OneDay: return 86'400'000LL;
    case TimeRange::SevenDays: return 7 * 86'400'000LL;
    case TimeRange::All: break;
    }
    return 0;
}

void MonitorChartsView::setTimeRange(TimeRange range)
{
    m_range = range;
    m_liveSpanMs = 0;
    if (range == TimeRange::All) {
        setFollowLive(true);
        return;
    }
    if (m_followLive)
        updateView();
    else
        setView(m_viewTo - rangeSpanMs(), m_viewTo);
    m_redrawTimer.start(InteractiveRedrawMs);
}

void MonitorChartsView::setPopulationMode(PopulationMode mode)
{
    m_mode = mode;
    m_redrawTimer.start(InteractiveRedrawMs);
}

void MonitorChartsView::setFarServiceBreakdown(bool on)
{
    m_byFarService = on;
    m_redrawTimer.start(InteractiveRedrawMs);
}

void MonitorChartsView::setFollowLive(bool on)
{
    const bool changed = on != m_followLive;
    m_followLive = on;
    if (on) {
        updateView();
        m_redrawTimer.start(InteractiveRedrawMs);
    }
    if (changed)
        Q_EMIT followLiveChanged(on);
}

void MonitorChartsView::updateView()
{
    if (!m_followLive)
        return;
    qint64 last = 0;
    qint64 first = std::numeric_limits<qint64>::max();
    const MonitorSeries &series = m_session->series();
    for (const QString &key : series.keys()) {
        const TimeSeries &ts = series.series(key);
        if (!ts.isEmpty()) {
            last = std::max(last, ts.lastTime());
            first = std::min(first, ts.firstTime());
        }
    }
    if (last == 0) {
        last = QDateTime::currentMSecsSinceEpoch();
        first = last - 5 * 60'000LL;
    }
    if (m_liveSpanMs > 0) {
        setView(last - m_liveSpanMs, last);
    } else if (m_range == TimeRange::All || last - first < rangeSpanMs()) {
        // Less data than the range: a new monitor would squeeze its first minutes into the right
        // edge of an hour. Like "All" it starts at the first sample and grows, at least five
        // minutes wide so the first samples are not stretched over the whole width, until the
        // data fills the chosen range and the window starts to slide.
        setView(first, std::max(last, first + MinLiveSpanMs));
    } else {
        setView(last - rangeSpanMs(), last);
    }
}

void MonitorChartsView::setView(qint64 fromMs, qint64 toMs)
{
    m_viewFrom = fromMs;
    m_viewTo = std::max(toMs, fromMs + 10'000);
    for (TimeChartWidget *chart : std::as_const(m_charts))
        chart->setTimeRange(m_viewFrom, m_viewTo);
}

void MonitorChartsView::onUserView(qint64 fromMs, qint64 toMs)
{
    const MonitorSample &latest = m_session->latestSample();
    const qint64 latestMs = latest.time.isValid() ? latest.time.toMSecsSinceEpoch() : toMs;
    // Looking back in time stops follow-live; a view that still reaches the newest sample keeps it.
    if (toMs < latestMs)
        setFollowLive(false);
    else if (m_followLive)
        m_liveSpanMs = toMs - fromMs; // a zoom that still shows the newest sample keeps following at that width
    setView(fromMs, toMs);
    m_redrawTimer.start(InteractiveRedrawMs);
}

void MonitorChartsView::zoom(double factor)
{
    const qint64 centre = m_followLive ? m_viewTo : (m_viewFrom + m_viewTo) / 2;
    const qint64 half = qint64(double(m_viewTo - m_viewFrom) * factor / 2);
    const qint64 to = m_followLive ? m_viewTo : centre + half;
    const qint64 from = m_followLive ? m_viewTo - 2 * half : centre - half;
    if (m_followLive)
        m_liveSpanMs = to - from; // following live keeps the zoomed width, not the range's
    setView(from, to);
    m_redrawTimer.start(InteractiveRedrawMs);
}

void MonitorChartsView::pan(double fraction)
{
    const qint64 delta = qint64(double(m_viewTo - m_viewFrom) * fraction);
    onUserView(m_viewFrom + delta, m_viewTo + delta);
}

void MonitorChartsView::redrawNow()
{
    m_redrawTimer.stop();
    const MonitorSeries &series = m_session->series();
    ChartContext context;
    context.seriesKeys = series.keys();
    context.byFarService = m_byFarService;
    context.stacked = m_mode == PopulationMode::StackedArea && !m_byFarService;
    context.localsByFar = m_session->localsByFar();
    const QList<ChartSpec> &specs = ChartSpec::all();
    for (qsizetype c = 0; c < specs.size() && c < m_charts.size(); ++c) {
        TimeChartWidget *chart = m_charts[c];
        // Lines are built first and their points filled in one go per chart, so the downsampling
        // of all of a chart's series can share the cores (Downsampler::minMaxEach).
        QList<ChartLine> lines;
        QList<const TimeSeries *> inputs;
        QHash<QString, QString> labels;
        for (const ChartLineSpec &spec : specs[c].lines(context)) {
            lines.append(ChartLine{spec.key, spec.label, spec.toolTip, QColor::fromRgb(spec.rgb), penStyle(spec.style),
                                   spec.stackedTotal, {}});
            const SeriesKey key = SeriesKey::parse(spec.key);
            inputs.append(spec.stackedTotal ? &m_session->stackedTotal(key.state()) : &series.series(spec.key));
            labels.insert(spec.key, spec.readoutLabel.isEmpty() ? spec.label : spec.readoutLabel);
        }
        const QList<QList<SeriesPoint>> reduced = Downsampler::minMaxEach(inputs, m_viewFrom, m_viewTo, chart->plotWidth());
        for (qsizetype i = 0; i < lines.size() && i < reduced.size(); ++i)
            lines[i].points = reduced[i];
        m_readoutLabels[c] = labels;
        chart->setTimeRange(m_viewFrom, m_viewTo);
        chart->setLines(lines);
    }
    alignPlots();
}

void MonitorChartsView::alignPlots()
{
    // One time axis for the eye: the plots start at the same x whatever their scales. Done now,
    // from the labels just set, not one event later: a frame painted or exported in between
    // showed wide new labels cut at the left ("00,000") or plots out of line.
    int left = 0;
    for (TimeChartWidget *chart : std::as_const(m_charts))
        left = std::max(left, chart->unalignedPlotLeft());
    for (TimeChartWidget *chart : std::as_const(m_charts))
        chart->alignPlotLeft(left);
}

QString MonitorChartsView::readout(qint64 timeMs, int chartIndex) const
{
    const TimeChartWidget *chart = m_charts.value(chartIndex);
    const MonitorSeries &series = m_session->series();
    const QStringList keys = chart->lineKeys();
    // Snap to the nearest sample time of the first series that has data, then read every line
    // at exactly that time from the full series (not the downsampled points).
    qint64 snapped = -1;
    for (const QString &k : keys) {
        const TimeSeries &ts = series.series(k);
        if (ts.isEmpty())
            continue;
        const qsizetype i = ts.lowerBound(timeMs);
        qint64 best = -1;
        if (i < ts.size())
            best = ts.timeAt(i);
        if (i > 0 && (best < 0 || timeMs - ts.timeAt(i - 1) < best - timeMs))
            best = ts.timeAt(i - 1);
        snapped = best;
        break;
    }
    if (snapped < 0)
        return {};
    QString html = QStringLiteral("<b>%1</b>").arg(
        QLocale().toString(QDateTime::fromMSecsSinceEpoch(snapped).toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    html += QStringLiteral("<table cellspacing=0 cellpadding=1>");
    const QHash<QString, QString> &labels = m_readoutLabels.at(chartIndex);
    for (const QString &k : keys) {
        if (!chart->isLineVisible(k))
            continue;
        const TimeSeries &ts = series.series(k);
        const qsizetype i = ts.lowerBound(snapped);
        const QString value = i < ts.size() && ts.timeAt(i) == snapped
            ? (ts.isGapAt(i) ? tr("no data") : formatValue(ts.valueAt(i)))
            : tr("—");
        html += QStringLiteral("<tr><td>%1</td><td align=right>&nbsp;&nbsp;<b>%2</b></td></tr>")
                    .arg(labels.value(k, k).toHtmlEscaped(), value);
    }
    html += QStringLiteral("</table>");
    return html;
}

} // namespace bs
