#pragma once

#include "core/monitorsample.h"

#include <algorithm>

namespace bs {

/// Endpoints of a group that nothing will reclaim within a year: what the endpoint-leak and
/// never-expiring alerts, the chart's leak line and the Endpoints table all count. A CLOSED
/// endpoint whose security timestamp is set goes about 30 minutes after it whatever its LIFETIME
/// (SERVICE_BROKER.md §3-§4), so of the CLOSED ones only those with the timestamp unset count;
/// sql/monitor/endpoints.sql already counts them so, older samples and the simulator may not.
inline qint64 neverReclaimed(const EndpointGroup &g)
{
    if (g.neverExpiring <= 0)
        return 0;
    return g.state == EndpointState::CD ? std::min(g.neverExpiring, g.closedWithUnsetSecurityTimestamp)
                                        : g.neverExpiring;
}

/// CLOSED endpoints of the sample that will not be reclaimed within a year (the leak line).
inline qint64 closedNeverReclaimed(const MonitorSample &s)
{
    qint64 n = 0;
    for (const EndpointGroup &g : s.endpoints) {
        if (g.state == EndpointState::CD)
            n += neverReclaimed(g);
    }
    return n;
}

/// Every endpoint of the sample that will not be reclaimed within a year (the never-expire line).
inline qint64 allNeverReclaimed(const MonitorSample &s)
{
    qint64 n = 0;
    for (const EndpointGroup &g : s.endpoints)
        n += neverReclaimed(g);
    return n;
}

} // namespace bs
