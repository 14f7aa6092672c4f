// The queue backlog rule: a queue whose depth grows steadily over a window, whatever its readers do,
// with the likely cause read from the same sample (SERVICE_BROKER.md §3, §5).

#include "core/alerts/alertfixscript.h"
#include "core/alerts/alertrulesupport.h"
#include "core/alerts/alertthresholds.h"

#include <algorithm>

namespace bs::alertrules {

namespace {

// Why a growing queue is not drained, judged from its latest reading.
enum class BacklogCause { Disabled, ActivationOff, NoActivation, Capacity, FewConversations, ReadersUnknown };

BacklogCause causeOf(const QueueSample &q, bool readersKnown)
{
    if (!q.isReceiveEnabled)
        return BacklogCause::Disabled;
    if (q.maxReaders <= 0 && !q.isActivationEnabled)
        return BacklogCause::NoActivation;
    if (!q.isActivationEnabled)
        return BacklogCause::ActivationOff;
    if (!readersKnown)
        return BacklogCause::ReadersUnknown;
    if (q.activeReaders >= q.maxReaders)
        return BacklogCause::Capacity;
    return BacklogCause::FewConversations;
}

// A backlog grows in most steps; a burst is one or two jumps between flat readings (flat steps
// count as "not down" for growsSteadily, so a batch arriving at once would pass it alone).
bool risesMostSteps(const QList<qint64> &depths)
{
    qsizetype up = 0;
    for (qsizetype i = 1; i < depths.size(); ++i) {
        if (depths[i] > depths[i - 1])
            ++up;
    }
    return 2 * up >= depths.size() - 1;
}

class QueueBacklogRule : public AlertRule
{
public:
    AlertKind kind() const override { return AlertKind::QueueBacklog; }
    QString name() const override { return QStringLiteral("queue-backlog"); }
    QString title() const override { return QStringLiteral("Queue backlog growing"); }
    QStringList reads() const override { return {QStringLiteral("monitor.queue_depth")}; }
    QList<AlertThreshold> thresholds() const override
    {
        return {AlertThresholds::backlogWindowSamples(), AlertThresholds::backlogMinIncrease(),
                AlertThresholds::steadyPercent(), AlertThresholds::backlogCriticalDepth()};
    }

    QList<Alert> evaluate(AlertContext &ctx) const override
    {
        const qsizetype n = std::max(3, ctx.settings.backlogWindowSamples);
        // The last n samples that could read the depth.
        std::vector<const MonitorSample *> samples;
        for (auto it = ctx.window.rbegin(); it != ctx.window.rend() && qsizetype(samples.size()) < n; ++it) {
            if (it->isAvailable(QStringLiteral("monitor.queue_depth")))
                samples.push_back(&*it);
        }
        if (qsizetype(samples.size()) < n)
            return {};
        std::reverse(samples.begin(), samples.end());
        const MonitorSample &latest = ctx.latest();
        // The readers are read by another query; without it the cause stays open.
        const bool readersKnown = latest.isAvailable(QStringLiteral("monitor.activated_tasks"));
        QList<Alert> result;
        for (const QueueSample &q : latest.queues) {
            QList<qint64> depths;
            for (const MonitorSample *s : samples) {
                const QueueSample *p = s->queue(q.schema, q.name);
                if (!p)
                    break;
                depths.append(p->depth);
            }
            if (depths.size() != qsizetype(samples.size())
                || !growsSteadily(depths, ctx.settings.backlogMinIncrease, ctx.settings.steadyFraction)
                || !risesMostSteps(depths))
                continue;
            const QString subject = queueLabel(q.schema, q.name);
            // All readers busy while the queue grows is the readers-saturated alert: one root cause, one alert.
            if (raisedAlert(ctx, AlertKind::ReadersSaturated, subject))
                continue;
            result.append(backlogAlert(ctx, q, subject, depths, samples, causeOf(q, readersKnown)));
        }
        return result;
    }

private:
    Alert backlogAlert(const AlertContext &ctx, const QueueSample &q, const QString &subject,
                       const QList<qint64> &depths, const std::vector<const MonitorSample *> &samples,
                       BacklogCause cause) const
    {
        const AlertSettings &settings = ctx.settings;
        const AlertSeverity severity =
            q.depth >= settings.backlogCriticalDepth ? AlertSeverity::Critical : AlertSeverity::Warning;
        Alert a = makeAlert(*this, severity, subject);
        const qint64 seconds = samples.front()->time.secsTo(samples.back()->time);
        const qint64 growth = depths.last() - depths.first();
        a.seen = QStringLiteral("Depth %1 → %2 over the last %3 samples (%4), about %5 more messages a minute")
                     .arg(number(depths.first()), number(depths.last()))
                     .arg(depths.size())
                     .arg(duration(seconds), number(seconds > 0 ? growth * 60 / seconds : growth));
        if (q.isActivationEnabled && q.maxReaders > 0)
            a.seen += QStringLiteral("; %1 of MAX_QUEUE_READERS = %2 activated tasks running").arg(q.activeReaders).arg(q.maxReaders);
        a.seen += QLatin1Char('.');
        const QString growing = QStringLiteral("Messages arrive faster than they are received, so the wait of every "
                                               "new message grows with the backlog. ");
        switch (cause) {
        case BacklogCause::Disabled: {
            const Alert *disabled = raisedAlert(ctx, AlertKind::QueueDisabled, subject);
            a.title = QStringLiteral("%1 keeps growing: the queue is disabled").arg(subject);
            a.why = growing + QStringLiteral("The queue is disabled, so nothing can RECEIVE from it%1.")
                                  .arg(disabled ? QStringLiteral(": see the alert \"%1\"").arg(disabled->title) : QString());
            a.fixSql = AlertFixScript::enableQueue(q.schema, q.name);
            break;
        }
        case BacklogCause::ActivationOff:
            a.title = QStringLiteral("%1 keeps growing: activation is off").arg(subject);
            a.why = growing + QStringLiteral("Activation is off on this queue, so no activated procedure starts; "
                                             "only a reader outside Service Broker can drain it. If nothing else "
                                             "RECEIVEs here, turn activation back on.");
            a.fixSql = AlertFixScript::enableActivation(q.schema, q.name);
            break;
        case BacklogCause::NoActivation:
            a.title = QStringLiteral("%1 keeps growing and has no activation").arg(subject);
            a.why = growing + QStringLiteral("The queue has no activated procedure: the application that RECEIVEs "
                                             "from it (an external reader or a job) is not keeping up or not "
                                             "running.");
            a.fixSql = AlertFixScript::inspectBacklog(q.schema, q.name);
            break;
        case BacklogCause::Capacity:
            a.title = QStringLiteral("%1 keeps growing: all %2 readers busy").arg(subject).arg(q.maxReaders);
            a.why = growing + QStringLiteral("Every reader MAX_QUEUE_READERS allows is running, so the queue drains "
                                             "no faster than they can RECEIVE. Raise MAX_QUEUE_READERS if the "
                                             "messages are spread over enough conversation groups, or make the "
                                             "procedure faster.");
            a.fixSql = AlertFixScript::inspectBacklog(q.schema, q.name)
                + AlertFixScript::raiseMaxReaders(q.schema, q.name, std::min(32767, q.maxReaders * 2));
            break;
        case BacklogCause::FewConversations:
            a.title = QStringLiteral("%1 keeps growing while only %2 of %3 readers run: too few conversations")
                          .arg(subject).arg(q.activeReaders).arg(q.maxReaders);
            a.why = growing + QStringLiteral(
                "Activation may run up to MAX_QUEUE_READERS = %1 tasks, yet only %2 run while messages wait. "
                "RECEIVE locks a whole conversation group until its transaction ends, so there can be no more "
                "busy readers than conversation groups with messages: the messages are on too few conversations "
                "(one reused conversation serialises everything; the extra readers start, find nothing they may "
                "lock and exit). More readers will not help; send on a pool of about as many conversations as "
                "readers (ordering is then kept per conversation only).")
                                  .arg(q.maxReaders).arg(q.activeReaders);
            a.fixSql = AlertFixScript::inspectBacklog(q.schema, q.name);
            break;
        case BacklogCause::ReadersUnknown:
            a.title = QStringLiteral("%1 keeps growing").arg(subject);
            a.why = growing + QStringLiteral("The activated tasks could not be read (VIEW SERVER STATE), so the "
                                             "monitor cannot tell whether the readers are all busy or the "
                                             "messages are on too few conversations.");
            a.fixSql = AlertFixScript::inspectBacklog(q.schema, q.name);
            break;
        }
        return a;
    }
};

} // namespace

std::unique_ptr<AlertRule> makeQueueBacklogRule() { return std::make_unique<QueueBacklogRule>(); }

} // namespace bs::alertrules
