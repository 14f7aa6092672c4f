#pragma once

#include "core/series/monitorseries.h"

#include <QString>
#include <QStringList>

class QWidget;

namespace bs {

/// Writes what the monitor shows to files: the series of a time range as CSV (one row per
/// sample time, UTC in ISO 8601, empty cells for gaps), and a widget (the charts) as PNG or SVG.
/// Every file goes through QSaveFile or a temporary file, so a failed export leaves no half file.
class MonitorExport
{
public:
    static bool writeCsv(const MonitorSeries &series, const QStringList &keys, qint64 fromMs, qint64 toMs,
                         const QString &path, QString *error = nullptr);
    static bool writePng(QWidget *widget, const QString &path, QString *error = nullptr);
    static bool writeSvg(QWidget *widget, const QString &title, const QString &path, QString *error = nullptr);
    /// One CSV field: quoted when it holds a comma, a quote or a line break.
    static QString csvField(const QString &text);
};

} // namespace bs
