#pragma once

#include "core/check/healthrule.h"

#include <QList>

namespace bs {

/// The registry of health rules: every configuration, code and runtime rule, in report order.
/// A new rule is one entry in its family's list (configurationrules.cpp, securityrules.cpp,
/// coderules.cpp, runtimerules.cpp) plus one test row.
class HealthRules
{
public:
    static const QList<HealthRule> &all();
    static const HealthRule *find(const QString &id);
    /// Every threshold of every rule (for Settings and the docs).
    static QList<ThresholdSpec> thresholds();
};

/// The rule families; each returns its entries for the registry.
QList<HealthRule> configurationRules();
QList<HealthRule> securityRules();
QList<HealthRule> codeRules();
QList<HealthRule> runtimeRules();

} // namespace bs
