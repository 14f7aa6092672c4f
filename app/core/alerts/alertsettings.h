#pragma once

namespace bs {

/// Thresholds of the alert rules, with defaults meant for a 5-second sampling interval.
/// Each one is declared (key, label, unit, range, tooltip) in alertthresholds.cpp, and its
/// default there is the one below; Settings stores them, the rules only read them.
struct AlertSettings
{
    /// Samples over which endpoint growth of a service pair is judged ("the last N samples").
    int leakWindowSamples = 12;
    /// Net growth over that window before growth counts as a leak (endpoints).
    int leakMinIncrease = 50;
    /// Share of sample-to-sample steps that must not go down for growth to count as steady.
    double steadyFraction = 0.75;
    /// Samples over which a queue's depth must keep growing while readers are at the maximum.
    int depthGrowthSamples = 6;
    /// Net growth of the queue over those samples before it counts (a few messages waiting for
    /// busy readers is how a well-loaded queue looks).
    int depthMinIncrease = 50;
    /// Samples over which a queue's depth must grow steadily, whatever its readers do, before
    /// it is a backlog alert.
    int backlogWindowSamples = 12;
    /// Net growth of the queue over those samples before it counts as a backlog.
    int backlogMinIncrease = 200;
    /// Depth at which a backlog alert becomes critical.
    int backlogCriticalDepth = 10000;
    /// How long a queue monitor may stay NOTIFIED with messages waiting and no task running.
    int notifiedStuckSeconds = 60;
    /// How long messages may wait in sys.transmission_queue before it is an alert.
    int transmissionAgeSeconds = 300;
    /// Never-expiring endpoints (lifetime over a year away) in a state other than CONVERSING,
    /// per service pair and state, before it is an alert.
    int neverExpiringMinCount = 100;
    /// Endpoints that will not be reclaimed (of a leak, or never expiring) at which the alert
    /// becomes critical.
    int leakCriticalCount = 100000;
    /// Samples over which the Activation Errors Total and Dropped Messages Total counters are
    /// watched: an increase within them raises the alert, none clears it.
    int activationErrorSamples = 12;

    bool operator==(const AlertSettings &) const = default;
};

} // namespace bs
