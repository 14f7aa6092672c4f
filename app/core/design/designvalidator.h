#pragma once

#include "core/check/healthfinding.h"
#include "core/design/brokerdesign.h"

#include <QList>
#include <QString>

#include <functional>

namespace bs {

/// One problem of a design, on one object.
struct DesignIssue
{
    QString ruleId;
    HealthSeverity severity = HealthSeverity::Warning;
    DesignRef ref;
    QString message;
    bool operator==(const DesignIssue &) const = default;
};

/// A design rule: what the design itself must satisfy before it can be deployed (references
/// that resolve, clauses the grammar requires). One entry here plus one test row.
struct DesignRule
{
    QString id;
    QString title;
    HealthSeverity severity = HealthSeverity::Error;
    std::function<QList<DesignIssue>(const BrokerDesign &)> check;
};

/// Validation as the user edits: the design rules, then every health-check rule that reads only
/// the catalog (HealthRules, app/core/check: a contract no one can send on, activation switched off
/// on a queue with a procedure, RETENTION on, …) run on the design's catalog, their findings mapped
/// back to design objects. Pure; cheap enough to run after every edit.
class DesignValidator
{
public:
    static const QList<DesignRule> &rules();
    /// Ids of the health rules the validator reuses.
    static QStringList healthRuleIds();
    static QList<DesignIssue> validate(const BrokerDesign &design);
};

} // namespace bs
