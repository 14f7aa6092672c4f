#include "core/sim/scenariochangereader.h"

#include "core/sim/jsonfieldreader.h"
#include "core/sim/scenariotopologyreader.h"
#include "core/sim/simconstants.h"

#include <algorithm>

namespace bs::sim {

bool ScenarioChangeReader::read(JsonFieldReader &r, const QJsonObject &o, const QString &p, const BrokerCatalog &c, ChangeSpec &ch)
{
    if (!r.keys(o, p, {QStringLiteral("at"), QStringLiteral("action"), QStringLiteral("queue"), QStringLiteral("messageType"),
                       QStringLiteral("service"), QStringLiteral("status"), QStringLiteral("activation"), QStringLiteral("maxReaders"),
                       QStringLiteral("poisonMessageHandling"), QStringLiteral("validation"), QStringLiteral("enabled")})
        || !r.number(o, QStringLiteral("at"), p, ch.atSeconds, 0, 1e9, true)
        || !r.choice<ChangeAction>(o, QStringLiteral("action"), p, ch.action,
                                   {{QStringLiteral("alterQueue"), ChangeAction::AlterQueue}, {QStringLiteral("alterMessageType"), ChangeAction::AlterMessageType},
                                    {QStringLiteral("setBroker"), ChangeAction::SetBroker}, {QStringLiteral("dropService"), ChangeAction::DropService}}, true))
        return false;
    switch (ch.action) {
    case ChangeAction::AlterQueue: {
        if (!r.string(o, QStringLiteral("queue"), p, ch.target, true))
            return false;
        const Queue *q = ScenarioTopologyReader::findQueue(c, ch.target);
        if (!q)
            return r.fail(JsonFieldReader::join(p, QStringLiteral("queue")), QStringLiteral("unknown queue \"%1\"").arg(ch.target));
        ch.target = q->schema + QLatin1Char('.') + q->name;
        int readers = -1;
        if (!r.optBoolean(o, QStringLiteral("status"), p, ch.status) || !r.optBoolean(o, QStringLiteral("activation"), p, ch.activation)
            || !r.optBoolean(o, QStringLiteral("poisonMessageHandling"), p, ch.poisonHandling)
            || !r.integer(o, QStringLiteral("maxReaders"), p, readers, 0, MaxQueueReadersLimit, false))
            return false;
        if (readers >= 0)
            ch.maxReaders = readers;
        return true;
    }
    case ChangeAction::AlterMessageType: {
        if (!r.string(o, QStringLiteral("messageType"), p, ch.target, true))
            return false;
        if (std::none_of(c.messageTypes.begin(), c.messageTypes.end(), [&](const MessageType &m) { return m.name == ch.target; }))
            return r.fail(JsonFieldReader::join(p, QStringLiteral("messageType")), QStringLiteral("unknown message type \"%1\"").arg(ch.target));
        return r.choice<QString>(o, QStringLiteral("validation"), p, ch.validation,
                                 {{QStringLiteral("NONE"), QStringLiteral("N")}, {QStringLiteral("EMPTY"), QStringLiteral("E")},
                                  {QStringLiteral("WELL_FORMED_XML"), QStringLiteral("X")}}, true);
    }
    case ChangeAction::SetBroker: {
        bool enabled = true;
        if (!o.contains(QStringLiteral("enabled")))
            return r.fail(JsonFieldReader::join(p, QStringLiteral("enabled")), QStringLiteral("missing (true or false is required)"));
        if (!r.boolean(o, QStringLiteral("enabled"), p, enabled))
            return false;
        ch.status = enabled;
        return true;
    }
    case ChangeAction::DropService:
        if (!r.string(o, QStringLiteral("service"), p, ch.target, true))
            return false;
        if (!c.serviceByName(ch.target))
            return r.fail(JsonFieldReader::join(p, QStringLiteral("service")), QStringLiteral("unknown service \"%1\"").arg(ch.target));
        return true;
    }
    return true;
}

} // namespace bs::sim
