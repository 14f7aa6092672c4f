#include "core/design/designsimulation.h"

#include <algorithm>

namespace bs {

namespace {

const Queue *queueOf(const BrokerCatalog &c, const Service &s)
{
    for (const Queue &q : c.queues) {
        if (q.objectId == s.queueId)
            return &q;
    }
    return nullptr;
}

const Service *serviceNamed(const BrokerCatalog &c, const QString &name)
{
    for (const Service &s : c.services) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

const Contract *contractNamed(const BrokerCatalog &c, const QString &name)
{
    for (const Contract &k : c.contracts) {
        if (k.name == name)
            return &k;
    }
    return nullptr;
}

QString messageTypeName(const BrokerCatalog &c, int id)
{
    for (const MessageType &m : c.messageTypes) {
        if (m.id == id)
            return m.name;
    }
    return {};
}

QStringList sentByInitiator(const BrokerCatalog &c, const Contract &k)
{
    QStringList out;
    for (const MessageUsage &u : k.usages) {
        const QString name = messageTypeName(c, u.messageTypeId);
        if (u.sentByInitiator && !name.isEmpty())
            out.append(name);
    }
    return out;
}

BrokerCatalog catalogOf(const BrokerDesign &design)
{
    BrokerCatalog c = design.toCatalog();
    c.database.serverName = QStringLiteral("(simulation)");
    if (c.database.databaseName.isEmpty())
        c.database.databaseName = design.databaseName.isEmpty() ? QStringLiteral("Design") : design.databaseName;
    // A design says nothing about the database's broker flag: the simulation runs with it on.
    c.database.isBrokerEnabled = true;
    return c;
}

} // namespace

QString DesignPair::label() const
{
    return QStringLiteral("%1 → %2 on %3").arg(fromService, toService, contract);
}

QList<DesignPair> DesignSimulation::pairs(const BrokerDesign &design, qsizetype limit)
{
    const BrokerCatalog c = catalogOf(design);
    QList<const Service *> services;
    for (const Service &s : c.services) {
        if (queueOf(c, s))
            services.append(&s);
    }
    std::sort(services.begin(), services.end(), [](const Service *a, const Service *b) { return a->name < b->name; });
    QList<DesignPair> out;
    for (const Service *from : std::as_const(services)) {
        for (const Service *to : std::as_const(services)) {
            if (from == to)
                continue;
            for (const int contractId : to->contractIds) {
                for (const Contract &k : c.contracts) {
                    if (k.id != contractId)
                        continue;
                    const QStringList types = sentByInitiator(c, k);
                    if (types.isEmpty())
                        continue;
                    out.append({from->name, to->name, k.name, types});
                    if (out.size() >= limit)
                        return out;
                }
            }
        }
    }
    return out;
}

DesignScenario DesignSimulation::scenario(const BrokerDesign &design, const DesignWorkload &w)
{
    DesignScenario result;
    const BrokerCatalog c = catalogOf(design);
    const Service *from = serviceNamed(c, w.fromService);
    const Service *to = serviceNamed(c, w.toService);
    const Contract *contract = contractNamed(c, w.contract);
    if (!from || !to) {
        result.error = QObject::tr("The design has no service %1.").arg(!from ? w.fromService : w.toService);
        return result;
    }
    if (from == to) {
        result.error = QObject::tr("Choose two different services: a conversation goes from an initiator to a target.");
        return result;
    }
    const Queue *fromQueue = queueOf(c, *from);
    const Queue *toQueue = queueOf(c, *to);
    if (!fromQueue || !toQueue) {
        result.error = QObject::tr("The service %1 has no queue: every service needs one (CREATE SERVICE … ON QUEUE).")
                           .arg(!fromQueue ? from->name : to->name);
        return result;
    }
    if (!contract || !to->contractIds.contains(contract->id)) {
        result.error = QObject::tr("The target service %1 does not accept the contract %2: BEGIN DIALOG would fail with "
                                   "error 8408 for every message.")
                           .arg(to->name, w.contract);
        return result;
    }
    const QStringList types = sentByInitiator(c, *contract);
    if (!types.contains(w.messageType)) {
        result.error = QObject::tr("The contract %1 does not let the initiator send %2 (SENT BY INITIATOR or ANY).")
                           .arg(contract->name, w.messageType);
        return result;
    }
    const sim::WhatIfOptions &o = w.options;
    if (o.pattern == sim::PatternKind::KeepFiring && (w.endOfStreamType.isEmpty() || w.endOfStreamType == w.messageType
                                                      || !types.contains(w.endOfStreamType))) {
        result.error = QObject::tr("Keep-firing needs a second message type the initiator may send on %1, to tell the "
                                   "target that a pooled conversation is done (its end-of-stream message; PATTERNS.md).")
                           .arg(contract->name);
        return result;
    }
    if (o.batchSize <= 0 && !(o.ratePerSecond > 0.0)) {
        result.error = QObject::tr("The rate must be above zero messages per second.");
        return result;
    }
    if (!(o.taskSeconds > 0.0) || !(o.durationSeconds > 0.0)) {
        result.error = QObject::tr("The task time and the duration must be above zero.");
        return result;
    }

    // The what-if's modelling of the options (rate, distribution, pattern, pool, recycling, task),
    // moved onto the design's own services, contract and message types.
    sim::WorkloadSpec workload = sim::whatIfScenario(o).workloads.constFirst();
    workload.name = QStringLiteral("design");
    workload.fromService = from->name;
    workload.toService = to->name;
    workload.contract = contract->name;
    workload.messageType = w.messageType;
    workload.endOfStreamType = o.pattern == sim::PatternKind::KeepFiring ? w.endOfStreamType : QString();
    workload.body = sim::BodyKind::Xml;
    for (const MessageType &m : c.messageTypes) {
        if (m.name == w.messageType && m.validation == QLatin1String("E"))
            workload.body = sim::BodyKind::Empty;
        else if (m.name == w.messageType && m.validation == QLatin1String("N"))
            workload.body = sim::BodyKind::Text;
    }

    sim::Scenario s;
    s.name = QObject::tr("%1 (simulated design)").arg(c.database.databaseName);
    s.description = QObject::tr("The design's objects with one workload: %1, %2 per second, tasks of %3 s.")
                        .arg(DesignPair{from->name, to->name, contract->name, {}}.label())
                        .arg(o.ratePerSecond)
                        .arg(o.taskSeconds);
    s.seed = o.seed;
    s.durationSeconds = o.durationSeconds;
    s.sampleIntervalSeconds = std::max(0.05, o.sampleIntervalSeconds);
    s.catalog = c;
    s.workloads = {workload};
    result.scenario = s;

    if (!toQueue->isActivationEnabled || toQueue->activationProcedure.isEmpty() || toQueue->maxReaders <= 0)
        result.warnings.append(QObject::tr("The target queue %1.%2 has no activation that runs: nothing RECEIVEs, so "
                                           "messages pile up in it. That is what the simulation will show.")
                                   .arg(toQueue->schema, toQueue->name));
    const bool initiatorHandles = fromQueue->isActivationEnabled && !fromQueue->activationProcedure.isEmpty()
        && fromQueue->maxReaders > 0;
    if (!initiatorHandles
        && (o.pattern == sim::PatternKind::KeepFiring || o.pattern == sim::PatternKind::TargetEndsFirst))
        result.warnings.append(QObject::tr("The initiator queue %1.%2 has no activation: nothing RECEIVEs the target's "
                                           "EndDialog messages there, so the initiator's endpoints stay "
                                           "DISCONNECTED_INBOUND and the messages pile up, as they would on the server. "
                                           "This pattern needs an activation procedure on the initiator queue (the "
                                           "pattern wizard writes it).")
                                   .arg(fromQueue->schema, fromQueue->name));
    return result;
}

} // namespace bs
