#include "data/monitor/monitorpoller.h"
#include "data/monitor/sampleassembler.h"

#include <QFile>
#include <QSqlDatabase>
#include <QTest>
#include <QThread>

#include <algorithm>

using namespace bs;

namespace {

// Runs a poller on its own thread, the way an owner does, and collects what it emits.
struct PollerRun
{
    QThread thread;
    MonitorPoller *poller = nullptr;
    QObject receiver; // lives in the test thread: signals arrive queued, as in the application
    QList<MonitorSample> samples;
    QList<QString> missed;
    QStringList statuses;

    explicit PollerRun(MonitorPoller *p)
        : poller(p)
    {
        poller->moveToThread(&thread);
        QObject::connect(&thread, &QThread::started, poller, &MonitorPoller::start);
        QObject::connect(&thread, &QThread::finished, poller, &QObject::deleteLater);
        QObject::connect(poller, &MonitorPoller::sampleReady, &receiver, [this](const MonitorSample &s) { samples.append(s); });
        QObject::connect(poller, &MonitorPoller::sampleMissed, &receiver, [this](const QDateTime &, const QString &why) { missed.append(why); });
        QObject::connect(poller, &MonitorPoller::statusChanged, &receiver, [this](const QString &s) { statuses.append(s); });
        thread.start();
    }
    ~PollerRun()
    {
        thread.requestInterruption();
        QMetaObject::invokeMethod(poller, &MonitorPoller::stop, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
    }
};

QString fixtureSql(const QString &name)
{
    QFile f(QStringLiteral(BS_TEST_DATA_DIR "/monitor/fixtures/sqlite/") + name + QStringLiteral(".sql"));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// A poller on an in-memory SQLite database that answers the monitor queries from fixtures/sqlite.
MonitorPoller *sqlitePoller()
{
    auto *poller = new MonitorPoller(QStringLiteral(":memory:"));
    poller->setDriver(QStringLiteral("QSQLITE"));
    poller->setIntervalMs(1000);
    for (const QString &name : SampleAssembler::queryNames())
        poller->setQueryText(name, fixtureSql(name.section(QLatin1Char('.'), 1)));
    return poller;
}

bool hasStatusStartingWith(const QStringList &statuses, const QString &prefix)
{
    return std::any_of(statuses.cbegin(), statuses.cend(), [&](const QString &s) { return s.startsWith(prefix); });
}

} // namespace

class TestMonitorPoller : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void clampInterval_data();
    void clampInterval();
    void backoff_data();
    void backoff();
    void connectionLost_data();
    void connectionLost();
    void failingQueryMarksItsPartOnly();
    void aRetiredPollerNeverStarts();
    void roundsStartAnIntervalApart();
    void unreachableServerReconnectsWithBackoff();
};

void TestMonitorPoller::initTestCase()
{
    qRegisterMetaType<bs::MonitorSample>();
}

void TestMonitorPoller::clampInterval_data()
{
    QTest::addColumn<int>("in");
    QTest::addColumn<int>("out");
    QTest::newRow("too fast") << 10 << 1000;
    QTest::newRow("default") << 5000 << 5000;
    QTest::newRow("too slow") << 3600000 << 600000;
}

void TestMonitorPoller::clampInterval()
{
    QFETCH(int, in);
    QFETCH(int, out);
    QCOMPARE(MonitorPoller::clampInterval(in), out);
    MonitorPoller p(QString{});
    QCOMPARE(p.intervalMs(), MonitorPoller::DefaultIntervalMs);
    p.setIntervalMs(in);
    QCOMPARE(p.intervalMs(), out);
}

void TestMonitorPoller::backoff_data()
{
    QTest::addColumn<int>("failures");
    QTest::addColumn<int>("seconds");
    QTest::newRow("first") << 1 << 1;
    QTest::newRow("second") << 2 << 2;
    QTest::newRow("fourth") << 4 << 8;
    QTest::newRow("capped") << 20 << 60;
}

void TestMonitorPoller::backoff()
{
    QFETCH(int, failures);
    QFETCH(int, seconds);
    QCOMPARE(MonitorPoller::backoffSeconds(failures), seconds);
}

void TestMonitorPoller::connectionLost_data()
{
    QTest::addColumn<QString>("native");
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("lost");
    QTest::newRow("communication link failure") << QStringLiteral("08S01") << QStringLiteral("Communication link failure") << true;
    QTest::newRow("connection not open") << QStringLiteral("08003") << QString() << true;
    QTest::newRow("permission denied") << QStringLiteral("300") << QStringLiteral("VIEW SERVER STATE permission was denied") << false;
    QTest::newRow("timeout") << QStringLiteral("HYT00") << QStringLiteral("Query timeout expired") << false;
}

void TestMonitorPoller::connectionLost()
{
    QFETCH(QString, native);
    QFETCH(QString, message);
    QFETCH(bool, lost);
    QCOMPARE(MonitorPoller::isConnectionLost(native, message), lost);
}

void TestMonitorPoller::failingQueryMarksItsPartOnly()
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        QSKIP("The QSQLITE driver is not installed (libqt6sql6-sqlite).");
    const QDateTime before = QDateTime::currentDateTimeUtc();
    PollerRun run(sqlitePoller());
    QTRY_VERIFY_WITH_TIMEOUT(run.samples.size() >= 2, 10000);
    const QDateTime after = QDateTime::currentDateTimeUtc();

    const MonitorSample &s = run.samples.first();
    QCOMPARE(s.unavailable.size(), 1);
    QCOMPARE(s.unavailable.first().part, QStringLiteral("monitor.activated_tasks"));
    QVERIFY(s.unavailable.first().message.contains(QLatin1String("sys_dm_broker_activated_tasks")));
    QCOMPARE(s.isBrokerEnabled, std::optional<bool>(true));
    QCOMPARE(s.endpointCount(), 8);
    QCOMPARE(s.queues.size(), 1);
    QCOMPARE(s.queues.first().depth, 12);
    QCOMPARE(s.queues.first().monitorState, QueueMonitorState::ReceivesOccurring);
    QVERIFY(run.missed.isEmpty());
    // The stand-in server's clock runs an hour ahead of this computer's: the stamp is the server's.
    QCOMPARE(SampleAssembler::clockSource(s), SampleAssembler::ClockSource::Server);
    QVERIFY2(s.time >= before.addSecs(3599) && s.time <= after.addSecs(3601), qPrintable(s.time.toString(Qt::ISODateWithMs)));
    // Rates come from the previous round, on the same clock.
    QVERIFY(!run.samples[0].counters.first().ratePerSecond);
    QVERIFY(run.samples[1].counters.first().ratePerSecond.has_value());
    QCOMPARE(*run.samples[1].counters.first().ratePerSecond, 0.0);
}

void TestMonitorPoller::roundsStartAnIntervalApart()
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        QSKIP("The QSQLITE driver is not installed (libqt6sql6-sqlite).");
    // Without the server's clock a sample is stamped when its round starts (this computer's
    // clock), which is what the schedule is about. A server stamp is taken wherever the
    // broker_enabled query happens to run inside the round (after connecting, in the first
    // round), so the distance between two server stamps says nothing about the schedule.
    MonitorPoller *poller = sqlitePoller();
    poller->setQueryText(QStringLiteral("monitor.broker_enabled"), QStringLiteral("SELECT is_broker_enabled FROM sys_databases"));
    PollerRun run(poller);
    QTRY_VERIFY_WITH_TIMEOUT(run.samples.size() >= 3, 10000);

    for (const MonitorSample &s : std::as_const(run.samples)) {
        QCOMPARE(SampleAssembler::clockSource(s), SampleAssembler::ClockSource::Client);
        QVERIFY(!s.isAvailable(QStringLiteral("monitor.broker_enabled")));
    }
    // A round starts an interval after the previous one started, and only after it finished.
    // QTimer's default Qt::CoarseTimer may fire up to 5 % of its interval early, and the stamps
    // are whole wall-clock milliseconds while the timer runs on the monotonic clock (a few ms);
    // a loaded machine only ever makes the timer late.
    const qint64 minimumGapMs = 1000 - 1000 / 20 - 5;
    for (qsizetype i = 1; i < run.samples.size(); ++i) {
        const qint64 gap = run.samples[i - 1].time.msecsTo(run.samples[i].time);
        QVERIFY2(gap >= minimumGapMs, qPrintable(QString::number(gap)));
    }
    // Two samples on this computer's clock still give rates.
    QVERIFY(!run.samples[0].counters.first().ratePerSecond);
    QVERIFY(run.samples[1].counters.first().ratePerSecond.has_value());
    QCOMPARE(*run.samples[1].counters.first().ratePerSecond, 0.0);
}

void TestMonitorPoller::unreachableServerReconnectsWithBackoff()
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QODBC")))
        QSKIP("The QODBC driver is not installed (libqt6sql6-odbc).");
    if (!QFile::exists(QStringLiteral("/etc/odbcinst.ini")) || !QFile(QStringLiteral("/etc/odbcinst.ini")).open(QIODevice::ReadOnly))
        QSKIP("No ODBC driver registered (install tdsodbc).");
    // Port 1 on the loopback interface refuses at once: a server that is down.
    auto *poller = new MonitorPoller(QStringLiteral("Driver={FreeTDS};Server=127.0.0.1;Port=1;Database=x;UID=u;PWD=p;TDS_Version=7.4;"));
    poller->setQueryTimeoutSeconds(2);
    PollerRun run(poller);
    // Wait for the status itself: the poller emits sampleMissed before the "Reconnecting in" status
    // of the same failure, so a wait on the missed count alone can look before that status arrives.
    QTRY_VERIFY_WITH_TIMEOUT(hasStatusStartingWith(run.statuses, QStringLiteral("Reconnecting in 2 s")), 20000);
    QVERIFY(run.missed.size() >= 2);
    QVERIFY(run.samples.isEmpty()); // a gap, never a sample full of zeros
    QVERIFY(run.statuses.contains(QStringLiteral("Reconnecting in 1 s: ") + run.missed.first()));
}

void TestMonitorPoller::aRetiredPollerNeverStarts()
{
    // An owner that stops sampling before the poller's thread has run the queued start() (an agent
    // shutting down during its staggered starts) must not get a login and a round out of it.
    PollerRun control(sqlitePoller());
    QTRY_VERIFY_WITH_TIMEOUT(!control.samples.isEmpty(), 5000);

    MonitorPoller *poller = sqlitePoller();
    poller->retire(); // before the thread starts: start() arrives after it
    PollerRun retired(poller);
    QTest::qWait(1500); // the control sampled within this time
    QVERIFY(retired.samples.isEmpty());
    QVERIFY(retired.missed.isEmpty());
    QVERIFY(!hasStatusStartingWith(retired.statuses, QStringLiteral("Connect")));
}

QTEST_GUILESS_MAIN(TestMonitorPoller)
#include "tst_monitorpoller.moc"
