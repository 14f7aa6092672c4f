#pragma once

#include "core/monitorsample.h"

#include <QtGlobal>

#include <vector>

namespace bs::sim {

/// Latencies (in microseconds) in logarithmic buckets 2 % wide: constant memory however many
/// messages pass, percentiles within about 1 %, and an exact mean.
class LatencyHistogram
{
public:
    LatencyHistogram();

    void add(qint64 micros);
    void clear();
    qint64 count() const { return m_count; }
    /// Mean in seconds (exact).
    double meanSeconds() const;
    /// The q-quantile (0..1) in seconds, from the bucket's midpoint.
    double quantileSeconds(double q) const;
    /// p50/p95/p99, mean and count for a MonitorSample.
    LatencyStats stats() const;

private:
    std::vector<qint64> m_buckets;
    qint64 m_count = 0;
    double m_sumMicros = 0.0;
};

} // namespace bs::sim
