// `broker-studio cleanup` as a user types it: the dry run prints the plan and changes nothing,
// --yes runs it with progress on stderr and exit code 0, and bad arguments exit 2 with the reason.
// A run cut off (killed after its first batch, as by a crash) is kept in the history file: a new
// --yes refuses with the hint, --resume continues after the last committed batch, --yes --restart
// discards it and starts over.
#include "apprun.h"

#include <QTemporaryDir>
#include <QTest>

namespace {

const QString Pair = QStringLiteral("//BrokerStudio/Audit/Target://BrokerStudio/Audit/Initiator");

QStringList runArguments(const QString &history, const QStringList &more)
{
    return QStringList{u"cleanup"_qs, u"--scenario"_qs, u"demo"_qs, u"--history"_qs, history} + more;
}

// Starts a run of the demo's leak in batches of 500 with a long pause and kills the process once
// its first batch is committed: the run stays "running" in the history file, as after a crash.
// Returns the dry run's "to end" count from its output.
QString cutOffRun(const QString &history)
{
    QProcess process;
    process.start(QStringLiteral(BS_APP_PATH), runArguments(history, {u"--pair"_qs, Pair, u"--states"_qs, u"CD"_qs, u"--yes"_qs,
                                                                       u"--batch"_qs, u"500"_qs, u"--pause"_qs, u"600000"_qs}));
    QString err;
    const auto firstBatch = [&] {
        err += QString::fromUtf8(process.readAllStandardError());
        return err.contains(u"batch 1: "_qs);
    };
    [&] { QTRY_VERIFY_WITH_TIMEOUT(firstBatch(), 60000); }();
    process.kill();
    process.waitForFinished();
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    const qsizetype at = out.indexOf(u"to end: "_qs);
    return at < 0 ? QString() : out.mid(at + 8, out.indexOf(QLatin1Char(';'), at) - at - 8);
}

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

    void cutOffRunResumes()
    {
        QTemporaryDir dir;
        const QString history = dir.filePath(u"h.sqlite"_qs);
        const QString toEnd = cutOffRun(history);
        QVERIFY(!toEnd.isEmpty());

        // A new run of the same database refuses and says what to do.
        const AppRun refused = runApp(runArguments(history, {u"--pair"_qs, Pair, u"--yes"_qs}));
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(u"unfinished cleanup run 1 of "_qs), qPrintable(refused.err));
        QVERIFY(refused.err.contains(u"500 of "_qs));
        QVERIFY(refused.err.contains(u"--resume"_qs));
        QVERIFY(refused.err.contains(u"--yes --restart"_qs));
        // Another pair than the kept run's: refused too.
        const AppRun otherPair = runApp(runArguments(history, {u"--pair"_qs, u"a:b"_qs, u"--resume"_qs}));
        QCOMPARE(otherPair.exitCode, 2);
        QVERIFY2(otherPair.err.contains(u"another pair"_qs), qPrintable(otherPair.err));

        // --resume continues after the 500 already done: batch numbers go on, the totals include them.
        const AppRun resumed = runApp(runArguments(history, {u"--resume"_qs, u"--pause"_qs, u"0"_qs}));
        QCOMPARE(resumed.exitCode, 0);
        QVERIFY2(resumed.out.contains(u"Resuming run 1 of "_qs), qPrintable(resumed.out));
        QVERIFY(resumed.out.contains(u"500 of "_qs));
        QVERIFY2(resumed.err.startsWith(u"batch 1: 500 of "_qs), qPrintable(resumed.err)); // where it starts from
        QVERIFY(resumed.err.contains(u"batch 2: 1,000 of "_qs));
        QVERIFY2(resumed.out.contains(QStringLiteral("Removed %1 endpoint(s)").arg(toEnd)), qPrintable(resumed.out));
        QVERIFY(resumed.out.contains(u"(run 1)"_qs));

        // Done: nothing is left to resume, and a new run starts without --restart.
        const AppRun again = runApp(runArguments(history, {u"--resume"_qs}));
        QCOMPARE(again.exitCode, 2);
        QVERIFY2(again.err.contains(u"nothing to resume"_qs), qPrintable(again.err));
    }

    void restartDiscardsTheCutOffRun()
    {
        QTemporaryDir dir;
        const QString history = dir.filePath(u"h.sqlite"_qs);
        const QString toEnd = cutOffRun(history);
        QVERIFY(!toEnd.isEmpty());
        const AppRun restarted = runApp(runArguments(history, {u"--pair"_qs, Pair, u"--yes"_qs, u"--restart"_qs, u"--pause"_qs, u"0"_qs}));
        QCOMPARE(restarted.exitCode, 0);
        QVERIFY2(restarted.out.contains(u"Discarded the unfinished run 1 of "_qs), qPrintable(restarted.out));
        // A new run from the first handle: run 2, all of the leak (this process's simulation is new).
        QVERIFY2(restarted.err.startsWith(u"batch 0: "_qs), qPrintable(restarted.err));
        QVERIFY2(restarted.out.contains(QStringLiteral("Removed %1 endpoint(s)").arg(toEnd)), qPrintable(restarted.out));
        QVERIFY(restarted.out.contains(u"(run 2)"_qs));
        // The discarded run is not offered again.
        const AppRun resume = runApp(runArguments(history, {u"--resume"_qs}));
        QCOMPARE(resume.exitCode, 2);
        QVERIFY(resume.err.contains(u"nothing to resume"_qs));
    }

    void badArgumentsExitTwoWithTheReason_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no mode") << QStringList{u"--scenario"_qs, u"demo"_qs, u"--pair"_qs, Pair} << u"--dry-run, --yes or --resume"_qs;
        QTest::newRow("restart without yes") << QStringList{u"--scenario"_qs, u"demo"_qs, u"--pair"_qs, Pair, u"--dry-run"_qs,
                                                            u"--restart"_qs} << u"--restart goes with --yes"_qs;
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
