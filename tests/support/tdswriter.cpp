#include "tdswriter.h"

namespace bs {

void TdsWriter::u8(quint8 v)
{
    m_data.append(static_cast<char>(v));
}

void TdsWriter::u16(quint16 v)
{
    u8(v & 0xFF);
    u8(v >> 8);
}

void TdsWriter::u16be(quint16 v)
{
    u8(v >> 8);
    u8(v & 0xFF);
}

void TdsWriter::u32(quint32 v)
{
    u16(v & 0xFFFF);
    u16(v >> 16);
}

void TdsWriter::u32be(quint32 v)
{
    u16be(v >> 16);
    u16be(v & 0xFFFF);
}

void TdsWriter::u64(quint64 v)
{
    u32(static_cast<quint32>(v & 0xFFFFFFFFu));
    u32(static_cast<quint32>(v >> 32));
}

void TdsWriter::bytes(const QByteArray &b)
{
    m_data.append(b);
}

void TdsWriter::ucs2(const QString &s)
{
    for (QChar c : s)
        u16(c.unicode());
}

void TdsWriter::bVarchar(const QString &s)
{
    const QString t = s.left(255);
    u8(static_cast<quint8>(t.size()));
    ucs2(t);
}

void TdsWriter::usVarchar(const QString &s)
{
    const QString t = s.left(65535);
    u16(static_cast<quint16>(t.size()));
    ucs2(t);
}

void TdsWriter::patchU16(qsizetype pos, quint16 v)
{
    m_data[pos] = static_cast<char>(v & 0xFF);
    m_data[pos + 1] = static_cast<char>(v >> 8);
}

} // namespace bs
