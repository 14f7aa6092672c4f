#include "core/sim/scenario.h"

namespace bs::sim {

QString patternKindName(PatternKind kind)
{
    switch (kind) {
    case PatternKind::Naive: return QStringLiteral("naive");
    case PatternKind::Windowed: return QStringLiteral("windowed");
    case PatternKind::TargetEndsFirst: return QStringLiteral("targetEndsFirst");
    case PatternKind::KeepFiring: return QStringLiteral("keepFiring");
    }
    return {};
}

QString remoteStatusText(RouteFailure failure)
{
    // The messages and their meaning as "Troubleshooting Routing and Message Delivery" lists them
    // (https://learn.microsoft.com/en-us/previous-versions/sql/sql-server-2008/ms166044(v=sql.100)
    // and the SQL Server 2005 page http://technet.microsoft.com/en-us/library/ms166044(v=sql.90).aspx,
    // which adds the 10054 text). [U] The page may shorten the first two; the 10054 one is quoted.
    switch (failure) {
    case RouteFailure::ConnectionClosed:
        // "The remote side of the conversation accepted the TCP/IP connection but closed the
        // connection before allowing a message to be sent."
        return QStringLiteral("An error occurred while receiving data: '10054(An existing connection was forcibly closed by the remote host.)'.");
    case RouteFailure::Unreachable:
        // "Service Broker could not deliver the message to the target Service Broker."
        return QStringLiteral("The target Service Broker is unreachable.");
    case RouteFailure::TransportUnavailable:
        // "No Service Broker endpoint exists in the instance, or the Service Broker endpoint did
        // not start successfully."
        return QStringLiteral("Transport layer is unavailable.");
    }
    return {};
}

} // namespace bs::sim
