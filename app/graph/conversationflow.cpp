#include "graph/conversationflow.h"

#include <QLocale>
#include <QMap>

#include <algorithm>

namespace bs {

namespace {
// Digits grouped the same on every machine ("12,000"): labels are compared in tests and exported.
QLocale groupedC()
{
    QLocale c = QLocale::c();
    c.setNumberOptions(QLocale::DefaultNumberOptions);
    return c;
}
} // namespace

QString ConversationFlow::label() const
{
    const QLocale c = groupedC();
    QString text = c.toString(endpoints) + (endpoints == 1 ? QStringLiteral(" endpoint") : QStringLiteral(" endpoints"));
    if (leakedClosed > 0)
        text += QStringLiteral(" · %1 leaked").arg(c.toString(leakedClosed));
    if (stranded > 0)
        text += QStringLiteral(" · %1 stranded").arg(c.toString(stranded));
    return text;
}

QString ConversationFlow::description() const
{
    const QLocale c = groupedC();
    QString text = QStringLiteral("Conversations from %1 to %2\n").arg(initiatorService, targetService);
    text += QStringLiteral("Endpoints: %1 (initiator side %2, target side %3)")
                .arg(c.toString(endpoints), c.toString(initiatorEndpoints), c.toString(targetEndpoints));
    if (leakedClosed > 0) {
        text += QStringLiteral("\nLeaking: %1 CLOSED endpoints with an unset security timestamp stay until their "
                               "LIFETIME, more than a year away: the fire-and-forget leak.")
                    .arg(c.toString(leakedClosed));
    }
    if (stranded > 0) {
        text += QStringLiteral("\nLeaking: %1 DISCONNECTED endpoints will not expire within a year: one side "
                               "ended, the other never ENDs its side.")
                    .arg(c.toString(stranded));
    }
    if (!isLeaking())
        text += QStringLiteral("\nNo leak: every endpoint goes when its conversation ends or within a year at "
                               "its LIFETIME.");
    return text;
}

QList<ConversationFlow> conversationFlows(const QList<EndpointGroup> &endpoints)
{
    QMap<std::pair<QString, QString>, ConversationFlow> byPair; // sorted: a stable order
    for (const EndpointGroup &g : endpoints) {
        if (g.count <= 0 || g.localService.isEmpty() || g.farService.isEmpty())
            continue;
        // An initiator-side row names the initiator as its local service; a target-side row the target.
        const auto pair = g.isInitiator ? std::pair(g.localService, g.farService) : std::pair(g.farService, g.localService);
        ConversationFlow &f = byPair[pair];
        f.initiatorService = pair.first;
        f.targetService = pair.second;
        f.endpoints += g.count;
        (g.isInitiator ? f.initiatorEndpoints : f.targetEndpoints) += g.count;
        // Both figures count endpoints of the one group; for a CLOSED group the leak is those that are
        // both unset and long-lived, at most the smaller of the two.
        if (g.state == EndpointState::CD)
            f.leakedClosed += std::min(g.closedWithUnsetSecurityTimestamp, g.neverExpiring);
        else if (g.state == EndpointState::DI || g.state == EndpointState::DO)
            f.stranded += g.neverExpiring;
    }
    return byPair.values();
}

bool sameFlowPairs(const QList<ConversationFlow> &a, const QList<ConversationFlow> &b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const ConversationFlow &x, const ConversationFlow &y) {
        return x.initiatorService == y.initiatorService && x.targetService == y.targetService;
    });
}

} // namespace bs
