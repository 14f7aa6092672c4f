#pragma once

#include <QUuid>

namespace bs::sim {

/// The ids a simulated run shows for an endpoint (conversation handle, group, conversation):
/// its slot in the endpoint table and its generation, "SIM" and a tag in the last bytes. The
/// slot comes first, so the simulation's keyset order (the guided cleanup's) is the slot order,
/// as a server's is its uniqueidentifier order. One layout for browsing, operations and cleanup.
namespace handles {

constexpr uchar HandleTag = 'H';
constexpr uchar GroupTag = 'G';
constexpr uchar ConversationTag = 'C';

inline QUuid make(qint32 slot, quint32 gen, uchar tag = HandleTag)
{
    return QUuid(uint(slot), ushort(gen >> 16), ushort(gen & 0xFFFF), 0x80, 'S', 'I', 'M', 0, 0, 0, tag);
}

/// The slot and generation of a conversation handle the simulation made; false for any other id.
inline bool parse(const QUuid &handle, qint32 *slot, quint32 *gen)
{
    if (handle.data4[1] != 'S' || handle.data4[2] != 'I' || handle.data4[3] != 'M' || handle.data4[7] != HandleTag)
        return false;
    *slot = qint32(handle.data1);
    *gen = (quint32(handle.data2) << 16) | handle.data3;
    return *slot >= 0;
}

/// The slot a keyset walk continues after (-1: from the start).
inline qint32 slotAfter(const QUuid &after)
{
    return after.isNull() ? -1 : qint32(after.data1);
}

} // namespace handles
} // namespace bs::sim
