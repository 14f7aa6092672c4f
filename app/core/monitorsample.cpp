#include "core/monitorsample.h"

#include <algorithm>
#include <array>

namespace bs {

namespace {
struct StateNames
{
    EndpointState state;
    const char *code;
    const char *description;
};
constexpr std::array<StateNames, EndpointStateCount> stateNames{{
    {EndpointState::SO, "SO", "STARTED_OUTBOUND"},
    {EndpointState::SI, "SI", "STARTED_INBOUND"},
    {EndpointState::CO, "CO", "CONVERSING"},
    {EndpointState::DI, "DI", "DISCONNECTED_INBOUND"},
    {EndpointState::DO, "DO", "DISCONNECTED_OUTBOUND"},
    {EndpointState::ER, "ER", "ERROR"},
    {EndpointState::CD, "CD", "CLOSED"},
}};
} // namespace

QString endpointStateCode(EndpointState state)
{
    return QLatin1String(stateNames[size_t(state)].code);
}

QString endpointStateDescription(EndpointState state)
{
    return QLatin1String(stateNames[size_t(state)].description);
}

std::optional<EndpointState> endpointStateFromCode(const QString &code)
{
    const QString trimmed = code.trimmed().toUpper();
    for (const StateNames &n : stateNames) {
        if (trimmed == QLatin1String(n.code) || trimmed == QLatin1String(n.description))
            return n.state;
    }
    return std::nullopt;
}

QString queueMonitorStateText(QueueMonitorState state)
{
    switch (state) {
    case QueueMonitorState::None:
        return QStringLiteral("—");
    case QueueMonitorState::Inactive:
        return QStringLiteral("INACTIVE");
    case QueueMonitorState::Notified:
        return QStringLiteral("NOTIFIED");
    case QueueMonitorState::ReceivesOccurring:
        return QStringLiteral("RECEIVES_OCCURRING");
    case QueueMonitorState::Unknown:
        break;
    }
    return QStringLiteral("UNKNOWN");
}

QueueMonitorState queueMonitorStateFromText(const QString &text)
{
    const QString t = text.trimmed().toUpper();
    if (t.isEmpty())
        return QueueMonitorState::None;
    if (t == QLatin1String("INACTIVE"))
        return QueueMonitorState::Inactive;
    if (t == QLatin1String("NOTIFIED"))
        return QueueMonitorState::Notified;
    // Documented as RECEIVES_OCCURRING; Rusanu spells it RECEIVES_OCCURING.
    if (t.startsWith(QLatin1String("RECEIVES_OCC")) || t.startsWith(QLatin1String("RECEIVES OCC")))
        return QueueMonitorState::ReceivesOccurring;
    return QueueMonitorState::Unknown;
}

qint64 MonitorSample::endpointCount() const
{
    qint64 n = 0;
    for (const EndpointGroup &g : endpoints)
        n += g.count;
    return n;
}

qint64 MonitorSample::endpointCount(EndpointState state) const
{
    qint64 n = 0;
    for (const EndpointGroup &g : endpoints) {
        if (g.state == state)
            n += g.count;
    }
    return n;
}

qint64 MonitorSample::leakedClosedCount() const
{
    qint64 n = 0;
    for (const EndpointGroup &g : endpoints)
        n += g.closedWithUnsetSecurityTimestamp;
    return n;
}

qint64 MonitorSample::neverExpiringCount() const
{
    qint64 n = 0;
    for (const EndpointGroup &g : endpoints)
        n += g.neverExpiring;
    return n;
}

const QueueSample *MonitorSample::queue(const QString &schema, const QString &name) const
{
    const auto it = std::find_if(queues.cbegin(), queues.cend(), [&](const QueueSample &q) {
        return q.schema == schema && q.name == name;
    });
    return it == queues.cend() ? nullptr : &*it;
}

std::optional<qint64> MonitorSample::endpointTotal() const
{
    if (isAvailable(QStringLiteral("monitor.endpoints")))
        return endpointCount();
    return totals.endpoints;
}

std::optional<qint64> MonitorSample::transmissionTotal() const
{
    if (isAvailable(QStringLiteral("monitor.transmission")))
        return transmissionQueueSize;
    return totals.transmission;
}

bool MonitorSample::isAvailable(const QString &part) const
{
    return std::none_of(unavailable.cbegin(), unavailable.cend(),
                        [&part](const UnavailablePart &u) { return u.part == part; });
}

} // namespace bs
