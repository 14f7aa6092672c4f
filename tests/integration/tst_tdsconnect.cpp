#include "data/odbc/odbcconnectionstring.h"
#include "odbctestconnection.h"
#include "tdsserver.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTest>

using namespace bs;

/// Connecting through QODBC -> unixODBC -> FreeTDS to the TDS test server, and failing to.
class TestTdsConnect : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void connectsAndRuns();
    void profileStringReadsUnicode();
    void loginFails_data();
    void loginFails();
    void unknownDatabase();
    void closedPortFailsFast();
    void silentServerHitsLoginTimeout();
    void restartOnSamePort();
    void closingBraceInPassword();

private:
    std::unique_ptr<TdsServer> m_server;
};

namespace {

TdsFixture fixture()
{
    QString error;
    const auto f = TdsFixture::load(QStringLiteral(BS_TEST_DATA_DIR "/integration/fixtures/results.json"), &error);
    if (!f)
        qFatal("%s", qPrintable(error));
    return *f;
}

bool ping(const QSqlDatabase &db, QString *error = nullptr)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("-- query: ping\nSELECT 1 AS ok;")) || !q.next()) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    return q.value(0).toInt() == 1;
}

} // namespace

void TestTdsConnect::profileStringReadsUnicode()
{
    // The string the application builds for a FreeTDS profile (OdbcConnectionString::build, with
    // ClientCharset=UTF-8) reads text outside Latin-1, including a non-BMP character, exactly.
    // Encryption is Optional ("request"): the test server has no TLS.
    ConnectionProfile p;
    p.driver = QStringLiteral("FreeTDS");
    p.server = QStringLiteral("127.0.0.1,%1").arg(m_server->port());
    p.database = m_server->fixture().database;
    p.userName = m_server->fixture().user;
    p.encrypt = EncryptMode::Optional;
    const QString built = OdbcConnectionString::build(p, m_server->fixture().password);
    QCOMPARE(OdbcConnectionString::value(built, QStringLiteral("ClientCharset")), QStringLiteral("UTF-8"));
    QString error;
    const QString forQodbc = OdbcConnectionString::forQodbc(built, &error);
    QVERIFY2(!forQodbc.isEmpty(), qPrintable(error));
    OdbcTestConnection c(forQodbc);
    QVERIFY2(c.open(), qPrintable(c.errorText()));
    QSqlQuery q(c.database());
    q.setForwardOnly(true);
    QVERIFY2(q.exec(QStringLiteral("-- query: all_types\nSELECT * FROM dbo.AllTypes;")), qPrintable(q.lastError().text()));
    QVERIFY(q.next());
    const QString expected = m_server->fixture().queries.value(QStringLiteral("all_types")).resultSets.first().rows.first().at(6).toString();
    QCOMPARE(expected, QStringLiteral("Ünïcødé ✓ 名前 🚀"));
    QCOMPARE(q.value(QStringLiteral("nvmax")).toString(), expected);
}

void TestTdsConnect::init()
{
    m_server = std::make_unique<TdsServer>(fixture());
    QString error;
    QVERIFY2(m_server->start(0, &error), qPrintable(error));
}

void TestTdsConnect::cleanup()
{
    if (QTest::currentTestFailed())
        qInfo().noquote() << "server log:\n" << m_server->requestLog();
    m_server.reset();
}

void TestTdsConnect::connectsAndRuns()
{
    OdbcTestConnection c(m_server->connectionString());
    QVERIFY2(c.open(), qPrintable(c.errorText()));
    QCOMPARE(m_server->acceptedLoginCount(), 1);
    QString error;
    QVERIFY2(ping(c.database(), &error), qPrintable(error));
    const QList<TdsRequest> logins = [&] {
        QList<TdsRequest> out;
        for (const TdsRequest &r : m_server->requests())
            if (r.kind == TdsRequest::Kind::Login)
                out.append(r);
        return out;
    }();
    QCOMPARE(logins.size(), 1);
    QCOMPARE(logins.first().user, QStringLiteral("bs_test"));
    QCOMPARE(logins.first().database, QStringLiteral("BrokerDemo"));
    QCOMPARE(m_server->requestsFor(QStringLiteral("ping")).size(), 1);
    QCOMPARE(m_server->requestsFor(QStringLiteral("ping")).first().kind, TdsRequest::Kind::Batch);
}

void TestTdsConnect::loginFails_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("refuse");
    QTest::newRow("wrong password") << QStringLiteral("bs_test") << QStringLiteral("wrong") << false;
    QTest::newRow("unknown login") << QStringLiteral("nobody") << QStringLiteral("Pa55;w{o]rd'") << false;
    QTest::newRow("logins refused") << QStringLiteral("bs_test") << QStringLiteral("Pa55;w{o]rd'") << true;
}

void TestTdsConnect::loginFails()
{
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(bool, refuse);
    m_server->setRefuseLogins(refuse);
    QString cs = m_server->connectionString(QString(), password);
    cs.replace(QStringLiteral("UID=bs_test;"), QStringLiteral("UID=%1;").arg(user));
    OdbcTestConnection c(cs);
    QVERIFY(!c.open());
    // The server's own text reaches the caller through FreeTDS and QODBC.
    QVERIFY2(c.errorText().contains(QStringLiteral("Login failed for user '%1'.").arg(user)), qPrintable(c.errorText()));
    QCOMPARE(m_server->acceptedLoginCount(), 0);
}

void TestTdsConnect::unknownDatabase()
{
    OdbcTestConnection c(m_server->connectionString(QStringLiteral("NoSuchDb")));
    QVERIFY(!c.open());
    QVERIFY2(c.errorText().contains(QLatin1String("NoSuchDb")) || c.errorText().contains(QLatin1String("Login failed")),
             qPrintable(c.errorText()));
}

void TestTdsConnect::closedPortFailsFast()
{
    // A port that was free a moment ago: nothing listens there.
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    QString cs = m_server->connectionString();
    cs.replace(QStringLiteral("Port=%1;").arg(m_server->port()), QStringLiteral("Port=%1;").arg(port));
    OdbcTestConnection c(cs, 3);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!c.open());
    QVERIFY2(timer.elapsed() < 3000 + 2000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(!c.errorText().trimmed().isEmpty());
    qInfo().noquote() << "closed port:" << c.errorText();
}

void TestTdsConnect::silentServerHitsLoginTimeout()
{
    m_server->setSilent(true);
    OdbcTestConnection c(m_server->connectionString(), 2);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!c.open());
    const qint64 ms = timer.elapsed();
    qInfo().noquote() << "silent server after" << ms << "ms:" << c.errorText();
    QVERIFY2(ms >= 1500 && ms < 2000 + 3000, qPrintable(QString::number(ms)));
    QVERIFY(!c.errorText().trimmed().isEmpty());
}

void TestTdsConnect::restartOnSamePort()
{
    const quint16 port = m_server->port();
    OdbcTestConnection c(m_server->connectionString());
    QVERIFY2(c.open(), qPrintable(c.errorText()));
    QVERIFY(ping(c.database()));

    m_server->stop();
    QString error;
    QVERIFY(!ping(c.database(), &error));
    QVERIFY(!error.isEmpty());

    QVERIFY2(m_server->start(port, &error), qPrintable(error));
    QCOMPARE(m_server->port(), port);
    // The old connection is gone for good; a new one reaches the restarted server.
    c.database().close();
    QVERIFY2(c.open(), qPrintable(c.errorText()));
    QVERIFY2(ping(c.database(), &error), qPrintable(error));
}

void TestTdsConnect::closingBraceInPassword()
{
    // ODBC escapes '}' inside a braced value as "}}" (what connectionString() and the
    // application's builder write). FreeTDS 1.3.17 passes "}}" through unchanged, so such a
    // password cannot log in through FreeTDS; Microsoft's drivers follow the ODBC rule.
    TdsFixture f = fixture();
    f.password = QStringLiteral("a}b");
    m_server->setFixture(f);
    OdbcTestConnection c(m_server->connectionString());
    QEXPECT_FAIL("", "FreeTDS 1.3.17 does not unescape }} in a braced connection-string value", Continue);
    QVERIFY2(c.open(), qPrintable(m_server->requestLog()));
}

QTEST_GUILESS_MAIN(TestTdsConnect)
#include "tst_tdsconnect.moc"
