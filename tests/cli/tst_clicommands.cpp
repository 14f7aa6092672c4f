// The command line as a user meets it (issue 11): each subcommand's usage line names it, an
// unknown scenario lists the built-in ones, and the simulate summary's throughput says what
// period it covers.
#include "cli/apprun.h"

#include <QRegularExpression>
#include <QTest>

class TestCliCommands : public QObject
{
    Q_OBJECT

private slots:
    void usageNamesTheSubcommand_data()
    {
        QTest::addColumn<QString>("command");
        for (const char *c : {"catalog", "check", "generate", "simulate"})
            QTest::newRow(c) << QString::fromLatin1(c);
    }

    void usageNamesTheSubcommand()
    {
        QFETCH(QString, command);
        const AppRun run = runApp({command, QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        const QString first = run.out.section(QLatin1Char('\n'), 0, 0);
        QVERIFY2(first.startsWith(QStringLiteral("Usage: broker-studio %1 ").arg(command)) ||
                     first == QStringLiteral("Usage: broker-studio %1").arg(command),
                 qPrintable(first));
    }

    void missingScenarioIsExplainedWhereHelpIsPrinted()
    {
        // The help printed after a usage error names the subcommand too.
        const AppRun run = runApp({QStringLiteral("simulate")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QLatin1String("\nUsage: broker-studio simulate ")), qPrintable(run.err));
    }

    void unknownScenarioListsTheBuiltInOnes()
    {
        const AppRun run = runApp({QStringLiteral("simulate"), QStringLiteral("one-conversatoin")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(!run.err.contains(QLatin1String("No such file or directory")), qPrintable(run.err));
        QVERIFY2(run.err.contains(QLatin1String("no scenario \"one-conversatoin\"")), qPrintable(run.err));
        // The names the application knows (its help lists them too); the test links no scenarios.
        const AppRun help = runApp({QStringLiteral("simulate"), QStringLiteral("--help")});
        static const QRegularExpression builtIn(QStringLiteral(R"(a built-in name \(([^)]*)\))"));
        const QStringList names = builtIn.match(help.out.simplified()).captured(1).split(QStringLiteral(", "));
        QVERIFY2(names.contains(QStringLiteral("one-conversation")) && names.contains(QStringLiteral("windowed-batch")),
                 qPrintable(help.out));
        for (const QString &name : names)
            QVERIFY2(run.err.contains(name), qPrintable(name));
    }

    void throughputCoversTheBusyPeriod()
    {
        // The windowed batch sends 5,000 tasks in 10 s and is done within minutes; over a whole
        // simulated hour the average would be a fraction of what the readers achieved.
        const AppRun run = runApp({QStringLiteral("simulate"), QStringLiteral("windowed-batch"), QStringLiteral("--duration"),
                                QStringLiteral("3600"), QStringLiteral("--summary")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        static const QRegularExpression line(QStringLiteral(
            R"(Throughput: ([0-9.]+) tasks/s over the busy period, ([0-9]+) s from the first send .* ([0-9.]+) tasks/s over all 3600 simulated s)"));
        const QRegularExpressionMatch m = line.match(run.out);
        QVERIFY2(m.hasMatch(), qPrintable(run.out));
        const double busyRate = m.captured(1).toDouble();
        const double busySeconds = m.captured(2).toDouble();
        const double overallRate = m.captured(3).toDouble();
        QVERIFY2(busySeconds > 0 && busySeconds < 3600, qPrintable(m.captured(0)));
        QVERIFY2(busyRate > overallRate, qPrintable(m.captured(0)));
        // Finished tasks over the busy period: the same count, divided by the shorter time.
        QVERIFY2(qAbs(busyRate * busySeconds - overallRate * 3600) <= 0.01 * overallRate * 3600 + busyRate,
                 qPrintable(m.captured(0)));
    }
};

QTEST_GUILESS_MAIN(TestCliCommands)
#include "tst_clicommands.moc"
