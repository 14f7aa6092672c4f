#include "core/chartspec.h"

#include "core/series/serieskey.h"

#include <QCoreApplication>

#include <iterator>

namespace bs {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("bs::ChartSpec", text);
}

QStringList keysOf(const QStringList &keys, SeriesKey::Kind kind)
{
    QStringList out;
    for (const QString &k : keys) {
        if (SeriesKey::parse(k).kind() == kind)
            out.append(k);
    }
    return out;
}

QList<ChartLineSpec> populationLines(const ChartContext &context)
{
    QList<ChartLineSpec> lines;
    if (context.byFarService) {
        const QHash<QString, QString> labels = ChartSpec::farServiceLabels(context.seriesKeys, context.localsByFar);
        qsizetype i = 0;
        for (const QString &k : keysOf(context.seriesKeys, SeriesKey::Kind::FarService)) {
            const QString far = SeriesKey::parse(k).farServiceName();
            const QStringList locals = context.localsByFar.value(far);
            const QString tip = locals.isEmpty()
                ? tr("Endpoints whose far_service is %1").arg(far)
                : tr("Endpoints of %1 (the local side) talking to %2 (far_service)").arg(locals.join(QStringLiteral(", ")), far);
            lines.append({k, labels.value(k), {}, tip, ChartSpec::paletteColor(i++), ChartLineSpec::Style::Solid, false});
        }
    } else {
        // Stacked: the running totals, largest first, so each smaller total paints over the larger.
        const bool stacked = context.stacked;
        for (int n = 0; n < EndpointStateCount; ++n) {
            const auto state = EndpointState(stacked ? EndpointStateCount - 1 - n : n);
            lines.append({SeriesKey::endpointState(state).toString(), endpointStateCode(state), {},
                          ChartSpec::stateToolTip(state), ChartSpec::stateColor(state), ChartLineSpec::Style::Solid, stacked});
        }
        // The leak lines are counts, not totals: over the stacked bands they would sit at a height
        // that means nothing there, so the stacked view leaves them to the line view.
        if (stacked)
            return lines;
        // Between censuses (a large table, issue #13) the states wait for the next census while
        // the total goes on from partition metadata.
        lines.append({SeriesKey::endpointsTotal().toString(), tr("Total"), {},
                      tr("Every endpoint: the census's exact count, and between censuses the row count of the\n"
                         "endpoint table from partition metadata (approximate). On a large table the census runs\n"
                         "less often than the samples (Preferences > Cost on the server); dots mark the census points."),
                      0x202020, ChartLineSpec::Style::Solid, false});
        lines.append({SeriesKey::endpointsCensus().toString(), tr("Census"), tr("Census (exact)"),
                      tr("Census points: the samples that read the full breakdown of sys.conversation_endpoints, drawn\n"
                         "as dots on the Total line. Between them the Total line is the cheap count from partition\n"
                         "metadata. When every sample is a census (a small table) there is nothing to mark."),
                      0x202020, ChartLineSpec::Style::Markers, false});
    }
    lines.append({SeriesKey::endpointsLeaked().toString(), tr("CD never reclaimed"), tr("CLOSED, never reclaimed"),
                  tr("CLOSED endpoints that nothing reclaims within a year: security_timestamp still 1900-01-01\n"
                     "(fire-and-forget) and a LIFETIME more than a year away, 68 years by default. The same count\n"
                     "as the endpoint-leak alert. CLOSED endpoints of a windowed pattern go when their LIFETIME\n"
                     "ends and are not counted."),
                  0xa01010, ChartLineSpec::Style::Dash, false});
    lines.append({SeriesKey::neverExpiring().toString(), tr("Never expire"), {},
                  tr("Endpoints whose lifetime is more than a year away and that nothing else removes: nothing\n"
                     "reclaims them by expiry (CLOSED endpoints whose security_timestamp is set go about 30\n"
                     "minutes after it and are not counted)."), 0x303030,
                  ChartLineSpec::Style::Dot, false});
    return lines;
}

QList<ChartLineSpec> queueLines(const ChartContext &context)
{
    QList<ChartLineSpec> lines;
    const QStringList depthKeys = keysOf(context.seriesKeys, SeriesKey::Kind::QueueDepth);
    for (qsizetype i = 0; i < depthKeys.size(); ++i) {
        const QString label = SeriesKey::parse(depthKeys[i]).queueLabel();
        lines.append({depthKeys[i], label, {}, tr("Messages in %1 (partition statistics of its internal table)").arg(label),
                      ChartSpec::paletteColor(i), ChartLineSpec::Style::Solid, false});
    }
    lines.append({SeriesKey::transmissionSize().toString(), tr("Transmission queue"), {},
                  tr("Messages in sys.transmission_queue: sent and not yet acknowledged by the far side."), 0x555555,
                  ChartLineSpec::Style::Dash, false});
    return lines;
}

QList<ChartLineSpec> readerLines(const ChartContext &context)
{
    // One line per queue with a depth line, in the same colour as in the queue chart.
    QList<ChartLineSpec> lines;
    const QStringList depthKeys = keysOf(context.seriesKeys, SeriesKey::Kind::QueueDepth);
    for (qsizetype i = 0; i < depthKeys.size(); ++i) {
        const SeriesKey depth = SeriesKey::parse(depthKeys[i]);
        const QString label = depth.queueLabel();
        lines.append({SeriesKey::queueReaders(depth.queueSchema(), depth.queueName()).toString(), label, {},
                      tr("Activated tasks running on %1 (sys.dm_broker_activated_tasks)").arg(label), ChartSpec::paletteColor(i),
                      ChartLineSpec::Style::Solid, false});
    }
    return lines;
}

} // namespace

const QList<ChartSpec> &ChartSpec::all()
{
    static const QList<ChartSpec> specs{
        {QStringLiteral("population"), tr("Conversation endpoints"), 5, populationLines},
        {QStringLiteral("queues"), tr("Queue depth (messages)"), 3, queueLines},
        {QStringLiteral("readers"), tr("Active readers (activated tasks)"), 2, readerLines},
    };
    return specs;
}

const ChartSpec *ChartSpec::find(const QString &id)
{
    for (const ChartSpec &spec : all()) {
        if (spec.id == id)
            return &spec;
    }
    return nullptr;
}

QString ChartSpec::stateToolTip(EndpointState state)
{
    // First sentence of each: the state's description in Microsoft Learn's sys.conversation_endpoints
    // (learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-conversation-endpoints-transact-sql);
    // after it, what a growing count means for a DBA.
    switch (state) {
    case EndpointState::SO:
        return tr("SO = STARTED_OUTBOUND: SQL Server processed a BEGIN CONVERSATION for this conversation,\n"
                  "but no messages have yet been sent.");
    case EndpointState::SI:
        return tr("SI = STARTED_INBOUND: another instance started a new conversation with SQL Server, but SQL Server\n"
                  "has not yet completely received the first message (a fragmented or out-of-order first message;\n"
                  "a complete first message creates the endpoint in CO).");
    case EndpointState::CO:
        return tr("CO = CONVERSING: the conversation is established, and both sides of the conversation may send\n"
                  "messages. Most of the communication of a typical service takes place in this state.");
    case EndpointState::DI:
        return tr("DI = DISCONNECTED_INBOUND: the remote side of the conversation has issued an END CONVERSATION.\n"
                  "The endpoint stays in DI until the local side issues END CONVERSATION; it can still RECEIVE\n"
                  "but no longer SEND. Piling up means the local side never calls END CONVERSATION.");
    case EndpointState::DO:
        return tr("DO = DISCONNECTED_OUTBOUND: the local side of the conversation has issued an END CONVERSATION.\n"
                  "The endpoint stays in DO until the remote side acknowledges the END CONVERSATION.\n"
                  "Piling up means the far side never answers (or never ends its side).");
    case EndpointState::ER:
        return tr("ER = ERROR: an error has occurred on this endpoint. The Error message is placed in the\n"
                  "application queue; the endpoint stays until this side ends the conversation.");
    case EndpointState::CD:
        return tr("CD = CLOSED: the conversation endpoint is no longer in use. A target endpoint is kept until its\n"
                  "security timestamp passes; in fire-and-forget the timestamp stays 1900-01-01 and the endpoint\n"
                  "lives until its LIFETIME (68 years by default).");
    }
    return {};
}

quint32 ChartSpec::stateColor(EndpointState state)
{
    switch (state) {
    case EndpointState::SO: return 0x8ab6e0;
    case EndpointState::SI: return 0x4fb0a5;
    case EndpointState::CO: return 0x4c9a4c;
    case EndpointState::DI: return 0xe08a2c;
    case EndpointState::DO: return 0x8e6bbf;
    case EndpointState::ER: return 0xd64541;
    case EndpointState::CD: return 0x9c866e;
    }
    return 0x808080;
}

quint32 ChartSpec::paletteColor(qsizetype i)
{
    static const quint32 colors[] = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
                                     0x8c564b, 0xe377c2, 0x17becf, 0xbcbd22};
    return colors[size_t(i) % std::size(colors)];
}

QHash<QString, QString> ChartSpec::farServiceLabels(const QStringList &seriesKeys, const QHash<QString, QStringList> &localsByFar)
{
    // The series count endpoints by far_service, which is the *other* end: the endpoints whose far
    // service is the initiator belong to the target. So a line is labelled "local → far". A
    // leading path all names share ("//BrokerStudio/Naive/") is left out; the tooltip has it all.
    QStringList farKeys;
    QStringList names;
    for (const QString &k : seriesKeys) {
        const SeriesKey key = SeriesKey::parse(k);
        if (key.kind() != SeriesKey::Kind::FarService)
            continue;
        farKeys.append(k);
        names.append(key.farServiceName());
        names += localsByFar.value(key.farServiceName());
    }
    QString prefix = names.isEmpty() ? QString() : names.first();
    for (const QString &n : std::as_const(names)) {
        qsizetype common = 0;
        while (common < prefix.size() && common < n.size() && prefix[common] == n[common])
            ++common;
        prefix.truncate(common);
    }
    prefix.truncate(prefix.lastIndexOf(QLatin1Char('/')) + 1);
    const auto shortName = [&prefix](const QString &name) {
        return name.size() > prefix.size() ? name.mid(prefix.size()) : name;
    };
    QHash<QString, QString> labels;
    for (const QString &k : std::as_const(farKeys)) {
        const QString far = SeriesKey::parse(k).farServiceName();
        QStringList locals;
        for (const QString &l : localsByFar.value(far))
            locals.append(shortName(l));
        const QString farText = far.isEmpty() ? tr("(no far service)") : shortName(far);
        labels.insert(k, locals.isEmpty() ? tr("? → %1").arg(farText)
                                          : tr("%1 → %2").arg(locals.join(QStringLiteral(", ")), farText));
    }
    return labels;
}

} // namespace bs
