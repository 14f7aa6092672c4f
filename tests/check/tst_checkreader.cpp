#include "core/check/healthcheck.h"
#include "data/check/checkreader.h"
#include "tdsserver.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace bs;

namespace {

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return QJsonDocument::fromJson(f.readAll()).object();
}

// The catalog of tests/data/fixtures/catalog_full.json plus the check queries of one fixture.
TdsFixture fixture(const QString &checkFixture)
{
    TdsFixture f;
    f.database = QStringLiteral("SalesOps");
    const QJsonObject recorded = readJson(QStringLiteral(BS_TEST_DATA_DIR "/data/fixtures/catalog_full.json"));
    const QJsonObject types = readJson(QStringLiteral(BS_TEST_DATA_DIR "/integration/fixtures/catalog-types.json"));
    QString error;
    if (!f.addRecordedResults(recorded.value(u"queries").toObject(), types.value(u"types").toObject(), &error))
        qFatal("%s", qPrintable(error));
    const QJsonObject check = readJson(QStringLiteral(BS_TEST_DATA_DIR "/check/fixtures/%1.json").arg(checkFixture));
    const QJsonObject queries = check.value(u"queries").toObject();
    for (auto it = queries.begin(); it != queries.end(); ++it) {
        const auto reply = TdsFixture::replyFromJson(it.value().toObject(), &error);
        if (!reply)
            qFatal("%s: %s", qPrintable(it.key()), qPrintable(error));
        f.queries.insert(it.key(), *reply);
    }
    return f;
}

QStringList rules(const HealthReport &report)
{
    QStringList ids;
    for (const HealthFinding &f : report.findings)
        ids << f.ruleId;
    return ids;
}

} // namespace

/// The check queries (sql/check) through the real driver stack (QODBC, unixODBC, FreeTDS) against
/// the TDS test server, and what the health check makes of the answers.
class TestCheckReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsEverything();
    void missingPermissionIsCannotSee();
    void unreachableServer();
};

void TestCheckReader::readsEverything()
{
    TdsServer server(fixture(u"check_full"_qs));
    QString error;
    QVERIFY2(server.start(0, &error), qPrintable(error));
    const CheckReadResult read = CheckReader::read(server.connectionString(), 5);
    QVERIFY2(read.connected, qPrintable(read.error));
    const CheckFacts &facts = read.input.facts;
    QCOMPARE(read.input.catalog.database.databaseName, u"SalesOps");
    QVERIFY(facts.modulesRead);
    QCOMPARE(facts.modules.size(), 3);
    QVERIFY(facts.modules.at(0).definition.contains(u"Ünïcødé comment"));
    QCOMPARE(facts.modules.at(1).name, u"ProcessOrders");
    QVERIFY(!facts.modules.at(2).isVisible);
    QVERIFY(facts.modules.at(2).isEncrypted);
    QCOMPARE(facts.canViewDefinition, std::optional<bool>(true));
    QCOMPARE(facts.hasMasterKey, std::optional<bool>(true));
    QCOMPARE(facts.databasesSharingBrokerGuid, QStringList{u"SalesOps_Restored"_qs});
    QCOMPARE(facts.activation.value(1001).procedureExists, std::optional<bool>(true));
    QCOMPARE(facts.certificates.size(), 1);
    QCOMPARE(facts.certificates.first().expiryDate, QDateTime(QDate(2026, 1, 10), QTime(0, 0), Qt::UTC));
    QVERIFY(facts.certificates.first().isActiveForBeginDialog);
    QVERIFY(server.requestsFor(u"modules"_qs).size() == 1);

    HealthInput input = read.input;
    input.now = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    const QStringList ids = rules(HealthCheck::run(input));
    QVERIFY2(ids.contains(u"code-fire-and-forget"), qPrintable(ids.join(u", ")));
    QVERIFY(ids.contains(u"broker-guid-shared"));
    QVERIFY(ids.contains(u"certificate-expiry"));
    QVERIFY(ids.contains(u"code-definition-hidden"));
    // The monitor queries are not in the fixture: their parts are "cannot see", never clean.
    QVERIFY(ids.contains(u"cannot-see"));
}

void TestCheckReader::missingPermissionIsCannotSee()
{
    TdsServer server(fixture(u"check_denied"_qs));
    QString error;
    QVERIFY2(server.start(0, &error), qPrintable(error));
    const CheckReadResult read = CheckReader::read(server.connectionString(), 5);
    QVERIFY2(read.connected, qPrintable(read.error));
    const CheckFacts &facts = read.input.facts;
    QVERIFY(!facts.modulesRead);
    QCOMPARE(facts.canViewDefinition, std::optional<bool>(false));
    QVERIFY(!facts.hasMasterKey.has_value());
    // OBJECT_ID said NULL, but without VIEW DEFINITION that proves nothing.
    QVERIFY(!facts.activation.value(1001).procedureExists.has_value());
    bool modulesUnavailable = false;
    for (const UnavailablePart &p : facts.unavailable)
        modulesUnavailable = modulesUnavailable || (p.part == u"check.modules" && p.permission == u"VIEW DEFINITION");
    QVERIFY(modulesUnavailable);

    const HealthReport report = HealthCheck::run(read.input);
    QStringList cannotSee;
    for (const HealthFinding &f : report.findings) {
        if (f.cannotSee)
            cannotSee << f.subject;
        QVERIFY2(f.ruleId != u"activation-procedure-missing" || f.cannotSee, qPrintable(f.title));
    }
    QVERIFY2(cannotSee.contains(u"check.modules"), qPrintable(cannotSee.join(u", ")));
    QVERIFY(cannotSee.contains(u"[dbo].[OrderQueue]"));
}

void TestCheckReader::unreachableServer()
{
    TdsServer server(fixture(u"check_full"_qs));
    QString error;
    QVERIFY2(server.start(0, &error), qPrintable(error));
    const QString connection = server.connectionString();
    server.stop();
    const CheckReadResult read = CheckReader::read(connection, 2);
    QVERIFY(!read.connected);
    QVERIFY(!read.error.isEmpty());
}

QTEST_GUILESS_MAIN(TestCheckReader)
#include "tst_checkreader.moc"
