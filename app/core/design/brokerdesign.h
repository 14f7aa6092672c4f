#pragma once

#include "core/catalog.h"

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace bs {

/// VALIDATION of CREATE MESSAGE TYPE
/// (https://learn.microsoft.com/sql/t-sql/statements/create-message-type-transact-sql).
enum class MessageValidation { None, Empty, WellFormedXml, ValidXml };
/// SENT BY of a contract's message type
/// (https://learn.microsoft.com/sql/t-sql/statements/create-contract-transact-sql).
enum class SentBy { Initiator, Target, Any };
/// EXECUTE AS of a queue's activation: SELF, OWNER or a user
/// (https://learn.microsoft.com/sql/t-sql/statements/create-queue-transact-sql).
enum class ExecuteAs { Self, Owner, User };

QString messageValidationKeyword(MessageValidation v); ///< NONE, EMPTY, WELL_FORMED_XML, VALID_XML
std::optional<MessageValidation> messageValidationFromKeyword(const QString &keyword);
QString sentByKeyword(SentBy s); ///< INITIATOR, TARGET, ANY
std::optional<SentBy> sentByFromKeyword(const QString &keyword);

/// A message type as designed: its name, owner and the validation Service Broker applies.
struct DesignMessageType
{
    QString name;
    QString owner; ///< AUTHORIZATION; empty = the user who runs the script
    MessageValidation validation = MessageValidation::None;
    QString schemaCollection; ///< for VALID_XML: the XML schema collection's name, quoted ([dbo].[Orders])
    bool operator==(const DesignMessageType &) const = default;
};

/// One message type of a contract and who may send it.
struct DesignUsage
{
    QString messageType;
    SentBy sentBy = SentBy::Initiator;
    bool operator==(const DesignUsage &) const = default;
};

/// A contract as designed: its message types with SENT BY.
struct DesignContract
{
    QString name;
    QString owner;
    QList<DesignUsage> usages;
    bool operator==(const DesignContract &) const = default;
};

/// A queue's ACTIVATION clause.
struct DesignActivation
{
    bool status = true;
    QString procedure; ///< as written: [schema].[name] or a one- to three-part name
    int maxQueueReaders = 1;
    ExecuteAs executeAs = ExecuteAs::Owner;
    QString executeAsUser; ///< for ExecuteAs::User
    bool operator==(const DesignActivation &) const = default;
};

/// A queue as designed: STATUS, RETENTION, ACTIVATION and POISON_MESSAGE_HANDLING.
struct DesignQueue
{
    QString schema = QStringLiteral("dbo");
    QString name;
    bool status = true;
    bool retention = false;
    std::optional<DesignActivation> activation;
    bool poisonMessageHandling = true;
    QString qualifiedName() const; ///< [schema].[name], quoted
    bool operator==(const DesignQueue &) const = default;
};

/// A service as designed: its queue and the contracts it accepts as a target.
struct DesignService
{
    QString name;
    QString owner;
    QString queueSchema = QStringLiteral("dbo");
    QString queueName;
    QStringList contracts;
    bool operator==(const DesignService &) const = default;
};

/// A route as designed. LIFETIME is in seconds as CREATE ROUTE takes it; a catalog only knows the
/// expiry time, kept in `expires` (and written as a comment, never as a guessed LIFETIME).
struct DesignRoute
{
    QString name;
    QString owner;
    QString serviceName;
    QString brokerInstance;
    std::optional<int> lifetimeSeconds;
    std::optional<QDateTime> expires;
    QString address;
    QString mirrorAddress;
    bool operator==(const DesignRoute &) const = default;
};

/// A remote service binding as designed.
struct DesignBinding
{
    QString name;
    QString owner;
    QString serviceName;
    QString user; ///< WITH USER; the catalog has only remote_principal_id, so may be empty
    bool anonymous = false;
    bool operator==(const DesignBinding &) const = default;
};

/// Names one object of a design: queues by schema and name, the rest by name.
struct DesignRef
{
    ObjectKind kind = ObjectKind::None;
    QString name;
    QString schema; ///< queues only
    bool isValid() const { return kind != ObjectKind::None && !name.isEmpty(); }
    QString display() const; ///< "queue [dbo].[Q]", "service [S]"
    bool operator==(const DesignRef &) const = default;
};

inline size_t qHash(const DesignRef &ref, size_t seed = 0) noexcept
{
    return qHashMulti(seed, int(ref.kind), ref.name, ref.schema);
}

/// The Service Broker objects of one database as editable values: what the designer edits, the
/// DDL writer writes, the DDL parser builds and the diff compares. Built from a catalog, from DDL,
/// or from nothing. System objects (DEFAULT, http://schemas.microsoft.com/SQL/...) are never part of
/// a design; references to them stay valid.
struct BrokerDesign
{
    static constexpr int FormatVersion = 1;

    QString databaseName; ///< informative (the catalog's database), may be empty
    QList<DesignMessageType> messageTypes;
    QList<DesignContract> contracts;
    QList<DesignQueue> queues;
    QList<DesignService> services;
    QList<DesignRoute> routes;
    QList<DesignBinding> bindings;

    DesignMessageType *messageType(const QString &name);
    const DesignMessageType *messageType(const QString &name) const;
    DesignContract *contract(const QString &name);
    const DesignContract *contract(const QString &name) const;
    DesignQueue *queue(const QString &schema, const QString &name);
    const DesignQueue *queue(const QString &schema, const QString &name) const;
    DesignService *service(const QString &name);
    const DesignService *service(const QString &name) const;
    DesignRoute *route(const QString &name);
    const DesignRoute *route(const QString &name) const;
    DesignBinding *binding(const QString &name);
    const DesignBinding *binding(const QString &name) const;
    bool contains(const DesignRef &ref) const;
    /// Every object, in dependency order (message types, contracts, queues, services, routes, bindings).
    QList<DesignRef> objects() const;
    int objectCount() const;
    bool isEmpty() const { return objectCount() == 0; }

    /// The user objects of a catalog (system objects and ms-shipped queues left out).
    static BrokerDesign fromCatalog(const BrokerCatalog &catalog);
    /// The design as a catalog with ids numbered in order (the health rules read catalogs). `ids`
    /// receives, for each catalog ObjectRef, the design object it stands for.
    BrokerCatalog toCatalog(QHash<ObjectRef, DesignRef> *ids = nullptr) const;
    /// Every list sorted by name (and each service's contracts), so two designs with the same
    /// objects compare equal.
    void sort();

    bool operator==(const BrokerDesign &) const = default;
};

/// The parts of a one- to four-part name as a catalog stores it ("[db].[dbo].[Proc]", "dbo.Proc"):
/// brackets and quotes removed, doubled ]] and "" undone. Text that is not a well-formed name is
/// one part as it is.
QStringList splitMultipartName(const QString &name);
/// A multi-part name with every part through quoteIdentifier ([db].[dbo].[Proc]).
QString quoteMultipartName(const QString &name);

/// A procedure name without its database part and with dbo for a missing schema ([dbo].[P]), for
/// comparing names written differently ("[SalesOps].[dbo].[P]" as the catalog stores it, "P").
QString procedureKey(const QString &name);

/// True for a name SQL Server creates itself (message type or contract DEFAULT, system names).
bool isBuiltInBrokerName(const QString &name);

} // namespace bs

Q_DECLARE_METATYPE(bs::BrokerDesign)
