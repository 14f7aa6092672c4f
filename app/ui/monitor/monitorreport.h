#pragma once

#include "core/alerts/alert.h"

#include <QFont>
#include <QList>
#include <QSize>
#include <QString>

class QPainter;

namespace bs {

class TimeChartWidget;

/// The monitor's PNG/SVG report: which source and time range, each chart with a plain legend
/// (no check boxes or scroll bars), then the alerts that were active at some time in the range,
/// so it can go into an incident note as it is.
class MonitorReport
{
public:
    MonitorReport(const QString &sourceName, qint64 fromMs, qint64 toMs, const QList<const TimeChartWidget *> &charts,
                  const QList<AlertLogEntry> &alertLog, const QFont &font);

    /// Log entries active at some time in [fromMs, toMs], in the order they were raised.
    static QList<AlertLogEntry> alertsInRange(const QList<AlertLogEntry> &log, qint64 fromMs, qint64 toMs);
    /// One line of the report's alert list ("Warning · title · 12:00:05 – 12:03:10").
    static QString alertLine(const AlertLogEntry &entry);

    QString title() const;
    /// The page size for `width` pixels of charts (at least 640).
    QSize size(int width) const;
    void paint(QPainter *painter, int width) const;

    bool writePng(const QString &path, int width, QString *error = nullptr) const;
    bool writeSvg(const QString &path, int width, QString *error = nullptr) const;

private:
    int headerHeight() const;
    int alertsHeight() const;

    QString m_sourceName;
    qint64 m_fromMs;
    qint64 m_toMs;
    QList<const TimeChartWidget *> m_charts;
    QList<AlertLogEntry> m_alerts;
    QFont m_font;
};

} // namespace bs
