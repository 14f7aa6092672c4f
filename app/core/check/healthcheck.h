#pragma once

#include "core/check/healthfinding.h"
#include "core/check/healthinput.h"
#include "core/check/healthsettings.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

namespace bs {

/// The result of one health check of one source.
struct HealthReport
{
    QString source;    ///< "sqlprod01 / SalesOps", "Demo broker (simulation)"
    QDateTime checkedAt; ///< UTC
    QStringList rulesRun; ///< ids, in registry order
    QList<HealthFinding> findings; ///< most severe first, then by subject

    int count(HealthSeverity severity) const;
    int cannotSeeCount() const;
    /// True when a finding is at `threshold` or worse (Error is the worst).
    bool hasAtOrAbove(HealthSeverity threshold) const;
};

/// Runs every rule of HealthRules over one input. Parts of the input that could not be read
/// become "cannot see" findings (warning severity) that name what is missing, so a report is
/// never clean by blindness. Pure; safe to call from any thread.
class HealthCheck
{
public:
    static HealthReport run(const HealthInput &input, const HealthSettings &settings = {});
    /// Most severe first, then subject, module and line.
    static void sort(QList<HealthFinding> &findings);
};

} // namespace bs
