#include "core/catalog.h"

#include "core/sqlquote.h"

#include <algorithm>

namespace bs {

QString MessageUsage::sentByText() const
{
    if (sentByInitiator && sentByTarget)
        return QStringLiteral("ANY");
    if (sentByInitiator)
        return QStringLiteral("INITIATOR");
    if (sentByTarget)
        return QStringLiteral("TARGET");
    return QStringLiteral("NONE");
}

QString Queue::qualifiedName() const
{
    return quoteIdentifier(schema) + QLatin1Char('.') + quoteIdentifier(name);
}

QString Queue::executeAsText() const
{
    if (!executeAsPrincipalId)
        return QStringLiteral("CALLER");
    if (*executeAsPrincipalId == -2)
        return QStringLiteral("OWNER");
    if (!executeAsName.isEmpty())
        return executeAsName;
    return QStringLiteral("principal %1").arg(*executeAsPrincipalId);
}

namespace {
template<typename T, typename Pred>
const T *findIn(const QList<T> &list, Pred pred)
{
    const auto it = std::find_if(list.cbegin(), list.cend(), pred);
    return it == list.cend() ? nullptr : &*it;
}
} // namespace

const MessageType *BrokerCatalog::messageType(int id) const
{
    return findIn(messageTypes, [id](const MessageType &m) { return m.id == id; });
}

const Contract *BrokerCatalog::contract(int id) const
{
    return findIn(contracts, [id](const Contract &c) { return c.id == id; });
}

const Queue *BrokerCatalog::queue(int objectId) const
{
    return findIn(queues, [objectId](const Queue &q) { return q.objectId == objectId; });
}

const Service *BrokerCatalog::service(int id) const
{
    return findIn(services, [id](const Service &s) { return s.id == id; });
}

const Service *BrokerCatalog::serviceByName(const QString &name) const
{
    // Service names are compared byte by byte by the broker: case-sensitive here too.
    return findIn(services, [&name](const Service &s) { return s.name == name; });
}

const Contract *BrokerCatalog::contractByName(const QString &name) const
{
    return findIn(contracts, [&name](const Contract &c) { return c.name == name; });
}

const Queue *BrokerCatalog::queueByName(const QString &schema, const QString &name) const
{
    return findIn(queues, [&](const Queue &q) { return q.schema == schema && q.name == name; });
}

QList<const Service *> BrokerCatalog::servicesOnQueue(int queueObjectId) const
{
    QList<const Service *> result;
    for (const Service &s : services) {
        if (s.queueId == queueObjectId)
            result.append(&s);
    }
    return result;
}

int BrokerCatalog::objectCount() const
{
    return int(messageTypes.size() + contracts.size() + queues.size() + services.size() + routes.size()
               + remoteServiceBindings.size());
}

} // namespace bs
