#include "core/ops/bodytext.h"

#include <QStringDecoder>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace bs {

BodyEncoding BodyText::guess(const QByteArray &bytes, QString *reason)
{
    auto say = [&](const QString &why) {
        if (reason)
            *reason = why;
    };
    if (bytes.startsWith("\xFF\xFE")) {
        say(QStringLiteral("UTF-16LE byte-order mark"));
        return BodyEncoding::Utf16;
    }
    if (bytes.startsWith("\xEF\xBB\xBF")) {
        say(QStringLiteral("UTF-8 byte-order mark"));
        return BodyEncoding::Utf8;
    }
    if (bytes.size() >= 2 && bytes.size() % 2 == 0) {
        qsizetype oddZero = 0;
        qsizetype evenZero = 0;
        const qsizetype pairs = qMin<qsizetype>(bytes.size() / 2, 4096);
        for (qsizetype i = 0; i < pairs; ++i) {
            evenZero += bytes.at(2 * i) == 0;
            oddZero += bytes.at(2 * i + 1) == 0;
        }
        if (oddZero * 3 >= pairs && evenZero * 3 < pairs) {
            say(QStringLiteral("no byte-order mark; %1 of the first %2 odd bytes are 0, as in UTF-16LE text").arg(oddZero).arg(pairs));
            return BodyEncoding::Utf16;
        }
    }
    say(QStringLiteral("no byte-order mark and no UTF-16 pattern: read as UTF-8"));
    return BodyEncoding::Utf8;
}

BodyText BodyText::decode(const QByteArray &bytes, BodyEncoding encoding)
{
    BodyText out;
    out.encoding = encoding;
    QString why;
    if (guess(bytes, &why) == encoding)
        out.reason = why;
    else
        out.reason = QStringLiteral("chosen by hand");
    if (encoding == BodyEncoding::Utf16) {
        QByteArray data = bytes.startsWith("\xFF\xFE") ? bytes.mid(2) : bytes;
        if (data.size() % 2)
            data.chop(1); // a body cut at the 1 MiB cap may end in half a character
        out.text = QString::fromUtf16(reinterpret_cast<const char16_t *>(data.constData()), data.size() / 2);
    } else {
        out.text = QString::fromUtf8(bytes.startsWith("\xEF\xBB\xBF") ? bytes.mid(3) : bytes);
    }
    const QString trimmed = out.text.trimmed();
    if (!trimmed.startsWith(QLatin1Char('<')))
        return out;
    QXmlStreamReader reader(out.text);
    QString pretty;
    QXmlStreamWriter writer(&pretty);
    writer.setAutoFormatting(true);
    writer.setAutoFormattingIndent(2);
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartDocument() || reader.isEndDocument())
            continue; // the declaration's encoding would describe the bytes, not this text
        if (reader.isCharacters() && reader.isWhitespace())
            continue;
        if (!reader.hasError())
            writer.writeCurrentToken(reader);
    }
    if (reader.hasError()) {
        out.xmlError = QStringLiteral("Not well-formed XML (line %1, column %2): %3")
                           .arg(reader.lineNumber()).arg(reader.columnNumber()).arg(reader.errorString());
        return out;
    }
    out.isXml = true;
    out.prettyXml = pretty.trimmed();
    return out;
}

BodyText BodyText::decode(const QByteArray &bytes)
{
    return decode(bytes, guess(bytes, nullptr));
}

QString BodyText::hexDump(const QByteArray &bytes, qsizetype maxBytes)
{
    QString out;
    const qsizetype n = qMin(bytes.size(), maxBytes);
    for (qsizetype row = 0; row < n; row += 16) {
        QString hex;
        QString ascii;
        for (qsizetype i = row; i < row + 16; ++i) {
            if (i < n) {
                const uchar c = uchar(bytes.at(i));
                hex += QStringLiteral("%1 ").arg(c, 2, 16, QLatin1Char('0'));
                ascii += QLatin1Char(c >= 0x20 && c < 0x7F ? char(c) : '.');
            } else {
                hex += QStringLiteral("   ");
            }
        }
        out += QStringLiteral("%1  %2 %3\n").arg(row, 8, 16, QLatin1Char('0')).arg(hex, ascii);
    }
    if (bytes.size() > n)
        out += QStringLiteral("… %1 more bytes not shown\n").arg(bytes.size() - n);
    return out;
}

} // namespace bs
