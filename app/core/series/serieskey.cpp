#include "core/series/serieskey.h"

namespace bs {

namespace {
const QString TotalText = QStringLiteral("endpoints.total");
const QString StatePrefix = QStringLiteral("endpoints.state.");
const QString LeakedText = QStringLiteral("endpoints.leaked");
const QString NeverExpiringText = QStringLiteral("endpoints.neverExpiring");
const QString FarPrefix = QStringLiteral("endpoints.far.");
const QString QueuePrefix = QStringLiteral("queue.");
const QString DepthSuffix = QStringLiteral(".depth");
const QString ReadersSuffix = QStringLiteral(".readers");
const QString TransmissionText = QStringLiteral("transmission.size");
const QString CounterPrefix = QStringLiteral("counter.");
} // namespace

SeriesKey SeriesKey::endpointState(EndpointState state)
{
    SeriesKey k(Kind::EndpointState);
    k.m_state = state;
    return k;
}

SeriesKey SeriesKey::farService(const QString &farService)
{
    SeriesKey k(Kind::FarService);
    k.m_a = farService;
    return k;
}

SeriesKey SeriesKey::queueDepth(const QString &schema, const QString &name)
{
    SeriesKey k(Kind::QueueDepth);
    k.m_a = schema;
    k.m_b = name;
    return k;
}

SeriesKey SeriesKey::queueReaders(const QString &schema, const QString &name)
{
    SeriesKey k = queueDepth(schema, name);
    k.m_kind = Kind::QueueReaders;
    return k;
}

SeriesKey SeriesKey::counter(const QString &object, const QString &counter, const QString &instance)
{
    SeriesKey k(Kind::Counter);
    k.m_a = object;
    k.m_b = counter;
    k.m_c = instance;
    return k;
}

QString SeriesKey::farServicePrefix()
{
    return FarPrefix;
}

QString SeriesKey::counterPrefix()
{
    return CounterPrefix;
}

QString SeriesKey::toString() const
{
    switch (m_kind) {
    case Kind::Invalid: return {};
    case Kind::EndpointsTotal: return TotalText;
    case Kind::EndpointState: return StatePrefix + endpointStateCode(m_state);
    case Kind::EndpointsLeaked: return LeakedText;
    case Kind::NeverExpiring: return NeverExpiringText;
    case Kind::FarService: return FarPrefix + m_a;
    case Kind::QueueDepth: return QueuePrefix + m_a + QLatin1Char('.') + m_b + DepthSuffix;
    case Kind::QueueReaders: return QueuePrefix + m_a + QLatin1Char('.') + m_b + ReadersSuffix;
    case Kind::TransmissionSize: return TransmissionText;
    case Kind::Counter: return CounterPrefix + m_a + QLatin1Char('/') + m_b + QLatin1Char('/') + m_c;
    }
    return {};
}

SeriesKey SeriesKey::parse(const QString &text)
{
    if (text == TotalText)
        return endpointsTotal();
    if (text == LeakedText)
        return endpointsLeaked();
    if (text == NeverExpiringText)
        return neverExpiring();
    if (text == TransmissionText)
        return transmissionSize();
    if (text.startsWith(StatePrefix)) {
        const QString code = text.sliced(StatePrefix.size());
        const auto state = endpointStateFromCode(code);
        // Only the exact code: "endpoints.state.co" is no key the monitor writes.
        return state && endpointStateCode(*state) == code ? endpointState(*state) : SeriesKey();
    }
    if (text.startsWith(FarPrefix))
        return farService(text.sliced(FarPrefix.size()));
    if (text.startsWith(QueuePrefix)) {
        const bool depth = text.endsWith(DepthSuffix);
        if (!depth && !text.endsWith(ReadersSuffix))
            return {};
        const QString suffix = depth ? DepthSuffix : ReadersSuffix;
        const QString middle = text.sliced(QueuePrefix.size(), text.size() - QueuePrefix.size() - suffix.size());
        const qsizetype dot = middle.indexOf(QLatin1Char('.'));
        if (dot < 0)
            return {};
        return depth ? queueDepth(middle.left(dot), middle.sliced(dot + 1))
                     : queueReaders(middle.left(dot), middle.sliced(dot + 1));
    }
    if (text.startsWith(CounterPrefix)) {
        // Counter names have slashes of their own ("Enqueued Messages/sec"); object names and
        // instances do not: the object ends at the first slash, the instance starts after the last.
        const QString rest = text.sliced(CounterPrefix.size());
        const qsizetype first = rest.indexOf(QLatin1Char('/'));
        const qsizetype last = rest.lastIndexOf(QLatin1Char('/'));
        if (first < 0 || last == first)
            return {};
        return counter(rest.left(first), rest.mid(first + 1, last - first - 1), rest.sliced(last + 1));
    }
    return {};
}

} // namespace bs
