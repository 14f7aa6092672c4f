#pragma once

#include "core/census/samplingpolicy.h"
#include "core/monitorsample.h"

#include <QDateTime>

#include <optional>

namespace bs {

/// The census schedule of one monitored database, shared by MonitorPoller (a server) and
/// SimBrokerSource (the simulator) so that both follow the same rule (SamplingPolicy):
/// decide() before a sample says whether it reads the breakdown (endpoints and transmission
/// grouped); note() after it stamps the sample (isCensus, lastCensus) and remembers the size.
/// Pure state, no clock of its own: the caller passes its time (wall clock or simulated).
class CensusScheduler
{
public:
    static inline const QString EndpointsPart = QStringLiteral("monitor.endpoints");
    static inline const QString TransmissionPart = QStringLiteral("monitor.transmission");

    void setPolicy(const SamplingPolicy &policy) { m_policy = policy.clamped(); }
    const SamplingPolicy &policy() const { return m_policy; }
    /// "Census now": the next decide() says yes.
    void requestCensus() { m_requested = true; }
    bool isCensusRequested() const { return m_requested; }
    /// Whether the sample taken at `now` reads the census parts; consumes a requestCensus().
    bool decide(const QDateTime &now, qint64 sampleIntervalMs);
    /// Why a census part was not read this sample (the UnavailablePart message): the rule's
    /// interval at the current size and when the last census was.
    QString skippedMessage(qint64 sampleIntervalMs) const;
    /// After the sample taken at `now`: sets sample.isCensus and sample.lastCensus, and
    /// remembers the census time and the larger table's size (cheap total or census count).
    void note(MonitorSample &sample, bool census, const QDateTime &now);
    /// Removes the breakdown from a sample taken without the census (or whole, by the simulator)
    /// and marks the census parts unavailable (notDue) with skippedMessage().
    void dropBreakdown(MonitorSample &sample, qint64 sampleIntervalMs) const;
    void reset();

    std::optional<qint64> tableRows() const { return m_rows; }
    std::optional<QDateTime> lastCensus() const { return m_lastCensusSample; }

private:
    SamplingPolicy m_policy;
    bool m_requested = false;
    std::optional<QDateTime> m_lastCensusClock;  ///< the caller's clock, for the schedule
    std::optional<QDateTime> m_lastCensusSample; ///< the census sample's own time, for display
    std::optional<qint64> m_rows;
};

} // namespace bs
