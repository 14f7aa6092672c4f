#include "data/odbc/odbcconnectionstring.h"
#include "data/odbc/odbcdrivers.h"

#include <QFile>
#include <QTest>

#include <algorithm>

using namespace bs;

class TestOdbcConnectionString : public QObject
{
    Q_OBJECT

private:
    static ConnectionProfile profile(const QString &driver, const QString &server)
    {
        ConnectionProfile p;
        p.driver = driver;
        p.server = server;
        p.database = QStringLiteral("SalesOps");
        p.userName = QStringLiteral("sa");
        return p;
    }

private Q_SLOTS:
    void build_data()
    {
        QTest::addColumn<ConnectionProfile>("profile");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("expected");

        const QString ms18 = QStringLiteral("ODBC Driver 18 for SQL Server");
        const QString ms17 = QStringLiteral("ODBC Driver 17 for SQL Server");
        const QString tds = QStringLiteral("FreeTDS");
        const QString msTail = QStringLiteral("Encrypt=yes;TrustServerCertificate=no;APP=Broker Studio;");
        const QString tdsTail = QStringLiteral("TDS_Version=7.4;Encryption=require;ClientCharset=UTF-8;APP=Broker Studio;");

        QTest::newRow("driver 18, plain")
            << profile(ms18, QStringLiteral("sql01")) << QStringLiteral("secret")
            << QStringLiteral("Driver={ODBC Driver 18 for SQL Server};Server=sql01;Database=SalesOps;UID=sa;PWD=secret;")
                + msTail;
        QTest::newRow("semicolon is braced")
            << profile(ms18, QStringLiteral("sql01")) << QStringLiteral("a;b")
            << QStringLiteral("Driver={ODBC Driver 18 for SQL Server};Server=sql01;Database=SalesOps;UID=sa;PWD={a;b};")
                + msTail;
        QTest::newRow("open brace is braced")
            << profile(ms18, QStringLiteral("sql01")) << QStringLiteral("a{b")
            << QStringLiteral("Driver={ODBC Driver 18 for SQL Server};Server=sql01;Database=SalesOps;UID=sa;PWD={a{b};")
                + msTail;
        QTest::newRow("close brace is doubled")
            << profile(ms18, QStringLiteral("sql01")) << QStringLiteral("a}b}")
            << QStringLiteral("Driver={ODBC Driver 18 for SQL Server};Server=sql01;Database=SalesOps;UID=sa;PWD={a}}b}}};")
                + msTail;
        QTest::newRow("inner space stays bare")
            << profile(ms18, QStringLiteral("sql01")) << QStringLiteral("two words")
            << QStringLiteral("Driver={ODBC Driver 18 for SQL Server};Server=sql01;Database=SalesOps;UID=sa;PWD=two words;")
                + msTail;
        QTest::newRow("leading and trailing spaces are braced")
            << profile(ms18, QStringLiteral("sql01")) << QStringLiteral(" pad ")
            << QStringLiteral("Driver={ODBC Driver 18 for SQL Server};Server=sql01;Database=SalesOps;UID=sa;PWD={ pad };")
                + msTail;
        {
            ConnectionProfile p = profile(ms18, QStringLiteral("sql01"));
            p.database = QStringLiteral("Продажи;Ünïcødé");
            QTest::newRow("unicode")
                << p << QStringLiteral("pässwörd😀")
                << QStringLiteral("Driver={ODBC Driver 18 for SQL Server};Server=sql01;Database={Продажи;Ünïcødé};UID=sa;"
                                  "PWD=pässwörd😀;")
                    + msTail;
        }
        QTest::newRow("empty password")
            << profile(ms18, QStringLiteral("sql01")) << QString()
            << QStringLiteral("Driver={ODBC Driver 18 for SQL Server};Server=sql01;Database=SalesOps;UID=sa;PWD=;")
                + msTail;
        {
            ConnectionProfile p = profile(QString(), QString());
            p.mode = ConnectionMode::Dsn;
            p.dsn = QStringLiteral("Prod SQL");
            QTest::newRow("dsn") << p << QStringLiteral("p;w")
                                 << QStringLiteral("DSN=Prod SQL;Database=SalesOps;UID=sa;PWD={p;w};");
        }
        QTest::newRow("driver 18, instance")
            << profile(ms18, QStringLiteral("sql01\\PROD")) << QStringLiteral("x")
            << QStringLiteral("Driver={ODBC Driver 18 for SQL Server};Server=sql01\\PROD;Database=SalesOps;UID=sa;PWD=x;")
                + msTail;
        QTest::newRow("driver 18, port")
            << profile(ms18, QStringLiteral("tcp:sql01, 1533")) << QStringLiteral("x")
            << QStringLiteral("Driver={ODBC Driver 18 for SQL Server};Server=sql01,1533;Database=SalesOps;UID=sa;PWD=x;")
                + msTail;
        QTest::newRow("freetds, port is its own keyword")
            << profile(tds, QStringLiteral("sql01,1533")) << QStringLiteral("x")
            << QStringLiteral("Driver={FreeTDS};Server=sql01;Port=1533;Database=SalesOps;UID=sa;PWD=x;") + tdsTail;
        QTest::newRow("freetds, instance")
            << profile(tds, QStringLiteral("sql01\\PROD")) << QStringLiteral("x")
            << QStringLiteral("Driver={FreeTDS};Server=sql01\\PROD;Database=SalesOps;UID=sa;PWD=x;") + tdsTail;
        {
            ConnectionProfile p = profile(tds, QStringLiteral("127.0.0.1"));
            p.encrypt = EncryptMode::Optional;
            QTest::newRow("freetds, optional encryption")
                << p << QStringLiteral("x")
                << QStringLiteral("Driver={FreeTDS};Server=127.0.0.1;Database=SalesOps;UID=sa;PWD=x;TDS_Version=7.4;"
                                  "Encryption=request;ClientCharset=UTF-8;APP=Broker Studio;");
        }
        {
            ConnectionProfile p = profile(ms18, QStringLiteral("sql01"));
            p.encrypt = EncryptMode::Strict;
            p.trustServerCertificate = true;
            QTest::newRow("driver 18, strict")
                << p << QStringLiteral("x")
                << QStringLiteral("Driver={ODBC Driver 18 for SQL Server};Server=sql01;Database=SalesOps;UID=sa;PWD=x;"
                                  "Encrypt=strict;TrustServerCertificate=yes;APP=Broker Studio;");
        }
        {
            ConnectionProfile p = profile(ms17, QStringLiteral("sql01"));
            p.encrypt = EncryptMode::Strict;
            QTest::newRow("driver 17 has no strict")
                << p << QStringLiteral("x")
                << QStringLiteral("Driver={ODBC Driver 17 for SQL Server};Server=sql01;Database=SalesOps;UID=sa;PWD=x;")
                    + msTail;
        }
        {
            ConnectionProfile p = profile(ms18, QStringLiteral("sql01"));
            p.encrypt = EncryptMode::Optional;
            p.authentication = Authentication::Integrated;
            QTest::newRow("driver 18, integrated")
                << p << QStringLiteral("ignored")
                << QStringLiteral("Driver={ODBC Driver 18 for SQL Server};Server=sql01;Database=SalesOps;"
                                  "Trusted_Connection=yes;Encrypt=no;TrustServerCertificate=no;APP=Broker Studio;");
        }
    }

    void build()
    {
        QFETCH(ConnectionProfile, profile);
        QFETCH(QString, password);
        QFETCH(QString, expected);
        const QString built = OdbcConnectionString::build(profile, password);
        QCOMPARE(built, expected);
        // What we build, we read back to the same values.
        if (profile.authentication == Authentication::SqlLogin)
            QCOMPARE(OdbcConnectionString::value(built, QStringLiteral("pwd")), password);
        QCOMPARE(OdbcConnectionString::value(built, QStringLiteral("Database")), profile.database);
    }

    void parse_data()
    {
        QTest::addColumn<QString>("connectionString");
        QTest::addColumn<QStringList>("expected"); // key=value after unquoting
        QTest::addColumn<bool>("ok");
        QTest::newRow("simple") << QStringLiteral("DSN=a;UID=b") << QStringList{QStringLiteral("DSN=a"), QStringLiteral("UID=b")} << true;
        QTest::newRow("braced with doubled brace")
            << QStringLiteral("PWD={x}};y};Server=s;") << QStringList{QStringLiteral("PWD=x};y"), QStringLiteral("Server=s")}
            << true;
        QTest::newRow("empty value and spaces")
            << QStringLiteral(" PWD= ; Database = db ") << QStringList{QStringLiteral("PWD="), QStringLiteral("Database=db")} << true;
        QTest::newRow("unterminated brace") << QStringLiteral("PWD={abc;UID=x") << QStringList{} << false;
    }

    void parse()
    {
        QFETCH(QString, connectionString);
        QFETCH(QStringList, expected);
        QFETCH(bool, ok);
        OdbcConnectionString::Pairs pairs;
        QString error;
        QCOMPARE(OdbcConnectionString::parse(connectionString, &pairs, &error), ok);
        if (!ok) {
            QVERIFY(!error.isEmpty());
            return;
        }
        QStringList got;
        for (const auto &[k, v] : pairs)
            got.append(k + QLatin1Char('=') + v);
        QCOMPARE(got, expected);
    }

    void masked()
    {
        const QString s = QStringLiteral("Driver={FreeTDS};Server=h;UID=sa;PWD={se;cret};");
        const QString m = OdbcConnectionString::masked(s);
        QVERIFY(!m.contains(QLatin1String("se;cret")));
        QCOMPARE(m, QStringLiteral("Driver={FreeTDS};Server=h;UID=sa;PWD=********;"));
    }

    void forQodbc_data()
    {
        QTest::addColumn<QString>("connectionString");
        QTest::addColumn<QString>("expected"); // empty = refused
        QTest::newRow("FreeTDS string gets TDS_Version") << QStringLiteral("Driver={FreeTDS};Server=h;")
                                                         << QStringLiteral("Driver={FreeTDS};Server=h;TDS_Version=7.4;");
        QTest::newRow("FreeTDS with TDS_Version passes") << QStringLiteral("Driver={FreeTDS};Server=h;tds_version=7.3")
                                                         << QStringLiteral("Driver={FreeTDS};Server=h;tds_version=7.3");
        QTest::newRow("Microsoft string passes") << QStringLiteral("Driver={ODBC Driver 18 for SQL Server};Server=h")
                                                 << QStringLiteral("Driver={ODBC Driver 18 for SQL Server};Server=h");
        QTest::newRow("dsn first loses its keyword") << QStringLiteral("DSN=prod;UID=u;PWD={a;b}") << QStringLiteral("prod;UID=u;PWD={a;b};");
        QTest::newRow("dsn moved to the front") << QStringLiteral("UID=u;DSN=prod") << QStringLiteral("prod;UID=u;");
        QTest::newRow(".dsn cannot pass") << QStringLiteral("Driver={FreeTDS};PWD=x.dsn") << QString();
        QTest::newRow("nothing to connect to") << QStringLiteral("UID=u;PWD=p") << QString();
    }

    void forQodbc()
    {
        QFETCH(QString, connectionString);
        QFETCH(QString, expected);
        QString error;
        QCOMPARE(OdbcConnectionString::forQodbc(connectionString, &error), expected);
        QCOMPARE(error.isEmpty(), !expected.isEmpty());
    }

    void freeTdsDefaultSaysSo()
    {
        QString note;
        const QString out = OdbcConnectionString::withFreeTdsDefaults(QStringLiteral("DRIVER=FreeTDS;Server=h;Port=1"), &note);
        QCOMPARE(out, QStringLiteral("DRIVER=FreeTDS;Server=h;Port=1;TDS_Version=7.4;"));
        QVERIFY2(note.contains(QLatin1String("TDS_Version=7.4")), qPrintable(note));
        note.clear();
        QCOMPARE(OdbcConnectionString::withFreeTdsDefaults(out, &note), out);
        QVERIFY(note.isEmpty());
    }

    void parseServer_data()
    {
        QTest::addColumn<QString>("server");
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("instance");
        QTest::addColumn<int>("port");
        QTest::newRow("host") << QStringLiteral("sql01") << QStringLiteral("sql01") << QString() << 0;
        QTest::newRow("instance") << QStringLiteral("sql01\\PROD") << QStringLiteral("sql01") << QStringLiteral("PROD") << 0;
        QTest::newRow("port") << QStringLiteral("sql01,1433") << QStringLiteral("sql01") << QString() << 1433;
        QTest::newRow("tcp prefix") << QStringLiteral("tcp:10.0.0.5,14330") << QStringLiteral("10.0.0.5") << QString() << 14330;
        QTest::newRow("bad port stays in host") << QStringLiteral("sql01,abc") << QStringLiteral("sql01,abc") << QString() << 0;
    }

    void parseServer()
    {
        QFETCH(QString, server);
        QFETCH(QString, host);
        QFETCH(QString, instance);
        QFETCH(int, port);
        const auto a = OdbcConnectionString::parseServer(server);
        QCOMPARE(a.host, host);
        QCOMPARE(a.instance, instance);
        QCOMPARE(a.port, port);
    }

    void clientCharset_data()
    {
        QTest::addColumn<QString>("driver");
        QTest::addColumn<int>("encrypt");
        QTest::addColumn<bool>("integrated");
        QTest::addColumn<QString>("charset");
        // FreeTDS converts text to ISO-8859-1 on the client unless told otherwise
        // (ClientCharset, freetds.org/userguide/odbcconnattr.htm); every FreeTDS string
        // asks for UTF-8, whatever the other options. Microsoft's drivers have no such keyword.
        const QString tdsPath = QStringLiteral("/usr/lib/x86_64-linux-gnu/odbc/libtdsodbc.so");
        const QString ms18 = QStringLiteral("ODBC Driver 18 for SQL Server");
        for (const EncryptMode mode : {EncryptMode::Optional, EncryptMode::Mandatory, EncryptMode::Strict}) {
            for (const bool integrated : {false, true}) {
                const QByteArray suffix = QByteArray::number(int(mode)) + (integrated ? " integrated" : " login");
                QTest::newRow(QByteArray(QByteArray("FreeTDS ") + suffix).constData()) << QStringLiteral("FreeTDS") << int(mode) << integrated << QStringLiteral("UTF-8");
                QTest::newRow(QByteArray(QByteArray("library path ") + suffix).constData()) << tdsPath << int(mode) << integrated << QStringLiteral("UTF-8");
                QTest::newRow(QByteArray(QByteArray("driver 18 ") + suffix).constData()) << ms18 << int(mode) << integrated << QString();
            }
        }
        QTest::newRow("other driver") << QStringLiteral("PostgreSQL Unicode") << int(EncryptMode::Optional) << false << QString();
    }

    void clientCharset()
    {
        QFETCH(QString, driver);
        QFETCH(int, encrypt);
        QFETCH(bool, integrated);
        QFETCH(QString, charset);
        ConnectionProfile p = profile(driver, QStringLiteral("sql01,1433"));
        p.encrypt = static_cast<EncryptMode>(encrypt);
        p.authentication = integrated ? Authentication::Integrated : Authentication::SqlLogin;
        const QString built = OdbcConnectionString::build(p, QStringLiteral("x"));
        OdbcConnectionString::Pairs pairs;
        QVERIFY(OdbcConnectionString::parse(built, &pairs));
        const auto count = std::count_if(pairs.cbegin(), pairs.cend(), [](const auto &kv) {
            return kv.first.compare(QLatin1String("ClientCharset"), Qt::CaseInsensitive) == 0;
        });
        QCOMPARE(count, charset.isEmpty() ? 0 : 1);
        QCOMPARE(OdbcConnectionString::value(built, QStringLiteral("clientcharset")), charset);
    }

    void preferredDriver_data()
    {
        QTest::addColumn<QStringList>("drivers");
        QTest::addColumn<QString>("expected");
        QTest::newRow("18 over 17 and FreeTDS")
            << QStringList{QStringLiteral("FreeTDS"), QStringLiteral("ODBC Driver 17 for SQL Server"),
                           QStringLiteral("ODBC Driver 18 for SQL Server")}
            << QStringLiteral("ODBC Driver 18 for SQL Server");
        QTest::newRow("17 over FreeTDS") << QStringList{QStringLiteral("FreeTDS"), QStringLiteral("ODBC Driver 17 for SQL Server")}
                                         << QStringLiteral("ODBC Driver 17 for SQL Server");
        QTest::newRow("FreeTDS over others") << QStringList{QStringLiteral("PostgreSQL Unicode"), QStringLiteral("FreeTDS")}
                                             << QStringLiteral("FreeTDS");
        QTest::newRow("none") << QStringList{} << QString();
    }

    void preferredDriver()
    {
        QFETCH(QStringList, drivers);
        QFETCH(QString, expected);
        QCOMPARE(OdbcDrivers::preferred(drivers), expected);
    }

    void installedDriversComeFromTheDriverManager()
    {
        // unixODBC lists the drivers registered in the system odbcinst.ini (installer/debian-packages.txt:
        // tdsodbc registers [FreeTDS]); every section there must come back from SQLDrivers.
        QFile ini(QStringLiteral("/etc/odbcinst.ini"));
        if (!qEnvironmentVariableIsEmpty("ODBCSYSINI") || !ini.open(QIODevice::ReadOnly))
            QSKIP("No readable /etc/odbcinst.ini (or ODBCSYSINI moves it): nothing to compare with.");
        QStringList sections;
        for (const QByteArray &line : ini.readAll().split('\n')) {
            const QByteArray t = line.trimmed();
            if (t.startsWith('[') && t.endsWith(']') && t != "[ODBC]")
                sections.append(QString::fromUtf8(t.mid(1, t.size() - 2)));
        }
        if (sections.isEmpty())
            QSKIP("No driver is registered in /etc/odbcinst.ini.");
        const QStringList drivers = OdbcDrivers::installed();
        for (const QString &section : sections)
            QVERIFY2(drivers.contains(section), qPrintable(section + QStringLiteral(" missing from ") + drivers.join(u',')));
    }
};

QTEST_GUILESS_MAIN(TestOdbcConnectionString)
#include "tst_odbcconnectionstring.moc"
