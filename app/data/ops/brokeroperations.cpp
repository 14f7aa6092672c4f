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

void BrokerOperations::later(QObject *context, std::function<void()> fn)
{
    QPointer<QObject> guard(context);
    QTimer::singleShot(0, this, [guard, fn = std::move(fn)] {
        if (guard)
            fn();
    });
}

} // namespace bs
