#pragma once

#include "core/check/sqlmodule.h"
#include "core/monitorsample.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace bs {

/// A row of sys.certificates (learn.microsoft.com/sql/relational-databases/system-catalog-views/
/// sys-certificates-transact-sql): the certificates dialog security uses.
struct CertificateInfo
{
    int id = 0;
    QString name;
    std::optional<int> principalId; ///< the owning database principal
    QString principalName;
    QDateTime startDate;  ///< UTC
    QDateTime expiryDate; ///< UTC
    bool isActiveForBeginDialog = false;
    bool operator==(const CertificateInfo &) const = default;
};

/// What the catalog alone does not say about a queue's activation (sql/check/queue_activation.sql).
struct QueueActivationFacts
{
    int queueId = 0;
    std::optional<bool> procedureExists;       ///< OBJECT_ID(activation_procedure) IS NOT NULL
    std::optional<bool> executeAsPrincipalExists; ///< the EXECUTE AS user is in sys.database_principals
    bool operator==(const QueueActivationFacts &) const = default;
};

/// The facts the health check reads besides the catalog and a sample: module definitions,
/// certificates, the database master key, copies of the database's broker GUID on the instance,
/// and the parts that could not be read (a missing permission is "cannot see", never "clean").
/// An empty optional means "not read".
struct CheckFacts
{
    QList<SqlModule> modules;
    bool modulesRead = false;
    QList<CertificateInfo> certificates;
    bool certificatesRead = false;
    std::optional<bool> hasMasterKey;
    QStringList databasesSharingBrokerGuid; ///< other databases of the instance with our service_broker_guid
    bool sharedGuidRead = false;
    std::optional<bool> canViewDefinition;  ///< HAS_PERMS_BY_NAME(DB_NAME(), 'DATABASE', 'VIEW DEFINITION')
    QHash<int, QueueActivationFacts> activation; ///< by queue object_id
    QList<UnavailablePart> unavailable;
    bool operator==(const CheckFacts &) const = default;
};

} // namespace bs
