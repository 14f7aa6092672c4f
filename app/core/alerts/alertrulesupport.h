#pragma once

// Helpers shared by the alert rule families (internal to app/core/alerts).

#include "core/alerts/alertrule.h"

#include <memory>

namespace bs::alertrules {

QString number(qint64 n);                                  ///< "12,345"
QString queueLabel(const QString &schema, const QString &name); ///< "[dbo].[Q]"
QString pairLabel(const QString &local, const QString &far);    ///< "local ↔ far"
QString duration(qint64 seconds);                          ///< "45 s", "12 min", "3 h"
/// True when `values` (oldest first) grew by at least `minIncrease` and at least
/// `steadyFraction` of the steps did not go down.
bool growsSteadily(const QList<qint64> &values, qint64 minIncrease, double steadyFraction);
/// An alert of `rule` about `subject`, its key "name:subject" (or the name alone).
Alert makeAlert(const AlertRule &rule, AlertSeverity severity, const QString &subject, bool subjectInKey = true);
/// The first alert already raised in this evaluation of `kind` whose subject is `subject`.
const Alert *raisedAlert(const AlertContext &context, AlertKind kind, const QString &subject);

// The rule families, one file each; AlertRuleRegistry lists them in evaluation order.
std::unique_ptr<AlertRule> makeBrokerDisabledRule();
std::unique_ptr<AlertRule> makeQueueDisabledRule();
std::unique_ptr<AlertRule> makeActivationStuckRule();
std::unique_ptr<AlertRule> makeReadersSaturatedRule();
std::unique_ptr<AlertRule> makeQueueBacklogRule();
std::unique_ptr<AlertRule> makeEndpointLeakRule();
std::unique_ptr<AlertRule> makeNeverExpiringRule();
std::unique_ptr<AlertRule> makeTransmissionStuckRule();
std::unique_ptr<AlertRule> makeActivationErrorsRule();
std::unique_ptr<AlertRule> makeDroppedMessagesRule();

} // namespace bs::alertrules
