#include "core/alerts/alertrules.h"

#include "core/alerts/alertfixscript.h"
#include "core/sqlquote.h"

#include <QHash>
#include <QLocale>

#include <algorithm>
#include <map>

namespace bs {

namespace {

QString number(qint64 n)
{
    return QLocale::c().toString(n);
}

QString queueLabel(const QString &schema, const QString &name)
{
    return quoteIdentifier(schema) + QLatin1Char('.') + quoteIdentifier(name);
}

QString pairLabel(const QString &local, const QString &far)
{
    return local + QStringLiteral(" ↔ ") + far;
}

bool available(const MonitorSample &s, const char *part)
{
    return s.isAvailable(QLatin1String(part));
}

QString duration(qint64 seconds)
{
    if (seconds < 120)
        return QStringLiteral("%1 s").arg(seconds);
    if (seconds < 7200)
        return QStringLiteral("%1 min").arg(seconds / 60);
    return QStringLiteral("%1 h").arg(seconds / 3600);
}

// Per service pair and sample: counts of the states that tell who is not ending.
struct PairCounts
{
    qint64 total = 0;
    qint64 closedUnset = 0;
    qint64 di = 0;
    qint64 dout = 0;
    qint64 co = 0;
};
using PairKey = std::pair<QString, QString>; // local service, far service

std::map<PairKey, PairCounts> countPairs(const MonitorSample &s)
{
    std::map<PairKey, PairCounts> pairs;
    for (const EndpointGroup &g : s.endpoints) {
        PairCounts &c = pairs[{g.localService, g.farService}];
        c.total += g.count;
        c.closedUnset += g.closedWithUnsetSecurityTimestamp;
        if (g.state == EndpointState::DI)
            c.di += g.count;
        else if (g.state == EndpointState::DO)
            c.dout += g.count;
        else if (g.state == EndpointState::CO)
            c.co += g.count;
    }
    return pairs;
}

} // namespace

bool AlertRules::growsSteadily(const QList<qint64> &values, qint64 minIncrease, double steadyFraction)
{
    if (values.size() < 2 || values.last() - values.first() < std::max<qint64>(minIncrease, 1))
        return false;
    qsizetype notDown = 0;
    for (qsizetype i = 1; i < values.size(); ++i) {
        if (values[i] >= values[i - 1])
            ++notDown;
    }
    return double(notDown) >= steadyFraction * double(values.size() - 1);
}

QList<Alert> AlertRules::evaluate(const Window &window, const BrokerCatalog &catalog, const AlertSettings &settings)
{
    QList<Alert> all;
    if (window.empty())
        return all;
    all += brokerDisabled(window, catalog);
    all += queueDisabled(window, catalog);
    all += activationStuck(window, catalog, settings);
    all += readersSaturated(window, settings);
    all += endpointLeak(window, settings);
    all += neverExpiring(window, settings);
    all += transmissionStuck(window, settings);
    return all;
}

QList<Alert> AlertRules::brokerDisabled(const Window &window, const BrokerCatalog &catalog)
{
    const MonitorSample &s = window.back();
    if (!s.isBrokerEnabled.has_value() || *s.isBrokerEnabled)
        return {};
    Alert a;
    a.kind = AlertKind::BrokerDisabled;
    a.severity = AlertSeverity::Critical;
    a.subject = catalog.database.databaseName;
    a.key = alertKindName(a.kind);
    a.title = QStringLiteral("Service Broker is disabled in the database");
    a.seen = QStringLiteral("sys.databases.is_broker_enabled = 0; %1 message(s) wait in sys.transmission_queue.")
                 .arg(number(s.transmissionQueueSize));
    a.why = QStringLiteral("With the broker disabled nothing leaves sys.transmission_queue and nothing is delivered "
                           "to the queues: SENDs still succeed, so applications look healthy while messages pile up. "
                           "A restored or attached database comes up with the broker disabled.");
    a.fixSql = AlertFixScript::enableBroker(catalog.database.databaseName);
    return {a};
}

QList<Alert> AlertRules::queueDisabled(const Window &window, const BrokerCatalog &catalog)
{
    const MonitorSample &s = window.back();
    if (!available(s, "monitor.queue_depth"))
        return {};
    QList<Alert> result;
    for (const QueueSample &q : s.queues) {
        if (q.isReceiveEnabled)
            continue;
        Alert a;
        a.kind = AlertKind::QueueDisabled;
        a.severity = AlertSeverity::Critical;
        a.subject = queueLabel(q.schema, q.name);
        a.key = alertKindName(a.kind) + QLatin1Char(':') + a.subject;
        a.title = QStringLiteral("Queue %1 is disabled (receive off)").arg(a.subject);
        QStringList services;
        if (const Queue *cq = catalog.queueByName(q.schema, q.name)) {
            for (const Service *svc : catalog.servicesOnQueue(cq->objectId))
                services.append(svc->name);
        }
        a.seen = QStringLiteral("is_receive_enabled = 0, is_enqueue_enabled = %1, %2 message(s) in the queue%3.")
                     .arg(q.isEnqueueEnabled ? 1 : 0)
                     .arg(number(q.depth))
                     .arg(services.isEmpty() ? QString() : QStringLiteral("; services: ") + services.join(QStringLiteral(", ")));
        a.why = QStringLiteral("Five rollbacks in a row of a transaction that received from this queue make Service "
                               "Broker turn the queue off (poison message handling). While it is off RECEIVE fails, "
                               "activation stops and senders' messages wait in sys.transmission_queue. Find the "
                               "message that keeps failing before turning the queue back on, or it will be "
                               "disabled again within five attempts.");
        a.fixSql = AlertFixScript::enableQueue(q.schema, q.name);
        result.append(a);
    }
    return result;
}

QList<Alert> AlertRules::activationStuck(const Window &window, const BrokerCatalog &catalog, const AlertSettings &settings)
{
    const MonitorSample &latest = window.back();
    if (!available(latest, "monitor.queue_monitors") || !available(latest, "monitor.activated_tasks"))
        return {};
    QList<Alert> result;
    for (const QueueSample &q : latest.queues) {
        if (!q.isActivationEnabled || !q.isReceiveEnabled || q.monitorState != QueueMonitorState::Notified
            || q.depth <= 0 || q.activeReaders > 0)
            continue;
        // How long has it looked like this, without a break?
        QDateTime since = latest.time;
        for (auto it = window.rbegin(); it != window.rend(); ++it) {
            const QueueSample *p = it->queue(q.schema, q.name);
            if (!p || p->monitorState != QueueMonitorState::Notified || p->depth <= 0 || p->activeReaders > 0)
                break;
            since = it->time;
        }
        const qint64 stuck = since.secsTo(latest.time);
        if (stuck < settings.notifiedStuckSeconds)
            continue;
        Alert a;
        a.kind = AlertKind::ActivationStuckNotified;
        a.severity = AlertSeverity::Critical;
        a.subject = queueLabel(q.schema, q.name);
        a.key = alertKindName(a.kind) + QLatin1Char(':') + a.subject;
        a.title = QStringLiteral("Activation of %1 is stuck in NOTIFIED").arg(a.subject);
        QString proc;
        if (const Queue *cq = catalog.queueByName(q.schema, q.name))
            proc = cq->activationProcedure;
        a.seen = QStringLiteral("Queue monitor NOTIFIED for %1 with %2 message(s) waiting and no activated task%3.")
                     .arg(duration(stuck), number(q.depth),
                          proc.isEmpty() ? QString() : QStringLiteral(" (procedure %1)").arg(proc));
        a.why = QStringLiteral("NOTIFIED means the monitor launched the activation procedure and waits for someone to "
                               "RECEIVE before it launches another. A procedure that returns without RECEIVE, or fails "
                               "inside it (a CAST in the column list, say), leaves the monitor there: no new task "
                               "starts, the queue only grows, and nothing is logged.");
        a.fixSql = AlertFixScript::restartActivation(q.schema, q.name);
        result.append(a);
    }
    return result;
}

QList<Alert> AlertRules::readersSaturated(const Window &window, const AlertSettings &settings)
{
    const MonitorSample &latest = window.back();
    if (!available(latest, "monitor.activated_tasks") || !available(latest, "monitor.queue_depth"))
        return {};
    const qsizetype n = std::max(2, settings.depthGrowthSamples);
    if (qsizetype(window.size()) < n)
        return {};
    QList<Alert> result;
    for (const QueueSample &q : latest.queues) {
        if (!q.isActivationEnabled || q.maxReaders <= 0 || q.activeReaders < q.maxReaders)
            continue;
        QList<qint64> depths;
        bool atMaxThroughout = true;
        for (qsizetype i = qsizetype(window.size()) - n; i < qsizetype(window.size()); ++i) {
            const QueueSample *p = window[size_t(i)].queue(q.schema, q.name);
            if (!p || !window[size_t(i)].isAvailable(QStringLiteral("monitor.queue_depth"))) {
                atMaxThroughout = false;
                break;
            }
            atMaxThroughout = atMaxThroughout && p->activeReaders >= p->maxReaders;
            depths.append(p->depth);
        }
        if (!atMaxThroughout || !growsSteadily(depths, settings.depthMinIncrease, settings.steadyFraction))
            continue;
        Alert a;
        a.kind = AlertKind::ReadersSaturated;
        a.severity = AlertSeverity::Warning;
        a.subject = queueLabel(q.schema, q.name);
        a.key = alertKindName(a.kind) + QLatin1Char(':') + a.subject;
        a.title = QStringLiteral("%1: all %2 readers busy and the queue keeps growing").arg(a.subject).arg(q.maxReaders);
        a.seen = QStringLiteral("%1 of MAX_QUEUE_READERS = %2 tasks running; depth %3 → %4 over the last %5 samples.")
                     .arg(q.activeReaders).arg(q.maxReaders).arg(number(depths.first()), number(depths.last())).arg(n);
        a.why = QStringLiteral("Activation starts a new task only while fewer than MAX_QUEUE_READERS run, so the queue "
                               "drains no faster than these readers can RECEIVE. If messages keep arriving faster, the "
                               "backlog and its latency grow without bound. More readers help only when the messages "
                               "are spread over at least as many conversation groups.");
        a.fixSql = AlertFixScript::raiseMaxReaders(q.schema, q.name, std::min(32767, q.maxReaders * 2));
        result.append(a);
    }
    return result;
}

QList<Alert> AlertRules::endpointLeak(const Window &window, const AlertSettings &settings)
{
    const qsizetype n = std::max(2, settings.leakWindowSamples);
    // The last n samples that could read the endpoints.
    std::vector<const MonitorSample *> samples;
    for (auto it = window.rbegin(); it != window.rend() && qsizetype(samples.size()) < n; ++it) {
        if (it->isAvailable(QStringLiteral("monitor.endpoints")))
            samples.push_back(&*it);
    }
    if (qsizetype(samples.size()) < n || samples.front() != &window.back())
        return {};
    std::reverse(samples.begin(), samples.end());
    std::vector<std::map<PairKey, PairCounts>> counts;
    counts.reserve(samples.size());
    for (const MonitorSample *s : samples)
        counts.push_back(countPairs(*s));

    QList<Alert> result;
    for (const auto &[pair, last] : counts.back()) {
        QList<qint64> totals;
        for (const auto &c : counts) {
            const auto it = c.find(pair);
            totals.append(it == c.end() ? 0 : it->second.total);
        }
        if (!growsSteadily(totals, settings.leakMinIncrease, settings.steadyFraction))
            continue;
        const auto firstIt = counts.front().find(pair);
        const PairCounts first = firstIt == counts.front().end() ? PairCounts{} : firstIt->second;
        const qint64 growUnset = last.closedUnset - first.closedUnset;
        const qint64 growDi = last.di - first.di;
        const qint64 growDo = last.dout - first.dout;
        const qint64 growCo = last.co - first.co;
        const qint64 best = std::max({growUnset, growDi, growDo, growCo});

        Alert a;
        a.kind = AlertKind::EndpointLeak;
        a.severity = AlertSeverity::Warning;
        a.subject = pairLabel(pair.first, pair.second);
        a.key = alertKindName(a.kind) + QLatin1Char(':') + pair.first + QLatin1Char('|') + pair.second;
        const qint64 seconds = samples.front()->time.secsTo(samples.back()->time);
        a.seen = QStringLiteral("Endpoints of %1 grew from %2 to %3 over the last %4 samples (%5). "
                                "Growth: CLOSED with unset security_timestamp %6, DISCONNECTED_INBOUND %7, "
                                "DISCONNECTED_OUTBOUND %8, CONVERSING %9.")
                     .arg(a.subject, number(totals.first()), number(totals.last()), QString::number(n),
                          duration(seconds), number(growUnset), number(growDi), number(growDo), number(growCo));
        if (best <= 0) {
            a.attribution = LeakAttribution::None;
        } else if (best == growUnset) {
            a.attribution = LeakAttribution::FireAndForget;
        } else if (best == growDi) {
            a.attribution = LeakAttribution::LocalNeverEnds;
        } else if (best == growDo) {
            a.attribution = LeakAttribution::FarNeverAnswers;
        } else {
            a.attribution = LeakAttribution::NeverEnded;
        }
        switch (a.attribution) {
        case LeakAttribution::FireAndForget:
            a.title = QStringLiteral("Endpoint leak on %1: fire-and-forget (closed endpoints never released)").arg(a.subject);
            a.why = QStringLiteral("The initiator ends right after SEND. The target's END then leaves a CLOSED endpoint "
                                   "whose security_timestamp stays at 1900-01-01, so it is kept until the dialog's "
                                   "LIFETIME — 68 years by default. Thousands an hour fill the database, and the "
                                   "initiator silently drops any error the target sends back. Let the target end first "
                                   "(or reuse conversations), then clean up the leaked endpoints.");
            a.fixSql = AlertFixScript::cleanupLeakedClosed(pair.first, pair.second);
            break;
        case LeakAttribution::LocalNeverEnds:
            a.title = QStringLiteral("Endpoint leak on %1: this side never ends (DISCONNECTED_INBOUND piles up)").arg(a.subject);
            a.why = QStringLiteral("DISCONNECTED_INBOUND means the far side ended the dialog and this side has not. Service "
                                   "Broker never ends a dialog by itself, so each one stays until LIFETIME; in the field "
                                   "tens of millions of such endpoints have exhausted memory (errors 701/802, "
                                   "OBJECTSTORE_SERVICE_BROKER). The local service must END CONVERSATION on EndDialog "
                                   "and Error messages.");
            a.fixSql = AlertFixScript::endDisconnected(pair.first, pair.second, QStringLiteral("DI"));
            break;
        case LeakAttribution::FarNeverAnswers:
            a.title = QStringLiteral("Endpoint leak on %1: the far side never answers (DISCONNECTED_OUTBOUND piles up)").arg(a.subject);
            a.why = QStringLiteral("DISCONNECTED_OUTBOUND means this side ended and waits for the far side to acknowledge. "
                                   "If the far service never RECEIVEs and ENDs, or its messages cannot reach it, every "
                                   "dialog waits here until LIFETIME.");
            a.fixSql = AlertFixScript::inspectFarSide(pair.first, pair.second);
            break;
        case LeakAttribution::NeverEnded:
        case LeakAttribution::None:
            a.title = QStringLiteral("Endpoint population of %1 keeps growing").arg(a.subject);
            a.why = QStringLiteral("New dialogs are begun faster than they end. Each open dialog holds an endpoint on both "
                                   "sides until it is ended or its LIFETIME passes (68 years by default), so the "
                                   "population only grows.");
            a.fixSql = AlertFixScript::inspectConversing(pair.first, pair.second);
            break;
        }
        result.append(a);
    }
    return result;
}

QList<Alert> AlertRules::neverExpiring(const Window &window, const AlertSettings &settings)
{
    const MonitorSample &s = window.back();
    if (!available(s, "monitor.endpoints"))
        return {};
    std::map<std::tuple<QString, QString, int>, qint64> groups;
    for (const EndpointGroup &g : s.endpoints) {
        if (g.state == EndpointState::CO || g.neverExpiring <= 0)
            continue;
        // A CLOSED endpoint with its security timestamp set goes away 30 minutes later whatever its lifetime.
        const qint64 n = g.state == EndpointState::CD ? std::min(g.neverExpiring, g.closedWithUnsetSecurityTimestamp)
                                                      : g.neverExpiring;
        groups[{g.localService, g.farService, int(g.state)}] += n;
    }
    QList<Alert> result;
    for (const auto &[key, count] : groups) {
        if (count < std::max(1, settings.neverExpiringMinCount))
            continue;
        const auto &[local, far, stateInt] = key;
        const auto state = EndpointState(stateInt);
        Alert a;
        a.kind = AlertKind::NeverExpiringEndpoints;
        a.severity = AlertSeverity::Warning;
        a.subject = pairLabel(local, far) + QStringLiteral(" (") + endpointStateCode(state) + QLatin1Char(')');
        a.key = alertKindName(a.kind) + QLatin1Char(':') + local + QLatin1Char('|') + far + QLatin1Char('|') + endpointStateCode(state);
        a.title = QStringLiteral("%1 endpoints in %2 that will never expire").arg(number(count), endpointStateDescription(state));
        a.seen = QStringLiteral("%1 endpoint(s) of %2 in state %3 have a lifetime more than a year away.")
                     .arg(number(count), pairLabel(local, far), endpointStateCode(state));
        a.why = QStringLiteral("A dialog begun without LIFETIME lives 2,147,483,647 seconds, about 68 years. Outside "
                               "CONVERSING an endpoint is waiting for someone to END it; if nobody does, LIFETIME is "
                               "the only thing that removes it, so these stay in sys.conversation_endpoints and in "
                               "tempdb practically forever.");
        if (state == EndpointState::CD)
            a.fixSql = AlertFixScript::cleanupLeakedClosed(local, far);
        else if (state == EndpointState::DI || state == EndpointState::ER)
            a.fixSql = AlertFixScript::endDisconnected(local, far, endpointStateCode(state));
        else
            a.fixSql = AlertFixScript::inspectNeverExpiring(local, far, endpointStateCode(state));
        result.append(a);
    }
    return result;
}

QString AlertRules::transmissionCause(const QString &status)
{
    const QString s = status.toLower();
    if (s.trimmed().isEmpty())
        return QStringLiteral("Not tried yet, or sent and never acknowledged: check that the broker is enabled on both "
                              "sides and that the far side has a route back to this service.");
    if (s.contains(QLatin1String("route")) || s.contains(QLatin1String("could not be found")))
        return QStringLiteral("No usable route to the target service: check sys.routes (SERVICE_NAME, BROKER_INSTANCE, "
                              "ADDRESS) in this database and in msdb on forwarders.");
    if (s.contains(QLatin1String("certificate")) || s.contains(QLatin1String("security"))
        || s.contains(QLatin1String("permission")) || s.contains(QLatin1String("binding")))
        return QStringLiteral("Dialog security failed: check the remote service binding, certificates and the "
                              "permissions of the users they map to.");
    if (s.contains(QLatin1String("disabled")))
        return QStringLiteral("The target queue or the broker on the far side is disabled.");
    if (s.contains(QLatin1String("connect")) || s.contains(QLatin1String("endpoint")) || s.contains(QLatin1String("network"))
        || s.contains(QLatin1String("transport")))
        return QStringLiteral("The broker endpoint of the far instance cannot be reached: check the Service Broker "
                              "endpoint, its port and firewall, and the address in the route.");
    return QStringLiteral("The far side rejected or did not accept the messages; the status text is the send error.");
}

QList<Alert> AlertRules::transmissionStuck(const Window &window, const AlertSettings &settings)
{
    const MonitorSample &latest = window.back();
    if (!available(latest, "monitor.transmission"))
        return {};
    struct StatusGroup
    {
        qint64 count = 0;
        std::optional<QDateTime> oldest;
        QStringList services;
    };
    std::map<QString, StatusGroup> byStatus;
    for (const TransmissionGroup &g : latest.transmission) {
        StatusGroup &sg = byStatus[g.status];
        sg.count += g.count;
        if (g.oldestEnqueueTime && (!sg.oldest || *g.oldestEnqueueTime < *sg.oldest))
            sg.oldest = g.oldestEnqueueTime;
        if (!sg.services.contains(g.toService))
            sg.services.append(g.toService);
    }
    QList<Alert> result;
    for (const auto &[status, g] : byStatus) {
        if (g.count <= 0)
            continue;
        qint64 age = 0;
        if (g.oldest) {
            age = g.oldest->secsTo(latest.time);
        } else {
            // Without enqueue times, measure how long this status has been present in every sample.
            QDateTime since = latest.time;
            for (auto it = window.rbegin(); it != window.rend(); ++it) {
                const bool present = std::any_of(it->transmission.cbegin(), it->transmission.cend(),
                                                 [&](const TransmissionGroup &t) { return t.status == status && t.count > 0; });
                if (!present)
                    break;
                since = it->time;
            }
            age = since.secsTo(latest.time);
        }
        if (age < settings.transmissionAgeSeconds)
            continue;
        Alert a;
        a.kind = AlertKind::TransmissionStuck;
        a.severity = status.trimmed().isEmpty() ? AlertSeverity::Warning : AlertSeverity::Critical;
        a.subject = status.trimmed().isEmpty() ? QStringLiteral("(no status)") : status;
        a.key = alertKindName(a.kind) + QLatin1Char(':') + status;
        a.title = QStringLiteral("%1 message(s) stuck in sys.transmission_queue for %2").arg(number(g.count), duration(age));
        a.seen = QStringLiteral("%1 message(s) to %2 with transmission_status \"%3\"; the oldest has waited %4.")
                     .arg(number(g.count), g.services.join(QStringLiteral(", ")), a.subject, duration(age));
        a.why = transmissionCause(status)
            + QStringLiteral(" Service Broker retries for the whole LIFETIME of the dialog without raising an error, so "
                             "senders see no failure while the messages wait.");
        a.fixSql = AlertFixScript::inspectTransmission(status);
        result.append(a);
    }
    return result;
}

} // namespace bs
