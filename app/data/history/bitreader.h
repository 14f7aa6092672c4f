#pragma once

#include <QByteArrayView>
#include <QtGlobal>

namespace bs {

/// Reads what BitWriter wrote, least significant bit first. Reading past the end fails (returns
/// false and keeps failing) instead of inventing bits, so a truncated stream is noticed.
class BitReader
{
public:
    explicit BitReader(QByteArrayView bytes) : m_bytes(bytes) {}

    /// Reads `count` bits (0…64) into `*bits`.
    bool read(int count, quint64 *bits);
    bool readBit(bool *bit);
    /// Counts one bits up to the next zero bit, or stops after `limit` ones (no zero consumed then).
    bool readUnary(int limit, int *count);
    bool atEnd() const { return m_position >= qint64(m_bytes.size()) * 8; }

private:
    QByteArrayView m_bytes;
    qint64 m_position = 0; ///< in bits
    bool m_failed = false;
};

} // namespace bs
