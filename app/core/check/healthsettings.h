#pragma once

#include "core/rules/thresholdspec.h"

#include <QHash>
#include <QString>

namespace bs {

/// Threshold values chosen by the user, by ThresholdSpec::key; a rule reads its own through
/// value(), which falls back to the spec's default and clamps to its range.
struct HealthSettings
{
    QHash<QString, double> values;

    double value(const ThresholdSpec &spec) const
    {
        const auto it = values.constFind(spec.key);
        if (it == values.constEnd())
            return spec.defaultValue;
        return qBound(spec.minimum, *it, spec.maximum);
    }
    bool operator==(const HealthSettings &) const = default;
};

} // namespace bs
