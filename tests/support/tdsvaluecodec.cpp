#include "tdsvaluecodec.h"

#include "tdsreader.h"
#include "tdswriter.h"

#include <QDate>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUuid>

#include <cmath>
#include <cstring>

namespace bs {

namespace {

// Type codes of [MS-TDS] 2.2.5.4.
enum : quint8 {
    NullType = 0x1F,
    Int1 = 0x30,
    BitType = 0x32,
    Int2 = 0x34,
    Int4 = 0x38,
    DateTim4 = 0x3A,
    Flt4 = 0x3B,
    Money = 0x3C,
    DateTimeType = 0x3D,
    Flt8 = 0x3E,
    Money4 = 0x7A,
    Int8 = 0x7F,
    Guid = 0x24,
    IntN = 0x26,
    DecimalLegacy = 0x37,
    NumericLegacy = 0x3F,
    BitN = 0x68,
    DecimalN = 0x6A,
    NumericN = 0x6C,
    FltN = 0x6D,
    MoneyN = 0x6E,
    DateTimeN = 0x6F,
    DateN = 0x28,
    TimeN = 0x29,
    DateTime2N = 0x2A,
    DateTimeOffsetN = 0x2B,
    BigVarBinary = 0xA5,
    BigVarChar = 0xA7,
    BigBinary = 0xAD,
    BigChar = 0xAF,
    NVarCharType = 0xE7,
    NCharType = 0xEF,
    Image = 0x22,
    Text = 0x23,
    NText = 0x63,
    Xml = 0xF1,
};

constexpr quint64 PlpNull = 0xFFFFFFFFFFFFFFFFull;

void writeLe(TdsWriter &w, quint64 v, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        w.u8(static_cast<quint8>((v >> (8 * i)) & 0xFF));
}

quint64 readLe(const QByteArray &b)
{
    quint64 v = 0;
    for (qsizetype i = b.size() - 1; i >= 0; --i)
        v = (v << 8) | static_cast<quint8>(b.at(i));
    return v;
}

int timeBytes(int scale)
{
    return scale <= 2 ? 3 : (scale <= 4 ? 4 : 5);
}

/// "2024-01-31T12:34:56.1234567" -> date and 100 ns units since midnight (no time zone: the
/// server's clock is the fixture's clock).
bool parseDateTime(const QString &text, QDate *date, qint64 *hundredNs)
{
    static const QRegularExpression re(QStringLiteral(
        "^(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,7}))?)?Z?$"));
    const QRegularExpressionMatch m = re.match(text.trimmed());
    if (!m.hasMatch())
        return false;
    *date = QDate(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    QString frac = m.captured(7);
    frac = frac.leftJustified(7, QLatin1Char('0'));
    *hundredNs = ((m.captured(4).toLongLong() * 60 + m.captured(5).toLongLong()) * 60 + m.captured(6).toLongLong())
                     * 10000000LL
                 + frac.toLongLong();
    return date->isValid();
}

QByteArray hexValue(const QJsonValue &v, bool *ok)
{
    QString s = v.toString();
    *ok = s.startsWith(u"0x", Qt::CaseInsensitive) && s.size() % 2 == 0;
    return QByteArray::fromHex(s.mid(2).toLatin1());
}

void writePlp(TdsWriter &w, const QByteArray &b)
{
    w.u64(static_cast<quint64>(b.size()));
    if (!b.isEmpty()) {
        w.u32(static_cast<quint32>(b.size()));
        w.bytes(b);
    }
    w.u32(0);
}

QByteArray utf16(const QString &s)
{
    TdsWriter t;
    t.ucs2(s);
    return t.data();
}

QVariant readPlp(TdsReader &r)
{
    const quint64 total = r.u64();
    if (total == PlpNull)
        return {};
    QByteArray b;
    for (;;) {
        const quint32 chunk = r.u32();
        if (chunk == 0 || !r.ok())
            break;
        b += r.bytes(chunk);
    }
    return b;
}

QString fromUtf16(const QByteArray &b)
{
    TdsReader t(b);
    return t.ucs2(b.size() / 2);
}

QDateTime datetimeFrom(qint32 days, quint32 ticks300)
{
    const QDate d = QDate(1900, 1, 1).addDays(days);
    const qint64 ms = std::llround(ticks300 * 10.0 / 3.0);
    return QDateTime(d, QTime(0, 0).addMSecs(static_cast<int>(ms)), Qt::UTC);
}

} // namespace

QByteArray TdsValueCodec::collation()
{
    // LCID 0x0409 with IgnoreCase|IgnoreKana|IgnoreWidth flags and SortId 52: the bytes SQL Server
    // sends for SQL_Latin1_General_CP1_CI_AS ([MS-TDS] 2.2.5.1.2 COLLATION).
    return QByteArray::fromHex("0904d00034");
}

void TdsValueCodec::writeColumnMetadata(TdsWriter &w, const QList<TdsColumn> &columns)
{
    w.u8(0x81);
    w.u16(static_cast<quint16>(columns.size()));
    for (const TdsColumn &c : columns) {
        w.u32(0);      // UserType
        w.u16(0x0001); // Flags: fNullable
        switch (c.type) {
        case TdsType::TinyInt: w.u8(IntN); w.u8(1); break;
        case TdsType::SmallInt: w.u8(IntN); w.u8(2); break;
        case TdsType::Int: w.u8(IntN); w.u8(4); break;
        case TdsType::BigInt: w.u8(IntN); w.u8(8); break;
        case TdsType::Bit: w.u8(BitN); w.u8(1); break;
        case TdsType::Float: w.u8(FltN); w.u8(8); break;
        case TdsType::UniqueIdentifier: w.u8(Guid); w.u8(16); break;
        case TdsType::DateTime: w.u8(DateTimeN); w.u8(8); break;
        case TdsType::DateTime2: w.u8(DateTime2N); w.u8(static_cast<quint8>(c.scale)); break;
        case TdsType::NVarChar:
        case TdsType::NChar:
            w.u8(c.type == TdsType::NVarChar ? NVarCharType : NCharType);
            w.u16(c.length < 0 ? 0xFFFF : static_cast<quint16>(c.length * 2));
            w.bytes(collation());
            break;
        case TdsType::VarChar:
        case TdsType::Char:
            w.u8(c.type == TdsType::VarChar ? BigVarChar : BigChar);
            w.u16(c.length < 0 ? 0xFFFF : static_cast<quint16>(c.length));
            w.bytes(collation());
            break;
        case TdsType::VarBinary:
            w.u8(BigVarBinary);
            w.u16(c.length < 0 ? 0xFFFF : static_cast<quint16>(c.length));
            break;
        }
        w.bVarchar(c.name);
    }
}

QString TdsValueCodec::writeRow(TdsWriter &w, const QList<TdsColumn> &columns, const QJsonArray &row)
{
    w.u8(0xD1);
    for (qsizetype i = 0; i < columns.size(); ++i) {
        const TdsColumn &c = columns.at(i);
        const QJsonValue v = row.at(i);
        const bool isNull = v.isNull() || v.isUndefined();
        const bool plp = c.length < 0;
        const auto bad = [&] { return QStringLiteral("column %1 (%2): bad value").arg(c.name, c.typeName); };
        switch (c.type) {
        case TdsType::TinyInt:
        case TdsType::SmallInt:
        case TdsType::Int:
        case TdsType::BigInt: {
            const int size = c.type == TdsType::TinyInt ? 1 : c.type == TdsType::SmallInt ? 2 : c.type == TdsType::Int ? 4 : 8;
            if (isNull) {
                w.u8(0);
                break;
            }
            // Strings carry bigint values beyond a double's 53 bits.
            bool ok = true;
            const qint64 n = v.isString() ? v.toString().toLongLong(&ok) : v.toInteger();
            if (!ok)
                return bad();
            w.u8(static_cast<quint8>(size));
            writeLe(w, static_cast<quint64>(n), size);
            break;
        }
        case TdsType::Bit:
            if (isNull) {
                w.u8(0);
            } else {
                w.u8(1);
                w.u8(v.isBool() ? (v.toBool() ? 1 : 0) : (v.toInteger() != 0 ? 1 : 0));
            }
            break;
        case TdsType::Float:
            if (isNull) {
                w.u8(0);
            } else {
                const double d = v.toDouble();
                quint64 bits = 0;
                std::memcpy(&bits, &d, sizeof bits);
                w.u8(8);
                w.u64(bits);
            }
            break;
        case TdsType::UniqueIdentifier: {
            if (isNull) {
                w.u8(0);
                break;
            }
            const QUuid u(v.toString());
            if (u.isNull() && v.toString() != u"00000000-0000-0000-0000-000000000000")
                return bad();
            // Data1..Data3 little-endian, Data4 as bytes: the Windows GUID layout on the wire.
            w.u8(16);
            w.u32(u.data1);
            w.u16(u.data2);
            w.u16(u.data3);
            for (unsigned char b : u.data4)
                w.u8(b);
            break;
        }
        case TdsType::DateTime: {
            if (isNull) {
                w.u8(0);
                break;
            }
            QDate d;
            qint64 units = 0;
            if (!parseDateTime(v.toString(), &d, &units))
                return bad();
            // datetime: days since 1900-01-01 and 1/300 s since midnight ([MS-TDS] 2.2.5.5.1.8).
            const auto ticks = static_cast<quint32>(std::llround(units / 10000000.0 * 300.0));
            w.u8(8);
            w.u32(static_cast<quint32>(static_cast<qint32>(QDate(1900, 1, 1).daysTo(d))));
            w.u32(ticks);
            break;
        }
        case TdsType::DateTime2: {
            if (isNull) {
                w.u8(0);
                break;
            }
            QDate d;
            qint64 units = 0;
            if (!parseDateTime(v.toString(), &d, &units))
                return bad();
            qint64 scaled = units;
            for (int s = 7; s > c.scale; --s)
                scaled /= 10;
            const int tb = timeBytes(c.scale);
            w.u8(static_cast<quint8>(tb + 3));
            writeLe(w, static_cast<quint64>(scaled), tb);
            writeLe(w, static_cast<quint64>(QDate(1, 1, 1).daysTo(d)), 3);
            break;
        }
        case TdsType::NVarChar:
        case TdsType::NChar: {
            QString s = v.toString();
            if (!isNull && !v.isString())
                return bad();
            if (c.type == TdsType::NChar)
                s = s.leftJustified(c.length, QLatin1Char(' '));
            if (!isNull && c.length >= 0 && s.size() > c.length)
                return bad();
            if (plp) {
                if (isNull)
                    w.u64(PlpNull);
                else
                    writePlp(w, utf16(s));
            } else if (isNull) {
                w.u16(0xFFFF);
            } else {
                w.u16(static_cast<quint16>(s.size() * 2));
                w.ucs2(s);
            }
            break;
        }
        case TdsType::VarChar:
        case TdsType::Char: {
            QString s = v.toString();
            if (c.type == TdsType::Char)
                s = s.leftJustified(c.length, QLatin1Char(' '));
            const QByteArray b = s.toLatin1();
            if (!isNull && c.length >= 0 && b.size() > c.length)
                return bad();
            if (plp) {
                if (isNull)
                    w.u64(PlpNull);
                else
                    writePlp(w, b);
            } else if (isNull) {
                w.u16(0xFFFF);
            } else {
                w.u16(static_cast<quint16>(b.size()));
                w.bytes(b);
            }
            break;
        }
        case TdsType::VarBinary: {
            bool ok = true;
            const QByteArray b = isNull ? QByteArray() : hexValue(v, &ok);
            if (!ok || (c.length >= 0 && b.size() > c.length))
                return bad();
            if (plp) {
                if (isNull)
                    w.u64(PlpNull);
                else
                    writePlp(w, b);
            } else if (isNull) {
                w.u16(0xFFFF);
            } else {
                w.u16(static_cast<quint16>(b.size()));
                w.bytes(b);
            }
            break;
        }
        }
    }
    return {};
}

TdsParameter TdsValueCodec::readParameter(TdsReader &r, QString *error)
{
    TdsParameter p;
    p.name = r.bVarchar();
    p.isOutput = (r.u8() & 0x01) != 0;
    const quint8 type = r.u8();
    const auto fixed = [&](int size, const char16_t *name) {
        p.typeName = QString::fromUtf16(name);
        return r.bytes(size);
    };
    switch (type) {
    case NullType: p.typeName = QStringLiteral("null"); break;
    case Int1: p.value = static_cast<qint64>(readLe(fixed(1, u"tinyint"))); break;
    case BitType: p.value = readLe(fixed(1, u"bit")) != 0; break;
    case Int2: p.value = static_cast<qint64>(static_cast<qint16>(readLe(fixed(2, u"smallint")))); break;
    case Int4: p.value = static_cast<qint64>(static_cast<qint32>(readLe(fixed(4, u"int")))); break;
    case Int8: p.value = static_cast<qint64>(readLe(fixed(8, u"bigint"))); break;
    case Flt8: {
        const quint64 bits = readLe(fixed(8, u"float"));
        double d = 0;
        std::memcpy(&d, &bits, sizeof d);
        p.value = d;
        break;
    }
    case DateTimeType: {
        TdsReader t(fixed(8, u"datetime"));
        const auto days = static_cast<qint32>(t.u32());
        p.value = datetimeFrom(days, t.u32());
        break;
    }
    case DateTim4: case Flt4: case Money4: p.value = fixed(4, u"fixed4"); break;
    case Money: p.value = fixed(8, u"money"); break;
    case Guid: case IntN: case BitN: case FltN: case MoneyN: case DateTimeN: {
        const quint8 maxLen = r.u8();
        const quint8 len = r.u8();
        const QByteArray b = r.bytes(len);
        p.typeName = QStringLiteral("0x%1(%2)").arg(type, 2, 16, QLatin1Char('0')).arg(maxLen);
        if (len == 0)
            break;
        if (type == IntN) {
            p.typeName = QStringLiteral("intn(%1)").arg(maxLen);
            qint64 v = static_cast<qint64>(readLe(b));
            if (len < 8 && (v >> (8 * len - 1)) & 1)
                v -= qint64(1) << (8 * len);
            p.value = v;
        } else if (type == BitN) {
            p.typeName = QStringLiteral("bitn");
            p.value = readLe(b) != 0;
        } else if (type == Guid && len == 16) {
            p.typeName = QStringLiteral("uniqueidentifier");
            TdsReader t(b);
            const uint d1 = t.u32();
            const ushort d2 = t.u16();
            const ushort d3 = t.u16();
            const QByteArray d4 = t.bytes(8);
            p.value = QUuid(d1, d2, d3, static_cast<uchar>(d4[0]), static_cast<uchar>(d4[1]), static_cast<uchar>(d4[2]),
                            static_cast<uchar>(d4[3]), static_cast<uchar>(d4[4]), static_cast<uchar>(d4[5]),
                            static_cast<uchar>(d4[6]), static_cast<uchar>(d4[7]));
        } else if (type == DateTimeN && len == 8) {
            p.typeName = QStringLiteral("datetime");
            TdsReader t(b);
            const auto days = static_cast<qint32>(t.u32());
            p.value = datetimeFrom(days, t.u32());
        } else if (type == FltN && len == 8) {
            p.typeName = QStringLiteral("float");
            const quint64 bits = readLe(b);
            double d = 0;
            std::memcpy(&d, &bits, sizeof d);
            p.value = d;
        } else {
            p.value = b;
        }
        break;
    }
    case DecimalN: case NumericN: case DecimalLegacy: case NumericLegacy: {
        r.u8();
        const quint8 precision = r.u8();
        const quint8 scale = r.u8();
        p.typeName = QStringLiteral("decimal(%1,%2)").arg(precision).arg(scale);
        const quint8 len = r.u8();
        const QByteArray b = r.bytes(len);
        if (len > 0) {
            // Sign byte then a little-endian magnitude; fixtures only need the digits.
            const quint64 mag = readLe(b.mid(1, 8));
            QString digits = QString::number(mag).rightJustified(scale + 1, QLatin1Char('0'));
            if (scale > 0)
                digits.insert(digits.size() - scale, QLatin1Char('.'));
            p.value = QString((b.at(0) == 0 ? QStringLiteral("-") : QString()) + digits);
        }
        break;
    }
    case DateN: {
        p.typeName = QStringLiteral("date");
        const quint8 len = r.u8();
        const QByteArray b = r.bytes(len);
        if (len == 3)
            p.value = QDate(1, 1, 1).addDays(static_cast<qint64>(readLe(b)));
        break;
    }
    case TimeN: case DateTime2N: case DateTimeOffsetN: {
        const quint8 scale = r.u8();
        p.typeName = QStringLiteral("%1(%2)")
                         .arg(type == TimeN ? u"time" : type == DateTime2N ? u"datetime2" : u"datetimeoffset")
                         .arg(scale);
        const quint8 len = r.u8();
        const QByteArray b = r.bytes(len);
        if (len == 0)
            break;
        const int tb = timeBytes(scale);
        qint64 units = static_cast<qint64>(readLe(b.left(tb)));
        for (int s = scale; s < 7; ++s)
            units *= 10;
        const QTime t = QTime(0, 0).addMSecs(static_cast<int>(units / 10000));
        if (type == TimeN)
            p.value = t;
        else
            p.value = QDateTime(QDate(1, 1, 1).addDays(static_cast<qint64>(readLe(b.mid(tb, 3)))), t, Qt::UTC);
        break;
    }
    case BigVarBinary: case BigBinary: case BigVarChar: case BigChar: case NVarCharType: case NCharType: {
        const quint16 maxLen = r.u16();
        const bool isChar = type == BigVarChar || type == BigChar || type == NVarCharType || type == NCharType;
        if (isChar)
            r.bytes(5);
        const bool wide = type == NVarCharType || type == NCharType;
        const QString base = type == NVarCharType ? QStringLiteral("nvarchar")
                             : type == NCharType  ? QStringLiteral("nchar")
                             : type == BigVarChar ? QStringLiteral("varchar")
                             : type == BigChar    ? QStringLiteral("char")
                             : type == BigBinary  ? QStringLiteral("binary")
                                                  : QStringLiteral("varbinary");
        QVariant raw;
        if (maxLen == 0xFFFF) {
            p.typeName = base + QStringLiteral("(max)");
            raw = readPlp(r);
        } else {
            p.typeName = QStringLiteral("%1(%2)").arg(base).arg(wide ? maxLen / 2 : maxLen);
            const quint16 len = r.u16();
            if (len != 0xFFFF)
                raw = r.bytes(len);
        }
        if (raw.isValid())
            p.value = wide ? QVariant(fromUtf16(raw.toByteArray()))
                           : (isChar ? QVariant(QString::fromLatin1(raw.toByteArray())) : raw);
        break;
    }
    case Text: case NText: case Image: {
        r.u32();
        if (type != Image)
            r.bytes(5);
        p.typeName = type == Text ? QStringLiteral("text") : type == NText ? QStringLiteral("ntext") : QStringLiteral("image");
        const quint32 len = r.u32();
        if (len != 0xFFFFFFFFu) {
            const QByteArray b = r.bytes(len);
            p.value = type == NText ? QVariant(fromUtf16(b)) : (type == Text ? QVariant(QString::fromLatin1(b)) : QVariant(b));
        }
        break;
    }
    case Xml: {
        p.typeName = QStringLiteral("xml");
        if (r.u8() == 1) {
            r.bVarchar();
            r.bVarchar();
            r.usVarchar();
        }
        const QVariant raw = readPlp(r);
        if (raw.isValid())
            p.value = fromUtf16(raw.toByteArray());
        break;
    }
    default:
        if (error)
            *error = QStringLiteral("parameter %1: unsupported type 0x%2").arg(p.name).arg(type, 2, 16, QLatin1Char('0'));
        r.seek(r.data().size() + 1);
        break;
    }
    return p;
}

void TdsValueCodec::writeIntReturnValue(TdsWriter &w, quint16 ordinal, const QString &name, qint32 value)
{
    // RETURNVALUE ([MS-TDS] 2.2.7.19): ordinal, name, status 0x01 (output parameter),
    // UserType, Flags, TYPE_INFO (INTN 4) and the value.
    w.u8(0xAC);
    w.u16(ordinal);
    w.bVarchar(name);
    w.u8(0x01);
    w.u32(0);
    w.u16(0x0001);
    w.u8(IntN);
    w.u8(4);
    w.u8(4);
    w.u32(static_cast<quint32>(value));
}

} // namespace bs
