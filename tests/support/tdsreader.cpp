#include "tdsreader.h"

#include <utility>

namespace bs {

TdsReader::TdsReader(QByteArray data)
    : m_data(std::move(data))
{
}

bool TdsReader::need(qsizetype n)
{
    if (n < 0 || m_pos + n > m_data.size()) {
        m_ok = false;
        m_pos = m_data.size();
        return false;
    }
    return true;
}

void TdsReader::seek(qsizetype pos)
{
    if (pos < 0 || pos > m_data.size()) {
        m_ok = false;
        m_pos = m_data.size();
        return;
    }
    m_pos = pos;
}

void TdsReader::skip(qsizetype n)
{
    if (need(n))
        m_pos += n;
}

quint8 TdsReader::u8()
{
    if (!need(1))
        return 0;
    return static_cast<quint8>(m_data.at(m_pos++));
}

quint16 TdsReader::u16()
{
    const quint16 lo = u8();
    const quint16 hi = u8();
    return static_cast<quint16>(lo | (hi << 8));
}

quint16 TdsReader::u16be()
{
    const quint16 hi = u8();
    const quint16 lo = u8();
    return static_cast<quint16>(lo | (hi << 8));
}

quint32 TdsReader::u32()
{
    const quint32 lo = u16();
    const quint32 hi = u16();
    return lo | (hi << 16);
}

quint32 TdsReader::u32be()
{
    const quint32 hi = u16be();
    const quint32 lo = u16be();
    return lo | (hi << 16);
}

quint64 TdsReader::u64()
{
    const quint64 lo = u32();
    const quint64 hi = u32();
    return lo | (hi << 32);
}

QByteArray TdsReader::bytes(qsizetype n)
{
    if (!need(n))
        return {};
    const QByteArray b = m_data.mid(m_pos, n);
    m_pos += n;
    return b;
}

QString TdsReader::ucs2(qsizetype chars)
{
    const QByteArray b = bytes(chars * 2);
    QString s(chars, Qt::Uninitialized);
    for (qsizetype i = 0; i < b.size() / 2; ++i) {
        const auto lo = static_cast<quint8>(b.at(2 * i));
        const auto hi = static_cast<quint8>(b.at(2 * i + 1));
        s[i] = QChar(static_cast<char16_t>(lo | (hi << 8)));
    }
    if (b.size() != chars * 2)
        return {};
    return s;
}

QString TdsReader::bVarchar()
{
    return ucs2(u8());
}

QString TdsReader::usVarchar()
{
    return ucs2(u16());
}

QByteArray TdsReader::rest()
{
    const QByteArray b = m_data.mid(m_pos);
    m_pos = m_data.size();
    return b;
}

} // namespace bs
