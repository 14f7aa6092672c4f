#include "core/sim/messagedelivery.h"

#include "core/sim/activationmonitor.h"
#include "core/sim/endpointlifecycle.h"

#include <algorithm>

namespace bs::sim {

MessageDelivery::MessageDelivery(SimContext &context, EndpointTable &endpoints, EndpointLifecycle &lifecycle,
                                 ActivationMonitor &activation)
    : m_ctx(context)
    , m_endpoints(endpoints)
    , m_lifecycle(lifecycle)
    , m_activation(activation)
{
}

void MessageDelivery::validateAll()
{
    for (SimWorkload &w : m_ctx.workloads)
        validate(w);
}

void MessageDelivery::validate(SimWorkload &w) const
{
    // The checks the target broker makes on arrival (§7 codes): contract on the service, type
    // in the contract, SENT BY direction, body validation.
    if (w.to >= 0 && m_ctx.services[size_t(w.to)].remote) {
        // A remote broker checks on its side; its messages never get there (RouteBehaviour).
        w.taskError = w.eosError = 0;
        return;
    }
    auto check = [&](int typeId, BodyKind body) {
        if (w.to < 0 || !m_ctx.services[size_t(w.to)].contracts.contains(w.contractId))
            return ErrorTargetDoesNotSupportContract;
        const Contract *ct = m_ctx.catalog.contract(w.contractId);
        const MessageType *mt = m_ctx.catalog.messageType(typeId);
        if (!ct || !mt)
            return ErrorTypeNotInContract;
        const auto u = std::find_if(ct->usages.begin(), ct->usages.end(), [&](const MessageUsage &x) { return x.messageTypeId == typeId; });
        if (u == ct->usages.end())
            return ErrorTypeNotInContract;
        if (!u->sentByInitiator)
            return ErrorWrongSentBy;
        if (mt->validation == QLatin1String("X") && body != BodyKind::Xml)
            return ErrorValidationFailed;
        if (mt->validation == QLatin1String("E") && body != BodyKind::Empty)
            return ErrorValidationFailed;
        return 0;
    };
    w.taskError = check(w.taskTypeId, w.spec.body);
    w.eosError = w.eosTypeId ? check(w.eosTypeId, BodyKind::Empty) : 0;
}

void MessageDelivery::deliver(qint32 fromId, qint32 msg)
{
    SimEndpoint &from = m_endpoints[fromId];
    const SimWorkload &w = m_ctx.workloads[from.workload];
    const SimMessageKind kind = m_ctx.messages[msg].kind;
    const bool userMessage = kind == SimMessageKind::Task || kind == SimMessageKind::EndOfStream;
    if (from.initiator && userMessage) {
        const int code = kind == SimMessageKind::Task ? w.taskError : w.eosError;
        if (code != 0) {
            // Rejected by the target broker: the message is gone and an Error comes back
            // (seed 001). [U] An existing target endpoint is left as it is.
            m_ctx.loseMessage(msg);
            const qint32 err = m_ctx.messages.allocate(SimMessageKind::Error, m_ctx.now, false, code);
            arrive(fromId, err);
            return;
        }
    }
    qint32 farId = -1;
    if (from.far >= 0 && m_endpoints.valid(from.far, from.farGen)) {
        farId = from.far;
    } else if (from.initiator && !from.farCreated && userMessage) {
        // A complete first message creates the target endpoint in CO (§3), in its own group.
        farId = m_endpoints.create(from.workload, false, EndpointState::CO, from.lifetimeEnd);
        SimEndpoint &t = m_endpoints[farId];
        SimEndpoint &f = m_endpoints[fromId];
        t.far = fromId;
        t.farGen = f.gen;
        t.farCreated = true;
        f.far = farId;
        f.farGen = t.gen;
        f.farCreated = true;
        m_lifecycle.startTimer(farId);
    }
    if (farId < 0) {
        m_ctx.loseMessage(msg);
        return;
    }
    SimEndpoint &f = m_endpoints[fromId];
    if (f.initiator) {
        if (!f.delivered)
            m_endpoints.markDelivered(fromId);
        else if (f.deliveredEarlier())
            m_endpoints[farId].stampAllowed = true;
    }
    arrive(farId, msg);
}

void MessageDelivery::arrive(qint32 id, qint32 msg)
{
    SimEndpoint &e = m_endpoints[id];
    const SimMessageKind kind = m_ctx.messages[msg].kind;
    switch (kind) {
    case SimMessageKind::Task:
    case SimMessageKind::EndOfStream:
        if (e.state() == EndpointState::CO || e.state() == EndpointState::SI) {
            m_endpoints.appendInbox(id, msg);
            ++m_activation.queue(m_endpoints.queueOf(e)).depth;
            ++m_ctx.enqueuedTotal;
            m_activation.markReady(id);
        } else {
            m_ctx.loseMessage(msg); // the endpoint ended or is in error: nothing can be enqueued
        }
        return;
    case SimMessageKind::EndDialog:
        if (e.state() == EndpointState::CO || e.state() == EndpointState::SI) {
            m_lifecycle.apply(id, EndpointEvent::EndDialogArrives);
            // The application receives EndDialog like any message, in order.
            m_endpoints.appendInbox(id, msg);
            ++m_activation.queue(m_endpoints.queueOf(m_endpoints[id])).depth;
            ++m_ctx.enqueuedTotal;
            m_activation.markReady(id);
        } else {
            m_lifecycle.apply(id, EndpointEvent::EndDialogArrives);
            m_ctx.messages.free(msg);
        }
        return;
    case SimMessageKind::Error:
        m_lifecycle.apply(id, EndpointEvent::ErrorArrives, m_ctx.messages[msg].errorCode);
        m_ctx.messages.free(msg);
        return;
    case SimMessageKind::DialogTimer:
        m_ctx.messages.free(msg); // local only: never travels (EndpointLifecycle::timerFires)
        return;
    }
}

} // namespace bs::sim
