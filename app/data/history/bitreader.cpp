#include "data/history/bitreader.h"

namespace bs {

bool BitReader::read(int count, quint64 *bits)
{
    if (m_failed || count < 0 || count > 64 || m_position + count > qint64(m_bytes.size()) * 8) {
        m_failed = true;
        return false;
    }
    quint64 result = 0;
    int done = 0;
    while (done < count) {
        const auto byte = quint8(m_bytes[m_position >> 3]);
        const int offset = int(m_position & 7);
        const int take = std::min(8 - offset, count - done);
        const quint64 part = (quint64(byte) >> offset) & ((quint64(1) << take) - 1);
        result |= part << done;
        done += take;
        m_position += take;
    }
    *bits = result;
    return true;
}

bool BitReader::readBit(bool *bit)
{
    quint64 b = 0;
    if (!read(1, &b))
        return false;
    *bit = b != 0;
    return true;
}

bool BitReader::readUnary(int limit, int *count)
{
    int n = 0;
    while (n < limit) {
        bool one = false;
        if (!readBit(&one))
            return false;
        if (!one)
            break;
        ++n;
    }
    *count = n;
    return true;
}

} // namespace bs
