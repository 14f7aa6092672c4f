#pragma once

#include "core/check/healthinput.h"

#include <optional>

namespace bs {

/// Figures the runtime and code rules derive from the input's samples.
class RuntimeFacts
{
public:
    /// Messages sent per second in the database: the Broker Statistics counter "SQL SENDs/sec"
    /// when the sample has its rate, else the change of "SQL SEND Total" since the previous sample.
    static std::optional<double> sendRate(const HealthInput &input);
    /// True for the far service of a SqlDependency listener or a query-notification service:
    /// SqlQueryNotificationService-<guid> or http://schemas.microsoft.com/SQL/Notifications/….
    static bool isQueryNotificationService(const QString &name);
};

} // namespace bs
