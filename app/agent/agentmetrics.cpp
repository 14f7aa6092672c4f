#include "agent/agentmetrics.h"

#include "agent/openmetricswriter.h"

#include "agent/agenttarget.h"
#include "agent/labelfolding.h"

#include <prometheus/text_serializer.h>

#include <QHash>
#include <QSet>

#include <sstream>

namespace bs {

namespace {

using prometheus::MetricType;

constexpr auto Gauge = MetricType::Gauge;
constexpr auto Counter = MetricType::Counter;

MetricDefinition def(const char *name, MetricType type, const char *help, std::initializer_list<const char *> labels)
{
    MetricDefinition d;
    d.name = QLatin1String(name);
    d.type = type;
    d.help = QString::fromUtf8(help);
    for (const char *l : labels)
        d.labels.append(QLatin1String(l));
    return d;
}

QList<MetricDefinition> makeDefinitions()
{
    const auto pair = {"target", "local_service", "far_service", "side", "state"};
    const auto queue = {"target", "schema", "queue"};
    const auto counter = {"target", "object", "counter", "instance"};
    return {
        def("broker_studio_agent_info", Gauge, "Always 1; the agent's version as a label.", {"version"}),
        def("broker_studio_agent_targets", Gauge, "Targets in the agent's fleet file.", {}),
        def("broker_studio_up", Gauge,
            "1 when the target's latest sampling round gave a sample that is not overdue; 0 when the connection, "
            "login or round failed or the sample is late. While 0, the target's sample series are absent.",
            {"target"}),
        def("broker_studio_target_info", Gauge,
            "Always 1; the target's kind (odbc or simulation) and where it points (server / database), never credentials.",
            {"target", "kind", "source"}),
        def("broker_studio_last_success_timestamp_seconds", Gauge,
            "Unix time (agent's clock) of the target's latest sample.", {"target"}),
        def("broker_studio_sample_duration_seconds", Gauge,
            "Wall time of the target's latest sampling round (connect if needed, then the sql/monitor statements).",
            {"target"}),
        def("broker_studio_samples_total", Counter, "Sampling rounds of the target that gave a sample.", {"target"}),
        def("broker_studio_sample_failures_total", Counter,
            "Sampling rounds of the target that gave no sample (connection, login, lost connection, credentials).",
            {"target"}),
        def("broker_studio_part_errors_total", Counter,
            "Errors by part: a sample part (sql/monitor statement, e.g. monitor.queue_monitors) that could not be "
            "read, usually a missing permission; connection, credentials and catalog for the round as a whole.",
            {"target", "part"}),
        def("broker_studio_broker_enabled", Gauge, "1 when Service Broker is enabled in the database (sys.databases.is_broker_enabled).",
            {"target"}),
        def("broker_studio_endpoints", Gauge,
            "Conversation endpoints (sys.conversation_endpoints) by local service, far service, side (initiator or "
            "target) and state (STARTED_OUTBOUND … CLOSED). One-off service names are folded, pairs over the limit summed as (other).",
            pair),
        def("broker_studio_endpoints_never_expiring", Gauge,
            "Leak indicator: endpoints whose lifetime is more than a year away (the default LIFETIME is about 68 years), "
            "CLOSED ones only with an unset security timestamp.",
            pair),
        def("broker_studio_endpoints_closed_unset_security_timestamp", Gauge,
            "Leak indicator: CLOSED endpoints whose security_timestamp is 1900-01-01; they stay until their lifetime "
            "ends (the fire-and-forget leak).",
            {"target", "local_service", "far_service", "side"}),
        def("broker_studio_endpoint_pairs", Gauge,
            "Distinct (local service, far service) pairs with endpoints, after one-off names are folded.", {"target"}),
        def("broker_studio_folded_names", Gauge,
            "Names folded to keep label values bounded: what (endpoint_pair, queue, transmission_service) and why "
            "(one_off: a GUID or long number in the name, grouped by pattern; over_limit: summed as (other)).",
            {"target", "what", "reason"}),
        def("broker_studio_queue_messages", Gauge,
            "Messages in the queue (rows of its internal table from partition statistics; approximate, no locks).", queue),
        def("broker_studio_queue_used_pages", Gauge, "Pages used by the queue's internal table.", queue),
        def("broker_studio_queue_receive_enabled", Gauge,
            "1 when RECEIVE is enabled on the queue; 0 after poison-message handling disabled it.", queue),
        def("broker_studio_queue_enqueue_enabled", Gauge, "1 when the queue accepts new messages.", queue),
        def("broker_studio_queue_activation_enabled", Gauge, "1 when activation is on for the queue.", queue),
        def("broker_studio_queue_max_readers", Gauge, "MAX_QUEUE_READERS of the queue's activation.", queue),
        def("broker_studio_queue_active_readers", Gauge,
            "Activated tasks running for the queue (sys.dm_broker_activated_tasks).", queue),
        def("broker_studio_queue_monitor_state", Gauge,
            "1 for the queue monitor's current state (INACTIVE, NOTIFIED, RECEIVES_OCCURRING), 0 for the others "
            "(sys.dm_broker_queue_monitors); absent for queues without a monitor.",
            {"target", "schema", "queue", "state"}),
        def("broker_studio_transmission_queue_messages", Gauge, "Messages waiting in sys.transmission_queue.", {"target"}),
        def("broker_studio_transmission_queue_oldest_age_seconds", Gauge,
            "Age of the oldest message in sys.transmission_queue (server clock); 0 when it is empty.", {"target"}),
        def("broker_studio_transmission_queue_messages_by_status", Gauge,
            "Messages in sys.transmission_queue by destination service and class of transmission_status (none, "
            "connection, security, routing, disabled, other; the status text itself is never a label).",
            {"target", "to_service", "status"}),
        def("broker_studio_broker_performance_total", Counter,
            "Broker performance counters that count up (sys.dm_os_performance_counters: per-second counters kept as "
            "running totals, and the … Total counters).",
            counter),
        // Not "broker_studio_broker_performance": OpenMetrics names the counter family above that way
        // (without _total), and family names must be unique there.
        def("broker_studio_broker_performance_value", Gauge, "Broker performance counters that are point-in-time values.",
            counter),
        def("broker_studio_alert", Gauge,
            "1 for each active alert of Broker Studio's alert rules (the app's AlertEngine, evaluated by the agent): "
            "rule, severity, subject (queue or service pair) and, for leaks, the attributed side.",
            {"target", "rule", "severity", "subject", "attribution"}),
    };
}

bool isCumulative(const PerfCounter &pc)
{
    return pc.isPerSecond() || pc.counter.trimmed().endsWith(QLatin1String("Total"), Qt::CaseInsensitive);
}

// The monitor states exported as label values (SQL Server's own names).
bool hasMonitorState(QueueMonitorState s)
{
    return s == QueueMonitorState::Inactive || s == QueueMonitorState::Notified || s == QueueMonitorState::ReceivesOccurring;
}

/// Collects samples into families in the order of the definitions.
class FamilyBuilder
{
public:
    FamilyBuilder()
    {
        const QList<MetricDefinition> &defs = AgentMetrics::definitions();
        m_families.resize(size_t(defs.size()));
        for (qsizetype i = 0; i < defs.size(); ++i) {
            m_index.insert(defs.at(i).name, i);
            prometheus::MetricFamily &f = m_families[size_t(i)];
            f.name = defs.at(i).name.toStdString();
            f.help = defs.at(i).help.toStdString();
            f.type = defs.at(i).type;
        }
    }

    void add(const char *name, const QStringList &values, double value)
    {
        const qsizetype i = m_index.value(QLatin1String(name), -1);
        Q_ASSERT(i >= 0);
        const MetricDefinition &d = AgentMetrics::definitions().at(i);
        Q_ASSERT(d.labels.size() == values.size());
        prometheus::ClientMetric m;
        m.label.reserve(size_t(values.size()));
        for (qsizetype l = 0; l < values.size(); ++l)
            m.label.push_back({d.labels.at(l).toStdString(), LabelFolding::bounded(values.at(l)).toStdString()});
        if (d.type == Counter)
            m.counter.value = value;
        else
            m.gauge.value = value;
        m_families[size_t(i)].metric.push_back(std::move(m));
    }

    std::vector<prometheus::MetricFamily> take()
    {
        std::vector<prometheus::MetricFamily> out;
        for (prometheus::MetricFamily &f : m_families) {
            if (!f.metric.empty())
                out.push_back(std::move(f));
        }
        return out;
    }

private:
    QHash<QString, qsizetype> m_index;
    std::vector<prometheus::MetricFamily> m_families;
};

QString side(bool initiator)
{
    return initiator ? QStringLiteral("initiator") : QStringLiteral("target");
}

void addFolded(FamilyBuilder &b, const QString &target, const char *what, const LabelFolding::Counts &counts)
{
    b.add("broker_studio_folded_names", {target, QLatin1String(what), QStringLiteral("one_off")}, double(counts.oneOff));
    b.add("broker_studio_folded_names", {target, QLatin1String(what), QStringLiteral("over_limit")}, double(counts.overLimit));
}

void addSample(FamilyBuilder &b, const QString &t, const MonitorSample &s, const QList<Alert> &alerts,
               const AgentMetrics::Options &o)
{
    if (s.isAvailable(QStringLiteral("monitor.broker_enabled")) && s.isBrokerEnabled)
        b.add("broker_studio_broker_enabled", {t}, *s.isBrokerEnabled ? 1 : 0);
    if (s.isAvailable(QStringLiteral("monitor.endpoints"))) {
        const LabelFolding::Endpoints e = LabelFolding::foldEndpoints(s.endpoints, o.maxPairs);
        for (const EndpointGroup &g : e.groups) {
            const QStringList labels{t, g.localService, g.farService, side(g.isInitiator), endpointStateDescription(g.state)};
            b.add("broker_studio_endpoints", labels, double(g.count));
            b.add("broker_studio_endpoints_never_expiring", labels, double(g.neverExpiring));
        }
        // The closed-leak indicator is per pair and side (it concerns CLOSED endpoints only).
        for (const EndpointGroup &g : e.groups) {
            if (g.state == EndpointState::CD)
                b.add("broker_studio_endpoints_closed_unset_security_timestamp", {t, g.localService, g.farService, side(g.isInitiator)},
                      double(g.closedWithUnsetSecurityTimestamp));
        }
        b.add("broker_studio_endpoint_pairs", {t}, double(e.counts.distinct));
        addFolded(b, t, "endpoint_pair", e.counts);
    }
    if (s.isAvailable(QStringLiteral("monitor.queue_depth"))) {
        const LabelFolding::Queues q = LabelFolding::foldQueues(s.queues, o.maxQueues);
        const bool readers = s.isAvailable(QStringLiteral("monitor.activated_tasks"));
        const bool monitors = s.isAvailable(QStringLiteral("monitor.queue_monitors"));
        for (const QueueSample &qs : q.queues) {
            const QStringList l{t, qs.schema, qs.name};
            b.add("broker_studio_queue_messages", l, double(qs.depth));
            b.add("broker_studio_queue_used_pages", l, double(qs.usedPages));
            b.add("broker_studio_queue_receive_enabled", l, qs.isReceiveEnabled ? 1 : 0);
            b.add("broker_studio_queue_enqueue_enabled", l, qs.isEnqueueEnabled ? 1 : 0);
            b.add("broker_studio_queue_activation_enabled", l, qs.isActivationEnabled ? 1 : 0);
            b.add("broker_studio_queue_max_readers", l, qs.maxReaders);
            if (readers)
                b.add("broker_studio_queue_active_readers", l, qs.activeReaders);
            if (monitors && hasMonitorState(qs.monitorState)) {
                for (QueueMonitorState st : {QueueMonitorState::Inactive, QueueMonitorState::Notified, QueueMonitorState::ReceivesOccurring})
                    b.add("broker_studio_queue_monitor_state", {t, qs.schema, qs.name, queueMonitorStateText(st)}, st == qs.monitorState ? 1 : 0);
            }
        }
        addFolded(b, t, "queue", q.counts);
    }
    if (s.isAvailable(QStringLiteral("monitor.transmission"))) {
        b.add("broker_studio_transmission_queue_messages", {t}, double(s.transmissionQueueSize));
        const double age = s.transmissionOldest && s.time.isValid() ? std::max<qint64>(0, s.transmissionOldest->msecsTo(s.time)) / 1000.0 : 0.0;
        b.add("broker_studio_transmission_queue_oldest_age_seconds", {t}, age);
        const LabelFolding::Transmission tr = LabelFolding::foldTransmission(s.transmission, o.maxQueues);
        for (const TransmissionGroup &g : tr.groups)
            b.add("broker_studio_transmission_queue_messages_by_status", {t, g.toService, g.status}, double(g.count));
        addFolded(b, t, "transmission_service", tr.counts);
    }
    if (s.isAvailable(QStringLiteral("monitor.perf_counters"))) {
        QSet<QString> seen; // a counter listed twice would make a duplicate series
        for (const PerfCounter &pc : s.counters) {
            const QString key = pc.object + QChar(0) + pc.counter + QChar(0) + pc.instance;
            if (seen.contains(key))
                continue;
            seen.insert(key);
            b.add(isCumulative(pc) ? "broker_studio_broker_performance_total" : "broker_studio_broker_performance_value",
                  {t, pc.object, pc.counter, pc.instance}, double(pc.value));
        }
    }
    QSet<QStringList> seenAlerts;
    for (const Alert &a : alerts) {
        const QStringList labels{t, alertKindName(a.kind), alertSeverityName(a.severity), LabelFolding::foldName(a.subject),
                                 a.attribution == LeakAttribution::None ? QString() : leakAttributionName(a.attribution)};
        if (seenAlerts.contains(labels))
            continue;
        seenAlerts.insert(labels);
        b.add("broker_studio_alert", labels, 1);
    }
}

} // namespace

const QList<MetricDefinition> &AgentMetrics::definitions()
{
    static const QList<MetricDefinition> defs = makeDefinitions();
    return defs;
}

const MetricDefinition *AgentMetrics::definition(const QString &name)
{
    for (const MetricDefinition &d : definitions()) {
        if (d.name == name)
            return &d;
    }
    return nullptr;
}

std::vector<prometheus::MetricFamily> AgentMetrics::collect(const QList<const AgentTarget *> &targets, const Options &options)
{
    FamilyBuilder b;
    b.add("broker_studio_agent_info", {QStringLiteral(BS_VERSION)}, 1);
    b.add("broker_studio_agent_targets", {}, double(targets.size()));
    for (const AgentTarget *target : targets) {
        const QString t = target->name();
        const AgentTarget::State &st = target->state();
        const bool up = target->isUp(options.now);
        b.add("broker_studio_up", {t}, up ? 1 : 0);
        b.add("broker_studio_target_info", {t, target->kindName(), target->description()}, 1);
        if (st.lastSuccess)
            b.add("broker_studio_last_success_timestamp_seconds", {t}, double(st.lastSuccess->toMSecsSinceEpoch()) / 1000.0);
        if (st.lastDurationSeconds)
            b.add("broker_studio_sample_duration_seconds", {t}, *st.lastDurationSeconds);
        b.add("broker_studio_samples_total", {t}, double(st.samples));
        b.add("broker_studio_sample_failures_total", {t}, double(st.failures));
        for (auto it = st.partErrors.cbegin(); it != st.partErrors.cend(); ++it)
            b.add("broker_studio_part_errors_total", {t, it.key()}, double(it.value()));
        if (up)
            addSample(b, t, *st.latest, st.alerts, options);
    }
    return b.take();
}

QByteArray AgentMetrics::render(const QList<const AgentTarget *> &targets, const Options &options, ExpositionFormat format)
{
    const std::vector<prometheus::MetricFamily> families = collect(targets, options);
    if (format == ExpositionFormat::OpenMetrics)
        return OpenMetricsWriter::write(families);
    std::ostringstream out;
    prometheus::TextSerializer().Serialize(out, families);
    const std::string text = out.str();
    return QByteArray(text.data(), qsizetype(text.size()));
}

QByteArray AgentMetrics::contentType(ExpositionFormat format)
{
    if (format == ExpositionFormat::OpenMetrics)
        return OpenMetricsWriter::contentType();
    // prometheus-cpp's TextSerializer writes the text format 0.0.4.
    return QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8");
}

} // namespace bs
