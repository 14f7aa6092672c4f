#include "core/sim/endpointlifecycle.h"

#include "core/sim/activationmonitor.h"
#include "core/sim/transmissionqueue.h"

namespace bs::sim {

EndpointLifecycle::EndpointLifecycle(SimContext &context, EndpointTable &endpoints, TransmissionQueue &transmission,
                                     ActivationMonitor &activation)
    : m_ctx(context)
    , m_endpoints(endpoints)
    , m_transmission(transmission)
    , m_activation(activation)
{
}

void EndpointLifecycle::purgeInbox(qint32 id)
{
    SimQueue &q = m_activation.queue(m_endpoints.queueOf(m_endpoints[id]));
    for (qint32 m = m_endpoints.popInbox(id); m >= 0; m = m_endpoints.popInbox(id)) {
        --q.depth;
        m_ctx.loseMessage(m);
    }
}

void EndpointLifecycle::free(qint32 id)
{
    m_activation.dropRetained(id);
    purgeInbox(id);
    m_transmission.purge(id);
    m_endpoints.release(id);
}

void EndpointLifecycle::apply(qint32 id, EndpointEvent ev, qint32 errorCode)
{
    SimEndpoint &e = m_endpoints[id];
    const EndpointTransition t = EndpointStateMachine::apply(e.state(), e.initiator, ev);
    if (t.dropsMessage)
        ++m_ctx.flow.dropped;
    if (t.fails || t.ignored)
        return;
    if (t.removesOwnMessages)
        purgeInbox(id);
    if (t.sendsError) {
        // END WITH ERROR drops what is still waiting to be sent (R-RESEND).
        m_transmission.purge(id);
        m_transmission.queue(id, m_ctx.messages.allocate(SimMessageKind::Error, m_ctx.now, false, errorCode));
    }
    if (t.sendsEndDialog)
        m_transmission.queue(id, m_ctx.messages.allocate(SimMessageKind::EndDialog, m_ctx.now));
    if (t.queuesLocalError) {
        // Error is delivered ahead of the dialog's other messages (§7).
        m_endpoints.prependInbox(id, m_ctx.messages.allocate(SimMessageKind::Error, m_ctx.now, false, errorCode));
        ++m_activation.queue(m_endpoints.queueOf(e)).depth;
        m_activation.markReady(id);
    }
    if (t.deleted) {
        free(id);
        return;
    }
    // RETENTION: the conversation has ended on this side; its retained messages go (CREATE QUEUE,
    // https://learn.microsoft.com/sql/t-sql/statements/create-queue-transact-sql).
    if (t.state == EndpointState::DO || t.state == EndpointState::CD)
        m_activation.dropRetained(id);
    if (t.state == EndpointState::CD && e.state() != EndpointState::CD) {
        if (e.stampAllowed) {
            // The security timestamp is set: replay protection keeps the endpoint 30 min.
            e.stampSet = true;
            m_ctx.events.push(m_ctx.now + m_ctx.securityTimestamp, SimEventKind::Retention, id, e.gen);
        } else if (e.lifetimeEnd <= m_ctx.now && m_ctx.closedExtra == 0) {
            // Fire-and-forget: kept until its lifetime, which has already passed.
            free(id);
            return;
        }
    }
    m_endpoints.setState(id, t.state);
}

void EndpointLifecycle::expire(qint32 id, quint32 gen)
{
    if (!m_endpoints.valid(id, gen))
        return;
    SimEndpoint &e = m_endpoints[id];
    if (e.state() == EndpointState::CD) {
        if (m_ctx.closedExtra > 0 && !e.stampSet)
            m_ctx.events.push(e.lifetimeEnd + m_ctx.closedExtra, SimEventKind::Retention, id, e.gen);
        else
            apply(id, EndpointEvent::LifetimeExpires);
        return;
    }
    if (!e.expiredCounted && e.state() != EndpointState::ER) {
        ++m_ctx.flow.expired;
        e.expiredCounted = true;
        if (m_endpoints.valid(e.far, e.farGen))
            m_endpoints[e.far].expiredCounted = true;
    }
    m_transmission.purge(id); // retries stop at the lifetime (§3)
    apply(id, EndpointEvent::LifetimeExpires, ErrorLifetimeExceeded);
}

bool EndpointLifecycle::send(qint32 id, SimMessageKind kind, bool poison, qint32 *message)
{
    SimEndpoint &e = m_endpoints[id];
    const EndpointTransition t = EndpointStateMachine::apply(e.state(), e.initiator, EndpointEvent::Send);
    if (t.fails)
        return false;
    m_endpoints.setState(id, t.state);
    if (kind == SimMessageKind::EndOfStream)
        e.eosSent = true;
    ++m_ctx.sendsTotal;
    const qint32 m = m_ctx.messages.allocate(kind, m_ctx.now, poison);
    m_transmission.queue(id, m);
    if (message)
        *message = m;
    // RETENTION also copies outgoing messages to the sender's queue (status 3).
    m_activation.retain(id, 1);
    return true;
}

void EndpointLifecycle::startTimer(qint32 id)
{
    const SimEndpoint &e = m_endpoints[id];
    const PatternSpec &p = m_ctx.workloads[e.workload].spec.pattern;
    if (p.timerSeconds > 0 && p.timerOnTarget != e.initiator)
        m_ctx.events.push(m_ctx.now + toSimTime(p.timerSeconds), SimEventKind::DialogTimer, id, e.gen);
}

void EndpointLifecycle::timerFires(qint32 id, quint32 gen)
{
    if (!m_endpoints.valid(id, gen))
        return;
    SimEndpoint &e = m_endpoints[id];
    const EndpointState s = e.state();
    if (s == EndpointState::DO || s == EndpointState::CD)
        return; // ended on this side: nothing is queued for it any more
    // "Service Broker puts a message of type .../DialogTimer on the local queue for the
    // conversation" (https://learn.microsoft.com/sql/t-sql/statements/begin-conversation-timer-transact-sql);
    // it is delivered first within its dialog (SERVICE_BROKER.md §7).
    m_endpoints.prependInbox(id, m_ctx.messages.allocate(SimMessageKind::DialogTimer, m_ctx.now));
    ++m_activation.queue(m_endpoints.queueOf(e)).depth;
    m_activation.markReady(id);
}

void EndpointLifecycle::endRetention(qint32 id, quint32 gen)
{
    if (m_endpoints.valid(id, gen))
        apply(id, EndpointEvent::RetentionEnds);
}

} // namespace bs::sim
