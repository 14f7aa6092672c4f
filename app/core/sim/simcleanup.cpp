// The guided leak cleanup on a simulated run (SimBrokerOperations), with the semantics of
// sql/ops/cleanup_count.sql and cleanup_batch.sql: the same classification of each endpoint
// (WITH CLEANUP, END, or skipped and why), a keyset walk in handle order, one transaction per batch.
#include "core/sim/simulator.h"

#include "core/sim/simhandles.h"
#include "core/sim/simulatorprivate.h"

#include <QElapsedTimer>

#include <vector>

namespace bs::sim {

namespace {

std::optional<CleanupState> cleanupStateOf(EndpointState s)
{
    switch (s) {
    case EndpointState::CD: return CleanupState::CD;
    case EndpointState::DI: return CleanupState::DI;
    case EndpointState::DO: return CleanupState::DO;
    default: return std::nullopt;
    }
}

// Per (workload, side): whether its endpoints belong to the plan's pair.
std::vector<bool> pairSides(const SimContext &ctx, const CleanupPlan &plan)
{
    std::vector<bool> out(ctx.workloads.size() * 2, false);
    for (size_t w = 0; w < ctx.workloads.size(); ++w) {
        const WorkloadSpec &spec = ctx.workloads[w].spec;
        out[2 * w + 1] = spec.fromService == plan.localService && spec.toService == plan.farService; // initiator
        out[2 * w] = spec.toService == plan.localService && spec.fromService == plan.farService;     // target
    }
    return out;
}

} // namespace

std::optional<CleanupAction> Simulator::cleanupActionFor(qint32 id, const CleanupPlan &plan, CleanupState *state) const
{
    const EndpointTable &eps = d->m_endpoints;
    const SimEndpoint &e = eps[id];
    if (!e.alive)
        return std::nullopt;
    const auto s = cleanupStateOf(e.state());
    if (!s || !plan.includes(*s))
        return std::nullopt;
    *state = *s;
    const SimTime horizon = d->m_ctx.now + toSimTime(double(plan.minLifetimeLeftSeconds));
    if (!e.neverExpiring && e.lifetimeEnd <= horizon)
        return CleanupAction::SkipExpiring;
    if (*s == CleanupState::CD && e.stampSet)
        return CleanupAction::SkipStampSet;
    if (eps.inboxCount(id) > 0)
        return CleanupAction::SkipQueued;
    if (eps.outboxCount(id) > 0)
        return CleanupAction::SkipTransmission;
    return *s == CleanupState::CD ? CleanupAction::EndWithCleanup : CleanupAction::End;
}

CleanupCounts Simulator::cleanupCount(const CleanupPlan &plan) const
{
    CleanupCounts counts;
    const std::vector<bool> sides = pairSides(d->m_ctx, plan);
    const EndpointTable &eps = d->m_endpoints;
    for (qint32 id = 0; id < eps.slotCount(); ++id) {
        const SimEndpoint &e = eps[id];
        if (!e.alive || !sides[size_t(2 * e.workload + (e.initiator ? 1 : 0))])
            continue;
        CleanupState state = CleanupState::CD;
        if (const auto action = cleanupActionFor(id, plan, &state))
            counts.add(state, *action, 1);
    }
    return counts;
}

CleanupBatchResult Simulator::cleanupBatch(const CleanupPlan &plan, const QUuid &after)
{
    QElapsedTimer timer;
    timer.start();
    CleanupBatchResult r;
    r.ok = true;
    r.lastHandle = after;
    const std::vector<bool> sides = pairSides(d->m_ctx, plan);
    EndpointTable &eps = d->m_endpoints;
    // Pick the batch first (the INSERT … SELECT TOP of the statement), then end it.
    struct Pick
    {
        qint32 id;
        CleanupAction action;
    };
    std::vector<Pick> picks;
    picks.reserve(size_t(plan.batchSize));
    for (qint32 id = handles::slotAfter(after) + 1; id < eps.slotCount() && r.examined < plan.batchSize; ++id) {
        const SimEndpoint &e = eps[id];
        if (!e.alive || !sides[size_t(2 * e.workload + (e.initiator ? 1 : 0))])
            continue;
        CleanupState state = CleanupState::CD;
        const auto action = cleanupActionFor(id, plan, &state);
        if (!action)
            continue;
        ++r.examined;
        r.lastHandle = handles::make(id, e.gen);
        switch (*action) {
        case CleanupAction::SkipQueued: ++r.skippedQueued; break;
        case CleanupAction::SkipTransmission: ++r.skippedTransmission; break;
        case CleanupAction::SkipExpiring: ++r.skippedExpiring; break;
        case CleanupAction::SkipStampSet: ++r.skippedStampSet; break;
        case CleanupAction::EndWithCleanup:
        case CleanupAction::End: picks.push_back({id, *action}); break;
        }
    }
    if (!picks.empty()) {
        // The batch is one transaction between the simulation's own (as endConversation's one).
        d->m_ctx.workBudget = -1;
        d->finishEvent();
        ++d->m_ctx.eventSerial;
        for (const Pick &p : picks) {
            const EndpointEvent how = p.action == CleanupAction::EndWithCleanup ? EndpointEvent::EndWithCleanup : EndpointEvent::End;
            if (EndpointStateMachine::apply(eps[p.id].state(), eps[p.id].initiator, how).fails) {
                // What the server says to an END on a conversation this side already ended (8426).
                ++r.failed;
                r.lastFailure = QStringLiteral("The conversation handle \"%1\" is not found.")
                                    .arg(handles::make(p.id, eps[p.id].gen).toString(QUuid::WithoutBraces).toUpper());
                continue;
            }
            d->m_lifecycle.apply(p.id, how);
            ++(how == EndpointEvent::EndWithCleanup ? r.endedWithCleanup : r.ended);
        }
        d->m_activation.commit();
        eps.endTransaction();
    }
    r.elapsedMs = timer.elapsed();
    return r;
}

} // namespace bs::sim
