#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace bs {

/// How much a sample may cost the server (issue #13: cheap every sample, expensive rarely).
/// Two pure rules, the same for a real server (MonitorPoller) and the simulator (SimBrokerSource):
///
/// - The census rule: the full GROUP BY of sys.conversation_endpoints and sys.transmission_queue
///   (state, service pair, side, leak indicators) runs every sample while the table has at most
///   `censusSmallTableRows` rows; above that, every sample interval × rows / censusSmallTableRows
///   (it grows with the table, so the scan's share of the server's time stays about the same),
///   never less often than `MaxCensusIntervalMs`. Between censuses the cheap total (partition
///   metadata, sql/monitor/totals.sql) is read every sample.
/// - The time-share rule: the interval stretches so that a sample never takes more than
///   `serverTimeSharePercent` % of the server's time: interval >= measured round time × 100 / share.
struct SamplingPolicy
{
    static constexpr qint64 DefaultCensusSmallTableRows = 100000;
    static constexpr qint64 MinCensusSmallTableRows = 1000;
    static constexpr qint64 MaxCensusSmallTableRows = 100000000;
    static constexpr int DefaultServerTimeSharePercent = 10;
    static constexpr int MinServerTimeSharePercent = 1;
    static constexpr int MaxServerTimeSharePercent = 100;
    /// A census at least once an hour, however large the table.
    static constexpr qint64 MaxCensusIntervalMs = 3600000;

    qint64 censusSmallTableRows = DefaultCensusSmallTableRows;
    int serverTimeSharePercent = DefaultServerTimeSharePercent;

    /// Both values brought into their ranges.
    SamplingPolicy clamped() const;

    /// Time between two censuses for a table of `rows` rows sampled every `sampleIntervalMs`:
    /// the sample interval while rows <= censusSmallTableRows, else interval × rows / small
    /// (rounded up to whole samples), at most MaxCensusIntervalMs (and never below the interval).
    qint64 censusIntervalMs(qint64 rows, qint64 sampleIntervalMs) const;
    /// Whether this sample should carry the census: none yet, the size is unknown, or the census
    /// interval has passed since `lastCensus` (less half a sample interval, for timer jitter).
    bool isCensusDue(const std::optional<QDateTime> &lastCensus, const QDateTime &now, std::optional<qint64> rows,
                     qint64 sampleIntervalMs) const;
    /// The interval actually waited: the chosen one, stretched so that a round of `lastRoundMs`
    /// stays within serverTimeSharePercent of the time; at most `maxIntervalMs`.
    qint64 stretchedIntervalMs(qint64 chosenIntervalMs, qint64 lastRoundMs, qint64 maxIntervalMs) const;

    /// The census rule in words, with figures at 1 M and 10 M rows, for Preferences and tooltips.
    QString describeCensus(qint64 sampleIntervalMs) const;
    /// "sampling every 15 s: the last sample took 1.2 s on the server (at most 10 %)".
    QString describeTimeShare(qint64 chosenIntervalMs, qint64 effectiveIntervalMs, qint64 lastRoundMs) const;
    /// "4 min 10 s", "50 s", "1.5 s".
    static QString durationText(qint64 ms);
};

} // namespace bs
