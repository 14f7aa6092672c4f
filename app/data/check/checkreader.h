#pragma once

#include "core/check/healthinput.h"

#include <QString>

#include <functional>

namespace bs {

/// What one visit to a server produced for the health check.
struct CheckReadResult
{
    bool connected = false;
    QString error; ///< the driver's own text when the connection failed (or the catalog could not be read)
    HealthInput input;
};

/// Reads everything the health check needs from one database over ODBC: the catalog queries
/// (sql/catalog), the check queries (sql/check) and one monitor sample (sql/monitor), on the
/// calling (worker) thread with a connection of its own. Blocking: never call it on the GUI thread.
class CheckReader
{
public:
    using CancelCheck = std::function<bool()>;
    using Progress = std::function<void(const QString &)>;

    static CheckReadResult read(const QString &connectionString, int loginTimeoutSeconds,
                                const CancelCheck &isCancelled = {}, const Progress &progress = {});
};

} // namespace bs
