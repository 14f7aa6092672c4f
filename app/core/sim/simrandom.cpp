#include "core/sim/simrandom.h"

#include <cmath>

namespace bs::sim {

double SimRandom::exponential(double mean)
{
    if (mean <= 0.0)
        return 0.0;
    // 1 - u lies in (0, 1], so the logarithm is finite.
    return -std::log(1.0 - uniform()) * mean;
}

double SimRandom::normal()
{
    const double u1 = 1.0 - uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

double SimRandom::logNormal(double mean, double sigma)
{
    if (mean <= 0.0)
        return 0.0;
    // E[exp(mu + sigma Z)] = exp(mu + sigma^2 / 2) = mean.
    const double mu = std::log(mean) - sigma * sigma / 2.0;
    return std::exp(mu + sigma * normal());
}

} // namespace bs::sim
