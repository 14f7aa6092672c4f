#include "data/history/bitwriter.h"

#include <utility>

namespace bs {

void BitWriter::write(quint64 bits, int count)
{
    // In halves of at most 32 bits, so that the accumulator (at most 7 pending bits) never overflows.
    while (count > 0) {
        const int n = count > 32 ? 32 : count;
        const quint64 part = n == 64 ? bits : bits & ((quint64(1) << n) - 1);
        m_acc |= part << m_pending;
        m_pending += n;
        while (m_pending >= 8) {
            m_bytes.append(char(m_acc & 0xff));
            m_acc >>= 8;
            m_pending -= 8;
        }
        bits = n == 64 ? 0 : bits >> n;
        count -= n;
    }
}

void BitWriter::writeUnary(int count)
{
    for (; count >= 32; count -= 32)
        write(0xffffffffu, 32);
    write((quint64(1) << count) - 1, count + 1);
}

QByteArray BitWriter::take()
{
    if (m_pending > 0)
        m_bytes.append(char(m_acc & 0xff));
    m_acc = 0;
    m_pending = 0;
    return std::exchange(m_bytes, QByteArray());
}

} // namespace bs
