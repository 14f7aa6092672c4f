#include "core/census/samplingpolicy.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

namespace bs {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("bs::SamplingPolicy", text);
}

// The C locale with its group separator: "100,000" (QLocale::c() omits separators by default).
QLocale numbers()
{
    QLocale c = QLocale::c();
    c.setNumberOptions(QLocale::DefaultNumberOptions);
    return c;
}
} // namespace

SamplingPolicy SamplingPolicy::clamped() const
{
    SamplingPolicy p;
    p.censusSmallTableRows = std::clamp(censusSmallTableRows, MinCensusSmallTableRows, MaxCensusSmallTableRows);
    p.serverTimeSharePercent = std::clamp(serverTimeSharePercent, MinServerTimeSharePercent, MaxServerTimeSharePercent);
    return p;
}

qint64 SamplingPolicy::censusIntervalMs(qint64 rows, qint64 sampleIntervalMs) const
{
    const SamplingPolicy p = clamped();
    const qint64 interval = std::max<qint64>(1, sampleIntervalMs);
    if (rows <= p.censusSmallTableRows)
        return interval;
    // Whole samples, rounded up: ceil(rows / small). Division first, so 10^12 rows cannot overflow.
    const qint64 samples = (rows + p.censusSmallTableRows - 1) / p.censusSmallTableRows;
    const qint64 cap = std::max(interval, MaxCensusIntervalMs);
    if (samples > cap / interval)
        return cap;
    return std::min(cap, samples * interval);
}

bool SamplingPolicy::isCensusDue(const std::optional<QDateTime> &lastCensus, const QDateTime &now,
                                 std::optional<qint64> rows, qint64 sampleIntervalMs) const
{
    if (!lastCensus || !rows)
        return true;
    const qint64 elapsed = lastCensus->msecsTo(now);
    if (elapsed < 0)
        return true; // the clock went back: better one census too many than a stale breakdown
    return elapsed >= censusIntervalMs(*rows, sampleIntervalMs) - std::max<qint64>(1, sampleIntervalMs) / 2;
}

qint64 SamplingPolicy::stretchedIntervalMs(qint64 chosenIntervalMs, qint64 lastRoundMs, qint64 maxIntervalMs) const
{
    const SamplingPolicy p = clamped();
    const qint64 byShare = lastRoundMs <= 0 ? 0 : (lastRoundMs * 100 + p.serverTimeSharePercent - 1) / p.serverTimeSharePercent;
    return std::min(std::max(chosenIntervalMs, byShare), std::max(chosenIntervalMs, maxIntervalMs));
}

QString SamplingPolicy::durationText(qint64 ms)
{
    const QLocale c = QLocale::c();
    if (ms < 10000)
        return tr("%1 s").arg(c.toString(double(ms) / 1000.0, 'f', ms % 1000 == 0 ? 0 : 1));
    const qint64 s = (ms + 500) / 1000;
    if (s < 60)
        return tr("%1 s").arg(s);
    if (s < 3600)
        return s % 60 == 0 ? tr("%1 min").arg(s / 60) : tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return s % 3600 == 0 ? tr("%1 h").arg(s / 3600) : tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

QString SamplingPolicy::describeCensus(qint64 sampleIntervalMs) const
{
    const SamplingPolicy p = clamped();
    const QLocale c = numbers();
    return tr("Full census (endpoints and transmission queue grouped by state, services and side) every sample up "
              "to %1 rows; above, once every %1 rows × the sample interval (at 1,000,000 rows: every %2; at "
              "10,000,000: every %3), at least hourly. Between censuses the totals come from partition metadata.")
        .arg(c.toString(p.censusSmallTableRows), durationText(p.censusIntervalMs(1000000, sampleIntervalMs)),
             durationText(p.censusIntervalMs(10000000, sampleIntervalMs)));
}

QString SamplingPolicy::describeTimeShare(qint64 chosenIntervalMs, qint64 effectiveIntervalMs, qint64 lastRoundMs) const
{
    const SamplingPolicy p = clamped();
    QString text = tr("sampling every %1: the last sample took %2 on the server")
                       .arg(durationText(effectiveIntervalMs), durationText(lastRoundMs));
    if (effectiveIntervalMs > chosenIntervalMs)
        text += tr(" (stretched from %1 so that sampling takes at most %2 % of the server's time)")
                    .arg(durationText(chosenIntervalMs))
                    .arg(p.serverTimeSharePercent);
    return text;
}

} // namespace bs
