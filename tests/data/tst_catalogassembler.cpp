#include "core/sqlquote.h"
#include "data/odbc/brokerstatements.h"
#include "data/odbc/catalogassembler.h"
#include "data/querylibrary.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace bs;

class TestCatalogAssembler : public QObject
{
    Q_OBJECT

private:
    static CatalogAssembler::Results fixture(const QString &name)
    {
        QFile f(QStringLiteral(BS_TEST_DATA_DIR "/data/fixtures/") + name);
        if (!f.open(QIODevice::ReadOnly))
            qFatal("cannot open fixture %s", qPrintable(f.fileName()));
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
        if (error.error != QJsonParseError::NoError)
            qFatal("fixture %s: %s", qPrintable(name), qPrintable(error.errorString()));
        return CatalogAssembler::resultsFromJson(doc.object());
    }

private Q_SLOTS:
    void everyQueryIsInTheLibrary()
    {
        // Each name the assembler expects has a file in sql/catalog/ with that tag, and vice versa.
        QStringList expected = CatalogAssembler::queryNames();
        expected.sort();
        QCOMPARE(QueryLibrary::names(QStringLiteral("catalog")), expected);
        for (const QString &name : CatalogAssembler::queryNames()) {
            QVERIFY2(!CatalogAssembler::viewOf(name).isEmpty(), qPrintable(name));
            // One statement per file: outside comments, a single semicolon, at the end.
            QStringList code;
            for (const QString &line : QueryLibrary::text(name).split(QLatin1Char('\n'))) {
                if (!line.trimmed().startsWith(QLatin1String("--")))
                    code.append(line);
            }
            const QString text = code.join(QLatin1Char('\n')).trimmed();
            QVERIFY2(text.startsWith(QLatin1String("SELECT")), qPrintable(name));
            QVERIFY2(text.endsWith(QLatin1Char(';')), qPrintable(name));
            QCOMPARE(text.count(QLatin1Char(';')), 1);
        }
    }

    void counts_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("messageTypes");
        QTest::addColumn<int>("contracts");
        QTest::addColumn<int>("queues");
        QTest::addColumn<int>("services");
        QTest::addColumn<int>("routes");
        QTest::addColumn<int>("bindings");
        QTest::addColumn<QStringList>("problemParts");
        QTest::newRow("full") << QStringLiteral("catalog_full.json") << 4 << 3 << 3 << 4 << 2 << 2 << QStringList{};
        QTest::newRow("permission denied on routes")
            << QStringLiteral("catalog_permission_denied.json") << 4 << 3 << 3 << 4 << 0 << 0
            << QStringList{QStringLiteral("catalog.routes"), QStringLiteral("catalog.remote_service_bindings")};
        QTest::newRow("broker disabled") << QStringLiteral("catalog_broker_disabled.json") << 0 << 0 << 0 << 0 << 0 << 0
                                         << QStringList{};
    }

    void counts()
    {
        QFETCH(QString, file);
        const BrokerCatalog c = CatalogAssembler::assemble(fixture(file));
        QTEST(int(c.messageTypes.size()), "messageTypes");
        QTEST(int(c.contracts.size()), "contracts");
        QTEST(int(c.queues.size()), "queues");
        QTEST(int(c.services.size()), "services");
        QTEST(int(c.routes.size()), "routes");
        QTEST(int(c.remoteServiceBindings.size()), "bindings");
        QStringList parts;
        for (const CatalogProblem &p : c.problems)
            parts.append(p.part);
        QTEST(parts, "problemParts");
    }

    void databaseFlags()
    {
        const BrokerCatalog c = CatalogAssembler::assemble(fixture(QStringLiteral("catalog_full.json")));
        QCOMPARE(c.database.serverName, QStringLiteral("SQL01\\PROD"));
        QCOMPARE(c.database.databaseName, QStringLiteral("SalesOps"));
        QVERIFY(c.database.isBrokerEnabled);
        QCOMPARE(c.database.serviceBrokerGuid, QUuid(QStringLiteral("5f3c2a1b-7d4e-4c2a-9b8f-0123456789ab")));
        QVERIFY(!c.database.isHonorBrokerPriorityOn);
        QCOMPARE(c.database.productVersion, QStringLiteral("16.0.4135.4"));

        const BrokerCatalog off = CatalogAssembler::assemble(fixture(QStringLiteral("catalog_broker_disabled.json")));
        QVERIFY(!off.database.isBrokerEnabled);
        QCOMPARE(off.database.databaseName, QStringLiteral("Restored_Copy"));
        QVERIFY(off.problems.isEmpty());
    }

    void oddNamesSurviveUntouched()
    {
        const BrokerCatalog c = CatalogAssembler::assemble(fixture(QStringLiteral("catalog_full.json")));
        const MessageType *odd = c.messageType(3);
        QVERIFY(odd);
        QCOMPARE(odd->name, QStringLiteral("Msg]Type'Ünïcødé✓"));
        QCOMPARE(odd->validation, QStringLiteral("E")); // char(2) padding trimmed
        const MessageType *longest = c.messageType(4);
        QVERIFY(longest);
        QCOMPARE(longest->name.size(), MaxIdentifierLength);
        QCOMPARE(longest->validationDesc, QString()); // NULL
        QCOMPARE(longest->xmlCollectionId, std::optional<int>(65536));
        QCOMPARE(c.messageType(2)->principalId, std::nullopt);

        const Queue *reply = c.queue(1002);
        QVERIFY(reply);
        QCOMPARE(reply->schema, QStringLiteral("sales]ops"));
        QCOMPARE(reply->name, QStringLiteral("Reply'Queue"));
        QCOMPARE(reply->qualifiedName(), QStringLiteral("[sales]]ops].[Reply'Queue]"));
        QVERIFY(!reply->hasActivation());

        const Service *unicode = nullptr;
        for (const Service &s : c.services) {
            if (s.id == 23)
                unicode = &s;
        }
        QVERIFY(unicode);
        QCOMPARE(unicode->name.size(), MaxIdentifierLength);
        QVERIFY(unicode->name.startsWith(QStringLiteral("//Ünïcødé/Сервис/")));
        QVERIFY(c.serviceByName(unicode->name));
    }

    void queuesAndActivation()
    {
        const BrokerCatalog c = CatalogAssembler::assemble(fixture(QStringLiteral("catalog_full.json")));
        const Queue *orders = c.queue(1001);
        QVERIFY(orders);
        QCOMPARE(orders->maxReaders, 5);
        QCOMPARE(orders->activationProcedure, QStringLiteral("[SalesOps].[dbo].[ProcessOrders]"));
        QCOMPARE(orders->executeAsPrincipalId, std::optional<int>(-2));
        QCOMPARE(orders->executeAsText(), QStringLiteral("OWNER"));
        QVERIFY(orders->isActivationEnabled);
        QVERIFY(orders->isPoisonMessageHandlingEnabled);
        QCOMPARE(orders->modifyDate, QDateTime(QDate(2024, 3, 2), QTime(11, 30, 0, 123), Qt::UTC));

        const Queue *reply = c.queue(1002);
        QVERIFY(!reply->isReceiveEnabled); // disabled by poison-message handling, as recorded
        QVERIFY(!reply->isEnqueueEnabled);
        QVERIFY(reply->isRetentionEnabled);
        QVERIFY(!reply->isPoisonMessageHandlingEnabled);
        QCOMPARE(reply->executeAsPrincipalId, std::nullopt);
        QCOMPARE(reply->executeAsText(), QStringLiteral("CALLER"));

        const Queue *system = c.queue(1003);
        QVERIFY(system->isMsShipped);
        QCOMPARE(system->executeAsName, QStringLiteral("broker_user"));
        QCOMPARE(system->executeAsText(), QStringLiteral("broker_user"));
    }

    void sharedQueueAndSharedContract()
    {
        const BrokerCatalog c = CatalogAssembler::assemble(fixture(QStringLiteral("catalog_full.json")));
        // Two services live on OrderQueue.
        QCOMPARE(c.servicesOnQueue(1001).size(), 2);
        // The order contract is accepted by three services; service 77 is not visible and is skipped.
        int users = 0;
        for (const Service &s : c.services)
            users += s.contractIds.count(10);
        QCOMPARE(users, 3);
        QCOMPARE(c.service(22)->contractIds, (QList<int>{10, 12}));
        QCOMPARE(c.service(22)->principalId, std::nullopt);

        const Contract *order = c.contract(10);
        QVERIFY(order);
        QCOMPARE(order->usages.size(), 2);
        QCOMPARE(order->usages.at(0).sentByText(), QStringLiteral("INITIATOR"));
        QCOMPARE(order->usages.at(1).sentByText(), QStringLiteral("TARGET"));
        QCOMPARE(c.contract(11)->usages.at(0).sentByText(), QStringLiteral("ANY"));
        QCOMPARE(c.contractByName(QStringLiteral("Contract]With'Quotes"))->id, 12);
    }

    void routesAndBindings()
    {
        const BrokerCatalog c = CatalogAssembler::assemble(fixture(QStringLiteral("catalog_full.json")));
        const Route &local = c.routes.at(0);
        QCOMPARE(local.address, QStringLiteral("LOCAL"));
        QCOMPARE(local.lifetime, std::nullopt);
        QCOMPARE(local.remoteServiceName, QString());
        const Route &remote = c.routes.at(1);
        QCOMPARE(remote.name, QStringLiteral("Route'To]Remote"));
        QCOMPARE(remote.lifetime, std::optional<QDateTime>(QDateTime(QDate(2030, 1, 1), QTime(0, 0), Qt::UTC)));
        QCOMPARE(remote.mirrorAddress, QStringLiteral("TCP://mirror.example:4022"));

        QCOMPARE(c.remoteServiceBindings.at(0).contractId, 0);
        QCOMPARE(c.remoteServiceBindings.at(0).remotePrincipalId, std::optional<int>(7));
        QVERIFY(!c.remoteServiceBindings.at(0).isAnonymous);
        QVERIFY(c.remoteServiceBindings.at(1).isAnonymous);
        QCOMPARE(c.remoteServiceBindings.at(1).remotePrincipalId, std::nullopt);
    }

    void permissionProblemNamesWhatToGrant()
    {
        const BrokerCatalog c = CatalogAssembler::assemble(fixture(QStringLiteral("catalog_permission_denied.json")));
        QCOMPARE(c.problems.size(), 2);
        const CatalogProblem &denied = c.problems.at(0);
        QCOMPARE(denied.part, QStringLiteral("catalog.routes"));
        QCOMPARE(denied.view, QStringLiteral("sys.routes"));
        QVERIFY(denied.message.contains(QLatin1String("SELECT permission was denied")));
        QVERIFY(denied.permission.contains(QLatin1String("SELECT on sys.routes")));
        // A failure that is not about permissions names no permission.
        const CatalogProblem &other = c.problems.at(1);
        QCOMPARE(other.view, QStringLiteral("sys.remote_service_bindings"));
        QVERIFY(other.permission.isEmpty());
        // The rest still loaded.
        QCOMPARE(c.queues.size(), 3);
        QVERIFY(c.database.isBrokerEnabled);
    }

    void missingQueryIsAProblem()
    {
        CatalogAssembler::Results results = fixture(QStringLiteral("catalog_full.json"));
        results.remove(QStringLiteral("catalog.services"));
        const BrokerCatalog c = CatalogAssembler::assemble(results);
        QCOMPARE(c.problems.size(), 1);
        QCOMPARE(c.problems.at(0).part, QStringLiteral("catalog.services"));
        QVERIFY(c.services.isEmpty());
    }

    void isPermissionError_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("expected");
        QTest::newRow("229") << QStringLiteral("229") << QString() << true;
        QTest::newRow("229 among several records") << QStringLiteral("0;229") << QString() << true;
        QTest::newRow("300 by text") << QString() << QStringLiteral("VIEW SERVER STATE permission was denied on object 'server'")
                                     << true;
        QTest::newRow("network") << QStringLiteral("20004") << QStringLiteral("Read from the server failed") << false;
    }

    void isPermissionError()
    {
        QFETCH(QString, code);
        QFETCH(QString, text);
        QFETCH(bool, expected);
        QCOMPARE(CatalogAssembler::isPermissionError(QueryResult::failure(text, code)), expected);
        QVERIFY(!CatalogAssembler::isPermissionError(QueryResult()));
    }

    void enableBrokerStatement_data()
    {
        QTest::addColumn<QString>("database");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QStringLiteral("SalesOps")
                               << QStringLiteral("ALTER DATABASE [SalesOps] SET ENABLE_BROKER WITH ROLLBACK IMMEDIATE;");
        QTest::newRow("bracket and quote") << QStringLiteral("Sales]Ops'") << QStringLiteral(
            "ALTER DATABASE [Sales]]Ops'] SET ENABLE_BROKER WITH ROLLBACK IMMEDIATE;");
        QTest::newRow("unicode") << QStringLiteral("Продажи")
                                 << QStringLiteral("ALTER DATABASE [Продажи] SET ENABLE_BROKER WITH ROLLBACK IMMEDIATE;");
    }

    void enableBrokerStatement()
    {
        QFETCH(QString, database);
        QTEST(BrokerStatements::enableBroker(database), "expected");
    }

    void jsonRoundTrip()
    {
        const CatalogAssembler::Results results = fixture(QStringLiteral("catalog_full.json"));
        const CatalogAssembler::Results again = CatalogAssembler::resultsFromJson(CatalogAssembler::resultsToJson(results));
        QCOMPARE(CatalogAssembler::assemble(again), CatalogAssembler::assemble(results));
    }
};

QTEST_GUILESS_MAIN(TestCatalogAssembler)
#include "tst_catalogassembler.moc"
