#include "core/series/serieskey.h"

namespace bs {

namespace {
// constexpr, not QString: other translation units build keys during their own static
// initialisation (e.g. a file-scope key in the history code), and the order in which
// translation units initialise is unspecified.
constexpr QLatin1String TotalText("endpoints.total");
constexpr QLatin1String CensusText("endpoints.census");
constexpr QLatin1String StatePrefix("endpoints.state.");
constexpr QLatin1String LeakedText("endpoints.leaked");
constexpr QLatin1String NeverExpiringText("endpoints.neverExpiring");
constexpr QLatin1String FarPrefix("endpoints.far.");
constexpr QLatin1String QueuePrefix("queue.");
constexpr QLatin1String DepthSuffix(".depth");
constexpr QLatin1String ReadersSuffix(".readers");
constexpr QLatin1String TransmissionText("transmission.size");
constexpr QLatin1String CounterPrefix("counter.");

// A queue key is "queue.<schema>.<name>.depth": the name may hold dots (it is split at the
// first dot), the schema may too (a bracketed schema name can hold anything), so '%' and '.'
// in the schema are written as %25 and %2E. Keys without them read as they always did.
QString escapeSchema(const QString &schema)
{
    QString out = schema;
    out.replace(QLatin1Char('%'), QLatin1String("%25"));
    out.replace(QLatin1Char('.'), QLatin1String("%2E"));
    return out;
}

QString unescapeSchema(const QString &schema)
{
    QString out = schema;
    out.replace(QLatin1String("%2E"), QLatin1String("."), Qt::CaseInsensitive);
    out.replace(QLatin1String("%25"), QLatin1String("%"));
    return out;
}
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
    return QString(FarPrefix);
}

QString SeriesKey::counterPrefix()
{
    return QString(CounterPrefix);
}

QString SeriesKey::toString() const
{
    switch (m_kind) {
    case Kind::Invalid: return {};
    case Kind::EndpointsTotal: return QString(TotalText);
    case Kind::EndpointsCensus: return QString(CensusText);
    case Kind::EndpointState: return StatePrefix + endpointStateCode(m_state);
    case Kind::EndpointsLeaked: return QString(LeakedText);
    case Kind::NeverExpiring: return QString(NeverExpiringText);
    case Kind::FarService: return FarPrefix + m_a;
    case Kind::QueueDepth: return QueuePrefix + escapeSchema(m_a) + QLatin1Char('.') + m_b + DepthSuffix;
    case Kind::QueueReaders: return QueuePrefix + escapeSchema(m_a) + QLatin1Char('.') + m_b + ReadersSuffix;
    case Kind::TransmissionSize: return QString(TransmissionText);
    case Kind::Counter: return CounterPrefix + m_a + QLatin1Char('/') + m_b + QLatin1Char('/') + m_c;
    }
    return {};
}

SeriesKey SeriesKey::parse(const QString &text)
{
    if (text == TotalText)
        return endpointsTotal();
    if (text == CensusText)
        return endpointsCensus();
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
        const QLatin1String suffix = depth ? DepthSuffix : ReadersSuffix;
        const QString middle = text.sliced(QueuePrefix.size(), text.size() - QueuePrefix.size() - suffix.size());
        const qsizetype dot = middle.indexOf(QLatin1Char('.'));
        if (dot < 0)
            return {};
        const QString schema = unescapeSchema(middle.left(dot));
        return depth ? queueDepth(schema, middle.sliced(dot + 1)) : queueReaders(schema, middle.sliced(dot + 1));
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
