#pragma once

#include <QtGlobal>

#include <random>

namespace bs::sim {

/// The simulator's random numbers: std::mt19937_64 (whose output the C++ standard fixes) with
/// hand-written distributions, because std:: distributions differ between standard libraries
/// and the same seed must give the same run everywhere.
class SimRandom
{
public:
    explicit SimRandom(quint64 seed = 1) : m_engine(seed) {}

    void seed(quint64 seed) { m_engine.seed(seed); }
    /// Uniform in [0, 1), 53 random bits.
    double uniform() { return double(m_engine() >> 11) * (1.0 / 9007199254740992.0); }
    /// True with probability p.
    bool chance(double p) { return p > 0.0 && uniform() < p; }
    /// Exponential with the given mean (inverse transform).
    double exponential(double mean);
    /// Standard normal (Box–Muller, one value per call).
    double normal();
    /// Log-normal whose own mean is `mean`, with shape sigma (the σ of the underlying normal).
    double logNormal(double mean, double sigma);

private:
    std::mt19937_64 m_engine;
};

} // namespace bs::sim
