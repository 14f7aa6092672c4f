#include "core/ops/operation.h"

#include "core/sqlquote.h"

#include <QStringList>

namespace bs {

QVariant OperationParameter::boundValue() const
{
    switch (wire) {
    case ParameterWire::Native:
        break;
    case ParameterWire::GuidText:
        return value.toUuid().toString(QUuid::WithoutBraces).toUpper();
    case ParameterWire::Utf16Bytes:
        if (value.isNull())
            return QVariant(QMetaType(QMetaType::QByteArray));
        {
            const QString text = value.toString();
            return QByteArray(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);
        }
    }
    return value;
}

QVariantList OperationStatement::values() const
{
    QVariantList out;
    out.reserve(parameters.size());
    for (const OperationParameter &p : parameters)
        out.append(p.boundValue());
    return out;
}

QString OperationParameter::displayValue() const
{
    if (value.isNull())
        return QStringLiteral("NULL");
    if (value.typeId() == QMetaType::QUuid)
        return value.toUuid().toString(QUuid::WithoutBraces).toUpper();
    if (value.typeId() == QMetaType::QByteArray) {
        // A body: its size and first bytes, never megabytes of hex in the preview or the audit.
        const QByteArray bytes = value.toByteArray();
        return QStringLiteral("0x%1%2 (%3 bytes)")
            .arg(QString::fromLatin1(bytes.left(32).toHex().toUpper()), bytes.size() > 32 ? QStringLiteral("…") : QString())
            .arg(bytes.size());
    }
    if (value.typeId() == QMetaType::QString)
        return QLatin1Char('"') + commentText(value.toString()) + QLatin1Char('"');
    return value.toString();
}

QString OperationStatement::parameterText() const
{
    QStringList lines;
    for (const OperationParameter &p : parameters) {
        const QString wire = p.wire == ParameterWire::GuidText ? QStringLiteral(" (bound as its text)")
            : p.wire == ParameterWire::Utf16Bytes                ? QStringLiteral(" (bound as UTF-16LE bytes)")
                                                                 : QString();
        lines.append(QStringLiteral("%1 %2 = %3  -- %4%5").arg(p.name, p.sqlType, p.displayValue(), p.label, wire));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace bs
