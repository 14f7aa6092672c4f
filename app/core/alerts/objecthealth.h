#pragma once

#include "core/alerts/alert.h"
#include "core/monitorsample.h"

#include <QList>
#include <QString>

namespace bs {

/// How a catalog object looks in the latest sample, in the words of the alerts about it. The
/// Queues table, the graph's colours and the Properties pane all ask here, so a queue is never
/// "OK" beside an alert about it.
struct ObjectHealth
{
    enum Level { Normal, Warning, Error };
    Level level = Normal;
    QString reason; ///< the alert's title, or what the sample itself shows; "OK" when normal
    bool operator==(const ObjectHealth &) const = default;
};

/// A queue's health: the worse of what its own reading shows (receive or enqueue disabled,
/// NOTIFIED with no task, all readers busy with messages waiting) and the active alerts whose
/// subject is the queue ("[schema].[name]"). On a tie the alert's title is the reason.
ObjectHealth queueHealth(const QueueSample &queue, const QList<Alert> &activeAlerts);
/// A service's health: the worst active alert about a pair it is the local side of.
ObjectHealth serviceHealth(const QString &service, const QList<Alert> &activeAlerts);

} // namespace bs
