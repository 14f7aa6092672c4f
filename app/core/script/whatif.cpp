#include "core/script/whatif.h"

#include "core/script/patterndescriptor.h"
#include "core/sim/simwhatif.h"

#include <QLocale>

#include <algorithm>
#include <cmath>
#include <limits>

namespace bs {

namespace {

QString num(double v)
{
    // C locale: the figures appear in formulas next to symbols, not in prose.
    return QLocale::c().toString(v, 'g', 6);
}

} // namespace

namespace steadystate {

void windowed(const PatternOptions &options, const Workload &, double lambda, double, SteadyStateEstimate &e)
{
    e.endpoints = lambda * options.windowSeconds;
    e.formula = QStringLiteral("λ × window = %1/s × %2 s").arg(num(lambda), num(options.windowSeconds));
}

void keepFiring(const PatternOptions &options, const Workload &, double lambda, double, SteadyStateEstimate &e)
{
    const int pool = std::max(1, options.poolSize);
    // Each slot carries λ ÷ pool messages per second, so the message limit is reached after
    // N × pool ÷ λ seconds; whichever limit comes first recycles the conversation.
    double interval = options.recycleAfterSeconds;
    if (lambda > 0.0 && options.recycleAfterMessages > 0)
        interval = std::min(interval, options.recycleAfterMessages * pool / lambda);
    e.recycleIntervalSeconds = interval;
    const double closedTargets = interval > 0.0 ? pool * ClosedTargetRetentionSeconds / interval : 0.0;
    e.endpoints = 2.0 * pool + closedTargets;
    e.formula = QStringLiteral("2 × pool + pool × 1800 s ÷ recycle interval = 2 × %1 + %1 × 1800 ÷ %2 s")
                    .arg(num(pool), num(interval));
}

void targetEndsFirst(const PatternOptions &, const Workload &load, double lambda, double throughput,
                     SteadyStateEstimate &e)
{
    // Little's law: messages in service = throughput × task time; each has two endpoints.
    const double task = std::max(0.0, load.taskSeconds);
    const double inFlight = 2.0 * throughput * task;
    e.endpoints = lambda * ClosedTargetRetentionSeconds + inFlight;
    e.formula = QStringLiteral("λ × 1800 s + in flight = %1/s × 1800 s + 2 × %2/s × %3 s")
                    .arg(num(lambda), num(throughput), num(task));
}

void growsForEver(const PatternOptions &, const Workload &, double lambda, double, SteadyStateEstimate &e)
{
    e.bounded = false;
    e.growthPerHour = lambda * 3600.0;
    e.formula = QStringLiteral("grows λ × t = %1/s × t, for 68 years").arg(num(lambda));
}

} // namespace steadystate

SteadyStateEstimate estimateSteadyState(const PatternOptions &options, const Workload &load)
{
    SteadyStateEstimate e;
    const PatternDescriptor &d = patternDescriptor(options.pattern);
    const double lambda = std::max(0.0, load.messagesPerSecond);
    const double task = std::max(0.0, load.taskSeconds);
    const int readers = std::max(1, options.maxQueueReaders);

    // One conversation group is locked by one reader at a time (SERVICE_BROKER.md §4), so a
    // pool of conversations caps the parallelism at its size.
    e.parallelReaders = d.hasPool ? std::min(readers, std::max(1, options.poolSize)) : readers;
    // Each RECEIVE transaction's cost is shared by the tasks it takes.
    const double perTask = task + std::max(0.0, load.receiveSeconds) / tasksPerReceive(options);
    e.capacityPerSecond = perTask > 0.0 ? e.parallelReaders / perTask : std::numeric_limits<double>::infinity();
    e.throughputPerSecond = std::min(lambda, e.capacityPerSecond);
    e.overloaded = lambda > e.capacityPerSecond;

    d.steadyState(options, load, lambda, e.throughputPerSecond, e);
    if (e.overloaded && e.bounded) {
        // Arrivals beyond capacity wait in the queue for ever; their dialogs stay open.
        e.bounded = false;
        e.growthPerHour = (lambda - e.capacityPerSecond) * 3600.0;
    }
    return e;
}

int tasksPerReceive(const PatternOptions &options)
{
    return patternDescriptor(options.pattern).dialogPerTask ? 1 : std::max(1, options.messagesPerReceive);
}

sim::WhatIfOptions whatIfSimulationOptions(const PatternOptions &o, const Workload &w, double duration)
{
    sim::WhatIfOptions s;
    s.pattern = patternDescriptor(o.pattern).simulatorKind;
    s.ratePerSecond = w.messagesPerSecond;
    s.taskSeconds = w.taskSeconds;
    s.delivery = o.delivery == DeliveryMode::AtMostOnce ? sim::TaskDelivery::AtMostOnce : sim::TaskDelivery::InTransaction;
    // The simulator takes at most one conversation group per RECEIVE too, so with one dialog
    // per task it shows by itself that TOP (n) gains nothing there.
    s.receiveTop = o.messagesPerReceive;
    s.receiveSeconds = std::max(0.0, w.receiveSeconds);
    s.readers = o.maxQueueReaders;
    s.windowSeconds = o.windowSeconds;
    s.poolSize = o.poolSize;
    s.recycleMessages = o.recycleAfterMessages;
    s.recycleSeconds = o.recycleAfterSeconds;
    s.durationSeconds = duration;
    // About 400 points whatever the length: enough for the curve's shape, cheap to draw.
    s.sampleIntervalSeconds = std::max(1.0, duration / 400.0);
    return s;
}

WindowAdvice adviseWindow(const PatternOptions &options, const Workload &load)
{
    WindowAdvice a;
    const int readers = std::max(1, options.maxQueueReaders);
    const double batch = std::max(0, load.batchSize);
    const double task = std::max(0.0, load.taskSeconds);
    a.minimumSeconds = batch / readers * task + ActivationRampUpSeconds * (readers - 1);
    a.suggestedSeconds = int(std::ceil(2.0 * a.minimumSeconds / 60.0)) * 60;
    a.suggestedSeconds = std::max(a.suggestedSeconds, 60);
    a.tooShort = options.windowSeconds < a.minimumSeconds;
    a.belowSuggested = !a.tooShort && options.windowSeconds < a.suggestedSeconds;
    const QLocale locale;
    if (a.tooShort) {
        a.message = QStringLiteral("The window of %1 s is shorter than the %2 s the last message of a %3-message batch "
                                   "can wait with %4 readers: those messages would expire unread (logged as "
                                   "expired). Use at least %5 s.")
                        .arg(locale.toString(options.windowSeconds), locale.toString(std::ceil(a.minimumSeconds), 'f', 0),
                             locale.toString(load.batchSize), locale.toString(readers),
                             locale.toString(a.suggestedSeconds));
    } else if (a.belowSuggested) {
        a.message = QStringLiteral("The window of %1 s leaves little margin over the %2 s a batch needs; %3 s is "
                                   "suggested in case tasks run long.")
                        .arg(locale.toString(options.windowSeconds), locale.toString(std::ceil(a.minimumSeconds), 'f', 0),
                             locale.toString(a.suggestedSeconds));
    }
    return a;
}

} // namespace bs
