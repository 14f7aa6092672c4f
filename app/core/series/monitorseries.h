#pragma once

#include "core/monitorsample.h"
#include "core/series/timeseries.h"

#include <QHash>
#include <QSet>
#include <QStringList>

namespace bs {

/// The chart series of one monitored database, built sample by sample: endpoints per state
/// and per far service, the leak indicators, queue depth and readers per queue, the
/// transmission-queue size and the Broker counters. A part that could not be read, a queue
/// that vanished or a missed sample becomes a gap, never a zero.
///
/// Keys: "endpoints.total", "endpoints.state.<SO|SI|CO|DI|DO|ER|CD>", "endpoints.leaked",
/// "endpoints.neverExpiring", "endpoints.far.<far service>", "queue.<schema>.<name>.depth",
/// "queue.<schema>.<name>.readers", "transmission.size",
/// "counter.<object>/<counter>/<instance>" (the rate for per-second counters, else the value).
class MonitorSeries
{
public:
    /// Steps longer than this are drawn as gaps (set it to about three sampling intervals).
    explicit MonitorSeries(qint64 gapThresholdMs = 0);

    void append(const MonitorSample &sample);
    /// Appends one value (NaN = gap) to one series, creating it: for sources that are not
    /// whole samples, such as the history overview.
    void appendValue(const QString &key, qint64 timeMs, double value) { put(key, timeMs, value); }
    /// A sample that did not come (lost connection): every series breaks here.
    void appendGap(const QDateTime &time);
    /// Drops everything older than `time`.
    void removeBefore(const QDateTime &time);
    /// Changes the gap threshold of every series, present and future (the interval changed).
    void setGapThresholdMs(qint64 ms);
    qint64 gapThresholdMs() const { return m_gapThresholdMs; }

    QStringList keys() const;
    bool contains(const QString &key) const { return m_series.contains(key); }
    /// The series for `key`; an empty series when there is none.
    const TimeSeries &series(const QString &key) const;
    qsizetype sampleCount() const { return m_samples; }

    static QString stateKey(EndpointState state);
    static QString farServiceKey(const QString &farService);
    static QString queueDepthKey(const QString &schema, const QString &name);
    static QString queueReadersKey(const QString &schema, const QString &name);
    static QString counterKey(const PerfCounter &counter);

private:
    void put(const QString &key, qint64 timeMs, double value);

    QHash<QString, TimeSeries> m_series;
    QSet<QString> m_farServices;
    qint64 m_gapThresholdMs = 0;
    qsizetype m_samples = 0;
};

} // namespace bs
