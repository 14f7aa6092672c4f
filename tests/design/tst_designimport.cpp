#include "designfixtures.h"

#include "core/design/designddlparser.h"
#include "core/design/designddlwriter.h"
#include "core/design/designfile.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace bs;

namespace {

QString corpusDir()
{
    return QStringLiteral(BS_TEST_DATA_DIR "/design/import");
}

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

QJsonObject resultToJson(const DdlImportResult &r)
{
    QJsonArray skipped;
    for (const DdlSkippedStatement &s : r.skipped)
        skipped.append(QStringLiteral("%1: %2").arg(s.line).arg(s.summary));
    QJsonArray errors;
    for (const DdlImportError &e : r.errors)
        errors.append(QStringLiteral("%1:%2: %3").arg(e.line).arg(e.column).arg(e.message));
    return {{u"design"_qs, DesignFileFormat::toJson({r.design, {}})},
            {u"statementsApplied"_qs, r.statementsApplied},
            {u"skipped"_qs, skipped},
            {u"errors"_qs, errors}};
}

/// The design without what the DDL writer cannot carry, as import(write(d)) gives it back.
BrokerDesign writable(BrokerDesign d)
{
    for (const DesignRef &ref : d.objects()) {
        if (!DesignDdlWriter::unwritableReason(d, ref).isEmpty())
            d.bindings.removeIf([&](const DesignBinding &b) { return b.name == ref.name; });
    }
    d.databaseName.clear();
    return d;
}

} // namespace

class TestDesignImport : public QObject
{
    Q_OBJECT

private slots:
    void corpus_data();
    void corpus();
    void skippedStatementsAreListed();
    void errors_data();
    void errors();
    void errorContextShowsTheText();
    void importOntoExistingDesign();
    void mutationFuzz();
};

void TestDesignImport::corpus_data()
{
    QTest::addColumn<QString>("script");
    const QStringList files = QDir(corpusDir()).entryList({u"*.sql"_qs}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 4);
    for (const QString &f : files)
        QTest::newRow(qPrintable(f)) << corpusDir() + QLatin1Char('/') + f;
}

void TestDesignImport::corpus()
{
    QFETCH(QString, script);
    const DdlImportResult r = DesignDdlParser::parse(readText(script));
    QVERIFY2(r.ok(), qPrintable(r.errors.isEmpty() ? QString() : r.errors.first().toString()));
    const QByteArray actual = QJsonDocument(resultToJson(r)).toJson(QJsonDocument::Indented);
    const QString expectedPath = script.chopped(4) + QStringLiteral(".expected.json");
    if (qEnvironmentVariableIntValue("BS_REGENERATE_GOLDEN") == 1) {
        QFile out(expectedPath);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(actual);
    }
    QCOMPARE(QString::fromUtf8(actual), readText(expectedPath));
    // What was imported writes out and reads back as the same design.
    const DdlImportResult again = DesignDdlParser::parse(DesignDdlWriter::write(r.design));
    QVERIFY(again.ok());
    QCOMPARE(again.design, writable(r.design));
}

void TestDesignImport::skippedStatementsAreListed()
{
    const DdlImportResult r = DesignDdlParser::parse(readText(corpusDir() + u"/deployment-with-code.sql"_qs));
    QVERIFY(r.ok());
    QStringList summaries;
    for (const DdlSkippedStatement &s : r.skipped)
        summaries.append(QStringLiteral("%1 %2").arg(s.line).arg(s.summary));
    QCOMPARE(summaries, (QStringList{u"3 SET NOCOUNT ON"_qs, u"6 CREATE TABLE dbo.OrderLog"_qs,
                                     u"20 CREATE PROCEDURE dbo.Orders_Activate"_qs, u"49 GRANT SEND ON SERVICE"_qs}));
    // The CREATE QUEUE mentioned in the procedure's comment, and its body, are not read.
    QCOMPARE(r.design.queues.size(), 2);
    QCOMPARE(r.design.queue(u"dbo"_qs, u"OrdersQueue"_qs)->activation->executeAs, ExecuteAs::Self);
}

void TestDesignImport::errors_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown validation") << u"CREATE MESSAGE TYPE m VALIDATION = XML;"_qs << 1 << 36 << u"expected NONE, EMPTY"_qs;
    QTest::newRow("valid xml without collection") << u"CREATE MESSAGE TYPE m VALIDATION = VALID_XML;"_qs << 1 << 45 << u"expected WITH"_qs;
    QTest::newRow("created twice") << u"CREATE MESSAGE TYPE m;\nCREATE MESSAGE TYPE [m];"_qs << 2 << 21 << u"message type [m] is created twice"_qs;
    QTest::newRow("contract without usages") << u"CREATE CONTRACT c ();"_qs << 1 << 20 << u"expected the message type name"_qs.replace(u"the message type name"_qs, u"a message type name"_qs);
    QTest::newRow("contract missing type") << u"CREATE CONTRACT c ([nope] SENT BY ANY);"_qs << 1 << 20 << u"message type [nope] does not exist"_qs;
    QTest::newRow("sent by") << u"CREATE MESSAGE TYPE m;\nCREATE CONTRACT c (m SENT BY BOTH);"_qs << 2 << 30 << u"expected INITIATOR, TARGET or ANY"_qs;
    QTest::newRow("alter contract") << u"ALTER CONTRACT c (m SENT BY ANY);"_qs << 1 << 16 << u"no ALTER CONTRACT"_qs;
    QTest::newRow("activation incomplete") << u"CREATE QUEUE q WITH ACTIVATION (PROCEDURE_NAME = p);"_qs << 1 << 21 << u"ACTIVATION needs PROCEDURE_NAME, MAX_QUEUE_READERS and EXECUTE AS"_qs;
    QTest::newRow("readers range") << u"CREATE QUEUE q WITH ACTIVATION (PROCEDURE_NAME = p, MAX_QUEUE_READERS = 40000, EXECUTE AS SELF);"_qs << 1 << 73 << u"MAX_QUEUE_READERS must be a whole number from 0 to 32767"_qs;
    QTest::newRow("service on missing queue") << u"CREATE SERVICE s ON QUEUE q;"_qs << 1 << 27 << u"queue [dbo].[q] does not exist"_qs;
    QTest::newRow("service without queue") << u"CREATE SERVICE s;"_qs << 1 << 17 << u"expected ON QUEUE"_qs;
    QTest::newRow("drop used") << u"CREATE QUEUE q;\nCREATE SERVICE s ON QUEUE q;\nDROP QUEUE q;"_qs << 3 << 12 << u"queue [dbo].[q] cannot be dropped: service [s] still use it"_qs;
    QTest::newRow("drop missing") << u"DROP SERVICE s;"_qs << 1 << 14 << u"service [s] does not exist"_qs;
    QTest::newRow("route without address") << u"CREATE ROUTE r WITH SERVICE_NAME = 'x';"_qs << 1 << 39 << u"CREATE ROUTE needs ADDRESS"_qs;
    QTest::newRow("binding without user") << u"CREATE REMOTE SERVICE BINDING b TO SERVICE 'x' WITH ANONYMOUS = ON;"_qs << 1 << 67 << u"needs WITH USER"_qs;
    QTest::newRow("trailing text") << u"CREATE QUEUE q WITH STATUS = ON garbage;"_qs << 1 << 33 << u"unexpected text after the statement"_qs;
    QTest::newRow("name too long") << u"CREATE MESSAGE TYPE [%1];"_qs.arg(QString(129, QLatin1Char('n'))) << 1 << 21 << u"is 129 characters long"_qs;
    QTest::newRow("unterminated string") << u"CREATE ROUTE r WITH ADDRESS = 'TCP://x;\nGO"_qs << 1 << 31 << u"never closed"_qs;
    QTest::newRow("unterminated identifier") << u"CREATE QUEUE [q WITH STATUS = ON;"_qs << 1 << 14 << u"never closed"_qs;
    QTest::newRow("unicode column") << u"-- Ωμέγα\nCREATE MESSAGE TYPE [Ω] VALIDATION = NOPE;"_qs << 2 << 38 << u"expected NONE"_qs;
}

void TestDesignImport::errors()
{
    QFETCH(QString, script);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    const DdlImportResult r = DesignDdlParser::parse(script);
    QVERIFY(!r.ok());
    QVERIFY2(r.design.isEmpty(), "a script with an error gives no design");
    const DdlImportError &e = r.errors.first();
    QVERIFY2(e.message.contains(message), qPrintable(e.message));
    QCOMPARE(e.line, line);
    QCOMPARE(e.column, column);
}

void TestDesignImport::errorContextShowsTheText()
{
    const DdlImportResult r = DesignDdlParser::parse(u"CREATE MESSAGE TYPE ok;\nCREATE QUEUE q WITH RETENTION = MAYBE;\n"_qs);
    QCOMPARE(r.errors.size(), 1);
    QCOMPARE(r.errors.first().context, u"CREATE QUEUE q WITH RETENTION = MAYBE;\n                                ^"_qs);
    QVERIFY(r.errors.first().toString().startsWith(u"2:33: expected ON or OFF, found \"MAYBE\""_qs));
}

void TestDesignImport::importOntoExistingDesign()
{
    // ALTER statements apply to the design the import starts from (a migration read back).
    const BrokerDesign start = designtest::fullDesign();
    const DdlImportResult r = DesignDdlParser::parse(
        u"ALTER QUEUE app.TargetQueue WITH ACTIVATION (MAX_QUEUE_READERS = 2);\nDROP SERVICE [//Full/Parked];"_qs, start);
    QVERIFY(r.ok());
    QCOMPARE(r.design.queue(u"app"_qs, u"TargetQueue"_qs)->activation->maxQueueReaders, 2);
    QVERIFY(!r.design.service(u"//Full/Parked"_qs));
    QCOMPARE(r.statementsApplied, 2);
}

void TestDesignImport::mutationFuzz()
{
    // Like the scenario loader's fuzzer, bounded and repeatable: mutate the corpus and our own
    // scripts; every input gives a design or errors (never both), errors point into the text,
    // and any design imported writes out and reads back the same.
    QStringList seeds;
    for (const QString &f : QDir(corpusDir()).entryList({u"*.sql"_qs}, QDir::Files, QDir::Name))
        seeds.append(readText(corpusDir() + QLatin1Char('/') + f));
    seeds.append(DesignDdlWriter::write(designtest::fullDesign()));
    seeds.append(DesignDdlWriter::write(BrokerDesign::fromCatalog(designtest::hostileCatalog()), {false, false}));
    const QStringList fragments{u"("_qs, u")"_qs, u","_qs, u";"_qs, u"'"_qs, u"["_qs, u"]"_qs, u"/*"_qs, u"*/"_qs,
                                u"--"_qs, u"\nGO\n"_qs, u"CREATE "_qs, u"DROP "_qs, u"ALTER QUEUE "_qs, u"WITH "_qs,
                                u"BEGIN "_qs, u"END "_qs, u"IF 1=1 "_qs, u" = "_qs, u"N'"_qs, u"\""_qs, u"Ω"_qs, u"\r\n"_qs};
    QRandomGenerator rng(20261205);
    const int iterations = 4000;
    int designs = 0;
    for (int i = 0; i < iterations; ++i) {
        QString text = seeds.at(int(rng.bounded(qsizetype(seeds.size()))));
        const int mutations = 1 + int(rng.bounded(4));
        for (int m = 0; m < mutations && !text.isEmpty(); ++m) {
            const int at = int(rng.bounded(text.size()));
            switch (rng.bounded(4)) {
            case 0: text.remove(at, 1 + int(rng.bounded(20))); break;
            case 1: text.insert(at, fragments.at(int(rng.bounded(qsizetype(fragments.size()))))); break;
            case 2: text.insert(at, text.mid(int(rng.bounded(text.size())), int(rng.bounded(40)))); break;
            default: text[at] = QChar(char16_t(rng.bounded(32, 127))); break;
            }
        }
        const DdlImportResult r = DesignDdlParser::parse(text);
        const int lines = int(text.count(QLatin1Char('\n'))) + 1;
        if (!r.ok()) {
            QVERIFY(r.design.isEmpty());
            for (const DdlImportError &e : r.errors) {
                QVERIFY2(e.line >= 1 && e.line <= lines && e.column >= 1, qPrintable(e.toString()));
                QVERIFY(!e.message.isEmpty());
            }
            continue;
        }
        ++designs;
        const DdlImportResult again = DesignDdlParser::parse(DesignDdlWriter::write(r.design));
        QVERIFY2(again.ok(), qPrintable(again.errors.isEmpty() ? QString() : again.errors.first().toString() + u"\n"_qs + text));
        QCOMPARE(again.design, writable(r.design));
    }
    // Both outcomes are exercised.
    QVERIFY(designs > iterations / 20);
    QVERIFY(designs < iterations);
}

QTEST_GUILESS_MAIN(TestDesignImport)
#include "tst_designimport.moc"
