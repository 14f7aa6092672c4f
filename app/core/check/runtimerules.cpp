// Runtime rules over the latest monitor sample (the same endpoint and transmission-queue groups
// the monitor charts).
#include "core/alerts/alertfixscript.h"
#include "core/check/healthrules.h"
#include "core/check/runtimefacts.h"
#include "core/sqlquote.h"

#include <QMap>

namespace bs {

namespace {

ThresholdSpec notificationSpec()
{
    return {QStringLiteral("checkNotificationEndpoints"), QStringLiteral("Query-notification endpoints"),
            QStringLiteral("endpoints"), 1, 100000000, 1000, 0,
            QStringLiteral("Conversation endpoints whose far service is a SqlDependency listener "
                           "(SqlQueryNotificationService-<guid>) above which the pile-up is reported.")};
}

ThresholdSpec transmissionAgeSpec()
{
    return {QStringLiteral("checkTransmissionAgeSeconds"), QStringLiteral("Transmission queue age"),
            QStringLiteral("seconds"), 10, 31536000, 300, 0,
            QStringLiteral("How long a message may wait in sys.transmission_queue before the check reports it.")};
}

QList<HealthFinding> queryNotificationEndpoints(const HealthInput &in, const HealthSettings &settings)
{
    const double threshold = settings.value(notificationSpec());
    // local service -> (endpoints, far services)
    QMap<QString, std::pair<qint64, QStringList>> byLocal;
    for (const EndpointGroup &g : in.sample->endpoints) {
        if (!RuntimeFacts::isQueryNotificationService(g.farService))
            continue;
        auto &entry = byLocal[g.localService];
        entry.first += g.count;
        if (!entry.second.contains(g.farService))
            entry.second.append(g.farService);
    }
    QList<HealthFinding> out;
    for (auto it = byLocal.cbegin(); it != byLocal.cend(); ++it) {
        if (double(it->first) < threshold)
            continue;
        HealthFinding f;
        f.severity = HealthSeverity::Warning;
        f.subject = it.key();
        f.title = QStringLiteral("%L1 endpoints talk to SqlDependency / query-notification services").arg(it->first);
        if (const Service *s = in.catalog.serviceByName(it.key()))
            f.objects = {{ObjectKind::Service, s->id}};
        f.seen = QStringLiteral("%L1 conversation endpoints of %2 have a query-notification far service (%3%4).")
                     .arg(it->first)
                     .arg(it.key())
                     .arg(it->second.mid(0, 3).join(u", "_qs))
                     .arg(it->second.size() > 3 ? QStringLiteral(", … %1 in all").arg(it->second.size()) : QString());
        f.why = QStringLiteral(
            "SqlDependency (System.Data.SqlClient and early Microsoft.Data.SqlClient) starts a conversation for its "
            "listener every few tens of seconds and leaves it STARTED_OUTBOUND; a listener that is restarted or killed "
            "without SqlDependency.Stop also leaves its SqlQueryNotificationService-<guid> dialogs behind. Nothing ends "
            "them, so they pile up by the hundred thousand, the most reported endpoint explosion "
            "(github.com/dotnet/SqlClient/issues/148, fixed in Microsoft.Data.SqlClient 1.1.0). Upgrade the client "
            "library, call SqlDependency.Stop on shutdown, then clean up the endpoints left over.");
        f.fixSql = QStringLiteral(
            "-- Endpoints left by SqlDependency listeners, by state (run in this database):\n"
            "SELECT state_desc, far_service, COUNT(*) AS endpoints\n"
            "FROM sys.conversation_endpoints\n"
            "WHERE far_service LIKE N'SqlQueryNotificationService-%' OR far_service LIKE N'http://schemas.microsoft.com/SQL/Notifications/%'\n"
            "GROUP BY state_desc, far_service ORDER BY endpoints DESC;\n"
            "-- Stop the applications first. Then end, in batches, the dialogs of listeners whose service is gone\n"
            "-- (WITH CLEANUP tells the far side nothing; the far side is gone):\n"
            "DECLARE @handle uniqueidentifier, @done int = 1;\n"
            "WHILE @done > 0\n"
            "BEGIN\n"
            "    SET @done = 0;\n"
            "    BEGIN TRANSACTION;\n"
            "    DECLARE leftovers CURSOR LOCAL FAST_FORWARD FOR\n"
            "        SELECT TOP (1000) ce.conversation_handle\n"
            "        FROM sys.conversation_endpoints AS ce\n"
            "        WHERE ce.far_service LIKE N'SqlQueryNotificationService-%'\n"
            "          AND NOT EXISTS (SELECT 1 FROM sys.services AS s WHERE s.name = ce.far_service);\n"
            "    OPEN leftovers;\n"
            "    FETCH NEXT FROM leftovers INTO @handle;\n"
            "    WHILE @@FETCH_STATUS = 0\n"
            "    BEGIN\n"
            "        END CONVERSATION @handle WITH CLEANUP;\n"
            "        SET @done += 1;\n"
            "        FETCH NEXT FROM leftovers INTO @handle;\n"
            "    END;\n"
            "    CLOSE leftovers;\n"
            "    DEALLOCATE leftovers;\n"
            "    COMMIT TRANSACTION;\n"
            "END;\n");
        out.append(f);
    }
    return out;
}

QList<HealthFinding> transmissionOld(const HealthInput &in, const HealthSettings &settings)
{
    const qint64 maxAge = qint64(settings.value(transmissionAgeSpec()));
    const QDateTime now = in.sample->time.isValid() ? in.sample->time : in.now;
    // status -> (rows, oldest, destinations)
    QMap<QString, std::tuple<qint64, QDateTime, QStringList>> byStatus;
    for (const TransmissionGroup &g : in.sample->transmission) {
        if (!g.oldestEnqueueTime || g.oldestEnqueueTime->secsTo(now) < maxAge)
            continue;
        auto &e = byStatus[g.status];
        std::get<0>(e) += g.count;
        if (!std::get<1>(e).isValid() || *g.oldestEnqueueTime < std::get<1>(e))
            std::get<1>(e) = *g.oldestEnqueueTime;
        if (!std::get<2>(e).contains(g.toService))
            std::get<2>(e).append(g.toService);
    }
    QList<HealthFinding> out;
    for (auto it = byStatus.cbegin(); it != byStatus.cend(); ++it) {
        const auto &[rows, oldest, services] = *it;
        HealthFinding f;
        f.severity = HealthSeverity::Warning;
        f.subject = it.key().isEmpty() ? QStringLiteral("(not tried yet)") : it.key().left(120);
        f.title = QStringLiteral("%L1 messages wait in sys.transmission_queue: %2").arg(rows).arg(f.subject);
        for (const QString &name : services) {
            if (const Service *s = in.catalog.serviceByName(name))
                f.objects.append({ObjectKind::Service, s->id});
        }
        if (f.objects.isEmpty())
            f.objects = {{ObjectKind::Database, 0}}; // the destinations are not services of this database
        f.seen = QStringLiteral("%L1 rows with transmission_status \"%2\", the oldest enqueued %3 (UTC), to %4.")
                     .arg(rows)
                     .arg(it.key())
                     .arg(oldest.toString(Qt::ISODate))
                     .arg(services.join(u", "_qs));
        f.why = it.key().isEmpty()
            ? QStringLiteral("An empty status means the broker has not tried to send these messages yet, or they wait "
                             "for an acknowledgement that does not come back (check the return route); messages are "
                             "retried until the dialog's lifetime ends (learn.microsoft.com/sql/relational-databases/"
                             "system-catalog-views/sys-transmission-queue-transact-sql).")
            : QStringLiteral("The status is the last send error; Service Broker retries until the dialog's lifetime "
                             "ends, so these messages are stuck until the cause is fixed "
                             "(learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-transmission-queue-transact-sql).");
        f.fixSql = AlertFixScript::inspectTransmission(it.key());
        out.append(f);
    }
    return out;
}

HealthRule rule(const char16_t *id, const QString &title, const QString &reference, ThresholdSpec spec,
                HealthRule::Check check)
{
    HealthRule r = HealthRule::make(id, title, HealthRuleCategory::Runtime, HealthSeverity::Warning,
                                    HealthRead::Sample | HealthRead::Catalog, reference, std::move(check));
    r.thresholds = {std::move(spec)};
    return r;
}

} // namespace

QList<HealthRule> runtimeRules()
{
    return {
        rule(u"query-notification-endpoints", QStringLiteral("SqlDependency / query-notification endpoints pile up"),
             QStringLiteral("github.com/dotnet/SqlClient/issues/148"), notificationSpec(), queryNotificationEndpoints),
        rule(u"transmission-queue-old", QStringLiteral("Old rows in sys.transmission_queue"),
             QStringLiteral("learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-transmission-queue-transact-sql"),
             transmissionAgeSpec(), transmissionOld),
    };
}

} // namespace bs
