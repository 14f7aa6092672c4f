#include "core/ops/browse.h"

namespace bs {

QString transmissionCause(const QString &status)
{
    // The texts and their meaning: "Troubleshooting Routing and Message Delivery"
    // (https://learn.microsoft.com/en-us/previous-versions/sql/sql-server-2008/ms166044(v=sql.100)).
    const QString s = status.trimmed();
    const auto has = [&](const char *text) { return s.contains(QLatin1String(text), Qt::CaseInsensitive); };
    if (s.isEmpty())
        return QStringLiteral("Not tried yet, or being sent now: nothing is wrong so far.");
    if (has("service name could not be found"))
        return QStringLiteral("No route: the target service is not in this database and no route names it. "
                              "Check the service name (TO SERVICE is case-sensitive) and sys.routes.");
    if (has("queue is disabled") || has("queue is currently disabled"))
        return QStringLiteral("The target queue is disabled (poison-message handling or ALTER QUEUE … STATUS = OFF). "
                              "Check sys.service_queues.is_receive_enabled at the target.");
    if (has("broker is disabled") || has("broker is unavailable") || has("is_broker_enabled"))
        return QStringLiteral("Service Broker is disabled in the target database. Check sys.databases.is_broker_enabled.");
    if (has("security") || has("certificate") || has("remote service binding") || has("permission")
        || has("authenticat"))
        return QStringLiteral("Security: the dialog's certificates, remote service binding or the target's SEND "
                              "permission. Check sys.remote_service_bindings and the certificates' expiry.");
    if (has("unreachable") || has("10054") || has("10061") || has("transport") || has("connection")
        || has("timed out"))
        return QStringLiteral("The other broker cannot be reached: check the route's address, the Service Broker "
                              "endpoint (sys.service_broker_endpoints, started), the network and the firewall.");
    return QStringLiteral("See the status text; sys.transmission_queue keeps the last error of each retry.");
}

QString endpointStateExplained(const ConversationEndpoint &e, const QDateTime &nowUtc)
{
    const bool neverStamped = !e.securityTimestampUtc.isValid() || e.securityTimestampUtc.date().year() <= 1900;
    const bool farLifetime = e.lifetimeUtc.isValid() && nowUtc.daysTo(e.lifetimeUtc) > 365;
    const QString lifetime = !e.lifetimeUtc.isValid() ? QStringLiteral("unknown")
        : farLifetime ? QStringLiteral("%1 (more than a year away: in practice never)").arg(e.lifetimeUtc.toString(Qt::ISODate))
                      : e.lifetimeUtc.toString(Qt::ISODate);
    if (e.state == QLatin1String("CO"))
        return QStringLiteral("Conversing: both sides may send. It goes away when both sides end it or at its lifetime (%1).").arg(lifetime);
    if (e.state == QLatin1String("DI"))
        return QStringLiteral("Disconnected inbound: the far side ended; this side has not. It stays until this side "
                              "runs END CONVERSATION or its lifetime ends (%1).").arg(lifetime);
    if (e.state == QLatin1String("DO"))
        return QStringLiteral("Disconnected outbound: this side ended; the far side has not acknowledged. It stays until "
                              "the far side ends or its lifetime ends (%1).").arg(lifetime);
    if (e.state == QLatin1String("ER"))
        return QStringLiteral("Error: an Error message arrived or was raised. End this side to remove it.");
    if (e.state == QLatin1String("CD")) {
        if (neverStamped)
            return QStringLiteral("Closed, security timestamp never set: kept until its lifetime (%1). This is the "
                                  "fire-and-forget leak; END CONVERSATION … WITH CLEANUP is the documented remedy.").arg(lifetime);
        return QStringLiteral("Closed: kept about 30 minutes after closing (replay protection), then removed.");
    }
    if (e.state == QLatin1String("SO") || e.state == QLatin1String("SI"))
        return QStringLiteral("Started: the dialog began but no message has been exchanged both ways yet.");
    return QStringLiteral("State %1.").arg(e.state);
}

} // namespace bs
