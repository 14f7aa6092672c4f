#pragma once

#include "core/monitorsample.h"

#include <QList>
#include <QString>

namespace bs {

/// Who talks to whom: the conversations of one initiator service with one target service, as
/// the endpoints of a monitor sample show them. Both sides' endpoints are counted when both
/// services are in this database (sys.conversation_endpoints holds a row per side).
struct ConversationFlow
{
    QString initiatorService;
    QString targetService;
    qint64 endpoints = 0;      ///< both sides, every state
    qint64 initiatorEndpoints = 0;
    qint64 targetEndpoints = 0;
    /// CLOSED endpoints with an unset security timestamp (1900-01-01) that will not expire
    /// within a year: the fire-and-forget leak. CLOSED endpoints of a windowed pattern, whose
    /// short LIFETIME reclaims them, are not counted.
    qint64 leakedClosed = 0;
    /// DISCONNECTED_INBOUND/OUTBOUND endpoints that will not expire within a year: one side ended,
    /// the other never does (a target that never ENDs, or an initiator that ignores EndDialog).
    qint64 stranded = 0;

    /// The leak attribution the edge is coloured by: endpoints that will not be reclaimed.
    bool isLeaking() const { return leakedClosed > 0 || stranded > 0; }
    /// "1,234 endpoints" plus what leaks, for the edge's label (C locale digits grouped).
    QString label() const;
    /// Several lines for a tooltip: the pair, the counts per side and what the colour means.
    QString description() const;
    bool operator==(const ConversationFlow &) const = default;
};

/// The flows of a sample's endpoint groups, one per (initiator, target) pair, sorted by
/// initiator then target so that the same endpoints always give the same list.
QList<ConversationFlow> conversationFlows(const QList<EndpointGroup> &endpoints);

/// True when two flow lists connect the same pairs (so a drawing of one fits the other).
bool sameFlowPairs(const QList<ConversationFlow> &a, const QList<ConversationFlow> &b);

} // namespace bs
