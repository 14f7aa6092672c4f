#include "core/ops/cleanupplan.h"

#include "core/ops/operationscript.h"
#include "core/script/templateengine.h"
#include "core/sqlquote.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QStringList>

#include <cmath>
#include <limits>

namespace bs {

const QString CleanupStatements::DocumentationPage =
    QStringLiteral("https://learn.microsoft.com/sql/t-sql/statements/end-conversation-transact-sql");

namespace {

constexpr std::array<CleanupState, CleanupStateCount> AllStates{CleanupState::CD, CleanupState::DI, CleanupState::DO};

size_t actionIndex(CleanupAction action)
{
    for (size_t i = 0; i < AllCleanupActions.size(); ++i) {
        if (AllCleanupActions[i] == action)
            return i;
    }
    return 0;
}

QString number(qint64 n)
{
    return QLocale(QLocale::English).toString(n);
}

OperationParameter nameParameter(int index, const QString &label, const QString &name)
{
    return OperationScript::parameter(index, QStringLiteral("nvarchar(256)"), label, name, ParameterWire::Utf16Bytes);
}

// The parameters the two statements share, numbered from `first`.
QList<OperationParameter> planParameters(const CleanupPlan &plan, int first)
{
    return {nameParameter(first, QStringLiteral("local service"), plan.localService),
            nameParameter(first + 1, QStringLiteral("far service"), plan.farService),
            OperationScript::parameter(first + 2, QStringLiteral("bit"), QStringLiteral("CD included"), int(plan.closed)),
            OperationScript::parameter(first + 3, QStringLiteral("bit"), QStringLiteral("DI included"), int(plan.disconnectedInbound)),
            OperationScript::parameter(first + 4, QStringLiteral("bit"), QStringLiteral("DO included"), int(plan.disconnectedOutbound)),
            OperationScript::parameter(first + 5, QStringLiteral("int"), QStringLiteral("seconds of lifetime left at least"),
                                       int(plan.minLifetimeLeftSeconds))};
}

TemplateEngine queueEngine(const CleanupPlan &plan)
{
    TemplateEngine engine;
    engine.setIdentifier(QStringLiteral("Schema"), plan.queue.schema);
    engine.setIdentifier(QStringLiteral("Queue"), plan.queue.name);
    return engine;
}

OperationStatement invalid(const QString &error)
{
    OperationStatement s;
    s.error = error;
    return s;
}

} // namespace

QString cleanupStateCode(CleanupState state)
{
    switch (state) {
    case CleanupState::CD: return QStringLiteral("CD");
    case CleanupState::DI: return QStringLiteral("DI");
    case CleanupState::DO: return QStringLiteral("DO");
    }
    return QString();
}

std::optional<CleanupState> cleanupStateFromCode(const QString &code)
{
    for (CleanupState s : AllStates) {
        if (code.trimmed().compare(cleanupStateCode(s), Qt::CaseInsensitive) == 0)
            return s;
    }
    return std::nullopt;
}

QString cleanupStateExplanation(CleanupState state)
{
    switch (state) {
    case CleanupState::CD:
        return QStringLiteral(
            "CD (CLOSED): both sides ended. A target endpoint stays until its security timestamp passes; when "
            "that timestamp was never set (1900-01-01: the initiator ended before it saw an acknowledgement, the "
            "fire-and-forget leak), it stays for its whole lifetime, 68 years by default. The cleanup removes these "
            "with END CONVERSATION … WITH CLEANUP: the endpoint and its messages go, the far side is not told. "
            "A CD endpoint whose timestamp is set is left alone: the server removes it when the timestamp passes.");
    case CleanupState::DI:
        return QStringLiteral(
            "DI (DISCONNECTED_INBOUND): the far side ended, this side never did. The cleanup ends it with END "
            "CONVERSATION (never WITH CLEANUP), which acknowledges the far side's end so both sides can go.");
    case CleanupState::DO:
        return QStringLiteral(
            "DO (DISCONNECTED_OUTBOUND): this side ended and waits for the far side to end too. The cleanup tries "
            "END CONVERSATION (never WITH CLEANUP); the server may refuse it for a conversation this side already "
            "ended, and the refusal is counted. The lasting fix is on the far side: end its DI endpoint.");
    }
    return QString();
}

std::optional<CleanupAction> cleanupActionFromCode(int code)
{
    for (CleanupAction a : AllCleanupActions) {
        if (int(a) == code)
            return a;
    }
    return std::nullopt;
}

QString cleanupActionText(CleanupAction action)
{
    switch (action) {
    case CleanupAction::EndWithCleanup: return QStringLiteral("END CONVERSATION … WITH CLEANUP");
    case CleanupAction::End: return QStringLiteral("END CONVERSATION");
    case CleanupAction::SkipQueued: return QStringLiteral("skipped: messages still in the queue");
    case CleanupAction::SkipTransmission: return QStringLiteral("skipped: messages still in sys.transmission_queue");
    case CleanupAction::SkipExpiring: return QStringLiteral("skipped: its lifetime ends soon, the server removes it");
    case CleanupAction::SkipStampSet: return QStringLiteral("skipped: security timestamp set, the server removes it");
    }
    return QString();
}

bool isCleanupSkip(CleanupAction action)
{
    return action != CleanupAction::EndWithCleanup && action != CleanupAction::End;
}

bool CleanupPlan::includes(CleanupState state) const
{
    switch (state) {
    case CleanupState::CD: return closed;
    case CleanupState::DI: return disconnectedInbound;
    case CleanupState::DO: return disconnectedOutbound;
    }
    return false;
}

void CleanupPlan::setIncluded(CleanupState state, bool on)
{
    switch (state) {
    case CleanupState::CD: closed = on; break;
    case CleanupState::DI: disconnectedInbound = on; break;
    case CleanupState::DO: disconnectedOutbound = on; break;
    }
}

QList<CleanupState> CleanupPlan::states() const
{
    QList<CleanupState> out;
    for (CleanupState s : AllStates) {
        if (includes(s))
            out.append(s);
    }
    return out;
}

QString CleanupPlan::statesText() const
{
    QStringList codes;
    for (CleanupState s : states())
        codes.append(cleanupStateCode(s));
    return codes.join(QLatin1Char(','));
}

bool CleanupPlan::setStatesText(const QString &text, QString *error)
{
    CleanupPlan copy = *this;
    for (CleanupState s : AllStates)
        copy.setIncluded(s, false);
    for (const QString &code : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto state = cleanupStateFromCode(code);
        if (!state) {
            *error = QStringLiteral("\"%1\" is not a state the cleanup takes: use CD, DI or DO.").arg(code.trimmed());
            return false;
        }
        copy.setIncluded(*state, true);
    }
    *this = copy;
    return true;
}

QString CleanupPlan::validate() const
{
    if (localService.isEmpty() || farService.isEmpty())
        return QStringLiteral("Choose the service pair: the local service and the far service.");
    if (localService.size() > 256 || farService.size() > 256)
        return QStringLiteral("A service name has at most 256 characters.");
    if (!queue.isValid())
        return QStringLiteral("The local service's queue is not known: the skip check needs it.");
    for (const QString &part : {queue.schema, queue.name}) {
        const QString problem = identifierProblem(part, QStringLiteral("queue name"));
        if (!problem.isEmpty())
            return problem;
    }
    if (states().isEmpty())
        return QStringLiteral("Choose at least one state: CD, DI or DO.");
    if (batchSize < 1 || batchSize > MaxBatchSize)
        return QStringLiteral("The batch size must be between 1 and %1, not %2.").arg(MaxBatchSize).arg(batchSize);
    if (pauseMs < 0 || pauseMs > 600000)
        return QStringLiteral("The pause between batches must be between 0 and 600,000 ms.");
    if (minLifetimeLeftSeconds < 0 || minLifetimeLeftSeconds > std::numeric_limits<int>::max())
        return QStringLiteral("The lifetime horizon must be between 0 and %1 seconds.").arg(std::numeric_limits<int>::max());
    return QString();
}

CleanupPlan CleanupPlan::forEndpointGroup(const EndpointGroup &group)
{
    CleanupPlan plan;
    plan.localService = group.localService;
    plan.farService = group.farService;
    plan.closed = group.state == EndpointState::CD;
    plan.disconnectedInbound = group.state == EndpointState::DI;
    plan.disconnectedOutbound = group.state == EndpointState::DO;
    return plan;
}

QString CleanupPlan::whyNotCleanable(const EndpointGroup &group)
{
    if (!cleanupStateFromCode(endpointStateCode(group.state)))
        return QStringLiteral("%1 endpoints are not a leak: the guided cleanup ends only CD, DI and DO endpoints.")
            .arg(endpointStateCode(group.state));
    if (group.state == EndpointState::CD && group.closedWithUnsetSecurityTimestamp <= 0)
        return QStringLiteral("These CLOSED endpoints all have their security timestamp set: the server removes them "
                              "about 30 minutes after it, nothing to clean up.");
    return QString();
}

QueueRef CleanupPlan::queueOfService(const BrokerCatalog &catalog, const QString &service)
{
    for (const Service &s : catalog.services) {
        if (s.name != service)
            continue;
        for (const Queue &q : catalog.queues) {
            if (q.objectId == s.queueId)
                return {q.schema, q.name};
        }
    }
    return {};
}

QString CleanupPlan::summary() const
{
    return QStringLiteral("%1 of %2 → %3, batches of %4, %5 ms apart")
        .arg(statesText(), commentText(localService), commentText(farService), number(batchSize))
        .arg(pauseMs);
}

QByteArray CleanupPlan::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("localService"), localService);
    o.insert(QStringLiteral("farService"), farService);
    o.insert(QStringLiteral("queueSchema"), queue.schema);
    o.insert(QStringLiteral("queueName"), queue.name);
    o.insert(QStringLiteral("states"), statesText());
    o.insert(QStringLiteral("minLifetimeLeftSeconds"), double(minLifetimeLeftSeconds));
    o.insert(QStringLiteral("batchSize"), batchSize);
    o.insert(QStringLiteral("pauseMs"), pauseMs);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<CleanupPlan> CleanupPlan::fromJson(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    CleanupPlan p;
    p.localService = o.value(QStringLiteral("localService")).toString();
    p.farService = o.value(QStringLiteral("farService")).toString();
    p.queue = {o.value(QStringLiteral("queueSchema")).toString(), o.value(QStringLiteral("queueName")).toString()};
    QString error;
    if (!p.setStatesText(o.value(QStringLiteral("states")).toString(), &error))
        return std::nullopt;
    p.minLifetimeLeftSeconds = qint64(o.value(QStringLiteral("minLifetimeLeftSeconds")).toDouble());
    p.batchSize = o.value(QStringLiteral("batchSize")).toInt(DefaultBatchSize);
    p.pauseMs = o.value(QStringLiteral("pauseMs")).toInt(DefaultPauseMs);
    if (!p.validate().isEmpty())
        return std::nullopt;
    return p;
}

qint64 CleanupCounts::count(CleanupState state, CleanupAction action) const
{
    return byStateAction[size_t(state)][actionIndex(action)];
}

void CleanupCounts::add(CleanupState state, CleanupAction action, qint64 n)
{
    byStateAction[size_t(state)][actionIndex(action)] += n;
}

qint64 CleanupCounts::total(CleanupAction action) const
{
    qint64 n = 0;
    for (CleanupState s : AllStates)
        n += count(s, action);
    return n;
}

qint64 CleanupCounts::matching() const
{
    qint64 n = 0;
    for (CleanupAction a : AllCleanupActions)
        n += total(a);
    return n;
}

qint64 CleanupCounts::toEnd() const
{
    return total(CleanupAction::EndWithCleanup) + total(CleanupAction::End);
}

qint64 CleanupCounts::skipped() const
{
    return matching() - toEnd();
}

CleanupCounts &CleanupCounts::operator+=(const CleanupCounts &other)
{
    for (size_t s = 0; s < byStateAction.size(); ++s) {
        for (size_t a = 0; a < byStateAction[s].size(); ++a)
            byStateAction[s][a] += other.byStateAction[s][a];
    }
    return *this;
}

qint64 CleanupDryRun::batches(int batchSize) const
{
    if (batchSize <= 0)
        return 0;
    // The keyset walk ends with the first batch that comes back short: one more when exact.
    return counts.matching() / batchSize + 1;
}

QString CleanupDryRun::describe(const CleanupPlan &plan) const
{
    QStringList lines;
    lines.append(QStringLiteral("Plan: %1").arg(plan.summary()));
    lines.append(QStringLiteral("Matching endpoints: %1; to end: %2; to skip: %3; batches: %4.")
                     .arg(number(counts.matching()), number(counts.toEnd()), number(counts.skipped()),
                          number(batches(plan.batchSize))));
    for (CleanupState s : plan.states()) {
        qint64 inState = 0;
        for (CleanupAction a : AllCleanupActions)
            inState += counts.count(s, a);
        lines.append(QStringLiteral("%1: %2 endpoint(s)").arg(cleanupStateCode(s), number(inState)));
        for (CleanupAction a : AllCleanupActions) {
            if (counts.count(s, a) > 0)
                lines.append(QStringLiteral("  %1  %2").arg(number(counts.count(s, a)).rightJustified(12), cleanupActionText(a)));
        }
    }
    if (counts.total(CleanupAction::EndWithCleanup) > 0)
        lines.append(QStringLiteral("WITH CLEANUP removes each endpoint and its messages without telling the far side; "
                                    "it is used only on CLOSED endpoints whose security timestamp was never set."));
    return lines.join(QLatin1Char('\n'));
}

OperationStatement CleanupStatements::count(const CleanupPlan &plan)
{
    const QString problem = plan.validate();
    if (!problem.isEmpty())
        return invalid(problem);
    return OperationScript::fill(QStringLiteral("cleanup_count"), queueEngine(plan), planParameters(plan, 1));
}

OperationStatement CleanupStatements::batch(const CleanupPlan &plan, const QUuid &after)
{
    const QString problem = plan.validate();
    if (!problem.isEmpty())
        return invalid(problem);
    QList<OperationParameter> parameters{
        OperationScript::parameter(1, QStringLiteral("uniqueidentifier"), QStringLiteral("after conversation handle"), after,
                                   ParameterWire::GuidText),
        OperationScript::parameter(2, QStringLiteral("int"), QStringLiteral("batch size"), plan.batchSize)};
    parameters += planParameters(plan, 3);
    return OperationScript::fill(QStringLiteral("cleanup_batch"), queueEngine(plan), parameters);
}

double CleanupProgress::rate() const
{
    return wallMs > 0 ? double(examined - examinedAtStart) * 1000.0 / double(wallMs) : 0.0;
}

qint64 CleanupProgress::etaSeconds() const
{
    const double r = rate();
    if (total <= 0 || r <= 0.0)
        return -1;
    return qint64(std::ceil(double(qMax<qint64>(0, total - examined)) / r));
}

int CleanupProgress::percent() const
{
    if (total <= 0)
        return 0;
    return int(qBound(qint64(0), examined * 100 / total, qint64(100)));
}

QString CleanupProgress::text() const
{
    QString out = total > 0 ? QStringLiteral("%1 of %2").arg(number(examined), number(total))
                            : QStringLiteral("%1 walked").arg(number(examined));
    out += QStringLiteral(" · %1 ended, %2 skipped").arg(number(ended), number(skipped));
    if (failed > 0)
        out += QStringLiteral(", %1 refused").arg(number(failed));
    if (rate() > 0)
        out += QStringLiteral(" · %1/s").arg(number(qint64(rate())));
    const qint64 eta = etaSeconds();
    if (eta >= 0)
        out += QStringLiteral(" · about %1 s left").arg(number(eta));
    return out;
}

} // namespace bs
