// The endpoint rules: a service pair's endpoints leaking (with who does not end), and endpoints
// that will never expire.

#include "core/alerts/alertfixscript.h"
#include "core/alerts/endpointreclaim.h"
#include "core/alerts/alertrulesupport.h"
#include "core/alerts/alertthresholds.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace bs::alertrules {

namespace {

using GroupKey = AlertContext::GroupKey;


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


// Never-expiring endpoints of one group in the latest sample (CLOSED ones only with the security
// timestamp unset): endpointreclaim.h, the same count as the chart and the Endpoints table.
qint64 neverExpiringIn(const EndpointGroup &g)
{
    return neverReclaimed(g);
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


// Steady growth of a service pair's endpoints, attributed to the side that does not end. DO on one
// side growing with DI on its partner in the same database is one alert, on the DI side. Adds to
// `covered` the (local service, far service, state code) groups the alerts explain.
QList<Alert> endpointLeak(const AlertContext::Window &window, const BrokerCatalog &catalog,
                          const AlertSettings &settings, std::set<GroupKey> *covered)
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
        // Severity follows the pile that will not be reclaimed: 200 is a warning, 100,000 is critical.
        if (never >= settings.leakCriticalCount)
            a.severity = AlertSeverity::Critical;
        if (covered)
            covered->insert(groups.cbegin(), groups.cend());
        result.append(a);
    }
    return result;
}

// Never-expiring endpoints outside CONVERSING, skipping the groups a leak alert already covers.
QList<Alert> neverExpiring(const AlertContext::Window &window, const AlertSettings &settings,
                           const std::set<GroupKey> &covered, const BrokerCatalog &catalog)
{
    const MonitorSample &s = window.back();
    if (!s.isAvailable(QStringLiteral("monitor.endpoints")))
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
        if (count >= settings.leakCriticalCount)
            a.severity = AlertSeverity::Critical;
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

class EndpointLeakRule : public AlertRule
{
public:
    AlertKind kind() const override { return AlertKind::EndpointLeak; }
    QString name() const override { return QStringLiteral("endpoint-leak"); }
    QString title() const override { return QStringLiteral("Endpoint leak"); }
    QStringList reads() const override { return {QStringLiteral("monitor.endpoints")}; }
    QList<AlertThreshold> thresholds() const override
    {
        return {AlertThresholds::leakWindowSamples(), AlertThresholds::leakMinIncrease(),
                AlertThresholds::steadyPercent(), AlertThresholds::leakCriticalCount()};
    }
    QList<Alert> evaluate(AlertContext &ctx) const override
    {
        return endpointLeak(ctx.window, ctx.catalog, ctx.settings, &ctx.coveredGroups);
    }
};

class NeverExpiringRule : public AlertRule
{
public:
    AlertKind kind() const override { return AlertKind::NeverExpiringEndpoints; }
    QString name() const override { return QStringLiteral("never-expiring"); }
    QString title() const override { return QStringLiteral("Never-expiring endpoints"); }
    QStringList reads() const override { return {QStringLiteral("monitor.endpoints")}; }
    QList<AlertThreshold> thresholds() const override
    {
        return {AlertThresholds::neverExpiringMinCount(), AlertThresholds::leakCriticalCount()};
    }
    QList<Alert> evaluate(AlertContext &ctx) const override
    {
        return neverExpiring(ctx.window, ctx.settings, ctx.coveredGroups, ctx.catalog);
    }
};

} // namespace

std::unique_ptr<AlertRule> makeEndpointLeakRule() { return std::make_unique<EndpointLeakRule>(); }
std::unique_ptr<AlertRule> makeNeverExpiringRule() { return std::make_unique<NeverExpiringRule>(); }

} // namespace bs::alertrules
