#include "ui/monitor/monitorexport.h"

#include "core/series/serieskey.h"

#include <QBuffer>
#include <QDateTime>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QWidget>

#include <algorithm>

namespace bs {

QString MonitorExport::csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n'))
        && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QStringList MonitorExport::csvKeys(const QStringList &seriesKeys)
{
    QStringList keys{SeriesKey::endpointsTotal().toString()};
    for (int s = 0; s < EndpointStateCount; ++s)
        keys.append(SeriesKey::endpointState(EndpointState(s)).toString());
    keys.append(SeriesKey::endpointsLeaked().toString());
    keys.append(SeriesKey::neverExpiring().toString());
    QStringList far, depth, readers, counters;
    for (const QString &k : seriesKeys) {
        switch (SeriesKey::parse(k).kind()) {
        case SeriesKey::Kind::FarService: far.append(k); break;
        case SeriesKey::Kind::QueueDepth: depth.append(k); break;
        case SeriesKey::Kind::QueueReaders: readers.append(k); break;
        case SeriesKey::Kind::Counter: counters.append(k); break;
        default: break;
        }
    }
    counters.sort();
    return keys + far + depth + readers + QStringList{SeriesKey::transmissionSize().toString()} + counters;
}

bool MonitorExport::writeCsv(const MonitorSeries &series, const QStringList &keys, qint64 fromMs, qint64 toMs,
                             const QString &path, QString *error)
{
    // Every sample time of any exported series in the range, in order: a row each.
    std::vector<qint64> times;
    for (const QString &key : keys) {
        const TimeSeries &ts = series.series(key);
        for (qsizetype i = ts.lowerBound(fromMs); i < ts.size() && ts.timeAt(i) <= toMs; ++i) {
            if (!ts.isGapAt(i))
                times.push_back(ts.timeAt(i));
        }
    }
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    QString header = QStringLiteral("time_utc");
    for (const QString &key : keys)
        header += QLatin1Char(',') + csvField(key);
    file.write(header.toUtf8() + '\n');
    std::vector<qsizetype> cursor(size_t(keys.size()), 0);
    for (qsizetype k = 0; k < keys.size(); ++k)
        cursor[size_t(k)] = series.series(keys[k]).lowerBound(fromMs);
    for (qint64 t : times) {
        QString row = QDateTime::fromMSecsSinceEpoch(t, Qt::UTC).toString(Qt::ISODateWithMs);
        for (qsizetype k = 0; k < keys.size(); ++k) {
            const TimeSeries &ts = series.series(keys[k]);
            qsizetype &i = cursor[size_t(k)];
            while (i < ts.size() && ts.timeAt(i) < t)
                ++i;
            row += QLatin1Char(',');
            // No value at this time (a gap, or the series did not exist yet): an empty cell, not 0.
            if (i < ts.size() && ts.timeAt(i) == t && !ts.isGapAt(i))
                row += QString::number(ts.valueAt(i), 'g', 15);
        }
        file.write(row.toUtf8() + '\n');
    }
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

bool MonitorExport::writePng(const QSize &size, const std::function<void(QPainter *)> &paint, const QString &path,
                             QString *error)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        paint(&painter);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

bool MonitorExport::writeSvg(const QSize &size, const std::function<void(QPainter *)> &paint, const QString &title,
                             const QString &path, QString *error)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setTitle(title);
    generator.setDescription(QStringLiteral("Broker Studio monitor charts"));
    {
        QPainter painter(&generator);
        painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
        paint(&painter);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(buffer.data()) != buffer.size() || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace bs
