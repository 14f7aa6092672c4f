#include "core/alerts/alertrules.h"

#include "core/alerts/alertfixscript.h"
#include "core/sqlquote.h"

#include <QHash>
#include <QLocale>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

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
    qint64 diInitiator = 0; ///< DI endpoints on the initiator side (the rest are the target's)
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
        if (g.state == EndpointState::DI) {
            c.di += g.count;
            if (g.isInitiator)
                c.diInitiator += g.count;
        } else if (g.state == EndpointState::DO) {
            c.dout += g.count;
        } else if (g.state == EndpointState::CO) {
            c.co += g.count;
        }
    }
    return pairs;
}

PairCounts countsOf(const std::map<PairKey, PairCounts> &counts, const PairKey &pair)
{
    const auto it = counts.find(pair);
    return it == counts.end() ? PairCounts{} : it->second;
}

// (local service, far service, state code): one never-expiring group, as the never-expire rule counts them.
using GroupKey = std::tuple<QString, QString, QString>;

// Never-expiring endpoints of one group in the latest sample. A CLOSED endpoint with its security
// timestamp set goes away about 30 minutes later whatever its lifetime (SERVICE_BROKER.md §4), so
// only the unset ones count; sql/monitor/endpoints.sql already counts them so, older samples and
// the simulator may not.
qint64 neverExpiringIn(const EndpointGroup &g)
{
    if (g.neverExpiring <= 0)
        return 0;
    return g.state == EndpointState::CD ? std::min(g.neverExpiring, g.closedWithUnsetSecurityTimestamp)
                                        : g.neverExpiring;
}

qint64 neverExpiringOf(const MonitorSample &s, const std::set<GroupKey> &groups)
{
    qint64 n = 0;
    for (const EndpointGroup &g : s.endpoints) {
        if (groups.count({g.localService, g.farService, endpointStateCode(g.state)}))
            n += neverExpiringIn(g);
    }
    return n;
}

// The queue the local service RECEIVEs from, for fix scripts that must look at it.
std::pair<QString, QString> serviceQueue(const BrokerCatalog &catalog, const QString &service)
{
    if (const Service *svc = catalog.serviceByName(service)) {
        if (const Queue *q = catalog.queue(svc->queueId))
            return {q->schema, q->name};
    }
    return {};
}

// A service is local when this database has it: in the catalog, or owning endpoints in the sample.
bool isLocalService(const BrokerCatalog &catalog, const MonitorSample &s, const QString &service)
{
    if (catalog.serviceByName(service))
        return true;
    return std::any_of(s.endpoints.cbegin(), s.endpoints.cend(),
                       [&](const EndpointGroup &g) { return g.localService == service; });
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
    std::set<std::tuple<QString, QString, QString>> covered;
    all += endpointLeak(window, catalog, settings, &covered);
    all += neverExpiring(window, settings, covered, catalog);
    all += transmissionStuck(window, settings);
    all += activationErrors(window, settings);
    all += droppedMessages(window, settings);
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

namespace {

// One service pair whose population grows steadily, with the growth of each telling state.
struct LeakCandidate
{
    PairKey pair;
    PairCounts first;
    PairCounts last;
    QList<qint64> totals;
    LeakAttribution attribution = LeakAttribution::None;
    qint64 grow(qint64 PairCounts::*field) const { return last.*field - first.*field; }
};

LeakAttribution attributionOf(const LeakCandidate &c)
{
    const qint64 growUnset = c.grow(&PairCounts::closedUnset);
    const qint64 growDi = c.grow(&PairCounts::di);
    const qint64 growDo = c.grow(&PairCounts::dout);
    const qint64 growCo = c.grow(&PairCounts::co);
    const qint64 best = std::max({growUnset, growDi, growDo, growCo});
    if (best <= 0)
        return LeakAttribution::None;
    if (best == growUnset)
        return LeakAttribution::FireAndForget;
    if (best == growDi)
        return LeakAttribution::LocalNeverEnds;
    if (best == growDo)
        return LeakAttribution::FarNeverAnswers;
    return LeakAttribution::NeverEnded;
}

QString growthText(const LeakCandidate &c)
{
    return QStringLiteral("Growth: CLOSED with unset security_timestamp %1, DISCONNECTED_INBOUND %2, "
                          "DISCONNECTED_OUTBOUND %3, CONVERSING %4.")
        .arg(number(c.grow(&PairCounts::closedUnset)), number(c.grow(&PairCounts::di)),
             number(c.grow(&PairCounts::dout)), number(c.grow(&PairCounts::co)));
}

} // namespace

QList<Alert> AlertRules::endpointLeak(const Window &window, const BrokerCatalog &catalog,
                                      const AlertSettings &settings)
{
    return endpointLeak(window, catalog, settings, nullptr);
}

QList<Alert> AlertRules::endpointLeak(const Window &window, const BrokerCatalog &catalog,
                                      const AlertSettings &settings,
                                      std::set<std::tuple<QString, QString, QString>> *covered)
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
    const MonitorSample &latest = *samples.back();
    const qint64 seconds = samples.front()->time.secsTo(samples.back()->time);
    const QString over = QStringLiteral("over the last %1 samples (%2)").arg(n).arg(duration(seconds));

    std::map<PairKey, LeakCandidate> candidates;
    for (const auto &[pair, last] : counts.back()) {
        LeakCandidate c;
        c.pair = pair;
        c.last = last;
        c.first = countsOf(counts.front(), pair);
        for (const auto &sampleCounts : counts)
            c.totals.append(countsOf(sampleCounts, pair).total);
        if (!growsSteadily(c.totals, settings.leakMinIncrease, settings.steadyFraction))
            continue;
        c.attribution = attributionOf(c);
        candidates[pair] = c;
    }

    // DO piling up on one side while the far service, in this same database, piles up DI for the same
    // dialogs is one leak: the far side receives the EndDialog and never ENDs. Report it once, on the
    // side that never ends; "the far side never answers" only fits a far service outside this database.
    struct Merged
    {
        PairKey doPair;
        PairCounts doFirst;
        PairCounts doLast;
    };
    std::map<PairKey, Merged> partners; // never-ending pair -> its DO partner
    for (const auto &[pair, c] : candidates) {
        if (c.attribution != LeakAttribution::FarNeverAnswers)
            continue;
        const PairKey reverse{pair.second, pair.first};
        const PairCounts revFirst = countsOf(counts.front(), reverse);
        const PairCounts revLast = countsOf(counts.back(), reverse);
        const qint64 growDo = c.grow(&PairCounts::dout);
        if (revLast.di - revFirst.di > 0 && 2 * (revLast.di - revFirst.di) >= growDo)
            partners[reverse] = {pair, c.first, c.last};
    }
    for (const auto &[reverse, m] : partners) {
        candidates.erase(m.doPair);
        auto it = candidates.find(reverse);
        if (it == candidates.end() || it->second.attribution != LeakAttribution::LocalNeverEnds) {
            LeakCandidate c;
            c.pair = reverse;
            c.first = countsOf(counts.front(), reverse);
            c.last = countsOf(counts.back(), reverse);
            for (const auto &sampleCounts : counts)
                c.totals.append(countsOf(sampleCounts, reverse).total);
            c.attribution = LeakAttribution::LocalNeverEnds;
            candidates[reverse] = c;
        }
    }

    QList<Alert> result;
    for (const auto &[pair, c] : candidates) {
        const auto &[local, far] = pair;
        Alert a;
        a.kind = AlertKind::EndpointLeak;
        a.severity = AlertSeverity::Warning;
        a.subject = pairLabel(local, far);
        a.key = alertKindName(a.kind) + QLatin1Char(':') + local + QLatin1Char('|') + far;
        a.attribution = c.attribution;
        std::set<GroupKey> groups;
        a.seen = QStringLiteral("Endpoints of %1 grew from %2 to %3 %4. ")
                     .arg(a.subject, number(c.totals.first()), number(c.totals.last()), over) +
                 growthText(c);
        const auto partner = partners.find(pair);
        switch (c.attribution) {
        case LeakAttribution::FireAndForget:
            groups.insert({local, far, QStringLiteral("CD")});
            a.title = QStringLiteral("Endpoint leak on %1: fire-and-forget (closed endpoints never released)").arg(a.subject);
            a.why = QStringLiteral("The initiator ends right after SEND. The target's END then leaves a CLOSED endpoint "
                                   "whose security_timestamp stays at 1900-01-01, so it is kept until the dialog's "
                                   "LIFETIME — 68 years by default. Thousands an hour fill the database, and the "
                                   "initiator silently drops any error the target sends back. Let the target end first "
                                   "(or reuse conversations), then clean up the leaked endpoints.");
            a.fixSql = AlertFixScript::cleanupLeakedClosed(local, far);
            break;
        case LeakAttribution::LocalNeverEnds: {
            groups.insert({local, far, QStringLiteral("DI")});
            const QString role =
                c.last.diInitiator * 2 > c.last.di ? QStringLiteral("initiator") : QStringLiteral("target");
            a.title = QStringLiteral("Endpoint leak: the %1 (%2) receives but never ENDs its side")
                          .arg(role, local);
            if (partner != partners.end()) {
                const Merged &m = partner->second;
                groups.insert({m.doPair.first, m.doPair.second, QStringLiteral("DO")});
                a.seen += QStringLiteral(
                              " Its partner %1, in this database, grew DISCONNECTED_OUTBOUND from %2 to %3 "
                              "in step: those dialogs wait for this side's END.")
                              .arg(m.doPair.first, number(m.doFirst.dout), number(m.doLast.dout));
            }
            const auto [queueSchema, queueName] = serviceQueue(catalog, local);
            if (role == QLatin1String("initiator")) {
                // The target ended first: once the initiator ENDs too, its endpoint is deleted at once
                // (SERVICE_BROKER.md §3), so ending is the whole fix.
                a.why = QStringLiteral(
                    "DISCONNECTED_INBOUND means the far side ended the dialog and this side has not: the "
                    "initiator RECEIVEs the EndDialog message and never runs END CONVERSATION. Service "
                    "Broker never ends a dialog by itself, so both endpoints stay until LIFETIME; in the "
                    "field tens of millions of such endpoints have exhausted memory (errors 701/802, "
                    "OBJECTSTORE_SERVICE_BROKER). The initiator's activation procedure must END "
                    "CONVERSATION on EndDialog and Error messages.");
                a.fixSql =
                    AlertFixScript::endDisconnected(local, far, QStringLiteral("DI"), queueSchema, queueName);
            } else {
                // A target in DI means the initiator ended first. The target's END then leaves a CLOSED
                // endpoint with security_timestamp never set, kept until LIFETIME (SERVICE_BROKER.md
                // §3-§4, R-FF, R-LEAK): "END on EndDialog" would only move the leak.
                a.why = QStringLiteral(
                    "DISCONNECTED_INBOUND on the target means the initiator ended the dialog first%1 and "
                    "the target never runs END CONVERSATION. Service Broker never ends a dialog by "
                    "itself, so the endpoints stay until LIFETIME, 68 years by default; in the field tens "
                    "of millions of them have exhausted memory (errors 701/802, "
                    "OBJECTSTORE_SERVICE_BROKER). Making the target END is not enough: once the initiator "
                    "has ended first, the target's END leaves a CLOSED endpoint whose security_timestamp "
                    "is never set (1900-01-01), kept until LIFETIME: the fire-and-forget leak. Whatever "
                    "the target does, every conversation leaves one. The lasting fix is a pattern in "
                    "which the initiator does not end first: target ends first, or windowed "
                    "fire-and-forget, whose LIFETIME reclaims the closed endpoints when the window ends "
                    "(Tools > New Messaging Pattern); at the very least give BEGIN DIALOG a realistic "
                    "LIFETIME. The script ends the conversations with nothing left to read, which lets "
                    "the initiator's endpoints go, then removes the closed endpoints that leaves.")
                            .arg(partner != partners.end()
                                     ? QStringLiteral(" (its endpoints wait in DISCONNECTED_OUTBOUND)")
                                     : QString());
                a.fixSql = AlertFixScript::endDisconnectedTarget(local, far, queueSchema, queueName);
            }
            break;
        }
        case LeakAttribution::FarNeverAnswers:
            groups.insert({local, far, QStringLiteral("DO")});
            if (isLocalService(catalog, latest, far)) {
                a.title =
                    QStringLiteral("Endpoint leak on %1: DISCONNECTED_OUTBOUND piles up").arg(a.subject);
                a.why = QStringLiteral(
                    "DISCONNECTED_OUTBOUND means this side ended and waits for the far side to "
                    "acknowledge. The far service is in this database, yet its endpoints show no "
                    "matching DISCONNECTED_INBOUND growth: check its queue (disabled, activation "
                    "stopped) and sys.transmission_queue for messages that cannot be delivered.");
            } else {
                a.title =
                    QStringLiteral(
                        "Endpoint leak on %1: the far side never answers (DISCONNECTED_OUTBOUND piles up)")
                        .arg(a.subject);
                a.why = QStringLiteral(
                    "DISCONNECTED_OUTBOUND means this side ended and waits for the far side to "
                    "acknowledge. The far service is not in this database: if it never RECEIVEs "
                    "and ENDs, or its messages cannot reach it (route, transport, security), every "
                    "dialog waits here until LIFETIME.");
            }
            a.fixSql = AlertFixScript::inspectFarSide(local, far);
            break;
        case LeakAttribution::NeverEnded:
        case LeakAttribution::None:
            a.title = QStringLiteral("Endpoint population of %1 keeps growing").arg(a.subject);
            a.why = QStringLiteral("New dialogs are begun faster than they end. Each open dialog holds an endpoint on both "
                                   "sides until it is ended or its LIFETIME passes (68 years by default), so the "
                                   "population only grows.");
            a.fixSql = AlertFixScript::inspectConversing(local, far);
            break;
        }
        const qint64 never = neverExpiringOf(latest, groups);
        if (never > 0)
            a.seen += QStringLiteral(
                          " %1 of the endpoints involved will never expire (lifetime more than a year away).")
                          .arg(number(never));
        if (covered)
            covered->insert(groups.cbegin(), groups.cend());
        result.append(a);
    }
    return result;
}

QList<Alert> AlertRules::neverExpiring(const Window &window, const AlertSettings &settings,
                                       const std::set<std::tuple<QString, QString, QString>> &covered,
                                       const BrokerCatalog &catalog)
{
    const MonitorSample &s = window.back();
    if (!available(s, "monitor.endpoints"))
        return {};
    std::map<std::tuple<QString, QString, int>, qint64> groups;
    for (const EndpointGroup &g : s.endpoints) {
        if (g.state == EndpointState::CO || neverExpiringIn(g) <= 0)
            continue;
        // A leak alert on the same endpoints already says they never expire: one root cause, one alert.
        if (covered.count({g.localService, g.farService, endpointStateCode(g.state)}))
            continue;
        groups[{g.localService, g.farService, int(g.state)}] += neverExpiringIn(g);
    }
    // Until the leak rule has its full window it cannot tell whether a growing group is a leak; a
    // never-expire alert now would be raised and cleared again a minute later when the leak alert
    // takes it over. So a group that grows waits for the leak rule; a steady one is reported from the second
    // reading.
    std::vector<const MonitorSample *> readable;
    for (const MonitorSample &w : window) {
        if (w.isAvailable(QStringLiteral("monitor.endpoints")))
            readable.push_back(&w);
    }
    if (readable.size() < 2)
        return {}; // one reading cannot tell steady from growing: wait for the second
    if (qsizetype(readable.size()) < std::max(2, settings.leakWindowSamples)) {
        std::map<std::tuple<QString, QString, int>, qint64> earliest;
        for (const EndpointGroup &g : readable.front()->endpoints)
            earliest[{g.localService, g.farService, int(g.state)}] += neverExpiringIn(g);
        for (auto it = groups.begin(); it != groups.end();) {
            const auto before = earliest.find(it->first);
            if (before == earliest.end() || it->second > before->second)
                it = groups.erase(it);
            else
                ++it;
        }
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
        a.title = QStringLiteral("Endpoints of %1 in %2 that will never expire")
                      .arg(pairLabel(local, far), endpointStateDescription(state));
        a.seen = QStringLiteral("%1 endpoint(s) of %2 in state %3 have a lifetime more than a year away.")
                     .arg(number(count), pairLabel(local, far), endpointStateCode(state));
        a.why = QStringLiteral("A dialog begun without LIFETIME lives 2,147,483,647 seconds, about 68 years. Outside "
                               "CONVERSING an endpoint is waiting for someone to END it; if nobody does, LIFETIME is "
                               "the only thing that removes it, so these stay in sys.conversation_endpoints and in "
                               "tempdb practically forever.");
        if (state == EndpointState::CD) {
            a.fixSql = AlertFixScript::cleanupLeakedClosed(local, far);
        } else if (state == EndpointState::DI || state == EndpointState::ER) {
            const auto [queueSchema, queueName] = serviceQueue(catalog, local);
            a.fixSql =
                AlertFixScript::endDisconnected(local, far, endpointStateCode(state), queueSchema, queueName);
        } else {
            a.fixSql = AlertFixScript::inspectNeverExpiring(local, far, endpointStateCode(state));
        }
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
        // The title names the condition only; the counts, which change with every sample, are in `seen`.
        a.title = QStringLiteral("Messages stuck in sys.transmission_queue: %1")
                      .arg(a.subject.size() > 80 ? a.subject.left(79) + QChar(0x2026) : a.subject);
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

namespace {
// A Broker counter's value in one sample, matched by counter name (the object name differs between
// default and named instances; SampleAssembler strips the prefix).
std::optional<qint64> counterValue(const MonitorSample &s, QLatin1String counter)
{
    if (!s.isAvailable(QStringLiteral("monitor.perf_counters")))
        return std::nullopt;
    std::optional<qint64> total;
    for (const PerfCounter &pc : s.counters) {
        if (pc.counter.trimmed().compare(counter, Qt::CaseInsensitive) == 0)
            total = total.value_or(0) + pc.value;
    }
    return total;
}

struct CounterRise
{
    qint64 increase = 0;
    qint64 latest = 0;
    QDateTime firstTime; ///< the first sample of the window that could read the counter
};

// How much a running-total Broker counter rose over the last `samples` samples. The counter is a
// total, so the rise is the sum of the sample-to-sample increases; a drop is a restart and counts
// from zero. Nothing when the latest sample cannot read it.
std::optional<CounterRise> counterRise(const AlertRules::Window &window, QLatin1String counter, int samples)
{
    const std::optional<qint64> latest = counterValue(window.back(), counter);
    if (!latest)
        return std::nullopt;
    const qsizetype n = std::max(2, samples);
    const qsizetype from = std::max<qsizetype>(0, qsizetype(window.size()) - n);
    CounterRise rise;
    rise.latest = *latest;
    std::optional<qint64> previous;
    for (qsizetype i = from; i < qsizetype(window.size()); ++i) {
        const std::optional<qint64> v = counterValue(window[size_t(i)], counter);
        if (!v)
            continue;
        if (previous)
            rise.increase += *v >= *previous ? *v - *previous : *v;
        else
            rise.firstTime = window[size_t(i)].time;
        previous = v;
    }
    return rise;
}
} // namespace

QList<Alert> AlertRules::activationErrors(const Window &window, const AlertSettings &settings)
{
    // "Activation Errors Total" (SQLServer:Broker Statistics): the number of times an activation
    // stored procedure exited with an error (learn.microsoft.com/sql/relational-databases/
    // performance-monitor/sql-server-broker-statistics-object).
    const std::optional<CounterRise> rise =
        counterRise(window, QLatin1String("Activation Errors Total"), settings.activationErrorSamples);
    if (!rise || rise->increase <= 0)
        return {};
    Alert a;
    a.kind = AlertKind::ActivationErrors;
    a.severity = AlertSeverity::Warning;
    a.subject = QStringLiteral("Activation Errors Total");
    a.key = alertKindName(a.kind);
    a.title = QStringLiteral("Activation errors increasing: an activated procedure is failing");
    QString abortedText;
    for (const PerfCounter &pc : window.back().counters) {
        if (pc.counter.compare(QLatin1String("Tasks Aborted/sec"), Qt::CaseInsensitive) == 0 &&
            pc.ratePerSecond)
            abortedText = QStringLiteral(" Tasks Aborted/sec: %1.").arg(*pc.ratePerSecond, 0, 'f', 2);
    }
    a.seen = QStringLiteral("Activation Errors Total rose by %1 in %2 (now %3).%4")
                 .arg(number(rise->increase), duration(rise->firstTime.secsTo(window.back().time)),
                      number(rise->latest), abortedText);
    a.why = QStringLiteral(
        "Each error is an activation procedure that exited with an error. Its transaction rolls "
        "back and the message returns to the queue; five rollbacks in a row disable the queue "
        "(poison message handling). The error text is not returned to anyone: it is written to "
        "the SQL Server error log, so look there for the procedure and the message.");
    a.fixSql = AlertFixScript::readErrorLog();
    return {a};
}

QList<Alert> AlertRules::droppedMessages(const Window &window, const AlertSettings &settings)
{
    // "Dropped Messages Total" (SQLServer:Broker Statistics): "the number of messages that were
    // received by the instance, but could not be delivered to a queue" (learn.microsoft.com/sql/
    // relational-databases/performance-monitor/sql-server-broker-statistics-object). A running total
    // like Activation Errors Total, so it is watched over the same window. That an Error dropped at an
    // initiator endpoint that already ended (SERVICE_BROKER.md §3, R-FF) counts here is not stated by
    // the docs [U]; the simulator counts it so, and the text names it as one cause among others.
    const std::optional<CounterRise> rise =
        counterRise(window, QLatin1String("Dropped Messages Total"), settings.activationErrorSamples);
    if (!rise || rise->increase <= 0)
        return {};
    Alert a;
    a.kind = AlertKind::DroppedMessages;
    a.severity = AlertSeverity::Warning;
    a.subject = QStringLiteral("Dropped Messages Total");
    a.key = alertKindName(a.kind);
    a.title = QStringLiteral("Messages dropped: the instance receives messages it cannot deliver to a queue");
    a.seen = QStringLiteral("Dropped Messages Total rose by %1 in %2 (now %3).")
                 .arg(number(rise->increase), duration(rise->firstTime.secsTo(window.back().time)),
                      number(rise->latest));
    a.why = QStringLiteral(
        "Each one is a message that reached this instance and was put in no queue: no application "
        "reads it and nobody gets an error. A message whose dialog is still open is usually kept by "
        "its sender, which retries; look at sys.transmission_queue and its transmission_status, "
        "on this instance and on the senders. An Error sent back to an initiator that has already "
        "ended (fire-and-forget) is dropped for good, and so is the failure it reported. Other "
        "causes are routes (sys.routes) that send messages to the wrong service or broker instance, "
        "and messages the broker rejects on arrival; the SQL Server error log, or a trace of the "
        "Broker:Message Undeliverable event, says which.");
    a.fixSql = AlertFixScript::inspectDroppedMessages();
    return {a};
}

} // namespace bs
