#include "core/check/healthcheck.h"

#include "core/check/healthrules.h"
#include "core/check/moduleanalysis.h"

#include <algorithm>

namespace bs {

int HealthReport::count(HealthSeverity severity) const
{
    return int(std::count_if(findings.cbegin(), findings.cend(),
                             [&](const HealthFinding &f) { return f.severity == severity; }));
}

int HealthReport::cannotSeeCount() const
{
    return int(std::count_if(findings.cbegin(), findings.cend(), [](const HealthFinding &f) { return f.cannotSee; }));
}

bool HealthReport::hasAtOrAbove(HealthSeverity threshold) const
{
    return std::any_of(findings.cbegin(), findings.cend(),
                       [&](const HealthFinding &f) { return int(f.severity) <= int(threshold); });
}

void HealthCheck::sort(QList<HealthFinding> &findings)
{
    std::stable_sort(findings.begin(), findings.end(), [](const HealthFinding &a, const HealthFinding &b) {
        if (a.severity != b.severity)
            return int(a.severity) < int(b.severity);
        if (a.subject != b.subject)
            return a.subject < b.subject;
        if (a.module != b.module)
            return a.module < b.module;
        return a.line < b.line;
    });
}

HealthReport HealthCheck::run(const HealthInput &given, const HealthSettings &settings)
{
    HealthInput input = given;
    input.analyses = moduleAnalyses(given);
    HealthReport report;
    report.checkedAt = input.now;
    for (const UnavailablePart &part : input.facts.unavailable) {
        HealthFinding f;
        f.ruleId = QStringLiteral("cannot-see");
        f.severity = HealthSeverity::Warning;
        f.cannotSee = true;
        f.subject = part.part;
        f.title = QStringLiteral("Cannot see %1").arg(part.part);
        f.seen = part.message;
        f.why = QStringLiteral("The rules that read this part could not check it, so the report says nothing "
                               "about it: that is not the same as clean.");
        if (!part.permission.isEmpty())
            f.why += QStringLiteral(" Grant %1 to the checking login to include it.").arg(part.permission);
        report.findings.append(f);
    }
    for (const UnavailablePart &part : input.sample ? input.sample->unavailable : QList<UnavailablePart>()) {
        HealthFinding f;
        f.ruleId = QStringLiteral("cannot-see");
        f.cannotSee = true;
        f.subject = part.part;
        f.title = QStringLiteral("Cannot see %1").arg(part.part);
        f.seen = part.message;
        f.why = QStringLiteral("The runtime rules that read this part of the sample could not check it.");
        if (!part.permission.isEmpty())
            f.why += QStringLiteral(" Grant %1 to include it.").arg(part.permission);
        report.findings.append(f);
    }
    for (const HealthRule &rule : HealthRules::all()) {
        if (rule.category == HealthRuleCategory::Runtime && !input.sample)
            continue;
        report.rulesRun.append(rule.id);
        QList<HealthFinding> found = rule.check(input, settings);
        for (HealthFinding &f : found) {
            if (f.ruleId.isEmpty())
                f.ruleId = rule.id;
        }
        report.findings += found;
    }
    sort(report.findings);
    return report;
}

} // namespace bs
