#pragma once

#include "core/monitorsample.h"
#include "core/sim/scenario.h"

#include <QList>

#include <functional>

namespace bs::sim {

/// What the wizard's what-if panel asks: one pattern between one initiator and one target,
/// with the user's rate, task time, readers and pattern options.
struct WhatIfOptions
{
    PatternKind pattern = PatternKind::KeepFiring;
    double ratePerSecond = 20.0;      ///< λ (with batchSize: how fast the batch is enqueued)
    /// > 0: one batch of this many tasks at second 0, enqueued at ratePerSecond (0 = at once),
    /// instead of a steady stream: the windowed pattern's nightly batch.
    qint64 batchSize = 0;
    bool poissonArrivals = true;      ///< false: evenly spaced sends
    double taskSeconds = 0.05;        ///< mean task time
    TaskDistribution taskDistribution = TaskDistribution::Exponential;
    TaskDelivery delivery = TaskDelivery::InTransaction;
    int receiveTop = 1;               ///< RECEIVE TOP (n) of the target's procedure (TaskSpec)
    double receiveSeconds = 0.0;      ///< cost of each RECEIVE transaction (TaskSpec)
    int readers = 8;                  ///< MAX_QUEUE_READERS of the target queue
    double windowSeconds = 3600.0;    ///< windowed: the dialog lifetime
    int poolSize = 8;                 ///< keep-firing
    qint64 recycleMessages = 10000;   ///< keep-firing: 0 = never
    double recycleSeconds = 3600.0;   ///< keep-firing: 0 = never
    double durationSeconds = 2 * 3600.0;
    double sampleIntervalSeconds = 10.0;
    quint64 seed = 1;
};

/// One point of the what-if curve.
struct WhatIfPoint
{
    double seconds = 0.0;             ///< since the start
    qint64 endpoints = 0;             ///< both sides, every state
    qint64 byState[EndpointStateCount] = {};
    qint64 targetQueueDepth = 0;
    int activeReaders = 0;            ///< on the target queue
    LatencyStats latency;             ///< tasks finished since the previous point
};

/// The whole what-if run: the population curve and the totals at the end.
struct WhatIfResult
{
    QList<WhatIfPoint> points;
    FlowCounters flow;
    LatencyStats latency;             ///< every task of the run
    double throughputPerSecond = 0.0; ///< tasks processed or failed per second
};

/// Keep-firing: what the pool size does to latency. One reader at a time works on a
/// conversation (its group is locked), and the sender spreads tasks round-robin over the pool, so
/// with a pool no larger than the readers a task waits behind the busy conversation it was sent
/// on even when another reader is idle (at 75 % load about twice the latency of one shared
/// queue). A pool several times the readers lets any free reader take the next task.
struct PoolAdvice
{
    int readers = 0;
    int chosenPool = 0;
    double chosenLatencySeconds = 0.0;  ///< mean latency with the chosen pool
    /// Mean latency with a pool of 64 × readers: practically one shared queue that any free
    /// reader takes from (the figure the pool is measured against).
    double sharedLatencySeconds = 0.0;
    /// The smallest of readers × 1, 2, 4, 8 whose latency is within 10 % of the shared figure
    /// (or the largest tried); 0 when the run was cancelled.
    int suggestedPool = 0;
    double suggestedLatencySeconds = 0.0;
    /// One or two sentences for the what-if page; empty when the chosen pool is already close.
    QString message;
};

/// Pure and headless: runs the keep-firing what-if for the chosen pool, for a shared-queue pool
/// and for growing pools, and suggests the smallest pool that keeps latency near the shared
/// figure. Latencies are means of the tasks finished after a warm-up (the activation ramp-up:
/// 10 s per reader, at least 60 s, at most a quarter of the run). Several runs of `options`:
/// call it off the GUI thread.
PoolAdvice advisePool(const WhatIfOptions &options, const std::function<bool()> &cancelled = {});

/// The scenario runWhatIf simulates (initiator and target services, queues with activation, the
/// pattern's message types), for callers that want the full MonitorSample stream.
Scenario whatIfScenario(const WhatIfOptions &options);

/// Pure and headless: simulates the options and returns the curve. A 2-hour run at 20 msg/s takes
/// a few milliseconds; call it off the GUI thread for long or fast runs anyway. `cancelled`, when
/// given, is asked at every sample point; once it says true the run stops and returns the curve so far.
WhatIfResult runWhatIf(const WhatIfOptions &options, const std::function<bool()> &cancelled = {});

} // namespace bs::sim
