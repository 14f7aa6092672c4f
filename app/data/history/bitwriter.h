#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace bs {

/// Writes a stream of bits into bytes, least significant bit first: the bit-level half of the
/// history's column codec (ColumnCodec). The last byte is padded with zero bits.
class BitWriter
{
public:
    /// Writes the low `count` bits of `bits` (count 0…64).
    void write(quint64 bits, int count);
    void writeBit(bool bit) { write(bit ? 1 : 0, 1); }
    /// `count` one bits followed by a zero bit.
    void writeUnary(int count);
    qint64 bitCount() const { return qint64(m_bytes.size()) * 8 + m_pending; }
    /// The bytes written so far, the last one padded; the writer is empty afterwards.
    QByteArray take();

private:
    QByteArray m_bytes;
    quint64 m_acc = 0; ///< bits not yet in m_bytes (fewer than 8 between calls)
    int m_pending = 0;
};

} // namespace bs
