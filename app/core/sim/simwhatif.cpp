#include "core/sim/simwhatif.h"

#include "core/sim/simulator.h"

#include <QLocale>

#include <algorithm>

namespace bs::sim {

Scenario whatIfScenario(const WhatIfOptions &o)
{
    Scenario s;
    s.name = QStringLiteral("what-if");
    s.seed = o.seed;
    s.durationSeconds = o.durationSeconds;
    s.sampleIntervalSeconds = o.sampleIntervalSeconds;

    BrokerCatalog &c = s.catalog;
    c.database.serverName = QStringLiteral("(simulation)");
    c.database.databaseName = QStringLiteral("WhatIf");
    c.database.isBrokerEnabled = true;
    const QString root = QStringLiteral("//BrokerStudio/WhatIf/");
    c.messageTypes = {
        MessageType{65536, root + QStringLiteral("Task"), 1, QStringLiteral("X"), QStringLiteral("XML"), std::nullopt},
        MessageType{65537, root + QStringLiteral("EndOfStream"), 1, QStringLiteral("E"), QStringLiteral("EMPTY"), std::nullopt},
    };
    Contract contract;
    contract.id = 65536;
    contract.name = root + QStringLiteral("Contract");
    contract.usages = {MessageUsage{65536, true, false}, MessageUsage{65537, true, false}};
    c.contracts = {contract};

    // The initiator's activation ends its side on EndDialog and logs Errors (PATTERNS.md); the
    // fire-and-forget patterns have none.
    const bool initiatorActivation = o.pattern == PatternKind::KeepFiring || o.pattern == PatternKind::TargetEndsFirst;
    Queue iq;
    iq.objectId = 1000000;
    iq.schema = QStringLiteral("dbo");
    iq.name = QStringLiteral("WhatIfInitiatorQueue");
    if (initiatorActivation) {
        iq.activationProcedure = QStringLiteral("dbo.WhatIf_Initiator");
        iq.isActivationEnabled = true;
        iq.maxReaders = 1;
        iq.executeAsPrincipalId = -2;
    }
    Queue tq;
    tq.objectId = 1000016;
    tq.schema = QStringLiteral("dbo");
    tq.name = QStringLiteral("WhatIfTargetQueue");
    tq.activationProcedure = QStringLiteral("dbo.WhatIf_Target");
    tq.isActivationEnabled = true;
    tq.maxReaders = std::clamp(o.readers, 0, MaxQueueReadersLimit);
    tq.executeAsPrincipalId = -2;
    c.queues = {iq, tq};
    c.services = {
        Service{65536, root + QStringLiteral("Initiator"), 1, iq.objectId, {}},
        Service{65537, root + QStringLiteral("Target"), 1, tq.objectId, {contract.id}},
    };

    WorkloadSpec w;
    w.name = QStringLiteral("what-if");
    w.fromService = c.services.at(0).name;
    w.toService = c.services.at(1).name;
    w.contract = contract.name;
    w.messageType = c.messageTypes.at(0).name;
    w.endOfStreamType = c.messageTypes.at(1).name;
    w.body = BodyKind::Xml;
    w.rate.kind = o.poissonArrivals ? RateKind::Poisson : RateKind::Constant;
    w.rate.perSecond = std::max(0.0, o.ratePerSecond);
    if (o.batchSize > 0) {
        w.rate.kind = RateKind::Batch;
        w.rate.batchCount = o.batchSize;
    }
    w.pattern.kind = o.pattern;
    w.pattern.lifetimeSeconds = o.pattern == PatternKind::Windowed ? o.windowSeconds : double(DefaultLifetimeSeconds);
    w.pattern.pool = std::clamp(o.poolSize, 1, MaxQueueReadersLimit);
    w.pattern.recycleMessages = o.recycleMessages;
    w.pattern.recycleSeconds = o.recycleSeconds;
    w.task.distribution = o.taskDistribution;
    w.task.meanSeconds = o.taskSeconds;
    w.task.delivery = o.delivery;
    w.task.receiveTop = std::clamp(o.receiveTop, 1, MaxReceiveTop);
    w.task.receiveSeconds = std::max(0.0, o.receiveSeconds);
    s.workloads = {w};
    return s;
}

WhatIfResult runWhatIf(const WhatIfOptions &options, const std::function<bool()> &cancelled)
{
    WhatIfResult result;
    Simulator sim(whatIfScenario(options));
    const QString targetQueue = QStringLiteral("WhatIfTargetQueue");
    sim.run([&](const MonitorSample &s) {
        WhatIfPoint p;
        p.seconds = double(sim.now()) / double(Second);
        p.endpoints = s.endpointCount();
        for (int st = 0; st < EndpointStateCount; ++st)
            p.byState[st] = s.endpointCount(EndpointState(st));
        if (const QueueSample *q = s.queue(QStringLiteral("dbo"), targetQueue)) {
            p.targetQueueDepth = q->depth;
            p.activeReaders = q->activeReaders;
        }
        if (s.latency)
            p.latency = *s.latency;
        result.points.append(p);
        return !(cancelled && cancelled());
    });
    result.flow = sim.flow();
    result.latency = sim.totalLatency();
    const double seconds = double(sim.now()) / double(Second);
    result.throughputPerSecond = seconds > 0 ? double(result.flow.processed + result.flow.failed) / seconds : 0.0;
    return result;
}

PoolAdvice advisePool(const WhatIfOptions &options, const std::function<bool()> &cancelled)
{
    PoolAdvice a;
    a.readers = std::clamp(options.readers, 1, MaxQueueReadersLimit);
    a.chosenPool = std::clamp(options.poolSize, 1, MaxQueueReadersLimit);
    // The mean after a warm-up: activation starts one reader per 5 s, and the backlog of the
    // ramp-up would otherwise weigh on every figure alike (at 30/s and 4 readers, +12 ms).
    const double warmup = std::min(0.25 * options.durationSeconds, std::max(60.0, 10.0 * a.readers));
    auto latency = [&](int pool) {
        WhatIfOptions o = options;
        o.pattern = PatternKind::KeepFiring;
        o.poolSize = std::min(pool, MaxQueueReadersLimit);
        double sum = 0.0;
        qint64 n = 0;
        for (const WhatIfPoint &p : runWhatIf(o, cancelled).points) {
            if (p.seconds > warmup) {
                sum += p.latency.mean * double(p.latency.samples);
                n += p.latency.samples;
            }
        }
        return n > 0 ? sum / double(n) : 0.0;
    };
    auto isCancelled = [&] { return cancelled && cancelled(); };
    a.chosenLatencySeconds = latency(a.chosenPool);
    a.sharedLatencySeconds = latency(64 * a.readers);
    if (isCancelled())
        return a;
    constexpr double Near = 1.10; // "near the shared figure": within 10 %
    for (const int k : {1, 2, 4, 8}) {
        const int pool = std::min(k * a.readers, MaxQueueReadersLimit);
        a.suggestedPool = pool;
        a.suggestedLatencySeconds = pool == a.chosenPool ? a.chosenLatencySeconds : latency(pool);
        if (isCancelled()) {
            a.suggestedPool = 0;
            return a;
        }
        if (a.suggestedLatencySeconds <= Near * a.sharedLatencySeconds)
            break;
    }
    const QLocale l;
    auto ms = [&](double s) { return l.toString(s * 1000.0, 'f', 0); };
    // No advice without finished tasks to measure (a run shorter than the warm-up).
    if (a.sharedLatencySeconds > 0.0 && a.chosenLatencySeconds > Near * a.sharedLatencySeconds) {
        const QString wait = QStringLiteral("With a pool of %1 conversations for %2 readers, a task waits behind the busy "
                                            "conversation it was sent on: mean latency %3 ms, against %4 ms when any free "
                                            "reader can take it. ")
                                 .arg(l.toString(a.chosenPool), l.toString(a.readers), ms(a.chosenLatencySeconds),
                                      ms(a.sharedLatencySeconds));
        const bool near = a.suggestedLatencySeconds <= Near * a.sharedLatencySeconds;
        a.message = wait
            + (near ? QStringLiteral("A pool of %1 keeps it at %2 ms (two endpoints per pooled conversation).")
                    : QStringLiteral("The largest pool tried, %1, still gives %2 ms."))
                  .arg(l.toString(a.suggestedPool), ms(a.suggestedLatencySeconds));
    }
    return a;
}

} // namespace bs::sim
