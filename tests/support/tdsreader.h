#pragma once

#include <QByteArray>
#include <QString>

namespace bs {

/// Reads TDS wire values from a message with bounds checks: a read past the end returns
/// zeros and clears ok(), so a malformed request is reported instead of crashing the server.
class TdsReader
{
public:
    explicit TdsReader(QByteArray data);

    bool ok() const { return m_ok; }
    qsizetype pos() const { return m_pos; }
    qsizetype remaining() const { return m_data.size() - m_pos; }
    bool atEnd() const { return m_pos >= m_data.size(); }
    void seek(qsizetype pos);
    void skip(qsizetype n);

    quint8 u8();
    quint16 u16();
    quint16 u16be();
    quint32 u32();
    quint32 u32be();
    quint64 u64();
    QByteArray bytes(qsizetype n);
    /// n UTF-16LE code units.
    QString ucs2(qsizetype chars);
    QString bVarchar();
    QString usVarchar();
    /// The bytes from pos to the end.
    QByteArray rest();
    const QByteArray &data() const { return m_data; }

private:
    bool need(qsizetype n);

    QByteArray m_data;
    qsizetype m_pos = 0;
    bool m_ok = true;
};

} // namespace bs
