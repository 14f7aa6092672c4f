#pragma once

#include "core/series/monitorseries.h"

#include <QString>
#include <QStringList>

#include <QSize>

#include <functional>

class QPainter;

namespace bs {

/// Writes what the monitor shows to files: the series of a time range as CSV (one row per
/// sample time, UTC in ISO 8601, empty cells for gaps), and the charts as a PNG or SVG report.
/// Every file goes through QSaveFile or a temporary file, so a failed export leaves no half file.
class MonitorExport
{
public:
    /// The CSV columns for the series `seriesKeys`: the population chart's series in a fixed order,
    /// far services, queue depths and readers, the transmission queue, then the Broker counters
    /// (the rate for per-second counters, the value for the others; MonitorSeries).
    static QStringList csvKeys(const QStringList &seriesKeys);
    static bool writeCsv(const MonitorSeries &series, const QStringList &keys, qint64 fromMs, qint64 toMs,
                         const QString &path, QString *error = nullptr);
    /// A picture of `size` pixels drawn by `paint` (on a white page), as PNG or as SVG.
    static bool writePng(const QSize &size, const std::function<void(QPainter *)> &paint, const QString &path,
                         QString *error = nullptr);
    static bool writeSvg(const QSize &size, const std::function<void(QPainter *)> &paint, const QString &title,
                         const QString &path, QString *error = nullptr);
    /// One CSV field: quoted when it holds a comma, a quote or a line break.
    static QString csvField(const QString &text);
};

} // namespace bs
