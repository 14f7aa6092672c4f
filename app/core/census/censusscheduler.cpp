#include "core/census/censusscheduler.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

namespace bs {

bool CensusScheduler::decide(const QDateTime &now, qint64 sampleIntervalMs)
{
    const bool census = m_requested || m_policy.isCensusDue(m_lastCensusClock, now, m_rows, sampleIntervalMs);
    m_requested = false;
    return census;
}

QString CensusScheduler::skippedMessage(qint64 sampleIntervalMs) const
{
    QLocale numbers = QLocale::c();
    numbers.setNumberOptions(QLocale::DefaultNumberOptions); // "10,000,000"
    const QString rowsText = numbers.toString(m_rows.value_or(0));
    const QString last = m_lastCensusSample
        ? QLocale::c().toString(m_lastCensusSample->toUTC(), QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))
        : QCoreApplication::translate("bs::CensusScheduler", "never");
    return QCoreApplication::translate("bs::CensusScheduler",
                                       "Breakdown not read this sample: the census runs every %1 at this table size "
                                       "(%2 rows); last census %3. The total comes from partition metadata.")
        .arg(SamplingPolicy::durationText(m_policy.censusIntervalMs(m_rows.value_or(0), sampleIntervalMs)),
             rowsText, last);
}

void CensusScheduler::note(MonitorSample &sample, bool census, const QDateTime &now)
{
    const bool breakdown = census && sample.isAvailable(EndpointsPart);
    if (breakdown) {
        m_lastCensusClock = now;
        m_lastCensusSample = sample.time;
    }
    sample.isCensus = breakdown;
    sample.lastCensus = m_lastCensusSample;
    // The rule's "size of the table": the larger of the two scanned tables, by the cheap totals
    // or the census counts (the larger of the two: they differ only by the metadata's
    // approximation); kept when nothing came this sample.
    std::optional<qint64> rows;
    for (const std::optional<qint64> &n : {sample.endpointTotal(), sample.transmissionTotal(), sample.totals.endpoints,
                                           sample.totals.transmission}) {
        if (n)
            rows = std::max(rows.value_or(0), *n);
    }
    if (rows)
        m_rows = rows;
}

void CensusScheduler::dropBreakdown(MonitorSample &sample, qint64 sampleIntervalMs) const
{
    const QString why = skippedMessage(sampleIntervalMs);
    sample.endpoints.clear();
    sample.transmission.clear();
    sample.transmissionQueueSize = 0;
    sample.transmissionOldest.reset();
    for (const QString &part : {EndpointsPart, TransmissionPart}) {
        if (sample.isAvailable(part))
            sample.unavailable.append({part, why, QString(), true});
    }
}

void CensusScheduler::reset()
{
    m_requested = false;
    m_lastCensusClock.reset();
    m_lastCensusSample.reset();
    m_rows.reset();
}

} // namespace bs
