#pragma once

namespace bs {

/// The monitor's limits and defaults, defined once: Settings, the poller, the sources' traits,
/// the history and the Preferences dialog all read them from here.
namespace MonitorLimits {
/// Sampling interval of a server: never more often than a second, at least every ten minutes.
inline constexpr int MinIntervalMs = 1000;
inline constexpr int MaxIntervalMs = 600000;
inline constexpr int DefaultIntervalMs = 5000;
/// The simulator may sample faster than a server should be polled.
inline constexpr int MinSimulationIntervalMs = 50;
/// Days of monitoring history kept per connection.
inline constexpr int MinRetentionDays = 1;
inline constexpr int MaxRetentionDays = 3650;
inline constexpr int DefaultRetentionDays = 30;
} // namespace MonitorLimits

} // namespace bs
