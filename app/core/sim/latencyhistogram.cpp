#include "core/sim/latencyhistogram.h"

#include <algorithm>
#include <cmath>

namespace bs::sim {

namespace {

// Bucket k holds latencies in [exp(k/Scale) - 1, exp((k+1)/Scale) - 1) microseconds: ~2 % wide.
constexpr double Scale = 50.0;
constexpr int BucketCount = 2000; // up to e^40 µs, far beyond any lifetime

int bucketOf(qint64 micros)
{
    const int k = int(std::log1p(double(std::max<qint64>(micros, 0))) * Scale);
    return std::min(k, BucketCount - 1);
}

double bucketMidMicros(int k)
{
    return (std::expm1(k / Scale) + std::expm1((k + 1) / Scale)) / 2.0;
}

} // namespace

LatencyHistogram::LatencyHistogram()
    : m_buckets(BucketCount, 0)
{
}

void LatencyHistogram::add(qint64 micros)
{
    ++m_buckets[size_t(bucketOf(micros))];
    ++m_count;
    m_sumMicros += double(micros);
}

void LatencyHistogram::clear()
{
    if (m_count == 0)
        return;
    std::fill(m_buckets.begin(), m_buckets.end(), 0);
    m_count = 0;
    m_sumMicros = 0.0;
}

double LatencyHistogram::meanSeconds() const
{
    return m_count ? m_sumMicros / double(m_count) / 1e6 : 0.0;
}

double LatencyHistogram::quantileSeconds(double q) const
{
    if (m_count == 0)
        return 0.0;
    const qint64 rank = std::clamp<qint64>(qint64(std::ceil(q * double(m_count))), 1, m_count);
    qint64 seen = 0;
    for (int k = 0; k < BucketCount; ++k) {
        seen += m_buckets[size_t(k)];
        if (seen >= rank)
            return bucketMidMicros(k) / 1e6;
    }
    return bucketMidMicros(BucketCount - 1) / 1e6;
}

LatencyStats LatencyHistogram::stats() const
{
    LatencyStats s;
    s.p50 = quantileSeconds(0.50);
    s.p95 = quantileSeconds(0.95);
    s.p99 = quantileSeconds(0.99);
    s.mean = meanSeconds();
    s.samples = m_count;
    return s;
}

} // namespace bs::sim
