#pragma once

#include "core/catalog.h"
#include "core/check/checkfacts.h"
#include "core/monitorsample.h"

#include <QDateTime>

#include <memory>
#include <optional>

namespace bs {

class ModuleAnalysis;

/// Everything the health rules read from one source: the catalog, the check facts and, where the
/// monitor has one, the latest sample. `now` (UTC) dates expiry checks, so tests are repeatable.
struct HealthInput
{
    BrokerCatalog catalog;
    CheckFacts facts;
    std::optional<MonitorSample> sample;
    /// An earlier sample of the same source, for rates the latest one alone does not give.
    std::optional<MonitorSample> previousSample;
    QDateTime now;
    /// One analysis per entry of facts.modules (same order), computed once by HealthCheck::run;
    /// rules read them through moduleAnalyses().
    std::shared_ptr<const QList<ModuleAnalysis>> analyses;
};

/// The analyses of the input's modules (computed here when the input has none yet).
std::shared_ptr<const QList<ModuleAnalysis>> moduleAnalyses(const HealthInput &input);

} // namespace bs
