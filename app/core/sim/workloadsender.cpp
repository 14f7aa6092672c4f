#include "core/sim/workloadsender.h"

#include "core/sim/endpointlifecycle.h"
#include "core/sim/endpointstatemachine.h"
#include "core/sim/transmissionqueue.h"

#include <algorithm>

namespace bs::sim {

WorkloadSender::WorkloadSender(SimContext &context, EndpointTable &endpoints, EndpointLifecycle &lifecycle,
                               TransmissionQueue &transmission)
    : m_ctx(context)
    , m_endpoints(endpoints)
    , m_lifecycle(lifecycle)
    , m_transmission(transmission)
{
}

void WorkloadSender::scheduleStarts()
{
    for (int wi = 0; wi < int(m_ctx.workloads.size()); ++wi) {
        SimWorkload &w = m_ctx.workloads[size_t(wi)];
        const SimTime start = toSimTime(w.spec.startSeconds);
        switch (w.spec.rate.kind) {
        case RateKind::Constant:
            if (w.spec.rate.perSecond > 0) {
                w.nextExact = w.spec.startSeconds;
                m_ctx.events.push(start, SimEventKind::SenderFire, wi);
            }
            break;
        case RateKind::Poisson:
            if (w.spec.rate.perSecond > 0)
                m_ctx.events.push(start + toSimTime(m_ctx.rng.exponential(1.0 / w.spec.rate.perSecond)), SimEventKind::SenderFire, wi);
            break;
        case RateKind::Batch:
            if (w.spec.rate.batchCount > 0)
                m_ctx.events.push(start + toSimTime(w.spec.rate.batchAtSeconds), SimEventKind::SenderFire, wi);
            break;
        }
    }
}

qint32 WorkloadSender::beginDialog(int wi)
{
    const qint32 id = m_endpoints.create(wi, true, EndpointState::SO, m_ctx.now + m_ctx.workloads[size_t(wi)].lifetime);
    m_lifecycle.startTimer(id);
    return id;
}

void WorkloadSender::send(qint32 id, SimMessageKind kind, bool poison)
{
    if (!m_lifecycle.send(id, kind, poison) && kind == SimMessageKind::Task) {
        ++m_ctx.flow.lost;
        --m_ctx.flow.inFlight;
    }
}

void WorkloadSender::sendOne(SimWorkload &w, int wi)
{
    ++w.sentIndex;
    const bool poison = w.spec.task.poisonMessage == w.sentIndex;
    ++m_ctx.flow.sent;
    ++m_ctx.flow.inFlight;
    switch (w.spec.pattern.kind) {
    case PatternKind::Naive:
    case PatternKind::Windowed: {
        // BEGIN DIALOG, SEND, END CONVERSATION in one transaction.
        const qint32 id = beginDialog(wi);
        send(id, SimMessageKind::Task, poison);
        m_lifecycle.apply(id, EndpointEvent::End);
        break;
    }
    case PatternKind::TargetEndsFirst:
        send(beginDialog(wi), SimMessageKind::Task, poison);
        break;
    case PatternKind::KeepFiring: {
        SimPoolSlot &s = w.pool[w.roundRobin++ % w.pool.size()];
        // A dialog that sent EndOfStream (recycled, or on its timer) takes no more tasks.
        bool usable = m_endpoints.valid(s.ep, s.gen) && !m_endpoints[s.ep].eosSent
            && (m_endpoints[s.ep].state() == EndpointState::SO || m_endpoints[s.ep].state() == EndpointState::CO);
        const PatternSpec &p = w.spec.pattern;
        if (usable && ((p.recycleMessages > 0 && s.sent >= p.recycleMessages)
                       || (p.recycleSeconds > 0 && m_ctx.now - s.openedAt >= toSimTime(p.recycleSeconds)))) {
            // Recycle: EndOfStream on the old dialog; the target ends it first (R-RECYCLE).
            send(s.ep, SimMessageKind::EndOfStream, false);
            usable = false;
        }
        if (!usable) {
            s.ep = beginDialog(wi);
            s.gen = m_endpoints[s.ep].gen;
            s.openedAt = m_ctx.now;
            s.sent = 0;
        }
        send(s.ep, SimMessageKind::Task, poison);
        ++s.sent;
        break;
    }
    }
}

void WorkloadSender::scheduleNextBatch(SimWorkload &w, int wi)
{
    ++w.batchNumber;
    if (w.spec.rate.batchEverySeconds > 0) {
        const double at = w.spec.startSeconds + w.spec.rate.batchAtSeconds + double(w.batchNumber) * w.spec.rate.batchEverySeconds;
        m_ctx.events.push(toSimTime(at), SimEventKind::SenderFire, wi);
    }
}

void WorkloadSender::fire(int wi)
{
    SimWorkload &w = m_ctx.workloads[size_t(wi)];
    if (w.stopAt >= 0 && m_ctx.now >= w.stopAt)
        return;
    const RateSpec &rate = w.spec.rate;
    switch (rate.kind) {
    case RateKind::Constant:
        sendOne(w, wi);
        // Accumulate in double seconds so the rate has no rounding drift.
        w.nextExact += 1.0 / rate.perSecond;
        m_ctx.events.push(std::max(m_ctx.now, toSimTime(w.nextExact)), SimEventKind::SenderFire, wi);
        break;
    case RateKind::Poisson:
        sendOne(w, wi);
        m_ctx.events.push(m_ctx.now + toSimTime(m_ctx.rng.exponential(1.0 / rate.perSecond)), SimEventKind::SenderFire, wi);
        break;
    case RateKind::Batch:
        if (w.batchRemaining == 0)
            w.batchRemaining = rate.batchCount;
        if (rate.perSecond <= 0) {
            // All in one transaction, however many: a slice of the GUI thread's time may end
            // part-way (mayContinue), and the same event continues on the next call.
            while (w.batchRemaining > 0) {
                if (!m_ctx.mayContinue())
                    return;
                sendOne(w, wi);
                --w.batchRemaining;
            }
        } else {
            sendOne(w, wi);
            --w.batchRemaining;
        }
        if (w.batchRemaining > 0)
            m_ctx.events.push(m_ctx.now + std::max<SimTime>(1, toSimTime(1.0 / rate.perSecond)), SimEventKind::SenderFire, wi);
        else
            scheduleNextBatch(w, wi);
        break;
    }
}

} // namespace bs::sim
