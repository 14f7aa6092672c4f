#pragma once

#include "core/script/patternoptions.h"

#include <QString>

namespace bs {

namespace sim {
struct WhatIfOptions;
}

/// The load a DBA expects: what the what-if panel asks for besides the pattern options.
struct Workload
{
    double messagesPerSecond = 2.0;  ///< λ, the steady arrival rate
    double taskSeconds = 1.0;        ///< how long one task (the called procedure) runs
    int batchSize = 1000;            ///< windowed: messages enqueued at once by one batch
    /// What one RECEIVE transaction costs on top of its tasks (the RECEIVE itself and the log
    /// flush of its COMMIT): what messagesPerReceive shares among the messages of a batch.
    /// 0 = folded into the task time.
    double receiveSeconds = 0.0;
};

/// Steady-state figures from the PATTERNS.md table, for one pattern, its options and a load.
struct SteadyStateEstimate
{
    /// False when the population keeps growing (naive fire-and-forget, or an overloaded
    /// target whose backlog never drains).
    bool bounded = true;
    /// Conversation endpoints alive at steady state (both sides), when bounded.
    double endpoints = 0.0;
    /// Endpoints added per hour when not bounded.
    double growthPerHour = 0.0;
    /// Tasks per second the target can run: parallel readers ÷ task time.
    double capacityPerSecond = 0.0;
    /// Tasks per second actually completed: min(λ, capacity).
    double throughputPerSecond = 0.0;
    /// Readers that can work at once (keep-firing: one per pooled conversation).
    int parallelReaders = 0;
    /// Keep-firing: seconds between two recycles of one pooled conversation.
    double recycleIntervalSeconds = 0.0;
    /// λ exceeds capacity: the queue grows without limit.
    bool overloaded = false;
    /// The formula with the user's numbers, e.g. "λ × window = 10/s × 3600 s".
    QString formula;
};

/// How long a windowed dialog must live so the last message of a batch is still received.
struct WindowAdvice
{
    /// batch ÷ readers × task time + 5 s × (readers − 1) (PATTERNS.md; SERVICE_BROKER.md §5
    /// for the 5 s activation ramp-up per extra reader).
    double minimumSeconds = 0.0;
    /// Twice the minimum, rounded up to a whole minute: task times vary.
    int suggestedSeconds = 0;
    /// The chosen window is below the minimum: the end of a batch would expire unread.
    bool tooShort = false;
    /// The chosen window is at least the minimum but below the suggestion.
    bool belowSuggested = false;
    /// One sentence for the wizard (empty when the window is comfortable).
    QString message;
};

/// Seconds a closed target endpoint is kept for replay protection once its security
/// timestamp is set (SERVICE_BROKER.md §3).
inline constexpr double ClosedTargetRetentionSeconds = 30.0 * 60.0;
/// Activation starts at most one new reader about every 5 s (SERVICE_BROKER.md §5).
inline constexpr double ActivationRampUpSeconds = 5.0;

/// The PATTERNS.md population formulas, one per pattern (PatternDescriptor::steadyState).
namespace steadystate {
void windowed(const PatternOptions &options, const Workload &load, double lambda, double throughput,
              SteadyStateEstimate &estimate);
void keepFiring(const PatternOptions &options, const Workload &load, double lambda, double throughput,
                SteadyStateEstimate &estimate);
void targetEndsFirst(const PatternOptions &options, const Workload &load, double lambda, double throughput,
                     SteadyStateEstimate &estimate);
void growsForEver(const PatternOptions &options, const Workload &load, double lambda, double throughput,
                  SteadyStateEstimate &estimate);
} // namespace steadystate

/// Pure: the PATTERNS.md steady-state population and throughput for the options and load.
SteadyStateEstimate estimateSteadyState(const PatternOptions &options, const Workload &load);

/// Tasks one RECEIVE can take at steady state: messagesPerReceive for a pattern whose
/// conversations carry many tasks (keep-firing), 1 with one dialog per task, because RECEIVE
/// returns the messages of one conversation group only.
int tasksPerReceive(const PatternOptions &options);

/// Pure: the wizard's what-if simulation (core/sim) for the options and load, run for
/// `durationSeconds`: the pattern's simulator kind, its readers, window, pool and recycling,
/// the delivery mode, and messagesPerReceive as RECEIVE TOP (n) with the load's RECEIVE cost.
sim::WhatIfOptions whatIfSimulationOptions(const PatternOptions &options, const Workload &load,
                                           double durationSeconds);

/// Pure: the minimum and suggested window for a batch, and whether options.windowSeconds
/// is too short for it.
WindowAdvice adviseWindow(const PatternOptions &options, const Workload &load);

} // namespace bs
