#include "data/history/samplecodec.h"
#include "core/census/censusscheduler.h"

#include <QCborArray>
#include <QCborValue>

namespace bs {

namespace {

// The "v" of a stored sample: 1 and 2 (plain names / names as ids of the file's dictionary) were
// written before the census (issue #13); 3 and 4 are the same two forms with the census fields
// ("nc" not a census, "lc" last census, "tt" the cheap totals, a 4th "not due" entry in "u").
// A sample below 3 reads as a census without totals, every unavailable part a failure, except a
// breakdown the census rule skipped (written so by the builds between the census and format 3).
constexpr int PlainWithCensus = 3;
constexpr int DictionaryWithCensus = 4;

// Short keys: a day of samples every 5 s is 17,280 maps.
QCborValue time(const QDateTime &t)
{
    return t.isValid() ? QCborValue(t.toMSecsSinceEpoch()) : QCborValue();
}

QCborValue time(const std::optional<QDateTime> &t)
{
    return t ? time(*t) : QCborValue();
}

std::optional<QDateTime> optTime(const QCborValue &v)
{
    if (!v.isInteger())
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(v.toInteger(), Qt::UTC);
}

void put(QCborMap &m, const char *key, const QCborValue &v)
{
    if (!v.isUndefined() && !v.isNull())
        m.insert(QLatin1String(key), v);
}

void putInt(QCborMap &m, const char *key, qint64 v)
{
    if (v != 0)
        m.insert(QLatin1String(key), v);
}

// Set while one sample is encoded or decoded with a string dictionary (one thread at a time per
// call: the pointers live on the caller's stack).
thread_local const SampleCodec::Intern *t_intern = nullptr;
thread_local const SampleCodec::Lookup *t_lookup = nullptr;

void putText(QCborMap &m, const char *key, const QString &v)
{
    if (v.isEmpty())
        return;
    if (t_intern)
        m.insert(QLatin1String(key), (*t_intern)(v));
    else
        m.insert(QLatin1String(key), v);
}

QString textOf(const QCborValue &v)
{
    if (v.isInteger() && t_lookup)
        return (*t_lookup)(v.toInteger());
    return v.toString();
}

qint64 getInt(const QCborMap &m, const char *key)
{
    return m.value(QLatin1String(key)).toInteger();
}

QString getText(const QCborMap &m, const char *key)
{
    return textOf(m.value(QLatin1String(key)));
}

QByteArray pack(const QCborMap &m)
{
    return qCompress(m.toCborValue().toCbor(), 6);
}

std::optional<QCborMap> unpack(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return std::nullopt;
    const QByteArray raw = qUncompress(bytes);
    if (raw.isEmpty())
        return std::nullopt;
    QCborParserError error;
    const QCborValue v = QCborValue::fromCbor(raw, &error);
    if (error.error != QCborError::NoError || !v.isMap())
        return std::nullopt;
    return v.toMap();
}

} // namespace

QCborMap SampleCodec::toCbor(const MonitorSample &s)
{
    QCborMap m;
    m.insert(QLatin1String("v"), PlainWithCensus);
    put(m, "t", time(s.time));
    if (s.isBrokerEnabled)
        m.insert(QLatin1String("be"), *s.isBrokerEnabled);
    QCborArray endpoints;
    for (const EndpointGroup &g : s.endpoints) {
        QCborMap e;
        e.insert(QLatin1String("s"), endpointStateCode(g.state));
        putText(e, "l", g.localService);
        putText(e, "f", g.farService);
        if (g.isInitiator)
            e.insert(QLatin1String("i"), true);
        putInt(e, "n", g.count);
        putInt(e, "ne", g.neverExpiring);
        putInt(e, "cu", g.closedWithUnsetSecurityTimestamp);
        put(e, "ol", time(g.oldestLifetime));
        endpoints.append(e);
    }
    if (!endpoints.isEmpty())
        m.insert(QLatin1String("e"), endpoints);
    QCborArray queues;
    for (const QueueSample &q : s.queues) {
        QCborMap e;
        putInt(e, "id", q.queueId);
        putText(e, "s", q.schema);
        putText(e, "n", q.name);
        putInt(e, "d", q.depth);
        putInt(e, "p", q.usedPages);
        // Flags as one small integer: receive, enqueue, activation.
        e.insert(QLatin1String("fl"), (q.isReceiveEnabled ? 1 : 0) | (q.isEnqueueEnabled ? 2 : 0) | (q.isActivationEnabled ? 4 : 0));
        putInt(e, "mr", q.maxReaders);
        putInt(e, "ar", q.activeReaders);
        putInt(e, "ms", int(q.monitorState));
        putInt(e, "tw", q.tasksWaiting);
        put(e, "la", time(q.lastActivatedTime));
        put(e, "le", time(q.lastEmptyRowsetTime));
        queues.append(e);
    }
    if (!queues.isEmpty())
        m.insert(QLatin1String("q"), queues);
    putInt(m, "tq", s.transmissionQueueSize);
    put(m, "to", time(s.transmissionOldest));
    QCborArray transmission;
    for (const TransmissionGroup &g : s.transmission) {
        QCborMap e;
        putText(e, "to", g.toService);
        putText(e, "st", g.status);
        putInt(e, "n", g.count);
        put(e, "o", time(g.oldestEnqueueTime));
        transmission.append(e);
    }
    if (!transmission.isEmpty())
        m.insert(QLatin1String("x"), transmission);
    QCborArray counters;
    for (const PerfCounter &c : s.counters) {
        QCborMap e;
        putText(e, "o", c.object);
        putText(e, "c", c.counter);
        putText(e, "i", c.instance);
        putInt(e, "v", c.value);
        putInt(e, "ty", c.type);
        if (c.ratePerSecond)
            e.insert(QLatin1String("r"), *c.ratePerSecond);
        counters.append(e);
    }
    if (!counters.isEmpty())
        m.insert(QLatin1String("c"), counters);
    if (s.flow) {
        const FlowCounters &f = *s.flow;
        m.insert(QLatin1String("fw"), QCborArray{f.sent, f.received, f.processed, f.failed, f.dropped, f.expired, f.rollbacks, f.lost, f.inFlight});
    }
    if (s.latency)
        m.insert(QLatin1String("lt"), QCborArray{s.latency->p50, s.latency->p95, s.latency->p99, s.latency->samples, s.latency->mean});
    QCborArray unavailable;
    for (const UnavailablePart &u : s.unavailable) {
        QCborArray e = t_intern ? QCborArray{(*t_intern)(u.part), (*t_intern)(u.message), (*t_intern)(u.permission)}
                                : QCborArray{u.part, u.message, u.permission};
        if (u.notDue)
            e.append(true);
        unavailable.append(e);
    }
    if (!unavailable.isEmpty())
        m.insert(QLatin1String("u"), unavailable);
    // The census fields (issue #13), left out at their defaults like every other field.
    if (!s.isCensus)
        m.insert(QLatin1String("nc"), true);
    put(m, "lc", time(s.lastCensus));
    const TableTotals &tt = s.totals;
    if (tt.endpoints || tt.sendingEndpoints || tt.transmission) {
        const auto opt = [](const std::optional<qint64> &v) { return v ? QCborValue(*v) : QCborValue(nullptr); };
        m.insert(QLatin1String("tt"), QCborArray{opt(tt.endpoints), opt(tt.sendingEndpoints), opt(tt.transmission)});
    }
    return m;
}

MonitorSample SampleCodec::fromCbor(const QCborMap &m)
{
    MonitorSample s;
    if (const auto t = optTime(m.value(QLatin1String("t"))))
        s.time = *t;
    if (m.value(QLatin1String("be")).isBool())
        s.isBrokerEnabled = m.value(QLatin1String("be")).toBool();
    for (const QCborValue &v : m.value(QLatin1String("e")).toArray()) {
        const QCborMap e = v.toMap();
        const auto state = endpointStateFromCode(getText(e, "s"));
        if (!state)
            continue;
        EndpointGroup g;
        g.state = *state;
        g.localService = getText(e, "l");
        g.farService = getText(e, "f");
        g.isInitiator = e.value(QLatin1String("i")).toBool();
        g.count = getInt(e, "n");
        g.neverExpiring = getInt(e, "ne");
        g.closedWithUnsetSecurityTimestamp = getInt(e, "cu");
        g.oldestLifetime = optTime(e.value(QLatin1String("ol")));
        s.endpoints.append(g);
    }
    for (const QCborValue &v : m.value(QLatin1String("q")).toArray()) {
        const QCborMap e = v.toMap();
        QueueSample q;
        q.queueId = int(getInt(e, "id"));
        q.schema = getText(e, "s");
        q.name = getText(e, "n");
        q.depth = getInt(e, "d");
        q.usedPages = getInt(e, "p");
        const qint64 flags = getInt(e, "fl");
        q.isReceiveEnabled = flags & 1;
        q.isEnqueueEnabled = flags & 2;
        q.isActivationEnabled = flags & 4;
        q.maxReaders = int(getInt(e, "mr"));
        q.activeReaders = int(getInt(e, "ar"));
        const qint64 state = getInt(e, "ms");
        q.monitorState = state >= 0 && state <= int(QueueMonitorState::Unknown) ? QueueMonitorState(state) : QueueMonitorState::Unknown;
        q.tasksWaiting = int(getInt(e, "tw"));
        q.lastActivatedTime = optTime(e.value(QLatin1String("la")));
        q.lastEmptyRowsetTime = optTime(e.value(QLatin1String("le")));
        s.queues.append(q);
    }
    s.transmissionQueueSize = getInt(m, "tq");
    s.transmissionOldest = optTime(m.value(QLatin1String("to")));
    for (const QCborValue &v : m.value(QLatin1String("x")).toArray()) {
        const QCborMap e = v.toMap();
        s.transmission.append({getText(e, "to"), getText(e, "st"), getInt(e, "n"), optTime(e.value(QLatin1String("o")))});
    }
    for (const QCborValue &v : m.value(QLatin1String("c")).toArray()) {
        const QCborMap e = v.toMap();
        PerfCounter c;
        c.object = getText(e, "o");
        c.counter = getText(e, "c");
        c.instance = getText(e, "i");
        c.value = getInt(e, "v");
        c.type = int(getInt(e, "ty"));
        if (e.value(QLatin1String("r")).isDouble() || e.value(QLatin1String("r")).isInteger())
            c.ratePerSecond = e.value(QLatin1String("r")).toDouble();
        s.counters.append(c);
    }
    if (const QCborArray f = m.value(QLatin1String("fw")).toArray(); f.size() >= 7) {
        FlowCounters fc;
        fc.sent = f[0].toInteger();
        fc.received = f[1].toInteger();
        fc.processed = f[2].toInteger();
        fc.failed = f[3].toInteger();
        fc.dropped = f[4].toInteger();
        fc.expired = f[5].toInteger();
        fc.rollbacks = f[6].toInteger();
        // Written by later versions only; absent entries read as 0.
        fc.lost = f[7].toInteger();
        fc.inFlight = f[8].toInteger();
        s.flow = fc;
    }
    if (const QCborArray l = m.value(QLatin1String("lt")).toArray(); l.size() >= 4) {
        LatencyStats ls;
        ls.p50 = l[0].toDouble();
        ls.p95 = l[1].toDouble();
        ls.p99 = l[2].toDouble();
        ls.samples = l[3].toInteger();
        ls.mean = l[4].toDouble();
        s.latency = ls;
    }
    const bool withCensus = getInt(m, "v") >= PlainWithCensus;
    for (const QCborValue &v : m.value(QLatin1String("u")).toArray()) {
        const QCborArray u = v.toArray();
        s.unavailable.append({textOf(u[0]), textOf(u[1]), textOf(u[2]), withCensus && u.at(3).toBool()});
    }
    if (!withCensus) {
        // Files written between the census (a4594e3) and format 3 kept a skipped
        // breakdown as an unavailable part with CensusScheduler's text and no permission: read
        // those as "not due" on a sample that was not a census, not as a failure.
        for (UnavailablePart &part : s.unavailable) {
            if ((part.part == CensusScheduler::EndpointsPart || part.part == CensusScheduler::TransmissionPart)
                && part.permission.isEmpty() && part.message.startsWith(QLatin1String("Breakdown not read this sample"))) {
                part.notDue = true;
                s.isCensus = false;
            }
        }
        return s;
    }
    s.isCensus = !m.value(QLatin1String("nc")).toBool();
    s.lastCensus = optTime(m.value(QLatin1String("lc")));
    if (const QCborArray tt = m.value(QLatin1String("tt")).toArray(); !tt.isEmpty()) {
        const auto opt = [](const QCborValue &v) { return v.isInteger() ? std::optional<qint64>(v.toInteger()) : std::nullopt; };
        s.totals = {opt(tt.at(0)), opt(tt.at(1)), opt(tt.at(2))};
    }
    return s;
}

QByteArray SampleCodec::encode(const MonitorSample &sample)
{
    return pack(toCbor(sample));
}

std::optional<MonitorSample> SampleCodec::decode(const QByteArray &bytes)
{
    const auto m = unpack(bytes);
    if (!m)
        return std::nullopt;
    return fromCbor(*m);
}

QByteArray SampleCodec::encode(const MonitorSample &sample, const Intern &intern)
{
    t_intern = &intern;
    QCborMap m = toCbor(sample);
    t_intern = nullptr;
    m.insert(QLatin1String("v"), DictionaryWithCensus);
    return pack(m);
}

std::optional<MonitorSample> SampleCodec::decode(const QByteArray &bytes, const Lookup &lookup)
{
    const auto m = unpack(bytes);
    if (!m)
        return std::nullopt;
    t_lookup = &lookup;
    MonitorSample s = fromCbor(*m);
    t_lookup = nullptr;
    return s;
}

QByteArray SampleCodec::encodeAlert(const Alert &a)
{
    QCborMap m;
    m.insert(QLatin1String("k"), alertKindName(a.kind));
    m.insert(QLatin1String("sv"), alertSeverityName(a.severity));
    m.insert(QLatin1String("key"), a.key);
    m.insert(QLatin1String("sub"), a.subject);
    m.insert(QLatin1String("ti"), a.title);
    m.insert(QLatin1String("seen"), a.seen);
    m.insert(QLatin1String("why"), a.why);
    m.insert(QLatin1String("fix"), a.fixSql);
    m.insert(QLatin1String("at"), leakAttributionName(a.attribution));
    put(m, "since", time(a.since));
    put(m, "last", time(a.lastSeen));
    return pack(m);
}

std::optional<Alert> SampleCodec::decodeAlert(const QByteArray &bytes)
{
    const auto m = unpack(bytes);
    if (!m)
        return std::nullopt;
    const auto kind = alertKindFromName(getText(*m, "k"));
    if (!kind)
        return std::nullopt;
    Alert a;
    a.kind = *kind;
    const QString severity = getText(*m, "sv");
    a.severity = severity == QLatin1String("critical") ? AlertSeverity::Critical
        : severity == QLatin1String("info")            ? AlertSeverity::Info
                                                       : AlertSeverity::Warning;
    a.key = getText(*m, "key");
    a.subject = getText(*m, "sub");
    a.title = getText(*m, "ti");
    a.seen = getText(*m, "seen");
    a.why = getText(*m, "why");
    a.fixSql = getText(*m, "fix");
    a.attribution = leakAttributionFromName(getText(*m, "at")).value_or(LeakAttribution::None);
    if (const auto t = optTime(m->value(QLatin1String("since"))))
        a.since = *t;
    if (const auto t = optTime(m->value(QLatin1String("last"))))
        a.lastSeen = *t;
    return a;
}

} // namespace bs
