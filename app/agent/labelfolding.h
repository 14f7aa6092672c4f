#pragma once

#include "core/monitorsample.h"

#include <QList>
#include <QString>

namespace bs {

/// Keeps the label values the agent exports bounded: one-off names (the far services and queues
/// that SqlDependency / query notifications create per listener, `SqlQueryNotificationService-<guid>`,
/// and any other name made unique by a GUID or a long number) fold into one group per pattern; at
/// most N service pairs (and N queues, N transmission destinations) per database keep their own
/// series and the rest are summed as "(other)"; transmission_status texts become a small set of
/// classes; and no label value is longer than MaxLabelLength. Pure functions, no state.
class LabelFolding
{
public:
    static constexpr qsizetype MaxLabelLength = 256;
    /// The label value of everything over the limit.
    static QString otherLabel();

    /// `name` with every GUID and every run of six or more digits replaced by `*`
    /// ("SqlQueryNotificationService-8b1c…" → "SqlQueryNotificationService-*").
    static QString foldName(const QString &name);
    /// True when foldName changes the name.
    static bool isOneOff(const QString &name) { return foldName(name) != name; }
    /// Cut to MaxLabelLength characters (an ellipsis marks the cut); control characters shown as spaces.
    static QString bounded(const QString &value);

    /// The classes of transmission_status: "none" (empty: not tried yet, or waiting for an
    /// acknowledgement), "connection", "security", "routing", "service", "other".
    static QString transmissionStatusClass(const QString &status);

    /// How many names or pairs were folded, and why.
    struct Counts
    {
        qsizetype distinct = 0; ///< distinct names or pairs after one-off folding
        qsizetype oneOff = 0;   ///< distinct raw names or pairs that went into a one-off group
        qsizetype overLimit = 0; ///< distinct (folded) names or pairs summed into "(other)"
    };
    struct Endpoints
    {
        QList<EndpointGroup> groups; ///< one per (local, far, side, state), folded
        Counts counts;
    };
    /// Endpoint groups with one-off service names folded; the `maxPairs` (local, far) pairs with
    /// the most endpoints keep their names, the rest are summed into ("(other)", "(other)").
    static Endpoints foldEndpoints(const QList<EndpointGroup> &groups, qsizetype maxPairs);

    struct Queues
    {
        QList<QueueSample> queues; ///< folded; a group's depth, pages and readers are sums
        Counts counts;
    };
    /// Queues with one-off names folded (a group's depth, pages and readers summed; enabled only
    /// when every member is); the `maxQueues` deepest keep their names, the rest are "(other)".
    static Queues foldQueues(const QList<QueueSample> &queues, qsizetype maxQueues);

    struct Transmission
    {
        QList<TransmissionGroup> groups; ///< status is a class (transmissionStatusClass)
        Counts counts;
    };
    static Transmission foldTransmission(const QList<TransmissionGroup> &groups, qsizetype maxServices);
};

} // namespace bs
