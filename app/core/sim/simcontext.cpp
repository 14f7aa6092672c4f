#include "core/sim/simcontext.h"

#include <QHash>

#include <algorithm>

namespace bs::sim {

SimContext::SimContext(const Scenario &s)
    : scenario(s)
    , catalog(s.catalog)
    , rng(s.seed)
{
    duration = toSimTime(s.durationSeconds);
    monitorInterval = std::max<SimTime>(1, toSimTime(s.settings.monitorIntervalSeconds));
    waitfor = std::max<SimTime>(1, toSimTime(s.settings.waitforTimeoutSeconds));
    systemMessage = toSimTime(s.settings.systemMessageSeconds);
    securityTimestamp = toSimTime(s.settings.securityTimestampSeconds);
    closedExtra = toSimTime(s.settings.closedExtraRetentionSeconds);
    brokerEnabled = s.catalog.database.isBrokerEnabled;

    // Queues are simulated in catalog order (ActivationMonitor), so a queue's index is its
    // position in the catalog; a later duplicate object_id wins, as in a QHash.
    QHash<int, int> queueIndex;
    for (int i = 0; i < catalog.queues.size(); ++i)
        queueIndex.insert(catalog.queues.at(i).objectId, i);
    for (const Service &svc : catalog.services) {
        SimService ss;
        ss.name = svc.name;
        ss.queue = queueIndex.value(svc.queueId, -1);
        ss.contracts = svc.contractIds;
        services.push_back(ss);
    }
    auto serviceIndex = [&](const QString &name) {
        for (size_t i = 0; i < services.size(); ++i) {
            if (services[i].name == name)
                return int(i);
        }
        return -1;
    };
    // Remote services come after the local ones (whose indexes are their catalog positions):
    // one per service a route names that is not in this database, in route order.
    for (const Route &route : catalog.routes) {
        if (route.remoteServiceName.isEmpty() || serviceIndex(route.remoteServiceName) >= 0)
            continue;
        SimService ss;
        ss.name = route.remoteServiceName;
        ss.remote = true;
        RouteFailure failure = RouteFailure::ConnectionClosed;
        for (const RouteBehaviour &b : s.routeBehaviours) {
            if (b.route == route.name)
                failure = b.failure;
        }
        ss.routeStatus = remoteStatusText(failure);
        services.push_back(ss);
    }
    auto typeId = [&](const QString &name) {
        for (const MessageType &m : catalog.messageTypes) {
            if (m.name == name)
                return m.id;
        }
        return 0;
    };
    for (const WorkloadSpec &spec : s.workloads) {
        SimWorkload w;
        w.spec = spec;
        w.from = serviceIndex(spec.fromService);
        w.to = serviceIndex(spec.toService);
        const Contract *ct = catalog.contractByName(spec.contract);
        w.contractId = ct ? ct->id : 0;
        w.taskTypeId = typeId(spec.messageType);
        w.eosTypeId = typeId(spec.endOfStreamType);
        // A workload the topology cannot carry (built in code without checks) does nothing; a
        // remote target has no queue here (its messages wait in the transmission queue).
        if (w.from < 0 || w.to < 0 || services[size_t(w.from)].queue < 0
            || (services[size_t(w.to)].queue < 0 && !services[size_t(w.to)].remote) || workloads.size() >= MaxWorkloads)
            w.spec.rate.perSecond = 0, w.spec.rate.batchCount = 0;
        w.lifetime = toSimTime(std::clamp(spec.pattern.lifetimeSeconds, 1e-3, double(DefaultLifetimeSeconds)));
        w.stopAt = spec.stopSeconds >= 0 ? toSimTime(spec.stopSeconds) : -1;
        if (spec.pattern.kind == PatternKind::KeepFiring)
            w.pool.resize(size_t(std::clamp(spec.pattern.pool, 1, MaxQueueReadersLimit)));
        workloads.push_back(std::move(w));
    }
}

} // namespace bs::sim
