#include "core/alerts/alertthresholds.h"

#include <cmath>

namespace bs::AlertThresholds {

namespace {

const AlertSettings kDefaults;

// A whole-number threshold stored in an int field of AlertSettings; its default is the field's.
AlertThreshold whole(const char *key, const char *label, const char *unit, double minimum, double maximum,
                     int AlertSettings::*field, const char *toolTip)
{
    AlertThreshold t;
    t.spec = ThresholdSpec{QLatin1String(key), QString::fromUtf8(label), QString::fromUtf8(unit), minimum, maximum,
                           double(kDefaults.*field), 0, QString::fromUtf8(toolTip)};
    t.get = [field](const AlertSettings &s) { return double(s.*field); };
    t.set = [field](AlertSettings &s, double v) { s.*field = int(std::lround(v)); };
    return t;
}

} // namespace

AlertThreshold leakWindowSamples()
{
    // The engine keeps at most 720 samples for these windows (an hour at 5 s); steadiness needs a few steps.
    return whole("leakWindowSamples", "Endpoint leak: window", "samples", 3, 720, &AlertSettings::leakWindowSamples,
                 "How many recent samples the leak rule looks at for each (local service, far service) pair. "
                 "Endpoints that keep piling up over this window mean one side never ENDs its conversations "
                 "(fire-and-forget, or a target that never answers). A longer window ignores bursts but warns later.");
}

AlertThreshold leakMinIncrease()
{
    return whole("leakMinIncrease", "Endpoint leak: growth", "endpoints", 1, 10'000'000,
                 &AlertSettings::leakMinIncrease,
                 "How many endpoints a service pair must gain over the window before it counts as a leak. A busy "
                 "pair opens and closes many dialogs; a few dozen more than before is normal churn.");
}

AlertThreshold steadyPercent()
{
    // Stored in percent since the first release ("monitor/alerts/steadyPercent"); the rules read a fraction.
    AlertThreshold t;
    t.spec = ThresholdSpec{QStringLiteral("steadyPercent"), QStringLiteral("Growth: steady steps"), QStringLiteral("%"),
                           50, 100, std::round(kDefaults.steadyFraction * 100), 0,
                           QStringLiteral("Share of the sample-to-sample steps that must not go down for growth (of "
                                          "endpoints or of a queue) to count as steady. 75 % means growth that keeps "
                                          "going, not one burst that drains again.")};
    t.get = [](const AlertSettings &s) { return std::round(s.steadyFraction * 100); };
    t.set = [](AlertSettings &s, double v) { s.steadyFraction = std::round(v) / 100.0; };
    return t;
}

AlertThreshold depthGrowthSamples()
{
    return whole("depthGrowthSamples", "Readers saturated: window", "samples", 2, 720,
                 &AlertSettings::depthGrowthSamples,
                 "Samples in a row during which a queue runs MAX_QUEUE_READERS activated tasks while its depth "
                 "keeps growing: activation cannot keep up. Raise MAX_QUEUE_READERS or make the activated "
                 "procedure faster.");
}

AlertThreshold depthMinIncrease()
{
    return whole("depthMinIncrease", "Readers saturated: queue growth", "messages", 1, 10'000'000,
                 &AlertSettings::depthMinIncrease,
                 "Messages the queue must gain over that window. A few messages waiting for busy readers is how a "
                 "well-loaded queue looks.");
}

AlertThreshold backlogWindowSamples()
{
    return whole("backlogWindowSamples", "Queue backlog: window", "samples", 3, 720,
                 &AlertSettings::backlogWindowSamples,
                 "Samples over which a queue's depth must grow steadily, whatever its readers do, before it is a "
                 "backlog alert. The alert says why the queue is not drained: too few conversation groups for the "
                 "readers (RECEIVE locks a conversation group), all readers busy, activation off or the queue "
                 "disabled.");
}

AlertThreshold backlogMinIncrease()
{
    return whole("backlogMinIncrease", "Queue backlog: growth", "messages", 1, 10'000'000,
                 &AlertSettings::backlogMinIncrease,
                 "Messages the queue must gain over the backlog window. A queue that takes a burst and drains it "
                 "again is not a backlog.");
}

AlertThreshold backlogCriticalDepth()
{
    return whole("backlogCriticalDepth", "Queue backlog: critical at", "messages", 1, 1'000'000'000,
                 &AlertSettings::backlogCriticalDepth,
                 "Depth from which a growing queue is a critical alert instead of a warning: messages waiting this "
                 "long are work the applications think is done.");
}

AlertThreshold notifiedStuckSeconds()
{
    return whole("notifiedStuckSeconds", "Activation stuck in NOTIFIED", "seconds", 5, 86400,
                 &AlertSettings::notifiedStuckSeconds,
                 "How long a queue monitor may stay NOTIFIED with messages waiting and no activated task running. "
                 "Service Broker waits for the activated procedure to RECEIVE before it activates again; a "
                 "procedure that fails or returns without receiving stalls the queue.");
}

AlertThreshold transmissionAgeSeconds()
{
    return whole("transmissionAgeSeconds", "Transmission queue age", "seconds", 10, 7 * 86400,
                 &AlertSettings::transmissionAgeSeconds,
                 "How long the oldest message may wait in sys.transmission_queue before it is an alert. Messages "
                 "stay there until the far side acknowledges them; transmission_status says why (no route, "
                 "endpoint not reachable, certificate or permission errors, a disabled target queue).");
}

AlertThreshold neverExpiringMinCount()
{
    return whole("neverExpiringMinCount", "Never-expiring endpoints", "endpoints", 1, 10'000'000,
                 &AlertSettings::neverExpiringMinCount,
                 "How many endpoints of one service pair, in a state other than CONVERSING, whose lifetime is more "
                 "than a year away. Without a dialog LIFETIME nothing removes them by expiry: they stay in "
                 "sys.conversation_endpoints until someone ENDs them.");
}

AlertThreshold leakCriticalCount()
{
    return whole("leakCriticalCount", "Endpoint leak: critical at", "endpoints", 1, 1'000'000'000,
                 &AlertSettings::leakCriticalCount,
                 "Endpoints that will not be reclaimed (a leak's pile, or never-expiring endpoints) from which the "
                 "alert is critical instead of a warning. Each holds a row in sys.conversation_endpoints and "
                 "memory; in the field tens of millions have exhausted memory (errors 701/802).");
}

AlertThreshold activationErrorSamples()
{
    // Counter meaning from Microsoft Learn, "SQL Server, Broker Statistics object".
    return whole("activationErrorSamples", "Broker counters: window", "samples", 2, 720,
                 &AlertSettings::activationErrorSamples,
                 "Samples over which the Broker Statistics counters Activation Errors Total (an activated stored "
                 "procedure exited with an error) and Dropped Messages Total (messages the instance could not "
                 "deliver to a queue) are watched. Any increase within the window raises the alert; no increase "
                 "for this many samples clears it.");
}

} // namespace bs::AlertThresholds
