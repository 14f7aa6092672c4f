#include "agent/labelfolding.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <map>
#include <tuple>

namespace bs {

namespace {

// A GUID as SQL Server and .NET print it (SqlDependency's names use this form), or a run of six
// or more digits (session ids, timestamps): what makes a name one of a kind.
const QRegularExpression &oneOffPattern()
{
    static const QRegularExpression re(QStringLiteral(
        "\\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\\}?|[0-9]{6,}"));
    return re;
}

// Keeps the `limit` keys with the largest weight (ties by key, so the choice is stable between
// scrapes); returns the set of kept keys.
template<typename Key>
QList<Key> topKeys(const std::map<Key, qint64> &weights, qsizetype limit)
{
    QList<std::pair<Key, qint64>> ranked(weights.cbegin(), weights.cend());
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    QList<Key> kept;
    for (qsizetype i = 0; i < ranked.size() && i < limit; ++i)
        kept.append(ranked.at(i).first);
    return kept;
}

void keepEarliest(std::optional<QDateTime> &into, const std::optional<QDateTime> &time)
{
    if (time && (!into || *time < *into))
        into = time;
}

} // namespace

QString LabelFolding::otherLabel()
{
    return QStringLiteral("(other)");
}

QString LabelFolding::foldName(const QString &name)
{
    QString folded = name;
    folded.replace(oneOffPattern(), QStringLiteral("*"));
    return folded;
}

QString LabelFolding::bounded(const QString &value)
{
    QString out = value.size() > MaxLabelLength ? value.left(MaxLabelLength - 1) + QChar(0x2026) : value;
    for (QChar &c : out) {
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator || c == QChar::ParagraphSeparator)
            c = QLatin1Char(' ');
    }
    return out;
}

QString LabelFolding::transmissionStatusClass(const QString &status)
{
    // The same reading of the status text as the transmission-stuck alert's explanation
    // (AlertRules::transmissionCause), reduced to a label value: the text itself is an error
    // message of up to 4,000 characters and never a label.
    const QString s = status.toLower();
    if (s.trimmed().isEmpty())
        return QStringLiteral("none");
    if (s.contains(QLatin1String("route")) || s.contains(QLatin1String("could not be found")))
        return QStringLiteral("routing");
    if (s.contains(QLatin1String("certificate")) || s.contains(QLatin1String("security"))
        || s.contains(QLatin1String("permission")) || s.contains(QLatin1String("binding")))
        return QStringLiteral("security");
    if (s.contains(QLatin1String("disabled")))
        return QStringLiteral("disabled");
    if (s.contains(QLatin1String("connect")) || s.contains(QLatin1String("endpoint")) || s.contains(QLatin1String("network"))
        || s.contains(QLatin1String("transport")))
        return QStringLiteral("connection");
    return QStringLiteral("other");
}

LabelFolding::Endpoints LabelFolding::foldEndpoints(const QList<EndpointGroup> &groups, qsizetype maxPairs)
{
    using Pair = std::pair<QString, QString>;
    using GroupKey = std::tuple<QString, QString, bool, int>;
    std::map<GroupKey, EndpointGroup> folded;
    std::map<Pair, qint64> pairWeight;
    QSet<Pair> oneOffRaw;
    for (const EndpointGroup &g : groups) {
        const Pair pair{foldName(g.localService), foldName(g.farService)};
        if (pair != Pair{g.localService, g.farService})
            oneOffRaw.insert({g.localService, g.farService});
        pairWeight[pair] += g.count;
        const auto [it, inserted] = folded.try_emplace({pair.first, pair.second, g.isInitiator, int(g.state)});
        EndpointGroup &f = it->second;
        if (inserted) {
            f.localService = pair.first;
            f.farService = pair.second;
            f.isInitiator = g.isInitiator;
            f.state = g.state;
        }
        f.count += g.count;
        f.neverExpiring += g.neverExpiring;
        f.closedWithUnsetSecurityTimestamp += g.closedWithUnsetSecurityTimestamp;
        keepEarliest(f.oldestLifetime, g.oldestLifetime);
    }
    Endpoints out;
    out.counts.distinct = qsizetype(pairWeight.size());
    out.counts.oneOff = oneOffRaw.size();
    const QList<Pair> kept = topKeys(pairWeight, maxPairs);
    out.counts.overLimit = out.counts.distinct - kept.size();
    std::map<GroupKey, EndpointGroup> limited;
    for (const auto &[key, g] : folded) {
        const bool keep = kept.contains(Pair{g.localService, g.farService});
        EndpointGroup copy = g;
        if (!keep)
            copy.localService = copy.farService = otherLabel();
        const GroupKey k{copy.localService, copy.farService, copy.isInitiator, int(copy.state)};
        auto it = limited.find(k);
        if (it == limited.end()) {
            limited.emplace(k, copy);
            continue;
        }
        it->second.count += copy.count;
        it->second.neverExpiring += copy.neverExpiring;
        it->second.closedWithUnsetSecurityTimestamp += copy.closedWithUnsetSecurityTimestamp;
    }
    for (const auto &[key, g] : limited)
        out.groups.append(g);
    return out;
}

LabelFolding::Queues LabelFolding::foldQueues(const QList<QueueSample> &queues, qsizetype maxQueues)
{
    using Name = std::pair<QString, QString>;
    std::map<Name, QueueSample> folded;
    std::map<Name, qint64> weight;
    qsizetype oneOff = 0;
    const auto merge = [](QueueSample &into, const QueueSample &q, bool first) {
        if (first) {
            const QString schema = into.schema;
            const QString name = into.name;
            into = q;
            into.schema = schema;
            into.name = name;
            return;
        }
        into.depth += q.depth;
        into.usedPages += q.usedPages;
        into.isReceiveEnabled = into.isReceiveEnabled && q.isReceiveEnabled;
        into.isEnqueueEnabled = into.isEnqueueEnabled && q.isEnqueueEnabled;
        into.isActivationEnabled = into.isActivationEnabled || q.isActivationEnabled;
        into.maxReaders += q.maxReaders;
        into.activeReaders += q.activeReaders;
        into.tasksWaiting += q.tasksWaiting;
        // A group of queues has no single monitor state.
        into.monitorState = QueueMonitorState::None;
    };
    for (const QueueSample &q : queues) {
        const Name name{q.schema, foldName(q.name)};
        if (name.second != q.name)
            ++oneOff;
        const bool first = !folded.count(name);
        QueueSample &f = folded[name];
        f.schema = name.first;
        f.name = name.second;
        merge(f, q, first);
        weight[name] += q.depth;
    }
    Queues out;
    out.counts.distinct = qsizetype(folded.size());
    out.counts.oneOff = oneOff;
    const QList<Name> kept = topKeys(weight, maxQueues);
    out.counts.overLimit = out.counts.distinct - kept.size();
    std::optional<QueueSample> other;
    for (const auto &[name, q] : folded) {
        if (kept.contains(name)) {
            out.queues.append(q);
            continue;
        }
        const bool first = !other;
        if (first)
            other.emplace();
        other->schema = other->name = otherLabel();
        merge(*other, q, first);
    }
    if (other)
        out.queues.append(*other);
    return out;
}

LabelFolding::Transmission LabelFolding::foldTransmission(const QList<TransmissionGroup> &groups, qsizetype maxServices)
{
    using Key = std::pair<QString, QString>;
    std::map<Key, TransmissionGroup> folded;
    std::map<QString, qint64> weight;
    QSet<QString> oneOff;
    for (const TransmissionGroup &g : groups) {
        const QString service = foldName(g.toService);
        if (service != g.toService)
            oneOff.insert(g.toService);
        const Key key{service, transmissionStatusClass(g.status)};
        TransmissionGroup &f = folded[key];
        f.toService = key.first;
        f.status = key.second;
        f.count += g.count;
        keepEarliest(f.oldestEnqueueTime, g.oldestEnqueueTime);
        weight[service] += g.count;
    }
    Transmission out;
    out.counts.distinct = qsizetype(weight.size());
    out.counts.oneOff = oneOff.size();
    const QList<QString> kept = topKeys(weight, maxServices);
    out.counts.overLimit = out.counts.distinct - kept.size();
    std::map<Key, TransmissionGroup> limited;
    for (const auto &[key, g] : folded) {
        const Key k{kept.contains(key.first) ? key.first : otherLabel(), key.second};
        TransmissionGroup &f = limited[k];
        f.toService = k.first;
        f.status = k.second;
        f.count += g.count;
        keepEarliest(f.oldestEnqueueTime, g.oldestEnqueueTime);
    }
    for (const auto &[key, g] : limited)
        out.groups.append(g);
    return out;
}

} // namespace bs
