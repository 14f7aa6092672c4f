#pragma once

#include "core/catalog.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace bs {

/// How bad a finding is. Error: it breaks messaging or loses messages now; Warning: it will,
/// under conditions that occur in practice; Advice: a better way exists.
enum class HealthSeverity { Error, Warning, Advice };
QString healthSeverityName(HealthSeverity severity); ///< "error", "warning", "advice"
std::optional<HealthSeverity> healthSeverityFromName(const QString &name);

/// One finding of the health check, explained like an alert: what was seen, why it matters
/// (citing Service Broker's documented behaviour) and the fix, as T-SQL to review or as a
/// pointer to the pattern wizard. `cannotSee` marks a check that could not look (a missing
/// permission, an encrypted module, dynamic SQL): never a clean result.
struct HealthFinding
{
    QString ruleId;    ///< the rule's stable id, e.g. "broker-disabled"
    HealthSeverity severity = HealthSeverity::Warning;
    bool cannotSee = false;
    QString subject;   ///< the object in words, e.g. "[dbo].[NaiveTargetQueue]"
    QList<ObjectRef> objects;
    QString title;     ///< one line for the list
    QString seen;
    QString why;
    QString fixSql;    ///< T-SQL; never run by Broker Studio
    QString fixPattern; ///< a pattern key for the wizard ("target-ends-first", ...), or empty
    QString module;    ///< code findings: the module, e.g. "[dbo].[Naive_Enqueue]"
    int line = 0;      ///< code findings: 1-based line in the module's definition
    int column = 0;

    /// Identity across runs: rule, subject and place.
    QString key() const;
    bool operator==(const HealthFinding &) const = default;
};

} // namespace bs

Q_DECLARE_METATYPE(bs::HealthFinding)
