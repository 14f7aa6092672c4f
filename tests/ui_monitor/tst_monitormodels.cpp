#include "ui/monitor/endpointtablemodel.h"
#include "ui/monitor/monitorexport.h"
#include "ui/monitor/queuetablemodel.h"
#include "ui/monitor/sampletablepanel.h"
#include "ui/monitor/transmissiontablemodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace bs;

/// The table models of the monitor tab (each under QAbstractItemModelTester), the panel that
/// replaces a table by the reason and the permission when its part is unavailable, and the CSV export.
class TestMonitorModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void endpoints();
    void queueHealth_data();
    void queueHealth();
    void queues();
    void transmissionGroupsByStatus();
    void unavailablePart_data();
    void unavailablePart();
    void csvGapsAreEmptyCells();

private:
    static MonitorSample sample();
};

MonitorSample TestMonitorModels::sample()
{
    MonitorSample s;
    s.time = QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);
    s.endpoints = {
        EndpointGroup{EndpointState::CO, QStringLiteral("//A"), QStringLiteral("//B"), true, 4, 0, 0, {}},
        EndpointGroup{EndpointState::CD, QStringLiteral("//B"), QStringLiteral("//A"), false, 900, 900, 900,
                      QDateTime(QDate(2094, 1, 1), QTime(0, 0), Qt::UTC)},
    };
    QueueSample ok;
    ok.schema = QStringLiteral("dbo");
    ok.name = QStringLiteral("Target");
    ok.depth = 12;
    ok.isActivationEnabled = true;
    ok.maxReaders = 4;
    ok.activeReaders = 2;
    ok.monitorState = QueueMonitorState::ReceivesOccurring;
    QueueSample off = ok;
    off.name = QStringLiteral("Poisoned");
    off.isReceiveEnabled = false;
    s.queues = {ok, off};
    s.transmission = {
        TransmissionGroup{QStringLiteral("//X"), QString(), 3, QDateTime(QDate(2026, 1, 1), QTime(11, 0), Qt::UTC)},
        TransmissionGroup{QStringLiteral("//Y"), QString(), 2, QDateTime(QDate(2026, 1, 1), QTime(10, 0), Qt::UTC)},
        TransmissionGroup{QStringLiteral("//Z"), QStringLiteral("Connection attempt failed with error: '10061(No connection could be made because the target machine actively refused it.)'."), 7, {}},
    };
    s.transmissionQueueSize = 12;
    return s;
}

void TestMonitorModels::endpoints()
{
    EndpointTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSample(sample());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(EndpointTableModel::ColumnCount));
    // Largest group first.
    QCOMPARE(model.index(0, EndpointTableModel::State).data().toString(), QStringLiteral("CD"));
    QCOMPARE(model.index(0, EndpointTableModel::Side).data().toString(), QStringLiteral("Target"));
    QCOMPARE(model.index(0, EndpointTableModel::LeakedClosed).data().toString(), QLocale().toString(900));
    QVERIFY(model.index(0, EndpointTableModel::State).data(Qt::ToolTipRole).toString().contains(QStringLiteral("security timestamp")));
    QVERIFY(!model.index(0, EndpointTableModel::OldestLifetime).data().toString().isEmpty());
    QVERIFY(model.index(1, EndpointTableModel::OldestLifetime).data().toString().isEmpty());
    model.setSample(MonitorSample{});
    QCOMPARE(model.rowCount(), 0);
}

void TestMonitorModels::queueHealth_data()
{
    QTest::addColumn<bool>("receive");
    QTest::addColumn<int>("monitor");
    QTest::addColumn<int>("readers");
    QTest::addColumn<qint64>("depth");
    QTest::addColumn<int>("expected");

    QTest::newRow("healthy") << true << int(QueueMonitorState::ReceivesOccurring) << 2 << qint64(10) << int(QueueTableModel::Level::Ok);
    QTest::newRow("receive off") << false << int(QueueMonitorState::Inactive) << 0 << qint64(0) << int(QueueTableModel::Level::Error);
    QTest::newRow("stuck notified") << true << int(QueueMonitorState::Notified) << 0 << qint64(5) << int(QueueTableModel::Level::Warning);
    QTest::newRow("notified but empty") << true << int(QueueMonitorState::Notified) << 0 << qint64(0) << int(QueueTableModel::Level::Ok);
    QTest::newRow("readers at max") << true << int(QueueMonitorState::ReceivesOccurring) << 4 << qint64(50) << int(QueueTableModel::Level::Warning);
}

void TestMonitorModels::queueHealth()
{
    QFETCH(bool, receive);
    QFETCH(int, monitor);
    QFETCH(int, readers);
    QFETCH(qint64, depth);
    QFETCH(int, expected);
    QueueSample q;
    q.isReceiveEnabled = receive;
    q.isActivationEnabled = true;
    q.maxReaders = 4;
    q.activeReaders = readers;
    q.monitorState = QueueMonitorState(monitor);
    q.depth = depth;
    const auto [level, reason] = QueueTableModel::health(q);
    QCOMPARE(int(level), expected);
    QVERIFY(!reason.isEmpty());
}

void TestMonitorModels::queues()
{
    QueueTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSample(sample());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, QueueTableModel::Queue).data().toString(), QStringLiteral("[dbo].[Target]"));
    QCOMPARE(model.index(0, QueueTableModel::Readers).data().toString(), QStringLiteral("2 / 4"));
    QCOMPARE(model.index(0, QueueTableModel::Health).data().toString(), QStringLiteral("OK"));
    QCOMPARE(model.index(1, QueueTableModel::Health).data().toString(), QStringLiteral("Error"));
    QCOMPARE(model.index(1, QueueTableModel::Receive).data().toString(), QStringLiteral("OFF"));
    QVERIFY(model.index(1, QueueTableModel::Health).data(Qt::ToolTipRole).toString().contains(QStringLiteral("poison")));
    QCOMPARE(model.index(0, QueueTableModel::Monitor).data().toString(), queueMonitorStateText(QueueMonitorState::ReceivesOccurring));
}

void TestMonitorModels::transmissionGroupsByStatus()
{
    TransmissionTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSample(sample());
    // Two rows: the connection error (7) and the empty status (3 + 2), largest first.
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, TransmissionTableModel::Messages).data().toString(), QLocale().toString(7));
    QCOMPARE(model.index(1, TransmissionTableModel::Messages).data().toString(), QLocale().toString(5));
    QVERIFY(model.index(1, TransmissionTableModel::Status).data().toString().contains(QStringLiteral("not tried yet")));
    QCOMPARE(model.index(1, TransmissionTableModel::Services).data().toString(), QStringLiteral("//X, //Y"));
    QVERIFY(!model.index(0, TransmissionTableModel::Cause).data().toString().isEmpty());
    // The oldest of the merged groups.
    QCOMPARE(model.index(1, TransmissionTableModel::Oldest).data().toString(),
             QLocale().toString(QDateTime(QDate(2026, 1, 1), QTime(10, 0), Qt::UTC).toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss")));
}

void TestMonitorModels::unavailablePart_data()
{
    QTest::addColumn<QString>("part");
    QTest::addColumn<bool>("tableHidden");
    QTest::addColumn<bool>("noticeShown");
    QTest::newRow("primary part missing") << QStringLiteral("monitor.queue_depth") << true << true;
    QTest::newRow("secondary part missing") << QStringLiteral("monitor.activated_tasks") << false << true;
    QTest::newRow("other table's part") << QStringLiteral("monitor.endpoints") << false << false;
}

void TestMonitorModels::unavailablePart()
{
    QFETCH(QString, part);
    QFETCH(bool, tableHidden);
    QFETCH(bool, noticeShown);
    QueueTableModel model;
    SampleTablePanel panel(&model, {QStringLiteral("monitor.queue_depth"), QStringLiteral("monitor.activated_tasks")});
    MonitorSample s = sample();
    s.unavailable = {UnavailablePart{part, QStringLiteral("The user does not have permission to perform this action."),
                                     QStringLiteral("VIEW SERVER STATE")}};
    panel.setSample(s);
    QCOMPARE(panel.isTableHidden(), tableHidden);
    QCOMPARE(!panel.noticeText().isEmpty(), noticeShown);
    if (noticeShown) {
        QVERIFY(panel.noticeText().contains(QStringLiteral("VIEW SERVER STATE")));
        QVERIFY(panel.noticeText().contains(part));
    }
    // The next sample without the problem brings the table back.
    panel.setSample(sample());
    QVERIFY(!panel.isTableHidden());
    QVERIFY(panel.noticeText().isEmpty());
}

void TestMonitorModels::csvGapsAreEmptyCells()
{
    MonitorSeries series;
    MonitorSample s = sample();
    series.append(s);
    s.time = s.time.addSecs(5);
    s.unavailable = {UnavailablePart{QStringLiteral("monitor.transmission"), QStringLiteral("denied"), QString()}};
    series.append(s);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.csv"));
    const QStringList keys{QStringLiteral("endpoints.total"), QStringLiteral("transmission.size")};
    QVERIFY(MonitorExport::writeCsv(series, keys, 0, s.time.toMSecsSinceEpoch(), path));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines, (QStringList{QStringLiteral("time_utc,endpoints.total,transmission.size"),
                                 QStringLiteral("2026-01-01T12:00:00.000Z,904,12"),
                                 QStringLiteral("2026-01-01T12:00:05.000Z,904,")}));
    QCOMPARE(MonitorExport::csvField(QStringLiteral("a,\"b\"")), QStringLiteral("\"a,\"\"b\"\"\""));
}

QTEST_MAIN(TestMonitorModels)
#include "tst_monitormodels.moc"
