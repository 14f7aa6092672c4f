#include "fixturecatalogs.h"

namespace bs::fixtures {

namespace {
Queue makeQueue(int id, const QString &name)
{
    Queue q;
    q.objectId = id;
    q.schema = QStringLiteral("dbo");
    q.name = name;
    return q;
}
} // namespace

BrokerCatalog sharedContract()
{
    BrokerCatalog c;
    c.messageTypes = {{1, QStringLiteral("//M/Ping"), 1, QStringLiteral("E"), QStringLiteral("EMPTY"), {}}};
    c.contracts = {{10, QStringLiteral("//C/Shared"), 1, {{1, true, true}}}};
    c.queues = {makeQueue(100, QStringLiteral("Q1")), makeQueue(101, QStringLiteral("Q2")),
                makeQueue(102, QStringLiteral("Q3"))};
    c.services = {{20, QStringLiteral("//S/One"), 1, 100, {10}},
                  {21, QStringLiteral("//S/Two"), 1, 101, {10}},
                  {22, QStringLiteral("//S/Three"), 1, 102, {10}}};
    return c;
}

BrokerCatalog sharedQueue()
{
    BrokerCatalog c;
    Queue q = makeQueue(100, QStringLiteral("SharedQueue"));
    q.activationProcedure = QStringLiteral("[db].[dbo].[Drain]");
    q.isActivationEnabled = false;
    c.queues = {q};
    c.services = {{20, QStringLiteral("//S/A"), 1, 100, {}}, {21, QStringLiteral("//S/B"), 1, 100, {}}};
    return c;
}

BrokerCatalog oddNames()
{
    BrokerCatalog c;
    c.messageTypes = {{1, QStringLiteral("Weird]]Name'; DROP TABLE x;--"), 1, QStringLiteral("N"), QStringLiteral("NONE"), {}},
                      {2, QStringLiteral("<b>&amp;\"quoted\" label</b> {braces} \\ back"), 1, QStringLiteral("N"), {}, {}}};
    c.contracts = {{10, QStringLiteral("Контракт/合同/עסקה"), 1, {{1, true, false}, {2, false, true}}}};
    c.queues = {makeQueue(100, QStringLiteral("Queue With  Spaces]"))};
    c.services = {{20, QString(300, QLatin1Char('L')), 1, 100, {10}},
                  {21, QStringLiteral("//Odd/Service"), 1, 100, {}}};
    Route local;
    local.id = 30;
    local.name = QStringLiteral("route \"to\" local");
    local.remoteServiceName = QStringLiteral("//Odd/Service");
    local.address = QStringLiteral("LOCAL");
    Route caseDiffers;
    caseDiffers.id = 31;
    caseDiffers.name = QStringLiteral("CaseRoute");
    caseDiffers.remoteServiceName = QStringLiteral("//ODD/SERVICE");
    caseDiffers.address = QStringLiteral("TCP://10.0.0.1:4022");
    c.routes = {local, caseDiffers};
    return c;
}

BrokerCatalog withSystemObjects()
{
    BrokerCatalog c;
    c.messageTypes = {{2, QStringLiteral("http://schemas.microsoft.com/SQL/ServiceBroker/EndDialog"), {}, QStringLiteral("E"), QStringLiteral("EMPTY"), {}},
                      {14, QStringLiteral("DEFAULT"), {}, QStringLiteral("N"), QStringLiteral("NONE"), {}},
                      {65536, QStringLiteral("//App/Msg"), 1, QStringLiteral("X"), QStringLiteral("XML"), {}}};
    c.contracts = {{6, QStringLiteral("DEFAULT"), {}, {{14, true, true}}},
                   {65536, QStringLiteral("//App/Contract"), 1, {{65536, true, false}}}};
    Queue sys = makeQueue(3, QStringLiteral("QueryNotificationErrorsQueue"));
    sys.schema = QStringLiteral("sys");
    sys.isMsShipped = true;
    Queue user = makeQueue(100, QStringLiteral("AppQueue"));
    c.queues = {sys, user};
    c.services = {{1, QStringLiteral("http://schemas.microsoft.com/SQL/Notifications/QueryNotificationService"), {}, 3, {}},
                  {65536, QStringLiteral("//App/Service"), 1, 100, {65536, 6}}};
    return c;
}

} // namespace bs::fixtures
