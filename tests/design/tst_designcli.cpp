#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(BS_APP_PATH), arguments);
    process.waitForFinished(60000);
    Run r;
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    r.out = QString::fromUtf8(process.readAllStandardOutput());
    r.err = QString::fromUtf8(process.readAllStandardError());
    return r;
}

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

const QString Corpus = QStringLiteral(BS_TEST_DATA_DIR "/design/import/");

} // namespace

/// `broker-studio ddl`, `import` and `diff`: outputs and exit codes, run as a user would.
class TestDesignCli : public QObject
{
    Q_OBJECT

private slots:
    void ddlFromSampleCatalogIsTheGolden();
    void ddlFromScriptRoundTrips();
    void importPrintsTheDesign();
    void importParseErrorExitsTwo();
    void diffWritesTheMigration();
    void usageErrors_data();
    void usageErrors();
};

void TestDesignCli::ddlFromSampleCatalogIsTheGolden()
{
    const Run r = run({u"ddl"_qs, u"--from-catalog"_qs, u"--sample"_qs});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, readText(QStringLiteral(BS_TEST_DATA_DIR "/design/ddl/sample.sql")));
}

void TestDesignCli::ddlFromScriptRoundTrips()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(u"out.sql"_qs);
    QCOMPARE(run({u"ddl"_qs, u"--from-design"_qs, Corpus + u"alter-and-drop.sql"_qs, u"--out"_qs, out}).exitCode, 0);
    const Run again = run({u"import"_qs, out, u"--format"_qs, u"json"_qs});
    const Run original = run({u"import"_qs, Corpus + u"alter-and-drop.sql"_qs, u"--format"_qs, u"json"_qs});
    QCOMPARE(again.exitCode, 0);
    QCOMPARE(again.out, original.out);
}

void TestDesignCli::importPrintsTheDesign()
{
    const Run text = run({u"import"_qs, Corpus + u"deployment-with-code.sql"_qs});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(text.out.contains(u"queue           [dbo].[OrdersQueue]  STATUS = ON  activates [dbo].[Orders_Activate] (4 readers)"_qs));
    QVERIFY(text.out.contains(u"skipped line 20: CREATE PROCEDURE dbo.Orders_Activate"_qs));
    const Run json = run({u"import"_qs, Corpus + u"deployment-with-code.sql"_qs, u"--format"_qs, u"json"_qs});
    QCOMPARE(json.exitCode, 0);
    const QJsonObject o = QJsonDocument::fromJson(json.out.toUtf8()).object();
    QCOMPARE(o.value(u"format"_qs).toString(), u"broker-studio-design"_qs);
    QCOMPARE(o.value(u"queues"_qs).toArray().size(), 2);
}

void TestDesignCli::importParseErrorExitsTwo()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"bad.sql"_qs);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("CREATE MESSAGE TYPE ok;\nCREATE QUEUE q WITH STATUS = MAYBE;\n");
    f.close();
    const Run r = run({u"import"_qs, path});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.contains(path + u":2:30: expected ON or OFF, found \"MAYBE\""_qs), qPrintable(r.err));
    QVERIFY(r.err.contains(u"no design was made"_qs));
    QCOMPARE(run({u"ddl"_qs, u"--from-design"_qs, path}).exitCode, 2);
}

void TestDesignCli::diffWritesTheMigration()
{
    QTemporaryDir dir;
    const QString migration = dir.filePath(u"migration.sql"_qs);
    const Run r = run({u"diff"_qs, u"--sample"_qs, u"--to"_qs, Corpus + u"ssms-script-as-create.sql"_qs, u"--out"_qs, migration});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith(u"drop message type [//Contoso/Orders/EndOfStream]"_qs));
    const QString script = readText(migration);
    QVERIFY(script.contains(u"BEGIN TRANSACTION;"_qs));
    QVERIFY(script.contains(u"-- WARNING: dropping a queue deletes every message in it\nDROP QUEUE [dbo].[AuditQueue];"_qs));
    // Same state on both sides: no differences.
    const Run same = run({u"diff"_qs, u"--from"_qs, Corpus + u"ssms-script-as-create.sql"_qs, u"--to"_qs, Corpus + u"ssms-script-as-create.sql"_qs});
    QCOMPARE(same.exitCode, 0);
    QVERIFY(same.out.startsWith(u"No differences."_qs));
}

void TestDesignCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("ddl nothing") << QStringList{u"ddl"_qs} << 2 << u"exactly one of --from-catalog or --from-design"_qs;
    QTest::newRow("ddl catalog without source") << QStringList{u"ddl"_qs, u"--from-catalog"_qs} << 2 << u"--sample or --connection"_qs;
    QTest::newRow("ddl missing file") << QStringList{u"ddl"_qs, u"--from-design"_qs, u"/nonexistent/x.json"_qs} << 1 << u"cannot read"_qs;
    QTest::newRow("ddl bad connection") << QStringList{u"ddl"_qs, u"--from-catalog"_qs, u"--connection"_qs, u""_qs} << 1 << u"unusable connection string"_qs;
    QTest::newRow("import no file") << QStringList{u"import"_qs} << 2 << u"give one script file"_qs;
    QTest::newRow("import bad format") << QStringList{u"import"_qs, u"x.sql"_qs, u"--format"_qs, u"xml"_qs} << 2 << u"--format must be text or json"_qs;
    QTest::newRow("import missing") << QStringList{u"import"_qs, u"/nonexistent/x.sql"_qs} << 1 << u"cannot read"_qs;
    QTest::newRow("diff without to") << QStringList{u"diff"_qs, u"--sample"_qs} << 2 << u"and --to"_qs;
    QTest::newRow("diff two sources") << QStringList{u"diff"_qs, u"--sample"_qs, u"--from"_qs, u"a.json"_qs, u"--to"_qs, u"b.json"_qs} << 2 << u"give one of"_qs;
}

void TestDesignCli::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const Run r = run(arguments);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestDesignCli)
#include "tst_designcli.moc"
