#include "core/sim/transmissionqueue.h"

#include "core/sim/activationmonitor.h"
#include "core/sim/messagedelivery.h"

#include <QHash>

#include <algorithm>

namespace bs::sim {

namespace {

QString txReasonText(TxReason reason)
{
    // [U] Paraphrases of the transmission_status texts; the real wording is not documented.
    // A disabled broker leaves the status empty ("not tried yet", §1).
    switch (reason) {
    case TxReason::QueueDisabled:
        return QStringLiteral("One or more messages could not be delivered to the local service targeted by this dialog. The target queue is disabled.");
    case TxReason::ServiceNotFound:
        return QStringLiteral("The target service name could not be found. Ensure that the service name is specified correctly and/or the routing information has been supplied.");
    default:
        return QString();
    }
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

void TransmissionQueue::flush()
{
    for (size_t i = 0; i < m_pending.size(); ++i) {
        const Pending p = m_pending[i];
        if (m_endpoints.valid(p.ep, p.gen)) {
            transmitNow(p.ep, p.msg);
        } else if (m_ctx.messages[p.msg].kind == SimMessageKind::EndDialog && m_endpoints.valid(p.far, p.farGen)) {
            // The endpoint closed and was deleted in this transaction (END while DI): its
            // acknowledgement still reaches the far side, which can now close.
            if (p.initiator && p.deliveredTxn >= 0 && p.deliveredTxn < m_ctx.eventSerial)
                m_endpoints[p.far].stampAllowed = true;
            m_delivery.arrive(p.far, p.msg);
        } else {
            m_ctx.loseMessage(p.msg);
        }
    }
    m_pending.clear();
}

void TransmissionQueue::purge(qint32 id)
{
    SimEndpoint &e = m_endpoints[id];
    for (qint32 m = m_ctx.messages.popFront(e.outbox); m >= 0; m = m_ctx.messages.popFront(e.outbox)) {
        --m_count;
        m_ctx.loseMessage(m);
    }
}

TxReason TransmissionQueue::blockReason(const SimEndpoint &e) const
{
    if (!m_ctx.brokerEnabled)
        return TxReason::BrokerDisabled;
    const SimWorkload &w = m_ctx.workloads[size_t(e.workload)];
    const SimService &svc = m_ctx.services[size_t(e.initiator ? w.to : w.from)];
    if (svc.dropped)
        return TxReason::ServiceNotFound;
    if (!m_activation.queue(svc.queue).enqueueEnabled)
        return TxReason::QueueDisabled;
    return TxReason::None;
}

void TransmissionQueue::transmitNow(qint32 id, qint32 msg)
{
    SimEndpoint &e = m_endpoints[id];
    if (e.outbox.count > 0) {
        m_ctx.messages.append(e.outbox, msg); // keep the dialog's order behind what already waits
        ++m_count;
        return;
    }
    const TxReason reason = blockReason(e);
    if (reason != TxReason::None) {
        m_ctx.messages.append(e.outbox, msg);
        ++m_count;
        e.txSince = m_ctx.messages[msg].sentAt;
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
    SimEndpoint &e = m_endpoints[id];
    if (e.outbox.count == 0)
        return;
    const TxReason reason = blockReason(e);
    if (reason == TxReason::None) {
        e.txReason = TxReason::None;
        const quint32 current = e.gen;
        while (m_endpoints.valid(id, current) && m_endpoints[id].outbox.count > 0) {
            const qint32 m = m_ctx.messages.popFront(m_endpoints[id].outbox);
            --m_count;
            m_delivery.deliver(id, m);
        }
        return;
    }
    e.txReason = reason;
    e.txAttempt = quint8(std::min(e.txAttempt + 1, 8));
    const int delay = std::min(TransmissionRetryFirstSeconds << e.txAttempt, TransmissionRetryMaxSeconds);
    m_ctx.events.push(m_ctx.now + delay * Second, SimEventKind::TransmitRetry, id, e.gen);
}

void TransmissionQueue::appendTo(MonitorSample &s)
{
    s.transmissionQueueSize = m_count;
    if (m_count == 0)
        return;
    QHash<QPair<int, int>, int> index;
    SimTime oldest = Never;
    size_t keep = 0;
    for (const qint32 id : m_list) {
        SimEndpoint &e = m_endpoints[id];
        if (!e.alive || e.outbox.count == 0) {
            e.inTxList = false;
            continue;
        }
        m_list[keep++] = id;
        const SimWorkload &w = m_ctx.workloads[size_t(e.workload)];
        const int to = e.initiator ? w.to : w.from;
        const QPair<int, int> key(to, int(e.txReason));
        auto it = index.find(key);
        if (it == index.end()) {
            TransmissionGroup tg;
            tg.toService = m_ctx.services[size_t(to)].name;
            tg.status = txReasonText(e.txReason);
            s.transmission.append(tg);
            it = index.insert(key, int(s.transmission.size()) - 1);
        }
        TransmissionGroup &tg = s.transmission[it.value()];
        tg.count += e.outbox.count;
        const QDateTime since = m_ctx.wallTime(e.txSince);
        if (!tg.oldestEnqueueTime || since < *tg.oldestEnqueueTime)
            tg.oldestEnqueueTime = since;
        oldest = std::min(oldest, e.txSince);
    }
    m_list.resize(keep);
    if (oldest != Never)
        s.transmissionOldest = m_ctx.wallTime(oldest);
}

} // namespace bs::sim
