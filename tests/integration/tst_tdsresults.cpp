#include "odbctestconnection.h"
#include "tdsserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QScopeGuard>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlResult>
#include <QTest>
#include <QUuid>

#include <algorithm>

#include <sql.h>
#include <sqlext.h>

using namespace bs;

/// Result sets, parameters and faults through QODBC -> unixODBC -> FreeTDS -> TDS test server.
class TestTdsResults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void qodbcUnicodeModeFollowsTheDriverName();
    void typedValuesRoundTrip();
    void longUnicodeNameThroughNarrowGetData();
    void longUnicodeNameInWiderColumn_data();
    void longUnicodeNameInWiderColumn();
    void parametersArriveAsRpc_data();
    void parametersArriveAsRpc();
    void unknownAndUntaggedStatementsFail_data();
    void unknownAndUntaggedStatementsFail();
    void permissionErrorLeavesConnectionUsable();
    void queryTimeoutCancelsSlowStatement();
    void droppedConnectionMidResult();

private:
    bool open();
    bool ping(QString *error = nullptr);

    std::unique_ptr<TdsServer> m_server;
    std::unique_ptr<OdbcTestConnection> m_connection;
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

/// Compares what QODBC returned with the fixture's JSON value for a column; empty when equal.
QString compare(const QVariant &actual, const QJsonValue &expected, const TdsColumn &column)
{
    const auto differs = [&](const QString &a, const QString &e) {
        return QStringLiteral("%1 (%2): got \"%3\", expected \"%4\"").arg(column.name, column.typeName, a, e);
    };
    if (expected.isNull())
        return actual.isNull() ? QString() : differs(actual.toString(), QStringLiteral("NULL"));
    if (actual.isNull())
        return differs(QStringLiteral("NULL"), expected.toVariant().toString());
    switch (column.type) {
    case TdsType::TinyInt:
    case TdsType::SmallInt:
    case TdsType::Int:
    case TdsType::BigInt: {
        const qint64 e = expected.isString() ? expected.toString().toLongLong() : expected.toInteger();
        return actual.toLongLong() == e ? QString() : differs(actual.toString(), QString::number(e));
    }
    case TdsType::Bit: {
        const bool e = expected.isBool() ? expected.toBool() : expected.toInteger() != 0;
        return actual.toBool() == e ? QString() : differs(actual.toString(), QString::number(e));
    }
    case TdsType::UniqueIdentifier:
        return QUuid(actual.toString()) == QUuid(expected.toString()) ? QString()
                                                                      : differs(actual.toString(), expected.toString());
    case TdsType::DateTime:
    case TdsType::DateTime2: {
        // QODBC hands back local-time QDateTimes built from the server's wall-clock fields.
        const QDateTime a = actual.toDateTime();
        const QDateTime e = QDateTime::fromString(expected.toString().left(23), Qt::ISODateWithMs);
        return a.date() == e.date() && a.time() == e.time() ? QString()
                                                            : differs(a.toString(Qt::ISODateWithMs), e.toString(Qt::ISODateWithMs));
    }
    case TdsType::VarBinary: {
        const QByteArray e = QByteArray::fromHex(expected.toString().mid(2).toLatin1());
        return actual.toByteArray() == e ? QString() : differs(QString::fromLatin1(actual.toByteArray().toHex()), expected.toString());
    }
    default:
        return actual.toString() == expected.toString() ? QString() : differs(actual.toString(), expected.toString());
    }
}

} // namespace

void TestTdsResults::init()
{
    m_server = std::make_unique<TdsServer>(fixture());
    QString error;
    QVERIFY2(m_server->start(0, &error), qPrintable(error));
    QVERIFY2(open(), qPrintable(m_connection->errorText()));
}

void TestTdsResults::cleanup()
{
    if (QTest::currentTestFailed())
        qInfo().noquote() << "server log:\n" << m_server->requestLog();
    m_connection.reset();
    m_server.reset();
}

bool TestTdsResults::open()
{
    m_connection.reset();
    m_connection = std::make_unique<OdbcTestConnection>(m_server->connectionString());
    return m_connection->open();
}

bool TestTdsResults::ping(QString *error)
{
    QSqlQuery q(m_connection->database());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("-- query: ping\nSELECT 1 AS ok;")) || !q.next()) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    return q.value(0).toInt() == 1;
}

void TestTdsResults::qodbcUnicodeModeFollowsTheDriverName()
{
    // Qt 6.4's QODBC decides its Unicode mode at connect: QODBCDriverPrivate::checkUnicode() asks
    // SQLGetInfo(SQL_CONVERT_CHAR/VARCHAR/LONGVARCHAR) for SQL_CVT_W* bits (and only without them
    // runs the probe `select 'test'`); then checkDBMS() switches Unicode off for every driver
    // whose SQL_DRIVER_NAME contains "tdsodbc", whatever checkUnicode() found.
    const QVariant dbcHandle = m_connection->database().driver()->handle();
    QCOMPARE(dbcHandle.metaType(), QMetaType::fromType<SQLHANDLE>());
    SQLHANDLE dbc = *static_cast<const SQLHANDLE *>(dbcHandle.constData());
    QVERIFY(dbc);
    SQLUINTEGER conversions = 0;
    QVERIFY(SQL_SUCCEEDED(SQLGetInfo(dbc, SQL_CONVERT_VARCHAR, &conversions, sizeof conversions, nullptr)));
    qInfo() << "SQL_CONVERT_VARCHAR:" << Qt::hex << conversions;
    QVERIFY2(conversions & SQL_CVT_WVARCHAR, "FreeTDS no longer reports varchar -> wvarchar conversion");
    // So the driver stack itself is Unicode-capable, and QODBC sent no probe.
    const QList<TdsRequest> log = m_server->requests();
    QVERIFY(std::none_of(log.cbegin(), log.cend(), [](const TdsRequest &r) {
        return r.text.simplified().compare(u"select 'test'", Qt::CaseInsensitive) == 0;
    }));

    SQLCHAR name[256] = {};
    SQLSMALLINT length = 0;
    QVERIFY(SQL_SUCCEEDED(SQLGetInfo(dbc, SQL_DRIVER_NAME, name, SQLSMALLINT(sizeof name), &length)));
    const QString driverName = QString::fromLatin1(reinterpret_cast<const char *>(name), length);
    qInfo().noquote() << "SQL_DRIVER_NAME:" << driverName;
    QVERIFY2(driverName.contains(QLatin1String("tdsodbc")), qPrintable(driverName));
    // The name alone puts QODBC in narrow mode (SQL_C_CHAR reads, varchar parameters), with a
    // real server as well: the cause of the expected failures in parametersArriveAsRpc and
    // tst_tdscatalog (see longUnicodeNameThroughNarrowGetData for the empty names).
    QCOMPARE(m_connection->database().driver()->hasFeature(QSqlDriver::Unicode), false);

    // A driver that does send the probe gets SQL Server's answer from the test server.
    QSqlQuery q(m_connection->database());
    q.setForwardOnly(true);
    QVERIFY2(q.exec(QStringLiteral("select 'test'")), qPrintable(q.lastError().text()));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("test"));
}

void TestTdsResults::typedValuesRoundTrip()
{
    const TdsResultSet expected = fixture().queries.value(QStringLiteral("all_types")).resultSets.first();
    QSqlQuery q(m_connection->database());
    q.setForwardOnly(true);
    QVERIFY2(q.exec(QStringLiteral("-- query: all_types\nSELECT * FROM dbo.AllTypes;")), qPrintable(q.lastError().text()));
    int row = 0;
    while (q.next()) {
        QVERIFY(row < expected.rows.size());
        for (int col = 0; col < expected.columns.size(); ++col) {
            const QString problem = compare(q.value(col), expected.rows.at(row).at(col), expected.columns.at(col));
            QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("row %1: %2").arg(row).arg(problem)));
        }
        ++row;
    }
    QVERIFY2(!q.lastError().isValid(), qPrintable(q.lastError().text()));
    QCOMPARE(row, expected.rows.size());
}

void TestTdsResults::longUnicodeNameThroughNarrowGetData()
{
    // A 128-character sysname that takes 138 bytes in UTF-8, read the way QODBC reads text in
    // narrow mode: SQLGetData(SQL_C_CHAR) into a buffer of column size + 1 bytes, then again.
    const QString name = QString(118, u'a') + QString(10, QChar(0x00E9));
    TdsReply reply;
    TdsResultSet rs;
    rs.columns.append(*TdsFixture::column(QStringLiteral("name"), QStringLiteral("sysname")));
    rs.rows.append(QJsonArray{name});
    reply.resultSets.append(rs);
    m_server->setReply(QStringLiteral("long_name"), reply);

    const QVariant dbcHandle = m_connection->database().driver()->handle();
    QCOMPARE(dbcHandle.metaType(), QMetaType::fromType<SQLHANDLE>());
    SQLHANDLE dbc = *static_cast<const SQLHANDLE *>(dbcHandle.constData());
    SQLHANDLE stmt = nullptr;
    QVERIFY(SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt)));
    const auto freeStatement = qScopeGuard([stmt] { SQLFreeHandle(SQL_HANDLE_STMT, stmt); });
    QByteArray text("-- query: long_name\nSELECT name FROM sys.services;");
    QVERIFY(SQL_SUCCEEDED(SQLExecDirect(stmt, reinterpret_cast<SQLCHAR *>(text.data()), SQL_NTS)));
    QVERIFY(SQL_SUCCEEDED(SQLFetch(stmt)));
    SQLULEN columnSize = 0;
    SQLSMALLINT dataType = 0;
    QVERIFY(SQL_SUCCEEDED(SQLDescribeCol(stmt, 1, nullptr, 0, nullptr, &dataType, &columnSize, nullptr, nullptr)));
    QByteArray utf8;
    QList<std::pair<SQLRETURN, SQLLEN>> calls;
    QByteArray buffer(qsizetype(columnSize) + 1, '\0');
    for (int i = 0; i < 8; ++i) {
        SQLLEN indicator = 0;
        const SQLRETURN r = SQLGetData(stmt, 1, SQL_C_CHAR, buffer.data(), SQLLEN(buffer.size()), &indicator);
        calls.append({r, indicator});
        if (!SQL_SUCCEEDED(r))
            break;
        utf8 += QByteArray(buffer.constData(), qsizetype(qstrnlen(buffer.constData(), size_t(buffer.size()))));
        if (r == SQL_SUCCESS)
            break;
    }
    QCOMPARE(dataType, SQLSMALLINT(SQL_WVARCHAR));
    QCOMPARE(columnSize, SQLULEN(128));
    // FreeTDS delivers the whole name in two pieces; the first says "more, total unknown"
    // (SQL_SUCCESS_WITH_INFO with SQL_NO_TOTAL) because it converts UCS-2 to UTF-8 as it goes.
    QVERIFY(calls.size() >= 2);
    QCOMPARE(calls.first().first, SQLRETURN(SQL_SUCCESS_WITH_INFO));
    QCOMPARE(calls.first().second, SQLLEN(SQL_NO_TOTAL));
    QCOMPARE(calls.last().first, SQLRETURN(SQL_SUCCESS));
    QCOMPARE(QString::fromUtf8(utf8), name);
    // Without MARS the connection serves one statement at a time: end this one's result first.
    QVERIFY(SQL_SUCCEEDED(SQLCloseCursor(stmt)));

    // QODBC (narrow mode, see qodbcUnicodeModeFollowsTheDriverName) reads with the same buffer
    // size, and Qt 6.4's qGetStringData() clears the value when the indicator is SQL_NO_TOTAL:
    // the empty long names in tst_tdscatalog. Not a server or FreeTDS fault.
    QSqlQuery q(m_connection->database());
    q.setForwardOnly(true);
    QVERIFY2(q.exec(QStringLiteral("-- query: long_name\nSELECT name FROM sys.services;")), qPrintable(q.lastError().text()));
    QVERIFY(q.next());
    QEXPECT_FAIL("", "Qt 6.4's QODBC drops a narrow value whose length is SQL_NO_TOTAL", Continue);
    QCOMPARE(q.value(0).toString(), name);
}

void TestTdsResults::longUnicodeNameInWiderColumn_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("whole");
    // 128 UTF-16 code units take at most 384 bytes in UTF-8: a BMP character is one unit and at
    // most 3 bytes, a non-BMP character is two units and 4 bytes.
    const QString latin = QString(118, u'a') + QString(10, QChar(0x00E9));
    const QString cjk = QString(128, QChar(0x540D));
    QString nonBmp;
    for (int i = 0; i < 64; ++i)
        nonBmp += QString::fromUcs4(U"\U0001F680");
    QTest::newRow("sysname, 138 bytes") << QStringLiteral("sysname") << latin << false;
    QTest::newRow("nvarchar(256), 384 bytes") << QStringLiteral("nvarchar(256)") << cjk << false;
    QTest::newRow("nvarchar(384), 384 bytes") << QStringLiteral("nvarchar(384)") << cjk << true;
    QTest::newRow("nvarchar(384), 138 bytes") << QStringLiteral("nvarchar(384)") << latin << true;
    QTest::newRow("nvarchar(384), non-BMP 256 bytes") << QStringLiteral("nvarchar(384)") << nonBmp << true;
    QTest::newRow("nvarchar(512), 384 bytes") << QStringLiteral("nvarchar(512)") << cjk << true;
    QTest::newRow("nvarchar(4000), 384 bytes") << QStringLiteral("nvarchar(4000)") << cjk << true;
}

void TestTdsResults::longUnicodeNameInWiderColumn()
{
    // The catalog queries CAST sysname columns to nvarchar(384): QODBC's narrow read uses a
    // buffer of the declared column size + 1 bytes, and a value that fits in it arrives in one
    // piece with its real length instead of SQL_NO_TOTAL (see longUnicodeNameThroughNarrowGetData);
    // 384 bytes in nvarchar(384) is the exact fit (384 + the terminating zero).
    QFETCH(QString, type);
    QFETCH(QString, name);
    QFETCH(bool, whole);
    QCOMPARE(name.size(), 128);
    TdsReply reply;
    TdsResultSet rs;
    rs.columns.append(*TdsFixture::column(QStringLiteral("name"), type));
    rs.rows.append(QJsonArray{name});
    reply.resultSets.append(rs);
    m_server->setReply(QStringLiteral("wide_name"), reply);

    QSqlQuery q(m_connection->database());
    q.setForwardOnly(true);
    // The test server declares the column with the row's type, as SQL Server would for a CAST.
    QVERIFY2(q.exec(QStringLiteral("-- query: wide_name\nSELECT name FROM sys.services;")), qPrintable(q.lastError().text()));
    QVERIFY(q.next());
    if (!whole)
        QEXPECT_FAIL("", "a value longer in UTF-8 than the declared width reads back empty (SQL_NO_TOTAL)", Continue);
    QCOMPARE(q.value(0).toString(), name);
}

void TestTdsResults::parametersArriveAsRpc_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("quotes and brackets") << QStringLiteral("Svc]'[Name]]'");
    QTest::newRow("latin-1") << QStringLiteral("Ünïcødé");
    QTest::newRow("beyond latin-1") << QStringLiteral("Svc ✓ 名前");
}

void TestTdsResults::parametersArriveAsRpc()
{
    QFETCH(QString, name);
    QSqlQuery q(m_connection->database());
    q.setForwardOnly(true);
    QVERIFY(q.prepare(QStringLiteral("-- query: by_name\nSELECT 1 AS found FROM sys.services WHERE name = ? AND service_id = ?;")));
    q.addBindValue(name);
    q.addBindValue(42);
    // QODBC binds a QString as a narrow VARCHAR parameter here; FreeTDS converts it to the
    // server collation's code page (CP1252) before sending, so characters outside that code page
    // fail in the driver and never reach the server.
    QEXPECT_FAIL("beyond latin-1", "QODBC + FreeTDS 1.3.17 send string parameters as varchar", Abort);
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    q.addBindValue(name);
    q.addBindValue(43);
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));

    const QList<TdsRequest> seen = m_server->requestsFor(QStringLiteral("by_name"));
    QCOMPARE(seen.size(), 2);
    // FreeTDS prepares on first execution (sp_prepexec) and re-executes the handle (sp_execute),
    // or prepares again after a cancelled result.
    QCOMPARE(seen.at(0).kind, TdsRequest::Kind::Rpc);
    QCOMPARE(seen.at(0).procedure, QStringLiteral("sp_prepexec"));
    QVERIFY2(seen.at(1).procedure == u"sp_execute" || seen.at(1).procedure == u"sp_prepexec", qPrintable(seen.at(1).procedure));
    QCOMPARE(seen.at(0).parameters.size(), 2);
    QCOMPARE(seen.at(0).parameters.at(0).value.toString(), name);
    QCOMPARE(seen.at(0).parameters.at(1).value.toLongLong(), 42);
    QCOMPARE(seen.at(1).parameters.at(1).value.toLongLong(), 43);
    // The text reached the server unchanged except for FreeTDS's @P1.. placeholders.
    QVERIFY(seen.at(0).text.contains(QLatin1String("WHERE name = @P1 AND service_id = @P2")));
}

void TestTdsResults::unknownAndUntaggedStatementsFail_data()
{
    QTest::addColumn<QString>("statement");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown tag") << QStringLiteral("-- query: no_such_query\nSELECT 1;")
                                 << QStringLiteral("Invalid object name 'no_such_query'.");
    QTest::newRow("untagged") << QStringLiteral("SELECT name FROM sys.objects;")
                              << QStringLiteral("Invalid object name 'sys.objects'.");
}

void TestTdsResults::unknownAndUntaggedStatementsFail()
{
    QFETCH(QString, statement);
    QFETCH(QString, message);
    QSqlQuery q(m_connection->database());
    q.setForwardOnly(true);
    QVERIFY(!q.exec(statement));
    QVERIFY2(q.lastError().text().contains(message), qPrintable(q.lastError().text()));
    QCOMPARE(q.lastError().nativeErrorCode(), QStringLiteral("208"));
    QString error;
    QVERIFY2(ping(&error), qPrintable(error));
}

void TestTdsResults::permissionErrorLeavesConnectionUsable()
{
    QSqlQuery q(m_connection->database());
    q.setForwardOnly(true);
    QVERIFY(!q.exec(QStringLiteral("-- query: server_state\nSELECT * FROM sys.dm_broker_activated_tasks;")));
    QVERIFY2(q.lastError().text().contains(
                 QLatin1String("VIEW SERVER STATE permission was denied on object 'server', database 'master'.")),
             qPrintable(q.lastError().text()));
    QCOMPARE(q.lastError().nativeErrorCode(), QStringLiteral("300"));
    QString error;
    QVERIFY2(ping(&error), qPrintable(error));
}

void TestTdsResults::queryTimeoutCancelsSlowStatement()
{
    QSqlQuery q(m_connection->database());
    q.setForwardOnly(true);
    QVERIFY(q.prepare(QStringLiteral("-- query: slow\nSELECT 1 AS n;")));
    // QSqlQuery has no timeout of its own: set the ODBC statement attribute on the driver handle.
    const QVariant handle = q.result()->handle();
    QVERIFY(handle.isValid());
    // QODBC's handle is a QVariant of SQLHANDLE, a typedef of void*, so its type name is "void*".
    QCOMPARE(QByteArray(handle.typeName()), QByteArray("void*"));
    SQLHANDLE stmt = *static_cast<const SQLHANDLE *>(handle.constData());
    QVERIFY(SQL_SUCCEEDED(SQLSetStmtAttr(stmt, SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(1), 0)));
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!q.exec());
    const qint64 ms = timer.elapsed();
    qInfo().noquote() << "timeout after" << ms << "ms:" << q.lastError().text();
    QVERIFY2(ms < 4000, qPrintable(QString::number(ms))); // the server would answer after 6 s
    // FreeTDS cancels with an attention; the server acknowledged it and the connection lives on.
    QTRY_VERIFY(std::any_of(m_server->requests().cbegin(), m_server->requests().cend(),
                            [](const TdsRequest &r) { return r.kind == TdsRequest::Kind::Attention; }));
    q.finish();
    QString error;
    QVERIFY2(ping(&error), qPrintable(error));
}

void TestTdsResults::droppedConnectionMidResult()
{
    QSqlQuery q(m_connection->database());
    q.setForwardOnly(true);
    int rows = 0;
    if (q.exec(QStringLiteral("-- query: half\nSELECT n, name FROM dbo.Numbers;"))) {
        while (q.next())
            ++rows;
    }
    QVERIFY(rows < 5);
    QVERIFY(q.lastError().isValid());
    qInfo().noquote() << "dropped after" << rows << "rows:" << q.lastError().text();
    QString error;
    QVERIFY(!ping(&error));
    // A new connection works again.
    QVERIFY2(open(), qPrintable(m_connection->errorText()));
    QVERIFY2(ping(&error), qPrintable(error));
    QCOMPARE(m_server->acceptedLoginCount(), 2);
}

QTEST_GUILESS_MAIN(TestTdsResults)
#include "tst_tdsresults.moc"
