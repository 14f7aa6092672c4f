#pragma once

#include "core/alerts/alert.h"
#include "core/catalog.h"
#include "core/ops/operation.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace bs {

/// One prepared plan of the poison triage: what it does, and the operation it previews.
struct PoisonPlan
{
    QString id;          ///< "quarantine", "debug", "watch"
    QString title;       ///< "(a) Quarantine the message, end its conversation, re-enable"
    QString explanation; ///< when to choose it and what happens next
    Operation operation;
    bool needsCandidate = false; ///< (a) needs the poison message's conversation handle
};

/// The poison triage of a disabled queue, without widgets: why the queue is off (the 5-rollback
/// rule and the sys.service_queues flags), and the three plans with their operations.
class PoisonTriage
{
public:
    /// Why `queue` is off, from its sys.service_queues flags (is_receive_enabled,
    /// is_enqueue_enabled, is_poison_message_handling_enabled, activation). `disabledSince`: when
    /// the monitor first saw it off (the poison alert's since), invalid when unknown.
    static QString whyDisabled(const Queue &queue, const QDateTime &disabledSince);
    /// True when the queue is off for RECEIVE: the triage applies.
    static bool isDisabled(const Queue &queue) { return !queue.isReceiveEnabled; }
    /// The plans (a), (b), (c) for `queue`; `poisonHandle` is the candidate's conversation handle
    /// (null when none was found: plan (a) then cannot run).
    static QList<PoisonPlan> plans(const Queue &queue, const QUuid &poisonHandle);
};

/// An action an alert offers in the alerts panel (Messages…, Triage…): it opens a view.
struct AlertAction
{
    QString id;    ///< "messages", "triage"
    QString label; ///< "Messages…"
    QueueRef queue;
};

/// The actions of `alert` on `catalog`: an alert about a queue offers its Messages, and a
/// disabled queue its poison triage. Alerts about service pairs offer none here.
QList<AlertAction> alertActions(const Alert &alert, const BrokerCatalog &catalog);

} // namespace bs
