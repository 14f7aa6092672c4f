#pragma once

#include "core/check/healthfinding.h"
#include "core/check/healthinput.h"
#include "core/check/healthsettings.h"
#include "core/rules/thresholdspec.h"

#include <QFlags>
#include <QList>
#include <QString>

#include <functional>

namespace bs {

/// Which family a health rule belongs to (docs/health-check.md has one table per family).
enum class HealthRuleCategory { Configuration, Code, Runtime };
QString healthRuleCategoryName(HealthRuleCategory category); ///< "configuration", "code", "runtime"

/// What a rule reads; the check says "cannot see" for a rule whose input could not be read.
enum class HealthRead {
    Catalog = 0x1,            ///< the broker catalog (BrokerCatalog)
    DatabaseProperties = 0x2, ///< sys.databases flags, master key, GUID copies, permissions
    Modules = 0x4,            ///< sys.sql_modules definitions
    Certificates = 0x8,       ///< sys.certificates
    Sample = 0x10,            ///< the latest monitor sample
};
Q_DECLARE_FLAGS(HealthReads, HealthRead)
Q_DECLARE_OPERATORS_FOR_FLAGS(HealthReads)

/// One rule of the health check: an entry in HealthRules plus a test row. It declares what it
/// reads and its thresholds (the same ThresholdSpec as the monitor's alert rules, so Settings,
/// Preferences and the docs iterate them), and returns findings for an input.
struct HealthRule
{
    QString id;
    QString title;
    HealthRuleCategory category = HealthRuleCategory::Configuration;
    HealthReads reads;
    HealthSeverity severity = HealthSeverity::Warning; ///< the usual severity of its findings
    QString reference; ///< the documentation page whose behaviour the rule relies on
    QList<ThresholdSpec> thresholds;
    std::function<QList<HealthFinding>(const HealthInput &, const HealthSettings &)> check;

    using Check = std::function<QList<HealthFinding>(const HealthInput &, const HealthSettings &)>;
    static HealthRule make(const char16_t *id, const QString &title, HealthRuleCategory category, HealthSeverity severity,
                           HealthReads reads, const QString &reference, Check check)
    {
        HealthRule r;
        r.id = QString::fromUtf16(id);
        r.title = title;
        r.category = category;
        r.severity = severity;
        r.reads = reads;
        r.reference = reference;
        r.check = std::move(check);
        return r;
    }
};

} // namespace bs
