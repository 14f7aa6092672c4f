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

QString OperationStatement::parameterText() const
{
    QStringList lines;
    for (const OperationParameter &p : parameters) {
        QString value;
        if (p.value.isNull())
            value = QStringLiteral("NULL");
        else if (p.value.typeId() == QMetaType::QUuid)
            value = p.value.toUuid().toString(QUuid::WithoutBraces).toUpper();
        else if (p.value.typeId() == QMetaType::QString)
            value = QLatin1Char('"') + commentText(p.value.toString()) + QLatin1Char('"');
        else
            value = p.value.toString();
        const QString wire = p.wire == ParameterWire::GuidText ? QStringLiteral(" (bound as its text)")
            : p.wire == ParameterWire::Utf16Bytes                ? QStringLiteral(" (bound as UTF-16LE bytes)")
                                                                 : QString();
        lines.append(QStringLiteral("%1 %2 = %3  -- %4%5").arg(p.name, p.sqlType, value, p.label, wire));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace bs
