#pragma once

#include "core/census/samplingpolicy.h"
#include "core/monitorsample.h"

#include <QString>

#include <optional>

namespace bs {

/// The words the monitor shows about its newest sample, as pure functions (the monitor page only
/// puts them on its widgets): the "Last sample" status line and its tooltip (census or totals,
/// the census rule, the server time share), and the warning for parts that could not be read.
class SampleStatus
{
public:
    /// The source's last report of its pacing (BrokerSource::samplingPaced).
    struct Pacing
    {
        qint64 chosenMs = 0;
        qint64 effectiveMs = 0;
        qint64 roundMs = 0;
    };
    /// A warning banner: the title and what to do.
    struct Warning
    {
        QString title;
        QString detail;
    };

    /// "Last sample 12:00:05 · 1,234 samples · census" (local time).
    static QString statusLine(const MonitorSample &latest, qint64 sampleCount);
    /// The status line's tooltip, one statement per line.
    static QString toolTip(const MonitorSample &latest, const SamplingPolicy &policy, int intervalMs,
                           const std::optional<Pacing> &pacing);
    /// The warning for the parts of `sample` that failed; none when every part was read or was
    /// only not due (the census rule: no failure, nothing to grant).
    static std::optional<Warning> unavailableWarning(const MonitorSample &sample);
};

} // namespace bs
