#pragma once

#include "core/design/brokerdesign.h"
#include "core/sim/scenario.h"
#include "core/sim/simwhatif.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace bs {

/// An initiator → target pair of a design that a workload can run on: the target service accepts
/// the contract, both services have a queue, and the contract has message types the initiator
/// may send (SENT BY INITIATOR or ANY).
struct DesignPair
{
    QString fromService;
    QString toService;
    QString contract;
    QStringList messageTypes; ///< sent by the initiator, in the contract's order
    /// "//A/Initiator → //A/Target on //A/Contract".
    QString label() const;
    bool operator==(const DesignPair &) const = default;
};

/// A workload attached to a pair of a design: the pair, the message types, and how it runs (the
/// what-if's options: pattern — how the initiator and the target end conversations —, rate and its
/// distribution, task time, pool and recycling, duration). The readers come from the design's
/// target queue (MAX_QUEUE_READERS), not from the options.
struct DesignWorkload
{
    QString fromService;
    QString toService;
    QString contract;
    QString messageType;
    /// Keep-firing: the message that tells the target a pooled conversation is done (PATTERNS.md).
    QString endOfStreamType;
    sim::WhatIfOptions options;
};

/// What a simulation of a design is made of, or why it cannot be made.
struct DesignScenario
{
    std::optional<sim::Scenario> scenario;
    QString error;                ///< why not; empty when `scenario` is set
    QStringList warnings;         ///< it runs, but says so (no activation on the target queue, …)
};

/// "Simulate this design": the design's objects as the simulator's topology, one workload on a
/// pair of it, and the what-if's modelling of the pattern. The simulator then runs the design as it
/// would run the demo, in the monitor (SimBrokerSource).
class DesignSimulation
{
public:
    /// Every pair a workload can run on, initiators in name order; at most `limit`.
    static QList<DesignPair> pairs(const BrokerDesign &design, qsizetype limit = 500);
    /// The scenario for `workload` on `design`, or the reason there is none.
    static DesignScenario scenario(const BrokerDesign &design, const DesignWorkload &workload);
};

} // namespace bs
