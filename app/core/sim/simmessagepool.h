#pragma once

#include "core/sim/chunkedvector.h"
#include "core/sim/simconstants.h"

#include <QByteArray>
#include <QHash>

namespace bs::sim {

/// The kinds of message the simulator moves: the workload's task and EndOfStream messages and
/// the broker's EndDialog, Error and (local only) DialogTimer messages.
enum class SimMessageKind : quint8 { Task, EndOfStream, EndDialog, Error, DialogTimer };

/// A message in a queue or in the transmission queue.
struct SimMessage
{
    SimTime sentAt = 0;
    qint32 next = -1;
    qint32 errorCode = 0;
    SimMessageKind kind = SimMessageKind::Task;
    bool poison = false;
    bool doomedRetry = false;
    bool typedBody = false; ///< its body is the one a user typed (SimMessagePool::typedBody), not generated
    bool fails = false; ///< a received task: its task fails (drawn at RECEIVE)
};

/// A conversation's messages in order, linked through SimMessage::next.
struct SimMessageList
{
    qint32 head = -1;
    qint32 tail = -1;
    qint32 count = 0;
};

/// Every message of a run in one ChunkedVector with a free list, so that sending allocates
/// nothing once warmed up and a batch of millions of messages never copies the pool. Messages are addressed by index; lists link them in place. Defined in the
/// header because the event loop calls these for every message.
class SimMessagePool
{
public:
    qint32 allocate(SimMessageKind kind, SimTime sentAt, bool poison = false, qint32 code = 0)
    {
        qint32 m = m_free;
        if (m >= 0) {
            m_free = m_messages[m].next;
        } else {
            m = qint32(m_messages.size());
            m_messages.push_back(SimMessage{});
        }
        m_messages[m] = SimMessage{sentAt, -1, code, kind, poison, false, false};
        return m;
    }

    void free(qint32 m)
    {
        if (m_messages[m].typedBody)
            m_typedBodies.remove(m);
        m_messages[m].next = m_free;
        m_free = m;
    }

    SimMessage &operator[](qint32 m) { return m_messages[m]; }
    const SimMessage &operator[](qint32 m) const { return m_messages[m]; }

    void append(SimMessageList &l, qint32 m)
    {
        m_messages[m].next = -1;
        if (l.tail >= 0)
            m_messages[l.tail].next = m;
        else
            l.head = m;
        l.tail = m;
        ++l.count;
    }

    void prepend(SimMessageList &l, qint32 m)
    {
        m_messages[m].next = l.head;
        l.head = m;
        if (l.tail < 0)
            l.tail = m;
        ++l.count;
    }

    /// Unlinks the first message of `l`; -1 when the list is empty.
    qint32 popFront(SimMessageList &l)
    {
        const qint32 m = l.head;
        if (m < 0)
            return -1;
        l.head = m_messages[m].next;
        if (l.head < 0)
            l.tail = -1;
        --l.count;
        return m;
    }

    qint64 allocatedBytes() const { return m_messages.allocatedBytes(); }

    /// Gives message `m` the body a user typed (a test message); it goes with the message when
    /// the message is freed. Only those few messages carry bytes: the others' bodies are made
    /// up when browsed.
    void setTypedBody(qint32 m, const QByteArray &body)
    {
        m_messages[m].typedBody = true;
        m_typedBodies.insert(m, body);
    }
    /// The typed body of `m`; nullptr when its body is the simulation's own.
    const QByteArray *typedBody(qint32 m) const
    {
        if (!m_messages[m].typedBody)
            return nullptr;
        const auto it = m_typedBodies.constFind(m);
        return it == m_typedBodies.cend() ? nullptr : &it.value();
    }

private:
    ChunkedVector<SimMessage> m_messages;
    QHash<qint32, QByteArray> m_typedBodies;
    qint32 m_free = -1;
};

} // namespace bs::sim
