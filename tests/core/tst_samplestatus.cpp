#include "core/census/samplestatus.h"

#include <QLocale>
#include <QTest>

using namespace bs;

namespace {
MonitorSample sampleAt(const QDateTime &time, bool census)
{
    MonitorSample s;
    s.time = time;
    s.isCensus = census;
    s.lastCensus = census ? time : time.addSecs(-125);
    if (!census) {
        for (const char *part : {"monitor.endpoints", "monitor.transmission"})
            s.unavailable.append({QLatin1String(part), QStringLiteral("Breakdown not read this sample"), QString(), true});
    }
    return s;
}

QString clock(const QDateTime &t)
{
    return QLocale().toString(t.toLocalTime(), QStringLiteral("HH:mm:ss"));
}
} // namespace

/// The monitor's words about its newest sample (SampleStatus): the status line, its tooltip and
/// the warning banner for parts that failed, without a widget.
class TestSampleStatus : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void statusLine();
    void toolTip();
    void warningOnlyForFailures();
};

void TestSampleStatus::statusLine()
{
    const QDateTime t = QDateTime::currentDateTimeUtc();
    QCOMPARE(SampleStatus::statusLine(sampleAt(t, true), 12345), QStringLiteral("Last sample %1 · 12,345 samples · census").arg(clock(t)));
    QCOMPARE(SampleStatus::statusLine(sampleAt(t, false), 7), QStringLiteral("Last sample %1 · 7 samples").arg(clock(t)));
}

void TestSampleStatus::toolTip()
{
    const QDateTime t = QDateTime::currentDateTimeUtc();
    const SamplingPolicy policy;
    const QStringList census = SampleStatus::toolTip(sampleAt(t, true), policy, 5000, std::nullopt).split(QLatin1Char('\n'));
    QCOMPARE(census.size(), 3);
    QVERIFY(census[0].contains(QLatin1String("carries the full census")));
    QCOMPARE(census[1], policy.describeCensus(5000));
    QCOMPARE(census[2], QStringLiteral("A sample may use at most %1 % of the server's time (Preferences).")
                            .arg(policy.serverTimeSharePercent));
    const QStringList totals =
        SampleStatus::toolTip(sampleAt(t, false), policy, 5000, SampleStatus::Pacing{5000, 12000, 1200}).split(QLatin1Char('\n'));
    QCOMPARE(totals.size(), 4);
    QCOMPARE(totals[0], QStringLiteral("This sample has the totals from partition metadata only; last census: %1.")
                            .arg(clock(t.addSecs(-125))));
    QVERIFY2(totals[2].startsWith(QLatin1String("Sampling every 12 s: the last sample took 1.2 s on the server")), qPrintable(totals[2]));
    QVERIFY(totals[2].endsWith(QLatin1Char('.')));
    // Before the first sample: only the rules.
    QCOMPARE(SampleStatus::toolTip(MonitorSample(), policy, 5000, std::nullopt).count(QLatin1Char('\n')), 1);
    MonitorSample never = sampleAt(t, false);
    never.lastCensus.reset();
    QVERIFY(SampleStatus::toolTip(never, policy, 5000, std::nullopt).contains(QLatin1String("last census: none yet.")));
}

void TestSampleStatus::warningOnlyForFailures()
{
    MonitorSample s = sampleAt(QDateTime::currentDateTimeUtc(), false);
    QVERIFY(!SampleStatus::unavailableWarning(s)); // not due is no failure
    s.unavailable.append({QStringLiteral("monitor.perf_counters"), QStringLiteral("denied"), QStringLiteral("VIEW SERVER STATE")});
    s.unavailable.append({QStringLiteral("monitor.activated_tasks"), QStringLiteral("denied"), QStringLiteral("VIEW SERVER STATE")});
    s.unavailable.append({QStringLiteral("monitor.queue_depth"), QStringLiteral("timeout"), QString()});
    const auto warning = SampleStatus::unavailableWarning(s);
    QVERIFY(warning);
    QCOMPARE(warning->title, QStringLiteral("Part of the monitor is unavailable: monitor.perf_counters, monitor.activated_tasks, "
                                            "monitor.queue_depth"));
    QCOMPARE(warning->detail, QStringLiteral("Grant VIEW SERVER STATE to the monitoring login; the rest keeps working."));
    s.unavailable = {{QStringLiteral("monitor.queue_depth"), QStringLiteral("timeout"), QString()}};
    QCOMPARE(SampleStatus::unavailableWarning(s)->detail, QStringLiteral("The rest keeps working; see the tables for the server's message."));
}

QTEST_GUILESS_MAIN(TestSampleStatus)
#include "tst_samplestatus.moc"
