// What a DBA sees of a simulated run and does to it: browse queues, the transmission queue and
// conversations; END CONVERSATION in its three forms and ALTER QUEUE, as the statements do.
#include "core/sim/simulator.h"

#include "core/sim/simhandles.h"
#include "core/sim/simulatorprivate.h"

#include <algorithm>

namespace bs::sim {

namespace {

using handles::ConversationTag;
using handles::GroupTag;
using handles::HandleTag;

const QString EndDialogType = QStringLiteral("http://schemas.microsoft.com/SQL/ServiceBroker/EndDialog");
const QString ErrorType = QStringLiteral("http://schemas.microsoft.com/SQL/ServiceBroker/Error");
const QString DialogTimerType = QStringLiteral("http://schemas.microsoft.com/SQL/ServiceBroker/DialogTimer");

QString notFound(const QUuid &handle)
{
    // SQL Server's message 8426 for a handle it does not know.
    return QStringLiteral("The conversation handle \"%1\" is not found.").arg(handle.toString(QUuid::WithoutBraces).toUpper());
}

} // namespace

namespace {

struct Names
{
    QString local, far, contract, messageType;
};

Names namesOf(const SimContext &ctx, const SimEndpoint &e, const SimMessage *m)
{
    const WorkloadSpec &spec = ctx.workloads[e.workload].spec;
    Names n{e.initiator ? spec.fromService : spec.toService, e.initiator ? spec.toService : spec.fromService,
            spec.contract, spec.messageType};
    if (m) {
        switch (m->kind) {
        case SimMessageKind::Task: break;
        case SimMessageKind::EndOfStream: n.messageType = spec.endOfStreamType; break;
        case SimMessageKind::EndDialog: n.messageType = EndDialogType; break;
        case SimMessageKind::Error: n.messageType = ErrorType; break;
        case SimMessageKind::DialogTimer: n.messageType = DialogTimerType; break;
        }
    }
    return n;
}

// The body a message of the simulation carries: the one typed in the send dialog (its first
// BodyCapBytes, as a fetch on a server), the broker's Error XML (UTF-16, as SQL Server writes it),
// none for EndDialog, a small task document for the workload's messages.
MessageBody bodyOf(const SimMessagePool &pool, qint32 index, qint64 taskNumber)
{
    const SimMessage &m = pool[index];
    MessageBody b;
    if (const QByteArray *typed = pool.typedBody(index)) {
        b.head = typed->left(BodyCapBytes);
        b.totalSize = typed->size();
        return b;
    }
    QString xml;
    switch (m.kind) {
    case SimMessageKind::EndDialog:
    case SimMessageKind::DialogTimer:
        b.isNull = true;
        return b;
    case SimMessageKind::Error:
        xml = QStringLiteral("<?xml version=\"1.0\"?><Error xmlns=\"http://schemas.microsoft.com/SQL/ServiceBroker/Error\">"
                             "<Code>%1</Code><Description>%2</Description></Error>")
                  .arg(m.errorCode)
                  .arg(m.errorCode > 0 ? QStringLiteral("Ended by the DBA.") : QStringLiteral("Broker error."));
        break;
    case SimMessageKind::EndOfStream:
        return b; // VALIDATION = EMPTY: an empty body
    case SimMessageKind::Task:
        xml = QStringLiteral("<task><procedure>dbo.ProcessOrder</procedure><claim>%1</claim><sent>%2</sent></task>")
                  .arg(taskNumber)
                  .arg(m.sentAt / Millisecond);
        break;
    }
    b.head = QByteArray("\xFF\xFE", 2) + QByteArray(reinterpret_cast<const char *>(xml.utf16()), xml.size() * 2);
    b.totalSize = b.head.size();
    return b;
}

} // namespace

QList<QueueMessage> Simulator::queueMessages(int queueIndex, qint64 after, int rows, bool *hasMore) const
{
    QList<QueueMessage> out;
    *hasMore = false;
    const SimContext &ctx = d->m_ctx;
    const EndpointTable &eps = d->m_endpoints;
    qint64 position = 0;
    for (qint32 id = 0; id < eps.slotCount(); ++id) {
        const SimEndpoint &e = eps[id];
        if (!e.alive || eps.inboxCount(id) == 0 || eps.queueOf(e) != queueIndex)
            continue;
        if (position + eps.inboxCount(id) <= after) {
            position += eps.inboxCount(id);
            continue;
        }
        qint64 sequence = 0;
        for (qint32 m = eps.inboxHead(id); m >= 0; m = ctx.messages[m].next, ++sequence) {
            if (++position <= after)
                continue;
            if (out.size() == rows) {
                *hasMore = true;
                return out;
            }
            const SimMessage &msg = ctx.messages[m];
            const Names n = namesOf(ctx, e, &msg);
            QueueMessage q;
            q.status = 1;
            q.queuingOrder = position;
            q.conversationHandle = handles::make(id, e.gen, HandleTag);
            q.conversationGroup = handles::make(id, e.gen, GroupTag);
            q.sequenceNumber = sequence;
            q.serviceName = n.local;
            q.contractName = n.contract;
            q.messageTypeName = n.messageType;
            q.validation = msg.kind == SimMessageKind::EndDialog || msg.kind == SimMessageKind::EndOfStream
                ? QStringLiteral("E") : QStringLiteral("X");
            q.bodySize = bodyOf(ctx.messages, m, position).totalSize;
            out.append(q);
        }
    }
    return out;
}

MessageBody Simulator::messageBody(const QUuid &handle, qint64 sequenceNumber) const
{
    qint32 id = -1;
    quint32 gen = 0;
    MessageBody b;
    if (!handles::parse(handle, &id, &gen) || !d->m_endpoints.valid(id, gen)) {
        b.error = notFound(handle);
        return b;
    }
    qint64 sequence = 0;
    for (qint32 m = d->m_endpoints.inboxHead(id); m >= 0; m = d->m_ctx.messages[m].next, ++sequence) {
        if (sequence == sequenceNumber)
            return bodyOf(d->m_ctx.messages, m, sequence + 1);
    }
    b.error = QStringLiteral("The message is no longer in the queue (received or removed meanwhile).");
    return b;
}

QList<TransmissionMessage> Simulator::transmissionMessages(int rows) const
{
    QList<TransmissionMessage> out;
    const SimContext &ctx = d->m_ctx;
    const EndpointTable &eps = d->m_endpoints;
    for (qint32 id = 0; id < eps.slotCount(); ++id) {
        const SimEndpoint &e = eps[id];
        if (!e.alive || eps.outboxCount(id) == 0)
            continue;
        const QString status = d->m_transmission.statusOf(id);
        qint64 sequence = 0;
        for (qint32 m = eps.outboxHead(id); m >= 0; m = ctx.messages[m].next, ++sequence) {
            const SimMessage &msg = ctx.messages[m];
            const Names n = namesOf(ctx, e, &msg);
            TransmissionMessage t;
            t.conversationHandle = handles::make(id, e.gen, HandleTag);
            t.toService = n.far;
            t.fromService = n.local;
            t.messageTypeName = n.messageType;
            t.enqueueTimeUtc = ctx.wallTime(msg.sentAt);
            t.sequenceNumber = sequence;
            t.isEndOfDialog = msg.kind == SimMessageKind::EndDialog;
            t.isError = msg.kind == SimMessageKind::Error;
            t.transmissionStatus = status;
            out.append(t);
        }
    }
    // The oldest first, as ORDER BY enqueue_time, message_sequence_number does.
    std::stable_sort(out.begin(), out.end(), [](const TransmissionMessage &a, const TransmissionMessage &b) {
        return a.enqueueTimeUtc < b.enqueueTimeUtc;
    });
    if (out.size() > rows)
        out.resize(rows);
    return out;
}

ConversationDetail Simulator::conversation(const QUuid &handle) const
{
    ConversationDetail c;
    qint32 id = -1;
    quint32 gen = 0;
    const EndpointTable &eps = d->m_endpoints;
    if (!handles::parse(handle, &id, &gen) || !eps.valid(id, gen)) {
        c.error = notFound(handle);
        return c;
    }
    const SimEndpoint &self = eps[id];
    const qint32 initiator = self.initiator ? id : self.far;
    const quint32 initiatorGen = self.initiator ? self.gen : self.farGen;
    const QUuid conversationId = handles::make(initiator, initiatorGen, ConversationTag);
    c.queuedMessages = 0;
    QList<qint32> sides{id};
    if (eps.valid(self.far, self.farGen))
        sides.append(self.far);
    for (qint32 side : sides) {
        const SimEndpoint &e = eps[side];
        const Names n = namesOf(d->m_ctx, e, nullptr);
        ConversationEndpoint row;
        row.handle = handles::make(side, e.gen, HandleTag);
        row.conversationId = conversationId;
        row.conversationGroup = handles::make(side, e.gen, GroupTag);
        row.isInitiator = e.initiator;
        row.state = endpointStateCode(e.state());
        row.localService = n.local;
        row.farService = n.far;
        row.lifetimeUtc = e.neverExpiring ? QDateTime(QDate(2094, 1, 1), QTime(0, 0), Qt::UTC)
                                          : d->m_ctx.wallTime(e.lifetimeEnd);
        row.securityTimestampUtc = e.stampSet ? d->m_ctx.wallTime(d->m_ctx.now)
                                              : QDateTime(QDate(1900, 1, 1), QTime(0, 0), Qt::UTC);
        c.endpoints.append(row);
        c.queuedMessages += eps.inboxCount(side);
    }
    for (const TransmissionMessage &t : transmissionMessages(int(qMin<qint64>(d->m_transmission.size(), 100000)))) {
        if (t.conversationHandle == handle)
            c.transmission.append(t);
    }
    return c;
}

QList<QUuid> Simulator::endpointHandles(const QString &local, const QString &far, const QList<EndpointState> &states,
                                        qint64 limit) const
{
    QList<QUuid> out;
    const EndpointTable &eps = d->m_endpoints;
    for (qint32 id = 0; id < eps.slotCount() && (limit < 0 || out.size() < limit); ++id) {
        const SimEndpoint &e = eps[id];
        if (!e.alive || (!states.isEmpty() && !states.contains(e.state())))
            continue;
        const Names n = namesOf(d->m_ctx, e, nullptr);
        if ((local.isEmpty() || n.local == local) && (far.isEmpty() || n.far == far))
            out.append(handles::make(id, e.gen, HandleTag));
    }
    return out;
}

bool Simulator::endConversation(const QUuid &handle, EndpointEvent how, int errorCode, QString *error)
{
    qint32 id = -1;
    quint32 gen = 0;
    if (!handles::parse(handle, &id, &gen) || !d->m_endpoints.valid(id, gen)) {
        *error = notFound(handle);
        return false;
    }
    SimEndpoint &e = d->m_endpoints[id];
    if (EndpointStateMachine::apply(e.state(), e.initiator, how).fails) {
        *error = notFound(handle); // an ended conversation's handle is no longer valid for END
        return false;
    }
    // An event the GUI's slice left part-way is finished first: the statement runs between
    // transactions, as it would on a server.
    d->m_ctx.workBudget = -1;
    d->finishEvent();
    ++d->m_ctx.eventSerial;
    d->m_lifecycle.apply(id, how, how == EndpointEvent::EndWithError ? errorCode : 0);
    d->m_activation.commit();
    d->m_endpoints.endTransaction();
    return true;
}

bool Simulator::alterQueue(const ChangeSpec &change, QString *error)
{
    const bool exists = std::any_of(d->m_ctx.catalog.queues.cbegin(), d->m_ctx.catalog.queues.cend(), [&](const Queue &q) {
        return q.schema + QLatin1Char('.') + q.name == change.target;
    });
    if (!exists) {
        *error = QStringLiteral("Cannot find the queue '%1', because it does not exist or you do not have permission.")
                     .arg(change.target);
        return false;
    }
    d->m_ctx.workBudget = -1;
    d->finishEvent();
    d->applyChange(change);
    return true;
}

QList<QueueMessage> Simulator::conversationMessages(int queueIndex, const QUuid &handle) const
{
    QList<QueueMessage> out;
    bool more = true;
    for (qint64 after = -1; more;) {
        const QList<QueueMessage> page = queueMessages(queueIndex, after, 1000, &more);
        for (const QueueMessage &m : page) {
            if (m.conversationHandle == handle)
                out.append(m);
        }
        if (page.isEmpty())
            break;
        after = page.last().queuingOrder;
    }
    return out;
}

PoisonCandidate Simulator::poisonCandidate(int queueIndex) const
{
    PoisonCandidate c;
    const EndpointTable &eps = d->m_endpoints;
    qint32 worst = -1;
    for (qint32 id = 0; id < eps.slotCount(); ++id) {
        const SimEndpoint &e = eps[id];
        if (e.alive && eps.inboxCount(id) > 0 && eps.queueOf(e) == queueIndex && e.rollbacks > 0
            && (worst < 0 || e.rollbacks > eps[worst].rollbacks))
            worst = id;
    }
    if (worst < 0)
        return c;
    const QList<QueueMessage> messages = conversationMessages(queueIndex, handles::make(worst, eps[worst].gen, HandleTag));
    c.found = !messages.isEmpty();
    if (c.found)
        c.message = messages.first();
    c.how = QStringLiteral("The simulator knows it: the first message of the conversation whose RECEIVE was rolled back "
                           "%1 times in a row (on a server, the head of the queue in RECEIVE order).")
                .arg(eps[worst].rollbacks);
    return c;
}

bool Simulator::sendMessage(const QString &from, const QString &to, const QString &contract, const QString &messageType,
                            const QByteArray &body, bool endAfterSend, QUuid *handle, QString *error)
{
    SimContext &ctx = d->m_ctx;
    int wi = -1;
    for (int i = 0; i < int(ctx.workloads.size()); ++i) {
        const WorkloadSpec &w = ctx.workloads[size_t(i)].spec;
        if (w.fromService == from && w.toService == to && w.contract == contract)
            wi = i;
    }
    if (wi < 0) {
        *error = QStringLiteral("The simulation has no dialog from service '%1' to '%2' on contract '%3': its workloads "
                                "define which services talk.").arg(from, to, contract);
        return false;
    }
    const WorkloadSpec &spec = ctx.workloads[size_t(wi)].spec;
    SimMessageKind kind = SimMessageKind::Task;
    if (messageType == spec.endOfStreamType && !spec.endOfStreamType.isEmpty())
        kind = SimMessageKind::EndOfStream;
    else if (messageType != spec.messageType) {
        // SQL Server's message 8431 for a type the contract does not allow from this side.
        *error = QStringLiteral("The message type '%1' is not part of the service contract.").arg(messageType);
        return false;
    }
    // Between transactions, as endConversation().
    ctx.workBudget = -1;
    d->finishEvent();
    ++ctx.eventSerial;
    const qint32 id = d->m_endpoints.create(wi, true, EndpointState::SO, ctx.now + ctx.workloads[size_t(wi)].lifetime);
    if (kind == SimMessageKind::Task) {
        ++ctx.flow.sent;
        ++ctx.flow.inFlight;
    }
    qint32 message = -1;
    d->m_lifecycle.send(id, kind, false, &message); // SO accepts a SEND
    if (kind == SimMessageKind::Task && message >= 0)
        ctx.messages.setTypedBody(message, body); // an end-of-stream message is EMPTY
    *handle = handles::make(id, d->m_endpoints[id].gen, HandleTag);
    if (endAfterSend)
        d->m_lifecycle.apply(id, EndpointEvent::End);
    d->m_activation.commit();
    d->m_endpoints.endTransaction();
    return true;
}

qint64 Simulator::setBrokerOption(BrokerSwitch option)
{
    SimContext &ctx = d->m_ctx;
    ctx.workBudget = -1;
    d->finishEvent();
    qint64 ended = 0;
    if (option == BrokerSwitch::NewBroker || option == BrokerSwitch::ErrorConversations) {
        ++ctx.eventSerial;
        const EndpointEvent how = option == BrokerSwitch::NewBroker ? EndpointEvent::EndWithCleanup : EndpointEvent::EndWithError;
        EndpointTable &eps = d->m_endpoints;
        for (qint32 id = 0; id < eps.slotCount(); ++id) {
            if (!eps[id].alive || EndpointStateMachine::apply(eps[id].state(), eps[id].initiator, how).fails)
                continue;
            // Each endpoint ends as END CONVERSATION … WITH ERROR would end it: its far side gets the
            // Error. The broker's own error code is not modelled (0: "Broker error." in the body).
            d->m_lifecycle.apply(id, how, 0);
            ++ended;
        }
        d->m_activation.commit();
        eps.endTransaction();
    }
    ChangeSpec change;
    change.action = ChangeAction::SetBroker;
    change.status = option != BrokerSwitch::Disable;
    d->applyChange(change);
    return ended;
}

} // namespace bs::sim
