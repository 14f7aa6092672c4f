#include "checkfixture.h"

namespace bs::test {

namespace {

const QString TargetProc = QStringLiteral(R"(CREATE PROCEDURE [dbo].[Orders_Target]
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @h uniqueidentifier, @type sysname, @body varbinary(max);
    WHILE 1 = 1
    BEGIN
        BEGIN TRY
            BEGIN TRANSACTION;
            WAITFOR (RECEIVE TOP (1) @h = conversation_handle, @type = message_type_name, @body = message_body
                     FROM [dbo].[OrdersTargetQueue]), TIMEOUT 5000;
            IF @@ROWCOUNT = 0
            BEGIN
                ROLLBACK TRANSACTION;
                BREAK;
            END
            IF @type = N'http://schemas.microsoft.com/SQL/ServiceBroker/EndDialog'
                END CONVERSATION @h;
            ELSE IF @type = N'http://schemas.microsoft.com/SQL/ServiceBroker/Error'
            BEGIN
                INSERT INTO dbo.BrokerErrors (body) VALUES (@body);
                END CONVERSATION @h;
            END
            ELSE
            BEGIN
                EXEC dbo.ProcessOrder @body;
                END CONVERSATION @h;
            END
            COMMIT TRANSACTION;
        END TRY
        BEGIN CATCH
            IF XACT_STATE() <> 0
                ROLLBACK TRANSACTION;
            THROW;
        END CATCH
    END
END)");

const QString InitiatorProc = QStringLiteral(R"(CREATE PROCEDURE dbo.Orders_Initiator AS
DECLARE @h uniqueidentifier, @type sysname;
WAITFOR (RECEIVE TOP (1) @h = conversation_handle, @type = message_type_name FROM dbo.OrdersInitiatorQueue), TIMEOUT 1000;
IF @type IN (N'http://schemas.microsoft.com/SQL/ServiceBroker/EndDialog', N'http://schemas.microsoft.com/SQL/ServiceBroker/Error')
    END CONVERSATION @h;)");

const QString WindowedEnqueue = QStringLiteral(R"(CREATE PROCEDURE dbo.Orders_Enqueue @body xml AS
DECLARE @h uniqueidentifier;
BEGIN DIALOG CONVERSATION @h FROM SERVICE [//Orders/Initiator] TO SERVICE N'//Orders/Target'
    ON CONTRACT [//Orders/Contract] WITH LIFETIME = 3600, ENCRYPTION = OFF;
SEND ON CONVERSATION @h MESSAGE TYPE [//Orders/Task] (@body);
END CONVERSATION @h;)");

const QString NaiveEnqueue = QStringLiteral(R"(CREATE PROCEDURE dbo.Orders_Enqueue @body xml AS
DECLARE @h uniqueidentifier;
BEGIN DIALOG CONVERSATION @h FROM SERVICE [//Orders/Initiator] TO SERVICE N'//Orders/Target'
    ON CONTRACT [//Orders/Contract] WITH ENCRYPTION = OFF;
SEND ON CONVERSATION @h MESSAGE TYPE [//Orders/Task] (@body);
END CONVERSATION @h;)");

SqlModule module(int id, const QString &name, const QString &definition)
{
    SqlModule m;
    m.objectId = id;
    m.schema = QStringLiteral("dbo");
    m.name = name;
    m.type = QStringLiteral("P");
    m.definition = definition;
    return m;
}

Queue queue(int id, const QString &name, const QString &procedure)
{
    Queue q;
    q.objectId = id;
    q.schema = QStringLiteral("dbo");
    q.name = name;
    q.activationProcedure = procedure;
    q.isActivationEnabled = !procedure.isEmpty();
    q.maxReaders = procedure.isEmpty() ? 0 : 2;
    q.executeAsPrincipalId = -2;
    return q;
}

SqlModule &moduleNamed(HealthInput *in, const QString &name)
{
    for (SqlModule &m : in->facts.modules) {
        if (m.name == name)
            return m;
    }
    in->facts.modules.append(module(900 + int(in->facts.modules.size()), name, QString()));
    return in->facts.modules.last();
}

MonitorSample sampleAt(const QDateTime &time)
{
    MonitorSample s;
    s.time = time;
    s.isBrokerEnabled = true;
    return s;
}

} // namespace

HealthInput healthyInput()
{
    HealthInput in;
    in.now = QDateTime(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC);
    BrokerCatalog &c = in.catalog;
    c.database.serverName = QStringLiteral("SQL01");
    c.database.databaseName = QStringLiteral("Orders");
    c.database.isBrokerEnabled = true;
    c.database.serviceBrokerGuid = QUuid(QStringLiteral("{5f3c2a1b-0000-4000-8000-000000000001}"));
    c.messageTypes = {{1, QStringLiteral("//Orders/Task"), 1, QStringLiteral("X"), QStringLiteral("XML"), std::nullopt}};
    c.contracts = {{10, QStringLiteral("//Orders/Contract"), 1, {{1, true, false}}}};
    c.queues = {queue(100, QStringLiteral("OrdersInitiatorQueue"), QStringLiteral("[Orders].[dbo].[Orders_Initiator]")),
                queue(101, QStringLiteral("OrdersTargetQueue"), QStringLiteral("[Orders].[dbo].[Orders_Target]"))};
    c.services = {{200, QStringLiteral("//Orders/Initiator"), 1, 100, {}},
                  {201, QStringLiteral("//Orders/Target"), 1, 101, {10}}};
    c.routes = {{300, QStringLiteral("AutoCreatedLocal"), 1, QString(), QString(), std::nullopt, QStringLiteral("LOCAL"), QString()}};
    in.facts.modulesRead = true;
    in.facts.modules = {module(500, QStringLiteral("Orders_Target"), TargetProc),
                        module(501, QStringLiteral("Orders_Initiator"), InitiatorProc),
                        module(502, QStringLiteral("Orders_Enqueue"), WindowedEnqueue)};
    in.facts.certificatesRead = true;
    in.facts.hasMasterKey = true;
    in.facts.sharedGuidRead = true;
    in.facts.canViewDefinition = true;
    in.facts.activation.insert(100, {100, true, true});
    in.facts.activation.insert(101, {101, true, true});
    MonitorSample s = sampleAt(in.now);
    s.endpoints = {{EndpointState::CO, QStringLiteral("//Orders/Initiator"), QStringLiteral("//Orders/Target"), true, 4, 0, 0, std::nullopt},
                   {EndpointState::CO, QStringLiteral("//Orders/Target"), QStringLiteral("//Orders/Initiator"), false, 4, 0, 0, std::nullopt}};
    in.sample = s;
    return in;
}

QStringList defectNames()
{
    return {u"broker-disabled"_qs, u"broker-disabled-copy"_qs, u"target-no-contract"_qs, u"contract-initiator-sends-nothing"_qs,
            u"activation-procedure-missing"_qs, u"activation-procedure-invisible"_qs, u"execute-as-gone"_qs,
            u"activation-off"_qs, u"poison-off"_qs, u"retention-on"_qs, u"queue-disabled"_qs, u"queue-without-service"_qs,
            u"route-missing"_qs, u"route-expired"_qs, u"route-expiring"_qs, u"route-transport"_qs,
            u"binding-without-certificate"_qs, u"certificate-expired"_qs, u"certificate-expiring"_qs,
            u"master-key-missing"_qs, u"naive-enqueue"_qs, u"target-never-ends"_qs, u"waitfor-without-timeout"_qs,
            u"receive-without-waitfor"_qs, u"no-error-handling"_qs, u"dynamic-sql"_qs, u"definition-hidden"_qs,
            u"dialog-per-message"_qs, u"notification-endpoints"_qs, u"transmission-old"_qs, u"permission-missing"_qs};
}

bool applyDefect(const QString &d, HealthInput *in)
{
    BrokerCatalog &c = in->catalog;
    Queue &target = c.queues[1];
    if (d == u"broker-disabled") {
        c.database.isBrokerEnabled = false;
    } else if (d == u"broker-disabled-copy") {
        c.database.isBrokerEnabled = false;
        in->facts.databasesSharingBrokerGuid = {QStringLiteral("Orders_Restored")};
    } else if (d == u"target-no-contract") {
        c.services[1].contractIds.clear();
    } else if (d == u"contract-initiator-sends-nothing") {
        c.contracts[0].usages = {{1, false, true}};
    } else if (d == u"activation-procedure-missing") {
        in->facts.activation[101].procedureExists = false;
    } else if (d == u"activation-procedure-invisible") {
        in->facts.activation[101].procedureExists.reset();
        in->facts.canViewDefinition = false;
    } else if (d == u"execute-as-gone") {
        target.executeAsPrincipalId = 7;
        in->facts.activation[101].executeAsPrincipalExists = false;
    } else if (d == u"activation-off") {
        target.isActivationEnabled = false;
    } else if (d == u"poison-off") {
        target.isPoisonMessageHandlingEnabled = false;
    } else if (d == u"retention-on") {
        target.isRetentionEnabled = true;
    } else if (d == u"queue-disabled") {
        target.isReceiveEnabled = false;
        target.isEnqueueEnabled = false;
    } else if (d == u"queue-without-service") {
        c.queues.append(queue(102, QStringLiteral("Leftover"), QString()));
    } else if (d == u"route-missing") {
        c.routes = {{301, QStringLiteral("ToBilling"), 1, QStringLiteral("//Billing/Target"), QString(), std::nullopt,
                     QStringLiteral("TCP://billing:4022"), QString()}};
        in->sample->endpoints.append({EndpointState::SO, QStringLiteral("//Orders/Initiator"), QStringLiteral("//Remote/Audit"), true, 3, 0, 0, std::nullopt});
    } else if (d == u"route-expired" || d == u"route-expiring") {
        const QDateTime when = in->now.addDays(d == u"route-expired" ? -1 : 10);
        c.routes.append({302, QStringLiteral("ToBilling"), 1, QStringLiteral("//Billing/Target"), QString(), when,
                         QStringLiteral("TCP://billing:4022"), QString()});
    } else if (d == u"route-transport") {
        c.routes.append({303, QStringLiteral("Transport"), 1, QString(), QString(), std::nullopt, QStringLiteral("TRANSPORT"), QString()});
    } else if (d == u"binding-without-certificate") {
        c.remoteServiceBindings = {{400, QStringLiteral("BillingBinding"), 1, QStringLiteral("//Billing/Target"), 0, 5, false}};
    } else if (d == u"certificate-expired" || d == u"certificate-expiring") {
        c.remoteServiceBindings = {{400, QStringLiteral("BillingBinding"), 1, QStringLiteral("//Billing/Target"), 0, 5, false}};
        CertificateInfo cert;
        cert.id = 256;
        cert.name = QStringLiteral("BillingCert");
        cert.principalId = 5;
        cert.startDate = in->now.addYears(-1);
        cert.expiryDate = in->now.addDays(d == u"certificate-expired" ? -3 : 12);
        in->facts.certificates = {cert};
    } else if (d == u"master-key-missing") {
        in->facts.hasMasterKey = false;
        c.routes.append({304, QStringLiteral("ToBilling"), 1, QStringLiteral("//Billing/Target"), QString(), std::nullopt,
                         QStringLiteral("TCP://billing:4022"), QString()});
    } else if (d == u"naive-enqueue") {
        moduleNamed(in, QStringLiteral("Orders_Enqueue")).definition = NaiveEnqueue;
    } else if (d == u"target-never-ends") {
        moduleNamed(in, QStringLiteral("Orders_Target")).definition = QStringLiteral(
            "CREATE PROCEDURE dbo.Orders_Target AS\nDECLARE @b xml;\nWHILE 1 = 1\nBEGIN\n"
            "  WAITFOR (RECEIVE TOP (1) @b = message_body FROM dbo.OrdersTargetQueue), TIMEOUT 500;\n"
            "  IF @@ROWCOUNT = 0 BREAK;\n  EXEC dbo.ProcessOrder @b;\nEND");
    } else if (d == u"waitfor-without-timeout" || d == u"receive-without-waitfor") {
        QString text = TargetProc;
        if (d == u"waitfor-without-timeout")
            text.replace(QStringLiteral(", TIMEOUT 5000"), QString());
        else
            text.replace(QStringLiteral("WAITFOR (RECEIVE"), QStringLiteral("RECEIVE")).replace(QStringLiteral("), TIMEOUT 5000"), QString());
        moduleNamed(in, QStringLiteral("Orders_Target")).definition = text;
    } else if (d == u"no-error-handling") {
        moduleNamed(in, QStringLiteral("Orders_Initiator")).definition = QStringLiteral(
            "CREATE PROCEDURE dbo.Orders_Initiator AS\nDECLARE @h uniqueidentifier, @type sysname;\nBEGIN TRANSACTION;\n"
            "WAITFOR (RECEIVE TOP (1) @h = conversation_handle, @type = message_type_name FROM dbo.OrdersInitiatorQueue), TIMEOUT 1000;\n"
            "IF @type IN (N'http://schemas.microsoft.com/SQL/ServiceBroker/EndDialog', N'http://schemas.microsoft.com/SQL/ServiceBroker/Error')\n"
            "    END CONVERSATION @h;\nEXEC dbo.Audit @h;\nCOMMIT;");
    } else if (d == u"dynamic-sql") {
        moduleNamed(in, QStringLiteral("Orders_Enqueue")).definition = WindowedEnqueue + QStringLiteral("\nEXEC (N'SEND ON CONVERSATION @x');");
    } else if (d == u"definition-hidden") {
        SqlModule &m = moduleNamed(in, QStringLiteral("Orders_Target"));
        m.definition.clear();
        m.isVisible = false;
    } else if (d == u"dialog-per-message") {
        PerfCounter sends;
        sends.object = QStringLiteral("SQLServer:Broker Statistics");
        sends.counter = QStringLiteral("SQL SENDs/sec");
        sends.type = PerfCounter::PerSecondBulkType;
        sends.ratePerSecond = 250.0;
        in->sample->counters.append(sends);
    } else if (d == u"notification-endpoints") {
        in->sample->endpoints.append({EndpointState::SO, QStringLiteral("//Orders/Target"),
                                      QStringLiteral("SqlQueryNotificationService-3f2b8c7e-1111-4222-8333-944455556666"),
                                      true, 48000, 0, 0, std::nullopt});
    } else if (d == u"transmission-old") {
        in->sample->transmission = {{QStringLiteral("//Billing/Target"), QStringLiteral("Connection attempt failed with error: '10061(No connection could be made)'."),
                                     120, in->now.addSecs(-3600)},
                                    {QStringLiteral("//Billing/Target"), QString(), 5, in->now.addSecs(-30)}};
    } else if (d == u"permission-missing") {
        in->facts.unavailable = {{QStringLiteral("check.certificates"), QStringLiteral("The SELECT permission was denied."), QStringLiteral("VIEW DEFINITION")}};
    } else {
        return false;
    }
    return true;
}

} // namespace bs::test
