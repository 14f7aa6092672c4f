#include "core/sim/transmissionqueue.h"

#include "core/sim/activationmonitor.h"
#include "core/sim/messagedelivery.h"

#include <QHash>

#include <algorithm>

namespace bs::sim {

namespace {

QString txReasonText(TxReason reason)
{
    // A disabled target queue: the message "Troubleshooting Routing and Message Delivery" lists
    // (https://learn.microsoft.com/en-us/previous-versions/sql/sql-server-2008/ms166044(v=sql.100)).
    // [U] A dropped service: the text as commonly reported, not on that page. A disabled broker
    // leaves the status empty: the page's "(None)", not tried yet (§1).
    switch (reason) {
    case TxReason::QueueDisabled:
        return QStringLiteral("Target queue is disabled.");
    case TxReason::ServiceNotFound:
        return QStringLiteral("The target service name could not be found. Ensure that the service name is specified correctly and/or the routing information has been supplied.");
    case TxReason::None:
    case TxReason::BrokerDisabled:
    case TxReason::RouteFailure: // the route's own text (SimService::routeStatus)
        break;
    }
    return QString();
}

} // namespace

TransmissionQueue::TransmissionQueue(SimContext &context, EndpointTable &endpoints, const ActivationMonitor &activation,
                                     MessageDelivery &delivery)
    : m_ctx(context)
    , m_endpoints(endpoints)
    , m_activation(activation)
    , m_delivery(delivery)
{
}

bool TransmissionQueue::flush(bool resumable)
{
    // Delivering may queue more (an EndDialog in answer): they leave in the same commit.
    while (m_flushed < m_pending.size()) {
        if (resumable && !m_ctx.mayContinue())
            return false;
        const Pending p = m_pending[m_flushed++];
        if (m_endpoints.valid(p.ep, p.gen)) {
            transmitNow(p.ep, p.msg);
        } else if (m_ctx.messages[p.msg].kind == SimMessageKind::EndDialog && m_endpoints.valid(p.far, p.farGen)) {
            // The endpoint closed and was deleted in this transaction (END while DI): its
            // acknowledgement still reaches the far side, which can now close.
            if (p.initiator && p.deliveredEarlier)
                m_endpoints[p.far].stampAllowed = true;
            m_delivery.arrive(p.far, p.msg);
        } else {
            m_ctx.loseMessage(p.msg);
        }
    }
    m_flushed = 0;
    // A commit of a batch of millions leaves its blocks behind; everyday commits keep theirs.
    if (m_pending.size() > ChunkedVector<Pending>::BlockSize)
        m_pending.clear();
    else
        m_pending.truncate(0);
    return true;
}

void TransmissionQueue::purge(qint32 id)
{
    for (qint32 m = m_endpoints.popOutbox(id); m >= 0; m = m_endpoints.popOutbox(id)) {
        --m_count;
        m_ctx.loseMessage(m);
    }
}

TxReason TransmissionQueue::blockReason(const SimEndpoint &e) const
{
    if (!m_ctx.brokerEnabled)
        return TxReason::BrokerDisabled;
    const SimWorkload &w = m_ctx.workloads[e.workload];
    const SimService &svc = m_ctx.services[size_t(e.initiator ? w.to : w.from)];
    if (svc.remote)
        return TxReason::RouteFailure;
    if (svc.dropped)
        return TxReason::ServiceNotFound;
    if (!m_activation.queue(svc.queue).enqueueEnabled)
        return TxReason::QueueDisabled;
    return TxReason::None;
}

void TransmissionQueue::transmitNow(qint32 id, qint32 msg)
{
    if (m_endpoints.outboxCount(id) > 0) {
        m_endpoints.appendOutbox(id, msg); // keep the dialog's order behind what already waits
        ++m_count;
        ++m_ctx.transmissionEnqueued;
        return;
    }
    SimEndpoint &e = m_endpoints[id];
    const TxReason reason = blockReason(e);
    if (reason != TxReason::None) {
        m_endpoints.appendOutbox(id, msg);
        ++m_count;
        ++m_ctx.transmissionEnqueued;
        m_endpoints.setTxSince(id, m_ctx.messages[msg].sentAt);
        e.txReason = reason;
        e.txAttempt = 0;
        if (!e.inTxList) {
            e.inTxList = true;
            m_list.push_back(id);
        }
        m_ctx.events.push(m_ctx.now + TransmissionRetryFirstSeconds * Second, SimEventKind::TransmitRetry, id, e.gen);
        return;
    }
    m_delivery.deliver(id, msg);
}

void TransmissionQueue::retry(qint32 id, quint32 gen)
{
    if (!m_endpoints.valid(id, gen))
        return;
    if (m_endpoints.outboxCount(id) == 0)
        return;
    SimEndpoint &e = m_endpoints[id];
    const TxReason reason = blockReason(e);
    if (reason == TxReason::None) {
        e.txReason = TxReason::None;
        const quint32 current = e.gen;
        while (m_endpoints.valid(id, current) && m_endpoints.outboxCount(id) > 0) {
            const qint32 m = m_endpoints.popOutbox(id);
            --m_count;
            ++m_ctx.transmissionDequeued;
            m_delivery.deliver(id, m);
        }
        return;
    }
    e.txReason = reason;
    e.txAttempt = quint8(std::min(e.txAttempt + 1, 8));
    const int delay = std::min(TransmissionRetryFirstSeconds << e.txAttempt, TransmissionRetryMaxSeconds);
    m_ctx.events.push(m_ctx.now + delay * Second, SimEventKind::TransmitRetry, id, e.gen);
}

QString TransmissionQueue::statusOf(qint32 id) const
{
    const SimEndpoint &e = m_endpoints[id];
    const SimWorkload &w = m_ctx.workloads[e.workload];
    const int to = e.initiator ? w.to : w.from;
    return e.txReason == TxReason::RouteFailure ? m_ctx.services[size_t(to)].routeStatus : txReasonText(e.txReason);
}

void TransmissionQueue::appendTo(MonitorSample &s)
{
    s.transmissionQueueSize = m_count;
    if (m_count == 0)
        return;
    QHash<QPair<int, int>, int> index;
    SimTime oldest = Never;
    // Per group the oldest time in simulated microseconds, turned into a date once at the end.
    QList<SimTime> groupOldest;
    qint64 keep = 0;
    for (qint64 i = 0; i < m_list.size(); ++i) {
        const qint32 id = m_list[i];
        SimEndpoint &e = m_endpoints[id];
        const qint32 waiting = e.alive ? m_endpoints.outboxCount(id) : 0;
        if (waiting == 0) {
            e.inTxList = false;
            continue;
        }
        m_list[keep++] = id;
        const SimWorkload &w = m_ctx.workloads[e.workload];
        const int to = e.initiator ? w.to : w.from;
        const QPair<int, int> key(to, int(e.txReason));
        auto it = index.find(key);
        if (it == index.end()) {
            TransmissionGroup tg;
            tg.toService = m_ctx.services[size_t(to)].name;
            tg.status = statusOf(id);
            s.transmission.append(tg);
            groupOldest.append(Never);
            it = index.insert(key, int(s.transmission.size()) - 1);
        }
        s.transmission[it.value()].count += waiting;
        const SimTime since = m_endpoints.txSince(id);
        groupOldest[it.value()] = std::min(groupOldest[it.value()], since);
        oldest = std::min(oldest, since);
    }
    m_list.truncate(keep);
    for (qsizetype g = 0; g < s.transmission.size(); ++g)
        s.transmission[g].oldestEnqueueTime = m_ctx.wallTime(groupOldest[g]);
    if (oldest != Never)
        s.transmissionOldest = m_ctx.wallTime(oldest);
}

} // namespace bs::sim
