#include "ui/wizard/whatifsimulationwidget.h"

#include "core/script/patterndescriptor.h"
#include "core/sim/simwhatif.h"

#include <QChart>
#include <QChartView>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QPushButton>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace bs {

namespace {

constexpr double MaxSimulatedMessages = 2.0e6;

} // namespace

WhatIfSimulationWidget::WhatIfSimulationWidget(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_button = new QPushButton(tr("&Simulate"), this);
    m_button->setObjectName(QStringLiteral("simulateButton"));
    m_button->setToolTip(tr("Runs the built-in Service Broker simulator with these options and this load, and draws "
                            "the conversation endpoint population over time. Nothing touches a server."));
    connect(m_button, &QPushButton::clicked, this, &WhatIfSimulationWidget::requested);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("simulationStatus"));
    m_status->setWordWrap(true);

    auto *chart = new QChart;
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    m_simulated = new QLineSeries(chart);
    m_simulated->setName(tr("Endpoints (simulated)"));
    m_estimate = new QLineSeries(chart);
    m_estimate->setName(tr("Formula estimate"));
    QPen dashed(QColor(0x8a, 0x5a, 0x00));
    dashed.setStyle(Qt::DashLine);
    dashed.setWidthF(1.5);
    m_estimate->setPen(dashed);
    chart->addSeries(m_simulated);
    chart->addSeries(m_estimate);
    m_x = new QValueAxis(chart);
    m_x->setTitleText(tr("minutes"));
    m_x->setLabelFormat(QStringLiteral("%.0f"));
    m_y = new QValueAxis(chart);
    m_y->setTitleText(tr("endpoints"));
    m_y->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    for (QLineSeries *s : {m_simulated, m_estimate}) {
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    m_view = new QChartView(chart, this);
    m_view->setObjectName(QStringLiteral("simulationChart"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(200);
    m_view->setVisible(false);

    auto *row = new QHBoxLayout;
    row->addWidget(m_button);
    row->addWidget(m_status, 1);
    layout->addLayout(row);
    layout->addWidget(m_view, 1);
}

double WhatIfSimulationWidget::durationFor(const PatternOptions &options, const Workload &load)
{
    double wanted = 2 * 3600.0;
    const PatternDescriptor &d = patternDescriptor(options.pattern);
    if (d.hasWindow)
        wanted = std::max(wanted, 2.0 * options.windowSeconds);
    if (d.hasPool)
        wanted = std::max(wanted, 2.0 * options.recycleAfterSeconds + ClosedTargetRetentionSeconds);
    wanted = std::min(wanted, 7 * 24 * 3600.0);
    const double cap = load.messagesPerSecond > 0 ? MaxSimulatedMessages / load.messagesPerSecond : wanted;
    return std::max(60.0, std::min(wanted, cap));
}

void WhatIfSimulationWidget::simulate(const PatternOptions &options, const Workload &load)
{
    const double duration = durationFor(options, load);
    const sim::WhatIfOptions input = whatIfSimulationOptions(options, load, duration);
    const SteadyStateEstimate estimate = estimateSteadyState(options, load);
    const bool pooled = patternDescriptor(options.pattern).hasPool;
    m_running = true;
    m_status->setText(tr("Simulating %1 minutes…").arg(QLocale().toString(duration / 60.0, 'f', 0)));
    m_jobs.start(
        [input, pooled](const JobContext &job) {
            QElapsedTimer timer;
            timer.start();
            sim::WhatIfResult result = sim::runWhatIf(input, job.cancelCheck());
            const qint64 elapsed = timer.elapsed();
            // Keep-firing: a pool no larger than the readers queues tasks behind busy conversations.
            const QString advice = pooled ? sim::advisePool(input, job.cancelCheck()).message : QString();
            return std::make_tuple(result, elapsed, advice);
        },
        [this, duration, estimate](const std::tuple<sim::WhatIfResult, qint64, QString> &done) {
            showResult(std::get<0>(done), std::get<1>(done), duration, estimate, std::get<2>(done));
        });
}

void WhatIfSimulationWidget::showResult(const sim::WhatIfResult &r, qint64 elapsedMs, double duration,
                                        const SteadyStateEstimate &estimate, const QString &advice)
{
    m_running = false;
    QList<QPointF> points;
    points.reserve(r.points.size());
    double maxY = 1;
    for (const sim::WhatIfPoint &p : r.points) {
        points.append(QPointF(p.seconds / 60.0, double(p.endpoints)));
        maxY = std::max(maxY, double(p.endpoints));
    }
    // replace() with a prepared list: appending point by point to a charted series is slow.
    m_simulated->replace(points);
    if (estimate.bounded) {
        m_estimate->replace({QPointF(0, estimate.endpoints), QPointF(duration / 60.0, estimate.endpoints)});
        maxY = std::max(maxY, estimate.endpoints);
    } else {
        m_estimate->clear();
    }
    m_x->setRange(0, duration / 60.0);
    m_y->setRange(0, maxY * 1.1);
    m_x->applyNiceNumbers();
    m_y->applyNiceNumbers();
    m_estimate->setVisible(estimate.bounded);
    m_view->setVisible(true);
    const QLocale l;
    const qint64 last = r.points.isEmpty() ? 0 : r.points.constLast().endpoints;
    QString status = tr("Simulated %1 min in %2 ms: %3 endpoints at the end; throughput %4 tasks/s; mean latency %5 ms.")
                         .arg(l.toString(duration / 60.0, 'f', 0), l.toString(elapsedMs), l.toString(last),
                              l.toString(r.throughputPerSecond, 'g', 4), l.toString(r.latency.mean * 1000.0, 'f', 0));
    if (!advice.isEmpty())
        status += QLatin1Char('\n') + advice;
    m_status->setText(status);
    Q_EMIT finished();
}

void WhatIfSimulationWidget::markStale()
{
    if (m_view->isVisible() && !m_running)
        m_status->setText(tr("The options changed: press Simulate to redraw the curve."));
}

QList<QPointF> WhatIfSimulationWidget::curve() const
{
    return m_simulated->points();
}

} // namespace bs
