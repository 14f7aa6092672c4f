#include "data/ops/brokeroperations.h"

#include <QTimer>

namespace bs {

BrokerOperations::~BrokerOperations() = default;

QString BrokerOperations::unsupportedReason(OperationKind) const
{
    return QString();
}

void BrokerOperations::setReadOnly(bool readOnly, const QString &reason)
{
    m_readOnlyReason = !readOnly ? QString()
        : reason.isEmpty()       ? tr("The connection profile is read-only: nothing is written to this server.")
                                 : reason;
}

void BrokerOperations::poisonCandidate(const QueueRef &queue, QObject *context,
                                       std::function<void(const PoisonCandidate &)> done)
{
    browseQueue(queue, -1, 1, context, [done](const QueueMessagePage &page) {
        PoisonCandidate c;
        c.error = page.error;
        c.found = !page.messages.isEmpty();
        if (c.found)
            c.message = page.messages.first();
        // RECEIVE takes the oldest conversation group first; a rolled-back RECEIVE puts the message
        // back where it was, so the message whose transaction failed five times in a row is still
        // the head of the queue when the queue is turned off.
        c.how = tr("The head of the queue: the first message in queuing order, the one RECEIVE takes first. A "
                   "rolled-back RECEIVE puts its message back in its place, so the message whose transaction failed "
                   "five times is still there. With conversation priorities (HONOR_BROKER_PRIORITY) a group of "
                   "higher priority is received first: compare the priority column.");
        done(c);
    });
}

void BrokerOperations::later(QObject *context, std::function<void()> fn)
{
    QPointer<QObject> guard(context);
    QTimer::singleShot(0, this, [guard, fn = std::move(fn)] {
        if (guard)
            fn();
    });
}

} // namespace bs
