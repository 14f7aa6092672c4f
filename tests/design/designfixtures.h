#pragma once

// Catalogs and designs the design tests share: the demo broker, a hostile catalog and a design
// that uses every option of the six statements.
#include "core/catalog.h"
#include "core/design/brokerdesign.h"
#include "core/samplecatalog.h"
#include "core/sim/scenarioloader.h"
#include "core/sim/simulator.h"

#include <QStringList>

namespace bs::designtest {

inline BrokerCatalog demoCatalog()
{
    QString error;
    const auto scenario = sim::ScenarioLoader::fromFile(QStringLiteral(BS_SOURCE_DIR "/resources/scenarios/demo.json"), &error);
    if (!scenario)
        qFatal("demo scenario: %s", qPrintable(error));
    sim::Simulator simulator(*scenario);
    return simulator.catalog();
}

/// Names with ] and ', Unicode, comment openers and exactly 128 characters.
inline BrokerCatalog hostileCatalog()
{
    BrokerCatalog c;
    c.database.databaseName = QStringLiteral("Host]ile'DB");
    const QString longName = QString(128, QLatin1Char('x'));
    const QString bracket = QStringLiteral("Type]]with]brackets");
    const QString quote = QStringLiteral("O'Brien's type");
    const QString unicode = QStringLiteral("Überweisung/Zahlung/日本語/Ωμέγα");
    const QString comment = QStringLiteral("--not a comment /* nor this */");
    c.messageTypes = {
        {1, bracket, {}, QStringLiteral("N"), QStringLiteral("NONE"), {}},
        {2, quote, {}, QStringLiteral("E"), QStringLiteral("EMPTY"), {}},
        {3, unicode, {}, QStringLiteral("X"), QStringLiteral("XML"), {}},
        {4, longName, {}, QStringLiteral("N"), QStringLiteral("NONE"), {}},
        {5, QStringLiteral("DEFAULT"), {}, QStringLiteral("N"), QStringLiteral("NONE"), {}},
    };
    c.contracts = {
        {10, comment, {}, {{1, true, false}, {2, false, true}, {3, true, true}}},
        {11, longName, {}, {{4, true, false}, {5, true, true}}},
    };
    Queue q;
    q.objectId = 100;
    q.schema = QStringLiteral("sch]ema'");
    q.name = QStringLiteral("Queue [1] 'é'");
    q.activationProcedure = QStringLiteral("[sch]]ema'].[Proc ']]x]");
    q.maxReaders = 3;
    q.executeAsPrincipalId = -2;
    q.isActivationEnabled = true;
    q.isRetentionEnabled = true;
    q.isPoisonMessageHandlingEnabled = false;
    Queue q2;
    q2.objectId = 101;
    q2.schema = QStringLiteral("dbo");
    q2.name = longName;
    q2.isReceiveEnabled = false;
    q2.isEnqueueEnabled = false;
    c.queues = {q, q2};
    c.services = {{20, QStringLiteral("//svc/'quoted']"), {}, 100, {10, 11}}, {21, longName, {}, 101, {}}};
    Route r;
    r.id = 30;
    r.name = QStringLiteral("Route ]' 日本");
    r.remoteServiceName = QStringLiteral("//remote/O'Neil]");
    r.brokerInstance = QStringLiteral("3F2504E0-4F89-11D3-9A0C-0305E82C3301");
    r.address = QStringLiteral("TCP://host'x:4022");
    r.mirrorAddress = QStringLiteral("TCP://mirror:4022");
    c.routes = {r};
    return c;
}

/// A design that uses every option the DDL writer knows.
inline BrokerDesign fullDesign()
{
    BrokerDesign d;
    d.databaseName = QStringLiteral("Full");
    d.messageTypes = {
        {QStringLiteral("//Full/Request"), QStringLiteral("dbo"), MessageValidation::ValidXml, QStringLiteral("[dbo].[RequestSchemas]")},
        {QStringLiteral("//Full/Reply"), {}, MessageValidation::WellFormedXml, {}},
        {QStringLiteral("//Full/Ping"), {}, MessageValidation::Empty, {}},
        {QStringLiteral("//Full/Blob"), {}, MessageValidation::None, {}},
    };
    d.contracts = {
        {QStringLiteral("//Full/Contract"), QStringLiteral("dbo"),
         {{QStringLiteral("//Full/Request"), SentBy::Initiator}, {QStringLiteral("//Full/Reply"), SentBy::Target},
          {QStringLiteral("//Full/Ping"), SentBy::Any}}},
        {QStringLiteral("//Full/Blobs"), {}, {{QStringLiteral("//Full/Blob"), SentBy::Initiator}, {QStringLiteral("DEFAULT"), SentBy::Any}}},
    };
    DesignQueue target;
    target.schema = QStringLiteral("app");
    target.name = QStringLiteral("TargetQueue");
    target.activation = DesignActivation{true, QStringLiteral("[app].[Target_Activate]"), 8, ExecuteAs::User, QStringLiteral("broker_user")};
    DesignQueue initiator;
    initiator.name = QStringLiteral("InitiatorQueue");
    initiator.retention = true;
    initiator.poisonMessageHandling = false;
    initiator.activation = DesignActivation{false, QStringLiteral("[dbo].[Initiator_Replies]"), 1, ExecuteAs::Self, {}};
    DesignQueue parked;
    parked.name = QStringLiteral("ParkedQueue");
    parked.status = false;
    d.queues = {target, initiator, parked};
    d.services = {
        {QStringLiteral("//Full/Target"), QStringLiteral("dbo"), QStringLiteral("app"), QStringLiteral("TargetQueue"),
         {QStringLiteral("//Full/Contract"), QStringLiteral("DEFAULT")}},
        {QStringLiteral("//Full/Initiator"), {}, QStringLiteral("dbo"), QStringLiteral("InitiatorQueue"), {}},
        {QStringLiteral("//Full/Parked"), {}, QStringLiteral("dbo"), QStringLiteral("ParkedQueue"), {QStringLiteral("//Full/Blobs")}},
    };
    DesignRoute route;
    route.name = QStringLiteral("RemoteRoute");
    route.owner = QStringLiteral("dbo");
    route.serviceName = QStringLiteral("//Remote/Service");
    route.brokerInstance = QStringLiteral("3F2504E0-4F89-11D3-9A0C-0305E82C3301");
    route.lifetimeSeconds = 86400;
    route.address = QStringLiteral("TCP://remote.example:4022");
    route.mirrorAddress = QStringLiteral("TCP://mirror.example:4022");
    DesignRoute any;
    any.name = QStringLiteral("AnyRoute");
    any.address = QStringLiteral("TRANSPORT");
    d.routes = {route, any};
    d.bindings = {{QStringLiteral("RemoteBinding"), QStringLiteral("dbo"), QStringLiteral("//Remote/Service"),
                   QStringLiteral("remote_cert_user"), true}};
    return d;
}

} // namespace bs::designtest
