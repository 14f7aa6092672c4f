#include "core/check/healthfinding.h"

namespace bs {

QString healthSeverityName(HealthSeverity severity)
{
    switch (severity) {
    case HealthSeverity::Error: return QStringLiteral("error");
    case HealthSeverity::Warning: return QStringLiteral("warning");
    case HealthSeverity::Advice: return QStringLiteral("advice");
    }
    return {};
}

std::optional<HealthSeverity> healthSeverityFromName(const QString &name)
{
    for (HealthSeverity s : {HealthSeverity::Error, HealthSeverity::Warning, HealthSeverity::Advice}) {
        if (healthSeverityName(s) == name)
            return s;
    }
    return std::nullopt;
}

QString HealthFinding::key() const
{
    QString k = ruleId + u'|' + subject;
    if (!module.isEmpty())
        k += u'|' + module + u':' + QString::number(line);
    return k;
}

} // namespace bs
