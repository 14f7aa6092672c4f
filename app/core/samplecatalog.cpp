#include "core/samplecatalog.h"

namespace bs {

namespace {
constexpr int OwnerPrincipal = 1; // dbo
constexpr int ExecuteAsOwner = -2;

QDateTime utc(const char *iso)
{
    return QDateTime::fromString(QLatin1String(iso), Qt::ISODate).toUTC();
}
} // namespace

bool isSystemObjectName(const QString &name)
{
    return name == QLatin1String("DEFAULT")
           || name.startsWith(QLatin1String("http://schemas.microsoft.com/SQL/"), Qt::CaseInsensitive);
}

BrokerCatalog sampleCatalog()
{
    BrokerCatalog c;
    c.database.serverName = QStringLiteral("built-in static sample, not the simulated demo");
    c.database.databaseName = QStringLiteral("SalesOps");
    c.database.isBrokerEnabled = true;
    c.database.serviceBrokerGuid = QUuid(QStringLiteral("{6f1c2a4e-9b3d-4c7e-8a21-5d0e4f3b9c12}"));
    c.database.productVersion = QStringLiteral("16.0.4135.4");

    c.messageTypes = {
        {65536, QStringLiteral("//Contoso/Orders/Task"), OwnerPrincipal, QStringLiteral("X"), QStringLiteral("XML"), {}},
        {65537, QStringLiteral("//Contoso/Orders/EndOfStream"), OwnerPrincipal, QStringLiteral("E"), QStringLiteral("EMPTY"), {}},
        {65538, QStringLiteral("//Contoso/Orders/Result"), OwnerPrincipal, QStringLiteral("X"), QStringLiteral("XML"), {}},
        {65539, QStringLiteral("//Contoso/Audit/Event"), OwnerPrincipal, QStringLiteral("N"), QStringLiteral("NONE"), {}},
        {65540, QStringLiteral("//Fabrikam/Billing/Invoice"), OwnerPrincipal, QStringLiteral("X"), QStringLiteral("XML"), {}},
    };

    c.contracts = {
        {65536, QStringLiteral("//Contoso/Orders/Contract"), OwnerPrincipal,
         {{65536, true, false}, {65537, true, false}, {65538, false, true}}},
        {65537, QStringLiteral("//Contoso/Audit/Contract"), OwnerPrincipal, {{65539, true, false}}},
        {65538, QStringLiteral("//Fabrikam/Billing/Contract"), OwnerPrincipal, {{65540, true, true}}},
    };

    auto queue = [](int id, const char *name, int readers, const char *proc, bool activation) {
        Queue q;
        q.objectId = id;
        q.schema = QStringLiteral("dbo");
        q.name = QLatin1String(name);
        q.maxReaders = readers;
        q.activationProcedure = proc ? QLatin1String(proc) : QString();
        q.executeAsPrincipalId = proc ? std::optional<int>(ExecuteAsOwner) : std::nullopt;
        q.isActivationEnabled = activation;
        q.createDate = utc("2025-03-14T09:26:53Z");
        q.modifyDate = utc("2026-10-02T22:10:07Z");
        return q;
    };
    Queue ordersInit = queue(1045578763, "OrdersInitiatorQueue", 1, "[SalesOps].[dbo].[Orders_Initiator]", true);
    Queue ordersTarget = queue(1077578877, "OrdersTargetQueue", 8, "[SalesOps].[dbo].[Orders_Target]", true);
    Queue auditSend = queue(1109578991, "AuditSenderQueue", 0, nullptr, false);
    Queue audit = queue(1141579105, "AuditQueue", 4, "[SalesOps].[dbo].[Audit_Receive]", true);
    // Five rollbacks in a row disabled this queue (poison message): receive and enqueue are off.
    audit.isReceiveEnabled = false;
    audit.isEnqueueEnabled = false;
    Queue billingOut = queue(1173579219, "BillingOutboundQueue", 2, "[SalesOps].[dbo].[Billing_Replies]", true);
    billingOut.isRetentionEnabled = false;
    c.queues = {ordersInit, ordersTarget, auditSend, audit, billingOut};

    c.services = {
        {65536, QStringLiteral("//Contoso/Orders/Initiator"), OwnerPrincipal, ordersInit.objectId, {}},
        {65537, QStringLiteral("//Contoso/Orders/Target"), OwnerPrincipal, ordersTarget.objectId, {65536}},
        {65538, QStringLiteral("//Contoso/Audit/Sender"), OwnerPrincipal, auditSend.objectId, {}},
        {65539, QStringLiteral("//Contoso/Audit/Receiver"), OwnerPrincipal, audit.objectId, {65537}},
        {65540, QStringLiteral("//Contoso/Billing/Client"), OwnerPrincipal, billingOut.objectId, {65538}},
    };

    Route billing;
    billing.id = 65536;
    billing.name = QStringLiteral("BillingRoute");
    billing.principalId = OwnerPrincipal;
    billing.remoteServiceName = QStringLiteral("//Fabrikam/Billing/Service");
    billing.brokerInstance = QStringLiteral("3F2504E0-4F89-11D3-9A0C-0305E82C3301");
    billing.address = QStringLiteral("TCP://billing.fabrikam.example:4022");
    Route local;
    local.id = 1;
    local.name = QStringLiteral("AutoCreatedLocal");
    local.address = QStringLiteral("LOCAL");
    c.routes = {local, billing};

    RemoteServiceBinding binding;
    binding.id = 65536;
    binding.name = QStringLiteral("BillingBinding");
    binding.principalId = OwnerPrincipal;
    binding.remoteServiceName = QStringLiteral("//Fabrikam/Billing/Service");
    binding.contractId = 65538;
    binding.remotePrincipalId = 5;
    binding.isAnonymous = false;
    c.remoteServiceBindings = {binding};
    return c;
}

} // namespace bs
