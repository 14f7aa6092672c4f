// The Broker counter rules: a running-total counter of SQLServer:Broker Statistics that rose within
// the last samples (Activation Errors Total, Dropped Messages Total). One parameterised rule; each
// entry gives the counter and the words.

#include "core/alerts/alertfixscript.h"
#include "core/alerts/alertrulesupport.h"
#include "core/alerts/alertthresholds.h"

#include <algorithm>
#include <optional>

namespace bs::alertrules {

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
std::optional<CounterRise> counterRise(const AlertContext::Window &window, QLatin1String counter, int samples)
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

/// What one counter rule says; the counter's meaning is from Microsoft Learn, "SQL Server, Broker
/// Statistics object" (learn.microsoft.com/sql/relational-databases/performance-monitor/
/// sql-server-broker-statistics-object).
struct CounterRuleText
{
    AlertKind kind;
    const char16_t *name;
    const char16_t *shortTitle;
    QLatin1String counter;
    const char16_t *title;
    const char16_t *why;
    QString (*fixSql)();
    bool withAbortedRate = false; ///< add the Tasks Aborted/sec rate to what was seen
};

class CounterRiseRule : public AlertRule
{
public:
    explicit CounterRiseRule(CounterRuleText text)
        : m_text(text)
    {
    }
    AlertKind kind() const override { return m_text.kind; }
    QString name() const override { return QString::fromUtf16(m_text.name); }
    QString title() const override { return QString::fromUtf16(m_text.shortTitle); }
    QStringList reads() const override { return {QStringLiteral("monitor.perf_counters")}; }
    QList<AlertThreshold> thresholds() const override { return {AlertThresholds::activationErrorSamples()}; }
    QList<Alert> evaluate(AlertContext &ctx) const override
    {
        const std::optional<CounterRise> rise =
            counterRise(ctx.window, m_text.counter, ctx.settings.activationErrorSamples);
        if (!rise || rise->increase <= 0)
            return {};
        Alert a = makeAlert(*this, AlertSeverity::Warning, QString(m_text.counter), false);
        a.title = QString::fromUtf16(m_text.title);
        QString abortedText;
        if (m_text.withAbortedRate) {
            for (const PerfCounter &pc : ctx.latest().counters) {
                if (pc.counter.compare(QLatin1String("Tasks Aborted/sec"), Qt::CaseInsensitive) == 0
                    && pc.ratePerSecond)
                    abortedText = QStringLiteral(" Tasks Aborted/sec: %1.").arg(*pc.ratePerSecond, 0, 'f', 2);
            }
        }
        a.seen = QStringLiteral("%1 rose by %2 in %3 (now %4).%5")
                     .arg(QString(m_text.counter), number(rise->increase),
                          duration(rise->firstTime.secsTo(ctx.latest().time)), number(rise->latest), abortedText);
        a.why = QString::fromUtf16(m_text.why);
        a.fixSql = m_text.fixSql();
        return {a};
    }

private:
    CounterRuleText m_text;
};

} // namespace

std::unique_ptr<AlertRule> makeActivationErrorsRule()
{
    // "Activation Errors Total": the number of times an activation stored procedure exited with an error.
    return std::make_unique<CounterRiseRule>(CounterRuleText{
        AlertKind::ActivationErrors, u"activation-errors", u"Activation errors increasing",
        QLatin1String("Activation Errors Total"), u"Activation errors increasing: an activated procedure is failing",
        u"Each error is an activation procedure that exited with an error. Its transaction rolls "
        u"back and the message returns to the queue; five rollbacks in a row disable the queue "
        u"(poison message handling). The error text is not returned to anyone: it is written to "
        u"the SQL Server error log, so look there for the procedure and the message.",
        &AlertFixScript::readErrorLog, true});
}

std::unique_ptr<AlertRule> makeDroppedMessagesRule()
{
    // "Dropped Messages Total": "the number of messages that were received by the instance, but could
    // not be delivered to a queue". That an Error dropped at an initiator endpoint that already ended
    // (SERVICE_BROKER.md §3, R-FF) counts here is not stated by the docs [U]; the simulator counts it
    // so, and the text names it as one cause among others.
    return std::make_unique<CounterRiseRule>(CounterRuleText{
        AlertKind::DroppedMessages, u"dropped-messages", u"Messages dropped", QLatin1String("Dropped Messages Total"),
        u"Messages dropped: the instance receives messages it cannot deliver to a queue",
        u"Each one is a message that reached this instance and was put in no queue: no application "
        u"reads it and nobody gets an error. A message whose dialog is still open is usually kept by "
        u"its sender, which retries; look at sys.transmission_queue and its transmission_status, "
        u"on this instance and on the senders. An Error sent back to an initiator that has already "
        u"ended (fire-and-forget) is dropped for good, and so is the failure it reported. Other "
        u"causes are routes (sys.routes) that send messages to the wrong service or broker instance, "
        u"and messages the broker rejects on arrival; the SQL Server error log, or a trace of the "
        u"Broker:Message Undeliverable event, says which.",
        &AlertFixScript::inspectDroppedMessages, false});
}

} // namespace bs::alertrules
