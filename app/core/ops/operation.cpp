#include "core/ops/operation.h"

#include "core/sqlquote.h"

#include <QStringList>

namespace bs {

QVariantList OperationStatement::values() const
{
    QVariantList out;
    out.reserve(parameters.size());
    for (const OperationParameter &p : parameters)
        out.append(p.value);
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
        lines.append(QStringLiteral("%1 %2 = %3  -- %4").arg(p.name, p.sqlType, value, p.label));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace bs
