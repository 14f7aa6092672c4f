#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace bs {

// Unsigned LEB128 varints, as the history's points rows and blocks store counts and ids.

inline void putVarint(QByteArray &out, quint64 v)
{
    while (v >= 0x80) {
        out.append(char((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.append(char(v));
}

/// Reads one varint at `p` and advances it; false when the bytes end first or it runs past 64 bits.
inline bool getVarint(const char *&p, const char *end, quint64 *v)
{
    quint64 result = 0;
    for (int shift = 0; shift < 64 && p < end; shift += 7) {
        const auto byte = quint8(*p++);
        result |= quint64(byte & 0x7f) << shift;
        if (!(byte & 0x80)) {
            *v = result;
            return true;
        }
    }
    return false;
}

} // namespace bs
