#pragma once

#include <QByteArray>
#include <QString>

namespace bs {

/// Appends TDS wire values to a buffer: little-endian integers, UCS-2 text and the
/// length-prefixed string forms of [MS-TDS] 2.2.5.1 (B_VARCHAR, US_VARCHAR).
class TdsWriter
{
public:
    void u8(quint8 v);
    void u16(quint16 v);
    void u16be(quint16 v);
    void u32(quint32 v);
    void u32be(quint32 v);
    void u64(quint64 v);
    void bytes(const QByteArray &b);
    /// UTF-16LE code units, no length.
    void ucs2(const QString &s);
    /// One byte count of characters, then UTF-16LE.
    void bVarchar(const QString &s);
    /// Two byte count of characters, then UTF-16LE.
    void usVarchar(const QString &s);

    qsizetype size() const { return m_data.size(); }
    /// Overwrites a little-endian USHORT written earlier (token lengths known only at the end).
    void patchU16(qsizetype pos, quint16 v);
    const QByteArray &data() const { return m_data; }

private:
    QByteArray m_data;
};

} // namespace bs
