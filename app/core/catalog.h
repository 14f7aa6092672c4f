#pragma once

#include <QDateTime>
#include <QHashFunctions>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUuid>

#include <optional>

namespace bs {

/// The kinds of object the explorer and the graph show.
enum class ObjectKind {
    None,
    Database,
    MessageType,
    Contract,
    Queue,
    Service,
    Route,
    RemoteServiceBinding,
    ActivationProcedure, ///< id is the queue's object_id
};

/// Identifies one catalog object across views (tree, graph, properties).
struct ObjectRef
{
    ObjectKind kind = ObjectKind::None;
    int id = 0;
    bool isValid() const { return kind != ObjectKind::None; }
    bool operator==(const ObjectRef &) const = default;
};

/// For QHash<ObjectRef, …> and QSet<ObjectRef>.
inline size_t qHash(const ObjectRef &ref, size_t seed = 0) noexcept
{
    return qHashMulti(seed, int(ref.kind), ref.id);
}

/// A row of sys.service_message_types.
struct MessageType
{
    int id = 0;
    QString name;
    std::optional<int> principalId;
    QString validation;     ///< N, X or E (char(2), trimmed)
    QString validationDesc; ///< NONE, XML, EMPTY (may be empty when NULL)
    std::optional<int> xmlCollectionId;
    bool operator==(const MessageType &) const = default;
};

/// One message type of a contract and who may send it (sys.service_contract_message_usages).
struct MessageUsage
{
    int messageTypeId = 0;
    bool sentByInitiator = false;
    bool sentByTarget = false;
    /// "INITIATOR", "TARGET" or "ANY" as written in CREATE CONTRACT.
    QString sentByText() const;
    bool operator==(const MessageUsage &) const = default;
};

/// A row of sys.service_contracts with its message usages.
struct Contract
{
    int id = 0;
    QString name;
    std::optional<int> principalId;
    QList<MessageUsage> usages;
    bool operator==(const Contract &) const = default;
};

/// A row of sys.service_queues (with its schema name) including activation settings.
struct Queue
{
    int objectId = 0;
    QString schema;
    QString name;
    int maxReaders = 0;
    QString activationProcedure; ///< three-part name, empty when NULL
    /// NULL = default (CALLER), -2 = OWNER, otherwise SELF or a user's principal id.
    std::optional<int> executeAsPrincipalId;
    QString executeAsName; ///< resolved principal name when known
    bool isActivationEnabled = false;
    bool isReceiveEnabled = true;
    bool isEnqueueEnabled = true;
    bool isRetentionEnabled = false;
    bool isPoisonMessageHandlingEnabled = true;
    bool isMsShipped = false;
    QDateTime createDate;
    QDateTime modifyDate;

    QString qualifiedName() const; ///< [schema].[name]
    QString executeAsText() const; ///< OWNER, CALLER, or the principal
    bool hasActivation() const { return !activationProcedure.isEmpty(); }
    bool operator==(const Queue &) const = default;
};

/// A row of sys.services with the contracts it accepts (sys.service_contract_usages).
struct Service
{
    int id = 0;
    QString name;
    std::optional<int> principalId;
    int queueId = 0;
    QList<int> contractIds;
    bool operator==(const Service &) const = default;
};

/// A row of sys.routes.
struct Route
{
    int id = 0;
    QString name;
    std::optional<int> principalId;
    QString remoteServiceName;
    QString brokerInstance;
    std::optional<QDateTime> lifetime;
    QString address;
    QString mirrorAddress;
    bool operator==(const Route &) const = default;
};

/// A row of sys.remote_service_bindings.
struct RemoteServiceBinding
{
    int id = 0;
    QString name;
    std::optional<int> principalId;
    QString remoteServiceName;
    int contractId = 0; ///< 0 = any contract
    std::optional<int> remotePrincipalId;
    bool isAnonymous = false;
    bool operator==(const RemoteServiceBinding &) const = default;
};

/// The database's broker flags from sys.databases.
struct DatabaseBrokerInfo
{
    QString serverName;
    QString databaseName;
    bool isBrokerEnabled = false;
    QUuid serviceBrokerGuid;
    bool isHonorBrokerPriorityOn = false;
    QString productVersion;
    bool operator==(const DatabaseBrokerInfo &) const = default;
};

/// A part of the catalog that could not be read, and why.
struct CatalogProblem
{
    QString part;       ///< query name, e.g. "catalog.routes"
    QString view;       ///< catalog view involved, e.g. "sys.routes"
    QString message;    ///< the driver's own text
    QString permission; ///< what to grant, when the problem is a permission
    bool operator==(const CatalogProblem &) const = default;
};

/// Every broker object of one database: what a BrokerSource delivers as "the catalog".
struct BrokerCatalog
{
    DatabaseBrokerInfo database;
    QList<MessageType> messageTypes;
    QList<Contract> contracts;
    QList<Queue> queues;
    QList<Service> services;
    QList<Route> routes;
    QList<RemoteServiceBinding> remoteServiceBindings;
    QList<CatalogProblem> problems;

    const MessageType *messageType(int id) const;
    const Contract *contract(int id) const;
    const Queue *queue(int objectId) const;
    const Service *service(int id) const;
    const Service *serviceByName(const QString &name) const;
    const Contract *contractByName(const QString &name) const;
    const Queue *queueByName(const QString &schema, const QString &name) const;
    /// Services that live on the queue.
    QList<const Service *> servicesOnQueue(int queueObjectId) const;
    int objectCount() const;
    bool operator==(const BrokerCatalog &) const = default;
};

} // namespace bs

Q_DECLARE_METATYPE(bs::BrokerCatalog)
Q_DECLARE_METATYPE(bs::ObjectRef)
