#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

Run runCheck(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(BS_APP_PATH), QStringList{u"check"_qs} + arguments);
    Run run;
    if (!process.waitForFinished(60000))
        return run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace

/// `broker-studio check`: every output format is well formed and every exit code means what the
/// help says (0 clean at the threshold, 1 findings, 2 could not check).
class TestCheckCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exitCodes_data();
    void exitCodes();
    void textNamesTheDemoFindings();
    void json();
    void junit();
    void sarif();
    void outputFile();
};

void TestCheckCommand::exitCodes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("demo has errors") << QStringList{u"--sample"_qs} << 1;
    QTest::newRow("healthy keep-firing scenario") << QStringList{u"--scenario"_qs, u"keep-firing"_qs} << 0;
    QTest::newRow("healthy at --fail-on warning") << QStringList{u"--scenario"_qs, u"keep-firing"_qs, u"--fail-on"_qs, u"warning"_qs} << 0;
    QTest::newRow("poisoned queue is an error") << QStringList{u"--scenario"_qs, u"poison"_qs, u"--fail-on"_qs, u"error"_qs} << 1;
    QTest::newRow("unknown format") << QStringList{u"--sample"_qs, u"--format"_qs, u"yaml"_qs} << 2;
    QTest::newRow("advice is no threshold") << QStringList{u"--sample"_qs, u"--fail-on"_qs, u"advice"_qs} << 2;
    QTest::newRow("no source") << QStringList() << 2;
    QTest::newRow("two sources") << QStringList{u"--sample"_qs, u"--scenario"_qs, u"demo"_qs} << 2;
    QTest::newRow("unknown scenario") << QStringList{u"--scenario"_qs, u"no-such-scenario"_qs} << 2;
    QTest::newRow("unreachable server")
        << QStringList{u"--connection"_qs,
                       u"Driver={FreeTDS};Server=127.0.0.1;Port=1;Database=x;UID=u;PWD={secret};TDS_Version=7.4;"_qs,
                       u"--login-timeout"_qs, u"2"_qs}
        << 2;
}

void TestCheckCommand::exitCodes()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    const Run run = runCheck(arguments);
    QCOMPARE(run.exitCode, exitCode);
    if (exitCode == 2)
        QVERIFY2(run.err.startsWith(u"broker-studio check: "), qPrintable(run.err));
    QVERIFY2(!run.err.contains(u"secret"), "the password never reaches the terminal");
}

void TestCheckCommand::textNamesTheDemoFindings()
{
    const Run run = runCheck({u"--sample"_qs});
    const QString text = QString::fromUtf8(run.out);
    QVERIFY(text.contains(u"(code-fire-and-forget)"));
    QVERIFY(text.contains(u"[dbo].[Naive_Send]"));
    QVERIFY(text.contains(u"[dbo].[Audit_Send]"));
    QVERIFY(text.contains(u"[dbo].[Naive_Target] receives but never ends a conversation"));
    // The healthy keep-firing pair is not flagged.
    QVERIFY(!text.contains(u"Orders_"));
}

void TestCheckCommand::json()
{
    const Run run = runCheck({u"--sample"_qs, u"--format"_qs, u"json"_qs});
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(run.out, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(root.value(u"errors").toInt(), 3);
    const QJsonArray findings = root.value(u"findings").toArray();
    QCOMPARE(findings.size(), root.value(u"errors").toInt() + root.value(u"warnings").toInt() + root.value(u"advice").toInt());
    for (const QJsonValue &v : findings) {
        const QJsonObject f = v.toObject();
        QVERIFY(!f.value(u"rule").toString().isEmpty());
        QVERIFY(QStringList({u"error"_qs, u"warning"_qs, u"advice"_qs}).contains(f.value(u"severity").toString()));
        QVERIFY(!f.value(u"objects").toArray().isEmpty());
    }
}

// JUnit as CI servers read it: <testsuites><testsuite><testcase classname name>[<failure type message>].
void TestCheckCommand::junit()
{
    const Run run = runCheck({u"--sample"_qs, u"--format"_qs, u"junit"_qs});
    QCOMPARE(run.exitCode, 1);
    QXmlStreamReader xml(run.out);
    QStringList path;
    int testcases = 0;
    int failures = 0;
    int declaredTests = -1;
    int declaredFailures = -1;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const QString name = xml.name().toString();
            if (path.isEmpty())
                QCOMPARE(name, u"testsuites");
            if (name == u"testsuite") {
                QCOMPARE(path, QStringList{u"testsuites"_qs});
                declaredTests = xml.attributes().value(QLatin1String("tests")).toInt();
                declaredFailures = xml.attributes().value(QLatin1String("failures")).toInt();
            } else if (name == u"testcase") {
                QCOMPARE(path.last(), u"testsuite");
                QVERIFY(!xml.attributes().value(QLatin1String("name")).isEmpty());
                QVERIFY(xml.attributes().value(QLatin1String("classname")).startsWith(u"health."));
                ++testcases;
            } else if (name == u"failure") {
                QCOMPARE(path.last(), u"testcase");
                QVERIFY(!xml.attributes().value(QLatin1String("message")).isEmpty());
                ++failures;
            }
            path << name;
        } else if (xml.isEndElement()) {
            path.removeLast();
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(testcases, declaredTests);
    QCOMPARE(failures, declaredFailures);
    QCOMPARE(failures, 5); // 3 errors and 2 warnings; advice goes to system-out
}

// SARIF 2.1.0: version, one run, tool.driver.rules, results whose ruleIndex points at their rule.
void TestCheckCommand::sarif()
{
    const Run run = runCheck({u"--sample"_qs, u"--format"_qs, u"sarif"_qs});
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(run.out, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(root.value(u"version").toString(), u"2.1.0");
    QVERIFY(root.value(u"$schema").toString().contains(u"sarif-2.1.0"));
    const QJsonArray runs = root.value(u"runs").toArray();
    QCOMPARE(runs.size(), 1);
    const QJsonObject driver = runs.first().toObject().value(u"tool").toObject().value(u"driver").toObject();
    QVERIFY(!driver.value(u"name").toString().isEmpty());
    const QJsonArray rules = driver.value(u"rules").toArray();
    QVERIFY(rules.size() > 20);
    const QJsonArray results = runs.first().toObject().value(u"results").toArray();
    QCOMPARE(results.size(), 7);
    for (const QJsonValue &v : results) {
        const QJsonObject r = v.toObject();
        const int index = r.value(u"ruleIndex").toInt(-1);
        QVERIFY(index >= 0 && index < rules.size());
        QCOMPARE(rules.at(index).toObject().value(u"id").toString(), r.value(u"ruleId").toString());
        QVERIFY(QStringList({u"error"_qs, u"warning"_qs, u"note"_qs}).contains(r.value(u"level").toString()));
        QVERIFY(!r.value(u"message").toObject().value(u"text").toString().isEmpty());
        const QJsonObject location = r.value(u"locations").toArray().first().toObject();
        const QJsonObject physical = location.value(u"physicalLocation").toObject();
        QVERIFY(physical.value(u"artifactLocation").toObject().value(u"uri").toString().startsWith(u"sql-module:"));
        QVERIFY(physical.value(u"region").toObject().value(u"startLine").toInt() >= 1);
    }
}

void TestCheckCommand::outputFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"report.sarif"_qs);
    const Run run = runCheck({u"--sample"_qs, u"--format"_qs, u"sarif"_qs, u"--output"_qs, path});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.out.isEmpty());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(f.readAll()).object().value(u"version").toString(), u"2.1.0");
}

QTEST_GUILESS_MAIN(TestCheckCommand)
#include "tst_checkcommand.moc"
