// `broker-studio cleanup` as a user types it: the dry run prints the plan and changes nothing,
// --yes runs it with progress on stderr and exit code 0, and bad arguments exit 2 with the reason.
#include "apprun.h"

#include <QTemporaryDir>
#include <QTest>

namespace {

const QString Pair = QStringLiteral("//BrokerStudio/Audit/Target://BrokerStudio/Audit/Initiator");

} // namespace

class TestCliCleanup : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void dryRunPrintsThePlan()
    {
        QTemporaryDir dir;
        const AppRun run = runApp({u"cleanup"_qs, u"--scenario"_qs, u"demo"_qs, u"--pair"_qs, Pair, u"--states"_qs, u"CD"_qs,
                                   u"--dry-run"_qs, u"--history"_qs, dir.filePath(u"h.sqlite"_qs)});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(u"END CONVERSATION … WITH CLEANUP"_qs), qPrintable(run.out));
        QVERIFY(run.out.contains(u"Matching endpoints: "_qs));
        QVERIFY(run.out.contains(u"Dry run: nothing was changed"_qs));
        QVERIFY(run.out.contains(u"WHERE ce.conversation_handle > @after"_qs));
        QVERIFY(!QFile::exists(dir.filePath(u"h.sqlite"_qs))); // a dry run writes nothing, not even history
    }

    void yesRunsItWithProgress()
    {
        QTemporaryDir dir;
        const AppRun run = runApp({u"cleanup"_qs, u"--scenario"_qs, u"demo"_qs, u"--pair"_qs, Pair, u"--states"_qs, u"CD"_qs,
                                   u"--yes"_qs, u"--batch"_qs, u"500"_qs, u"--pause"_qs, u"0"_qs, u"--history"_qs,
                                   dir.filePath(u"h.sqlite"_qs)});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains(u"batch 2: 1,000 of "_qs), qPrintable(run.err));
        QVERIFY(run.err.contains(u"/s"_qs));
        const qsizetype at = run.out.indexOf(u"to end: "_qs);
        QVERIFY(at > 0);
        const QString toEnd = run.out.mid(at + 8, run.out.indexOf(QLatin1Char(';'), at) - at - 8);
        QVERIFY2(run.out.contains(QStringLiteral("Removed %1 endpoint(s)").arg(toEnd)), qPrintable(run.out));
        QVERIFY(QFile::exists(dir.filePath(u"h.sqlite"_qs)));
    }

    void badArgumentsExitTwoWithTheReason_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no mode") << QStringList{u"--scenario"_qs, u"demo"_qs, u"--pair"_qs, Pair} << u"--dry-run or --yes"_qs;
        QTest::newRow("bad pair") << QStringList{u"--scenario"_qs, u"demo"_qs, u"--pair"_qs, u"nocolon"_qs, u"--dry-run"_qs}
                                  << u"LOCAL:FAR"_qs;
        QTest::newRow("bad state") << QStringList{u"--scenario"_qs, u"demo"_qs, u"--pair"_qs, Pair, u"--states"_qs, u"CD,XX"_qs,
                                                  u"--dry-run"_qs} << u"\"XX\""_qs;
        QTest::newRow("batch 0") << QStringList{u"--scenario"_qs, u"demo"_qs, u"--pair"_qs, Pair, u"--batch"_qs, u"0"_qs, u"--yes"_qs}
                                 << u"between 1 and 10000"_qs;
        QTest::newRow("unknown service") << QStringList{u"--scenario"_qs, u"demo"_qs, u"--pair"_qs, u"//No/Such:x"_qs, u"--dry-run"_qs}
                                         << u"no local service"_qs;
        QTest::newRow("connection without queue") << QStringList{u"--connection"_qs, u"Driver=FreeTDS;Server=localhost"_qs, u"--pair"_qs,
                                                                 Pair, u"--dry-run"_qs} << u"--queue"_qs;
    }
    void badArgumentsExitTwoWithTheReason()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, reason);
        const AppRun run = runApp(QStringList{u"cleanup"_qs} + arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(reason), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TestCliCleanup)
#include "tst_clicleanup.moc"
