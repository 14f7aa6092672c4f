#include "ui/monitor/monitorreport.h"

#include "ui/monitor/monitorexport.h"
#include "ui/monitor/timechartwidget.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFontMetrics>
#include <QLocale>
#include <QPainter>

#include <algorithm>

namespace bs {

namespace {
constexpr int Margin = 8;
constexpr int ChartGap = 8;

QString tr(const char *text)
{
    return QCoreApplication::translate("bs::MonitorReport", text);
}

QString localTime(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}
} // namespace

MonitorReport::MonitorReport(const QString &sourceName, qint64 fromMs, qint64 toMs,
                             const QList<const TimeChartWidget *> &charts, const QList<AlertLogEntry> &alertLog,
                             const QFont &font)
    : m_sourceName(sourceName)
    , m_fromMs(fromMs)
    , m_toMs(toMs)
    , m_charts(charts)
    , m_alerts(alertsInRange(alertLog, fromMs, toMs))
    , m_font(font)
{
}

QList<AlertLogEntry> MonitorReport::alertsInRange(const QList<AlertLogEntry> &log, qint64 fromMs, qint64 toMs)
{
    QList<AlertLogEntry> out;
    for (const AlertLogEntry &e : log) {
        const qint64 raised = e.raised.toMSecsSinceEpoch();
        const bool endedBefore = e.cleared && e.cleared->toMSecsSinceEpoch() < fromMs;
        if (raised <= toMs && !endedBefore)
            out.append(e);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const AlertLogEntry &a, const AlertLogEntry &b) { return a.raised < b.raised; });
    return out;
}

QString MonitorReport::alertLine(const AlertLogEntry &entry)
{
    const QString severity = entry.alert.severity == AlertSeverity::Critical ? tr("Critical")
                             : entry.alert.severity == AlertSeverity::Warning ? tr("Warning")
                                                                              : tr("Info");
    const QString until = entry.cleared ? localTime(entry.cleared->toMSecsSinceEpoch()) : tr("still active");
    return tr("%1 · %2 · %3 – %4").arg(severity, entry.alert.title, localTime(entry.raised.toMSecsSinceEpoch()), until);
}

QString MonitorReport::title() const
{
    return tr("%1 — %2 to %3 (local time)").arg(m_sourceName, localTime(m_fromMs), localTime(m_toMs));
}

int MonitorReport::headerHeight() const
{
    return 2 * QFontMetrics(m_font).height() + 16;
}

int MonitorReport::alertsHeight() const
{
    // A heading and one line per alert ("none" when there were none: the report says so).
    const int line = QFontMetrics(m_font).height() + 2;
    return Margin + line * (1 + std::max<int>(1, int(m_alerts.size()))) + Margin;
}

QSize MonitorReport::size(int width) const
{
    width = std::max(width, 640);
    int height = headerHeight();
    for (const TimeChartWidget *chart : m_charts)
        height += chart->exportHeight(width) + ChartGap;
    return QSize(width, height + alertsHeight());
}

void MonitorReport::paint(QPainter *painter, int width) const
{
    width = size(width).width();
    QFont bold = m_font;
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    painter->setFont(bold);
    painter->setPen(Qt::black);
    const int lineHeight = QFontMetrics(m_font).height();
    painter->drawText(QRect(Margin, 4, width - 2 * Margin, lineHeight + 6), Qt::AlignLeft | Qt::AlignVCenter, title());
    painter->setFont(m_font);
    painter->drawText(QRect(Margin, lineHeight + 10, width - 2 * Margin, lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                      tr("Broker Studio monitor · exported %1")
                          .arg(QLocale().toString(QDateTime::currentDateTime(), QStringLiteral("yyyy-MM-dd HH:mm"))));
    int y = headerHeight();
    for (const TimeChartWidget *chart : m_charts) {
        const int h = chart->exportHeight(width);
        chart->renderForExport(painter, QRect(0, y, width, h));
        y += h + ChartGap;
    }
    y += Margin;
    painter->setFont(bold);
    painter->drawText(QRect(Margin, y, width - 2 * Margin, lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                      tr("Alerts active in this range"));
    painter->setFont(m_font);
    y += lineHeight + 2;
    if (m_alerts.isEmpty())
        painter->drawText(QRect(Margin, y, width - 2 * Margin, lineHeight), Qt::AlignLeft | Qt::AlignVCenter, tr("None."));
    const QFontMetrics metrics(m_font);
    for (const AlertLogEntry &e : m_alerts) {
        painter->setPen(e.alert.severity == AlertSeverity::Critical ? QColor(0xb0, 0x2a, 0x1d) : QColor(Qt::black));
        painter->drawText(QRect(Margin, y, width - 2 * Margin, lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                          metrics.elidedText(alertLine(e), Qt::ElideRight, width - 2 * Margin));
        y += lineHeight + 2;
    }
    painter->setPen(Qt::black);
}

bool MonitorReport::writePng(const QString &path, int width, QString *error) const
{
    return MonitorExport::writePng(size(width), [this, width](QPainter *p) { paint(p, width); }, path, error);
}

bool MonitorReport::writeSvg(const QString &path, int width, QString *error) const
{
    return MonitorExport::writeSvg(size(width), [this, width](QPainter *p) { paint(p, width); }, title(), path, error);
}

} // namespace bs
