#pragma once

#include <QByteArray>
#include <QString>

namespace bs {

/// How a message body's bytes are read as text. SQL Server stores a body as varbinary: an xml or
/// nvarchar value CAST to it is UTF-16LE (often with no BOM), a varchar value is the code page's
/// bytes, and many applications send UTF-8.
enum class BodyEncoding { Utf16, Utf8 };

/// Reading a body for the viewer: the encoding guessed from its bytes (and why), the text, the
/// XML pretty-printed when it parses, and a hex dump. Pure: tested without widgets.
struct BodyText
{
    BodyEncoding encoding = BodyEncoding::Utf8;
    QString reason; ///< "UTF-16LE byte-order mark", "every other byte is 0", …
    QString text;
    bool isXml = false;
    QString prettyXml; ///< indented XML when isXml; else empty
    QString xmlError;  ///< why the text is not well-formed XML (when it looked like XML)

    /// Guesses the encoding: a BOM decides; otherwise UTF-16LE when at least a third of the odd
    /// bytes of an even-sized body are 0 and the even ones mostly are not; else UTF-8.
    static BodyEncoding guess(const QByteArray &bytes, QString *reason);
    /// Decodes `bytes` with `encoding` (a BOM is dropped) and tries it as XML.
    static BodyText decode(const QByteArray &bytes, BodyEncoding encoding);
    /// decode() with the guessed encoding.
    static BodyText decode(const QByteArray &bytes);
    /// "00000000  3c 00 74 00 …  <.t." lines, 16 bytes each; at most maxBytes of `bytes`.
    static QString hexDump(const QByteArray &bytes, qsizetype maxBytes = 64 * 1024);
};

} // namespace bs
