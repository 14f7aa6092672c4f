// The simulator's headless output as a review against queueing theory asked for it (issue 16):
// a latency summary that says whether it covers the warm-up (and --warmup to leave it out),
// no percentile where no task finished, and each queue's status in the CSV.
#include "cli/apprun.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {
QList<QStringList> readCsv(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    QList<QStringList> rows;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines)
        rows.append(line.split(QLatin1Char(','))); // the built-in scenarios' names have no commas
    return rows;
}

int latencyTasks(const QString &summary)
{
    static const QRegularExpression over(QStringLiteral(R"(mean [0-9.]+ s over ([0-9]+) )"));
    const QRegularExpressionMatch m = over.match(summary);
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}
} // namespace

class TestSimulateCsv : public QObject
{
    Q_OBJECT

private slots:
    void noPercentileWhereNoTaskFinished()
    {
        // The windowed batch is done within minutes: most of an hour's samples finish nothing.
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("batch.csv"));
        const AppRun run = runApp({QStringLiteral("simulate"), QStringLiteral("windowed-batch"), QStringLiteral("--duration"),
                                   QStringLiteral("3600"), QStringLiteral("--csv"), csv});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QList<QStringList> rows = readCsv(csv);
        QVERIFY(rows.size() > 10);
        const QStringList header = rows.first();
        const qsizetype processed = header.indexOf(QStringLiteral("processed"));
        const qsizetype failed = header.indexOf(QStringLiteral("failed"));
        const qsizetype p50 = header.indexOf(QStringLiteral("latency_p50"));
        QVERIFY(processed > 0 && failed > 0 && p50 > 0);
        int idle = 0;
        int busy = 0;
        qint64 finishedBefore = 0;
        for (qsizetype r = 1; r < rows.size(); ++r) {
            const QStringList &row = rows.at(r);
            QCOMPARE(row.size(), header.size());
            const qint64 finished = row.at(processed).toLongLong() + row.at(failed).toLongLong();
            const bool someFinished = finished > finishedBefore;
            finishedBefore = finished;
            for (qsizetype c = p50; c < p50 + 3; ++c)
                QVERIFY2(row.at(c).isEmpty() != someFinished, qPrintable(row.join(QLatin1Char(','))));
            (someFinished ? busy : idle) += 1;
        }
        QVERIFY(busy > 0);
        QVERIFY(idle > 0);
    }

    void queueStatusInTheCsv()
    {
        // The poison scenario's target queue is disabled by five rollbacks: the CSV says when.
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("poison.csv"));
        const AppRun run = runApp({QStringLiteral("simulate"), QStringLiteral("poison"), QStringLiteral("--csv"), csv});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QList<QStringList> rows = readCsv(csv);
        QVERIFY(rows.size() > 2);
        QList<qsizetype> statusColumns;
        for (qsizetype c = 0; c < rows.first().size(); ++c) {
            if (rows.first().at(c).endsWith(QLatin1String(" status")))
                statusColumns.append(c);
        }
        QVERIFY(!statusColumns.isEmpty());
        bool sawOn = false;
        bool sawOff = false;
        for (qsizetype r = 1; r < rows.size(); ++r) {
            for (qsizetype c : std::as_const(statusColumns)) {
                const QString v = rows.at(r).at(c);
                QVERIFY2(v == QLatin1String("ON") || v == QLatin1String("OFF"), qPrintable(v));
                sawOn |= v == QLatin1String("ON");
                sawOff |= v == QLatin1String("OFF");
            }
        }
        QVERIFY(sawOn);
        QVERIFY(sawOff);
    }

    void warmupLeftOutOfTheLatency()
    {
        const QStringList base = {QStringLiteral("simulate"), QStringLiteral("keep-firing"), QStringLiteral("--duration"),
                                  QStringLiteral("600"), QStringLiteral("--summary")};
        const AppRun all = runApp(base);
        QVERIFY2(all.exitCode == 0, qPrintable(all.err));
        QVERIFY2(all.out.contains(QLatin1String("warm-up included")), qPrintable(all.out));
        const AppRun warm = runApp(base + QStringList{QStringLiteral("--warmup"), QStringLiteral("300")});
        QVERIFY2(warm.exitCode == 0, qPrintable(warm.err));
        QVERIFY2(warm.out.contains(QLatin1String("after a warm-up of 300 s")), qPrintable(warm.out));
        const int allTasks = latencyTasks(all.out);
        const int warmTasks = latencyTasks(warm.out);
        QVERIFY2(allTasks > 0 && warmTasks > 0, qPrintable(all.out + warm.out));
        // Half the run left out: about half the tasks (a steady pattern), certainly fewer.
        QVERIFY2(warmTasks < allTasks, qPrintable(QStringLiteral("%1 vs %2").arg(warmTasks).arg(allTasks)));
        QVERIFY2(warmTasks > allTasks / 4, qPrintable(QStringLiteral("%1 vs %2").arg(warmTasks).arg(allTasks)));

        for (const char *bad : {"-1", "600", "soon"}) {
            const AppRun run = runApp(base + QStringList{QStringLiteral("--warmup"), QString::fromLatin1(bad)});
            QCOMPARE(run.exitCode, 2);
            QVERIFY2(run.err.contains(QLatin1String("--warmup")), qPrintable(run.err));
        }
    }
};

QTEST_GUILESS_MAIN(TestSimulateCsv)
#include "tst_simulatecsv.moc"
