#include "core/sim/scenarioworkloadreader.h"

#include "core/sim/jsonfieldreader.h"
#include "core/sim/simconstants.h"

#include <algorithm>

namespace bs::sim {

bool ScenarioWorkloadReader::read(JsonFieldReader &r, const QJsonObject &o, const QString &p, const BrokerCatalog &c, WorkloadSpec &w)
{
    if (!r.keys(o, p, {QStringLiteral("name"), QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("contract"),
                       QStringLiteral("messageType"), QStringLiteral("endOfStreamType"), QStringLiteral("body"),
                       QStringLiteral("rate"), QStringLiteral("pattern"), QStringLiteral("task"), QStringLiteral("start"),
                       QStringLiteral("stop")}))
        return false;
    if (!r.string(o, QStringLiteral("name"), p, w.name, false) || !r.string(o, QStringLiteral("from"), p, w.fromService, true)
        || !r.string(o, QStringLiteral("to"), p, w.toService, true))
        return false;
    if (!c.serviceByName(w.fromService))
        return r.fail(JsonFieldReader::join(p, QStringLiteral("from")), QStringLiteral("unknown service \"%1\"").arg(w.fromService));
    const Service *to = c.serviceByName(w.toService);
    // A remote service is one a route to another broker names (its address is not LOCAL).
    const bool remote = !to && std::any_of(c.routes.begin(), c.routes.end(), [&](const Route &route) {
        return route.remoteServiceName == w.toService && route.address.compare(QLatin1String("LOCAL"), Qt::CaseInsensitive) != 0;
    });
    if (!to && !remote)
        return r.fail(JsonFieldReader::join(p, QStringLiteral("to")),
                      QStringLiteral("unknown service \"%1\" (neither a service of this database nor one a route names)").arg(w.toService));
    if (!r.string(o, QStringLiteral("contract"), p, w.contract, false))
        return false;
    if (w.contract.isEmpty() && remote)
        return r.fail(JsonFieldReader::join(p, QStringLiteral("contract")),
                      QStringLiteral("missing: the remote service \"%1\" is not in this database to default to").arg(w.toService));
    if (w.contract.isEmpty()) {
        if (to->contractIds.isEmpty())
            return r.fail(JsonFieldReader::join(p, QStringLiteral("contract")), QStringLiteral("missing, and service \"%1\" has no contract to default to").arg(w.toService));
        w.contract = c.contract(to->contractIds.first())->name;
    } else if (!c.contractByName(w.contract)) {
        return r.fail(JsonFieldReader::join(p, QStringLiteral("contract")), QStringLiteral("unknown contract \"%1\"").arg(w.contract));
    }
    auto typeExists = [&](const QString &n) {
        return std::any_of(c.messageTypes.begin(), c.messageTypes.end(), [&](const MessageType &m) { return m.name == n; });
    };
    if (!r.string(o, QStringLiteral("messageType"), p, w.messageType, true))
        return false;
    if (!typeExists(w.messageType))
        return r.fail(JsonFieldReader::join(p, QStringLiteral("messageType")), QStringLiteral("unknown message type \"%1\"").arg(w.messageType));
    if (!r.string(o, QStringLiteral("endOfStreamType"), p, w.endOfStreamType, false))
        return false;
    if (!w.endOfStreamType.isEmpty() && !typeExists(w.endOfStreamType))
        return r.fail(JsonFieldReader::join(p, QStringLiteral("endOfStreamType")), QStringLiteral("unknown message type \"%1\"").arg(w.endOfStreamType));
    if (!r.choice<BodyKind>(o, QStringLiteral("body"), p, w.body,
                            {{QStringLiteral("xml"), BodyKind::Xml}, {QStringLiteral("text"), BodyKind::Text}, {QStringLiteral("empty"), BodyKind::Empty}}, false))
        return false;
    if (!r.number(o, QStringLiteral("start"), p, w.startSeconds, 0, 1e9, false) || !r.number(o, QStringLiteral("stop"), p, w.stopSeconds, 0, 1e9, false))
        return false;
    return readRate(r, o, p, w) && readPattern(r, o, p, w) && readTask(r, o, p, w);
}

bool ScenarioWorkloadReader::readRate(JsonFieldReader &r, const QJsonObject &o, const QString &p, WorkloadSpec &w)
{
    QJsonObject rate;
    const QString rp = JsonFieldReader::join(p, QStringLiteral("rate"));
    if (!r.object(o, QStringLiteral("rate"), p, rate, true)
        || !r.keys(rate, rp, {QStringLiteral("kind"), QStringLiteral("perSecond"), QStringLiteral("count"), QStringLiteral("at"), QStringLiteral("every")})
        || !r.choice<RateKind>(rate, QStringLiteral("kind"), rp, w.rate.kind,
                               {{QStringLiteral("constant"), RateKind::Constant}, {QStringLiteral("poisson"), RateKind::Poisson}, {QStringLiteral("batch"), RateKind::Batch}}, true))
        return false;
    const bool batch = w.rate.kind == RateKind::Batch;
    w.rate.perSecond = batch ? 0.0 : 1.0;
    if (!r.number(rate, QStringLiteral("perSecond"), rp, w.rate.perSecond, 0, 1e6, !batch)
        || !r.integer(rate, QStringLiteral("count"), rp, w.rate.batchCount, 1, 1e7, batch)
        || !r.number(rate, QStringLiteral("at"), rp, w.rate.batchAtSeconds, 0, 1e9, false)
        || !r.number(rate, QStringLiteral("every"), rp, w.rate.batchEverySeconds, 0, 1e9, false))
        return false;
    if (batch && w.rate.batchEverySeconds > 0 && w.rate.batchEverySeconds < 1)
        return r.fail(JsonFieldReader::join(rp, QStringLiteral("every")), QStringLiteral("must be 0 (once) or at least 1 second"));
    return true;
}

bool ScenarioWorkloadReader::readPattern(JsonFieldReader &r, const QJsonObject &o, const QString &p, WorkloadSpec &w)
{
    QJsonObject pat;
    const QString pp = JsonFieldReader::join(p, QStringLiteral("pattern"));
    if (!r.object(o, QStringLiteral("pattern"), p, pat, true)
        || !r.keys(pat, pp, {QStringLiteral("kind"), QStringLiteral("lifetime"), QStringLiteral("window"), QStringLiteral("pool"),
                             QStringLiteral("recycleMessages"), QStringLiteral("recycleSeconds"), QStringLiteral("targetEndsOnEndDialog"),
                             QStringLiteral("timer")})
        || !r.choice<PatternKind>(pat, QStringLiteral("kind"), pp, w.pattern.kind,
                                  {{QStringLiteral("naive"), PatternKind::Naive}, {QStringLiteral("windowed"), PatternKind::Windowed},
                                   {QStringLiteral("targetEndsFirst"), PatternKind::TargetEndsFirst}, {QStringLiteral("keepFiring"), PatternKind::KeepFiring}}, true))
        return false;
    if (w.pattern.kind == PatternKind::Windowed) {
        if (!r.number(pat, QStringLiteral("window"), pp, w.pattern.lifetimeSeconds, 0, double(DefaultLifetimeSeconds), true, true))
            return false;
        if (pat.contains(QStringLiteral("lifetime")))
            return r.fail(JsonFieldReader::join(pp, QStringLiteral("lifetime")), QStringLiteral("the windowed pattern's lifetime is its window; give only \"window\""));
    } else {
        if (pat.contains(QStringLiteral("window")))
            return r.fail(JsonFieldReader::join(pp, QStringLiteral("window")), QStringLiteral("only the windowed pattern has a window"));
        if (!r.integer(pat, QStringLiteral("lifetime"), pp, w.pattern.lifetimeSeconds, 1, double(DefaultLifetimeSeconds), false))
            return false;
    }
    if (!r.integer(pat, QStringLiteral("pool"), pp, w.pattern.pool, 1, MaxQueueReadersLimit, false)
        || !r.integer(pat, QStringLiteral("recycleMessages"), pp, w.pattern.recycleMessages, 0, 1e12, false)
        || !r.number(pat, QStringLiteral("recycleSeconds"), pp, w.pattern.recycleSeconds, 0, 1e9, false)
        || !r.boolean(pat, QStringLiteral("targetEndsOnEndDialog"), pp, w.pattern.targetEndsOnEndDialog))
        return false;
    if (pat.contains(QStringLiteral("timer"))) {
        // BEGIN CONVERSATION TIMER on one side of every dialog: { "seconds": T, "side": ... }.
        QJsonObject timer;
        const QString tp = JsonFieldReader::join(pp, QStringLiteral("timer"));
        if (!r.object(pat, QStringLiteral("timer"), pp, timer, true) || !r.keys(timer, tp, {QStringLiteral("seconds"), QStringLiteral("side")})
            || !r.number(timer, QStringLiteral("seconds"), tp, w.pattern.timerSeconds, 0, double(DefaultLifetimeSeconds), true, true)
            || !r.choice<bool>(timer, QStringLiteral("side"), tp, w.pattern.timerOnTarget,
                               {{QStringLiteral("target"), true}, {QStringLiteral("initiator"), false}}, true))
            return false;
    }
    if (w.pattern.kind == PatternKind::KeepFiring && (w.pattern.recycleMessages > 0 || w.pattern.recycleSeconds > 0) && w.endOfStreamType.isEmpty())
        return r.fail(JsonFieldReader::join(p, QStringLiteral("endOfStreamType")), QStringLiteral("missing: keep-firing recycles with an EndOfStream message"));
    return true;
}

bool ScenarioWorkloadReader::readTask(JsonFieldReader &r, const QJsonObject &o, const QString &p, WorkloadSpec &w)
{
    QJsonObject task;
    const QString tp = JsonFieldReader::join(p, QStringLiteral("task"));
    if (!r.object(o, QStringLiteral("task"), p, task, false)
        || !r.keys(task, tp, {QStringLiteral("distribution"), QStringLiteral("mean"), QStringLiteral("sigma"), QStringLiteral("failureProbability"),
                              QStringLiteral("doomedFraction"), QStringLiteral("delivery"), QStringLiteral("poisonMessage"),
                              QStringLiteral("receiveTop"), QStringLiteral("receiveSeconds")})
        || !r.choice<TaskDistribution>(task, QStringLiteral("distribution"), tp, w.task.distribution,
                                       {{QStringLiteral("fixed"), TaskDistribution::Fixed}, {QStringLiteral("exponential"), TaskDistribution::Exponential},
                                        {QStringLiteral("lognormal"), TaskDistribution::LogNormal}}, false)
        || !r.number(task, QStringLiteral("mean"), tp, w.task.meanSeconds, 0, 1e6, false)
        || !r.number(task, QStringLiteral("sigma"), tp, w.task.sigma, 0, 10, false)
        || !r.number(task, QStringLiteral("failureProbability"), tp, w.task.failureProbability, 0, 1, false)
        || !r.number(task, QStringLiteral("doomedFraction"), tp, w.task.doomedFraction, 0, 1, false)
        || !r.choice<TaskDelivery>(task, QStringLiteral("delivery"), tp, w.task.delivery,
                                   {{QStringLiteral("atMostOnce"), TaskDelivery::AtMostOnce}, {QStringLiteral("inTransaction"), TaskDelivery::InTransaction},
                                    {QStringLiteral("rollbackOnFailure"), TaskDelivery::RollbackOnFailure}}, false)
        || !r.integer(task, QStringLiteral("poisonMessage"), tp, w.task.poisonMessage, 0, 1e12, false)
        || !r.integer(task, QStringLiteral("receiveTop"), tp, w.task.receiveTop, 1, MaxReceiveTop, false)
        || !r.number(task, QStringLiteral("receiveSeconds"), tp, w.task.receiveSeconds, 0, 1e6, false))
        return false;
    return true;
}

} // namespace bs::sim
