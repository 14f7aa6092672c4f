#include "data/odbc/guardedconnection.h"
#include "data/odbc/odbcdrivers.h"
#include "data/odbchandle.h"
#include "tdsserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>

#include <thread>

using namespace bs;

/// GuardedConnection through QODBC -> FreeTDS -> the TDS test server: a deadline of ours on the
/// connect and on every statement, whatever the driver does (issue #11).
class TestGuardedConnection : public QObject
{
    Q_OBJECT

private:
    static TdsFixture fixture()
    {
        TdsFixture f;
        f.database = QStringLiteral("BrokerDemo");
        TdsReply one;
        TdsResultSet rs;
        rs.columns.append(*TdsFixture::column(QStringLiteral("n"), QStringLiteral("int")));
        rs.rows.append(QJsonArray{1});
        one.resultSets.append(rs);
        f.queries.insert(QStringLiteral("one"), one);
        // A statement the server works on for a minute but stops at an attention (SQLCancel).
        TdsReply slow = one;
        slow.delayMs = 60000;
        f.queries.insert(QStringLiteral("slow"), slow);
        // A statement whose server never answers, not even the cancel.
        TdsReply hung = one;
        hung.delayMs = 60000;
        hung.ignoreAttention = true;
        f.queries.insert(QStringLiteral("hung"), hung);
        return f;
    }

    /// The FreeTDS connection string of the server without TDS_Version (the FreeTDS default
    /// "auto" that loops on a server that does not answer).
    static QString withoutTdsVersion(const TdsServer &server)
    {
        return server.connectionString().remove(QStringLiteral("TDS_Version=7.4;"));
    }

    static bool openConnection(GuardedConnection &c, QString *error) { return c.open(5, QString(), error); }

private Q_SLOTS:
    void initTestCase()
    {
        if (!OdbcDrivers::installed().contains(QStringLiteral("FreeTDS")))
            QSKIP("FreeTDS is not registered with unixODBC here (install tdsodbc); the real-ODBC tests need it.");
    }

    void queryThroughTheGuardedConnection()
    {
        TdsServer server(fixture());
        QVERIFY(server.start());
        GuardedConnection c(server.connectionString(), QStringLiteral("tds"));
        QString error;
        QVERIFY2(openConnection(c, &error), qPrintable(error));
        GuardedConnection::Outcome outcome = GuardedConnection::Outcome::Abandoned;
        const QueryResult r = c.query(QStringLiteral("-- query: one\nSELECT 1 AS n;"), 5, &outcome);
        QCOMPARE(outcome, GuardedConnection::Outcome::Ok);
        QVERIFY2(!r.failed, qPrintable(r.errorText));
        QCOMPARE(r.rows.size(), 1);
        QCOMPARE(r.rows.at(0).at(0).toInt(), 1);
    }

    void connectToSilentServerEndsAtTheDeadline_data()
    {
        QTest::addColumn<bool>("stallAfterPrelogin");
        QTest::addColumn<bool>("tdsVersion");
        QTest::newRow("accepts TCP, never answers, no TDS_Version") << false << false;
        QTest::newRow("accepts TCP, never answers, TDS_Version=7.4") << false << true;
        QTest::newRow("answers PRELOGIN then stalls, no TDS_Version") << true << false;
        QTest::newRow("answers PRELOGIN then stalls, TDS_Version=7.4") << true << true;
    }

    void connectToSilentServerEndsAtTheDeadline()
    {
        QFETCH(bool, stallAfterPrelogin);
        QFETCH(bool, tdsVersion);
        TdsServer server(fixture());
        QVERIFY(server.start());
        server.setSilent(!stallAfterPrelogin);
        server.setStallAfterPrelogin(stallAfterPrelogin);
        const int loginTimeout = 2;
        GuardedConnection c(tdsVersion ? server.connectionString() : withoutTdsVersion(server), QStringLiteral("tds"));
        QElapsedTimer clock;
        clock.start();
        QString error;
        QVERIFY(!c.open(loginTimeout, QString(), &error));
        const qint64 ms = clock.elapsed();
        qInfo().noquote() << "failed after" << ms << "ms:" << error;
        // Our deadline is the login timeout plus one second of slack; give the machine one more.
        QVERIFY2(ms < (loginTimeout + 2) * 1000, qPrintable(QString::number(ms)));
        QVERIFY(!error.isEmpty());
        QVERIFY(!c.isOpen());
        if (error.startsWith(QLatin1String("No answer")) && !tdsVersion)
            QVERIFY2(error.contains(QLatin1String("TDS_Version=7.4")), qPrintable(error));
        server.stop(); // ends the abandoned attempt, if any
    }

    void statementStallingIsCancelledAtItsDeadline()
    {
        TdsServer server(fixture());
        QVERIFY(server.start());
        GuardedConnection c(server.connectionString(), QStringLiteral("tds"));
        QString error;
        QVERIFY2(openConnection(c, &error), qPrintable(error));
        QElapsedTimer clock;
        clock.start();
        GuardedConnection::Outcome outcome = GuardedConnection::Outcome::Ok;
        const QueryResult r = c.query(QStringLiteral("-- query: slow\nSELECT 1 AS n;"), 1, &outcome);
        const qint64 ms = clock.elapsed();
        qInfo().noquote() << "stalled statement ended after" << ms << "ms:" << r.errorText;
        QVERIFY(r.failed);
        QVERIFY2(ms < 3000, qPrintable(QString::number(ms)));
        // The server saw the cancel (an attention), and the connection still answers.
        QTRY_VERIFY_WITH_TIMEOUT(server.requestLog().contains(QLatin1String("attention"), Qt::CaseInsensitive), 2000);
        QVERIFY(outcome != GuardedConnection::Outcome::Abandoned);
        const QueryResult again = c.query(QStringLiteral("-- query: one\nSELECT 1 AS n;"), 5);
        QVERIFY2(!again.failed, qPrintable(again.errorText));
    }

    void statementIgnoringTheCancelIsAbandoned()
    {
        TdsServer server(fixture());
        QVERIFY(server.start());
        const int before = GuardedConnection::abandonedThreadCount();
        GuardedConnection c(server.connectionString(), QStringLiteral("tds"));
        c.setGraceMs(500);
        QString error;
        QVERIFY2(c.open(5, QString(), &error), qPrintable(error));
        QElapsedTimer clock;
        clock.start();
        // A driver that does not honour a query timeout: the statement runs without one (FreeTDS
        // would otherwise give up by itself once its second timeout passes without an answer).
        // Only our deadline and SQLCancel act, and the server ignores the cancel too.
        const GuardedConnection::Outcome outcome = c.run(
            [](QSqlDatabase &db, StatementSlot &slot) {
                QSqlQuery q(db);
                q.setForwardOnly(true);
                if (q.prepare(QStringLiteral("-- query: hung\nSELECT 1 AS n;")) && slot.set(odbcStatementHandle(q)))
                    q.exec();
                slot.clear();
            },
            1, &error);
        const qint64 ms = clock.elapsed();
        qInfo().noquote() << "hung statement abandoned after" << ms << "ms:" << error;
        QCOMPARE(outcome, GuardedConnection::Outcome::Abandoned);
        QVERIFY2(error.startsWith(QLatin1String("No answer from server tds within 1 s; the driver did not give up")),
                 qPrintable(error));
        // Timeout 1 s + slack 1 s + grace 0.5 s, plus the machine's share.
        QVERIFY2(ms < 4000, qPrintable(QString::number(ms)));
        QVERIFY(!c.isOpen());
        QCOMPARE(GuardedConnection::abandonedThreadCount(), before + 1);
        // A call on an abandoned connection fails at once, as a lost connection (SQLSTATE class 08).
        const QueryResult lost = c.query(QStringLiteral("-- query: one\nSELECT 1 AS n;"), 5);
        QVERIFY(lost.failed);
        QCOMPARE(lost.nativeCode, QStringLiteral("08S01"));
        // Once the server lets go, the abandoned thread ends on its own and leaves the registry.
        server.dropConnections();
        QTRY_COMPARE_WITH_TIMEOUT(GuardedConnection::abandonedThreadCount(), before, 10000);
        // The same object connects again.
        QVERIFY2(c.open(5, QString(), &error), qPrintable(error));
        QVERIFY(!c.query(QStringLiteral("-- query: one\nSELECT 1 AS n;"), 5).failed);
    }

    void cancelFromAnotherThreadStopsTheStatement()
    {
        TdsServer server(fixture());
        QVERIFY(server.start());
        GuardedConnection c(server.connectionString(), QStringLiteral("tds"));
        QString error;
        QVERIFY2(openConnection(c, &error), qPrintable(error));
        std::thread canceller([&c] {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            c.cancel();
        });
        QElapsedTimer clock;
        clock.start();
        GuardedConnection::Outcome outcome = GuardedConnection::Outcome::Ok;
        const QueryResult r = c.query(QStringLiteral("-- query: slow\nSELECT 1 AS n;"), 30, &outcome);
        const qint64 ms = clock.elapsed();
        canceller.join();
        QCOMPARE(outcome, GuardedConnection::Outcome::Cancelled);
        QVERIFY(r.failed);
        QVERIFY2(ms < 2000, qPrintable(QString::number(ms)));
    }

    void multipleResultSetsArriveInOrder()
    {
        TdsFixture f = fixture();
        TdsReply two = f.queries.value(QStringLiteral("one"));
        TdsResultSet second;
        second.columns.append(*TdsFixture::column(QStringLiteral("name"), QStringLiteral("sysname")));
        second.rows.append(QJsonArray{QStringLiteral("a")});
        second.rows.append(QJsonArray{QStringLiteral("b")});
        two.resultSets.append(second);
        f.queries.insert(QStringLiteral("two"), two);
        TdsServer server(f);
        QVERIFY(server.start());
        GuardedConnection c(server.connectionString(), QStringLiteral("tds"));
        QString error;
        QVERIFY2(openConnection(c, &error), qPrintable(error));
        const QList<QueryResult> all = c.queryAll(QStringLiteral("-- query: two\nSELECT 1 AS n; SELECT name FROM x;"), 5);
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.at(0).columns, QStringList{QStringLiteral("n")});
        QCOMPARE(all.at(1).columns, QStringList{QStringLiteral("name")});
        QCOMPARE(all.at(1).rows.size(), 2);
        QCOMPARE(server.requestsFor(QStringLiteral("two")).size(), 1); // one round trip
    }
};

QTEST_GUILESS_MAIN(TestGuardedConnection)
#include "tst_guardedconnection.moc"
