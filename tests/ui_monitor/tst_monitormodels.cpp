#include "ui/monitor/countertablemodel.h"
#include "ui/monitor/endpointtablemodel.h"
#include "ui/monitor/monitorexport.h"
#include "ui/monitor/queuetablemodel.h"
#include "ui/monitor/sampletablepanel.h"
#include "ui/monitor/transmissiontablemodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QItemSelectionModel>
#include <QSignalSpy>
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
    void longStatusDoesNotPushCountsAway();
    void unavailablePart_data();
    void unavailablePart();
    void csvGapsAreEmptyCells();
    void rowsUpdateInPlace();
    void numericColumnsSortAsNumbers();
    void stateToolTips_data();
    void stateToolTips();
    void counters();

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
    // The model keeps the sample's order; the view sorts (largest group first by default).
    SampleTablePanel panel(&model, {QStringLiteral("monitor.endpoints")}, EndpointTableModel::Count, Qt::DescendingOrder);
    const QAbstractItemModel *view = panel.view()->model();
    QCOMPARE(view->index(0, EndpointTableModel::State).data().toString(), QStringLiteral("CD"));
    QCOMPARE(view->index(0, EndpointTableModel::Side).data().toString(), QStringLiteral("Target"));
    QCOMPARE(view->index(0, EndpointTableModel::LeakedClosed).data().toString(), QLocale().toString(900));
    QVERIFY(view->index(0, EndpointTableModel::State).data(Qt::ToolTipRole).toString().contains(QStringLiteral("security timestamp")));
    QVERIFY(!view->index(0, EndpointTableModel::OldestLifetime).data().toString().isEmpty());
    QVERIFY(view->index(1, EndpointTableModel::OldestLifetime).data().toString().isEmpty());
    model.setSample(MonitorSample{});
    QCOMPARE(model.rowCount(), 0);

    // CLOSED endpoints whose security timestamp is set go ~30 min after it: the expiry column says
    // so instead of a lifetime in 2094 beside "Never expire 0"; and unset timestamps with a short
    // LIFETIME (windowed) are listed but not red.
    MonitorSample closed;
    EndpointGroup stamped;
    stamped.state = EndpointState::CD;
    stamped.localService = QStringLiteral("//W/Target");
    stamped.farService = QStringLiteral("//W/Initiator");
    stamped.count = 5000;
    stamped.oldestLifetime = QDateTime(QDate(2094, 1, 1), QTime(0, 0), Qt::UTC);
    EndpointGroup windowed = stamped;
    windowed.farService = QStringLiteral("//W/Other");
    windowed.closedWithUnsetSecurityTimestamp = 5000;
    windowed.oldestLifetime = QDateTime(QDate(2026, 1, 1), QTime(1, 0), Qt::UTC);
    EndpointGroup leaked = windowed;
    leaked.farService = QStringLiteral("//W/Leaky");
    leaked.neverExpiring = 5000;
    closed.endpoints = {stamped, windowed, leaked};
    model.setSample(closed);
    const QString stampedExpiry = model.index(0, EndpointTableModel::OldestLifetime).data().toString();
    QVERIFY2(!stampedExpiry.contains(QStringLiteral("2094")) && stampedExpiry.contains(QStringLiteral("30 min")),
             qPrintable(stampedExpiry));
    QVERIFY(model.index(0, EndpointTableModel::OldestLifetime).data(Qt::ToolTipRole).toString().contains(QStringLiteral("security_timestamp")));
    QVERIFY(!model.index(1, EndpointTableModel::OldestLifetime).data().toString().contains(QStringLiteral("30 min")));
    QVERIFY(!model.index(1, EndpointTableModel::LeakedClosed).data(Qt::ForegroundRole).isValid());
    QVERIFY(model.index(2, EndpointTableModel::LeakedClosed).data(Qt::ForegroundRole).isValid());
    QCOMPARE(model.headerData(EndpointTableModel::LeakedClosed, Qt::Horizontal).toString(), QStringLiteral("CD, timestamp unset"));
}

void TestMonitorModels::queueHealth_data()
{
    QTest::addColumn<bool>("receive");
    QTest::addColumn<int>("monitor");
    QTest::addColumn<int>("readers");
    QTest::addColumn<qint64>("depth");
    QTest::addColumn<int>("expected");
    QTest::addColumn<int>("alertSeverity"); // -1: no alert about the queue

    QTest::newRow("healthy") << true << int(QueueMonitorState::ReceivesOccurring) << 2 << qint64(10) << int(QueueTableModel::Level::Ok) << -1;
    QTest::newRow("receive off") << false << int(QueueMonitorState::Inactive) << 0 << qint64(0) << int(QueueTableModel::Level::Error) << -1;
    QTest::newRow("stuck notified") << true << int(QueueMonitorState::Notified) << 0 << qint64(5) << int(QueueTableModel::Level::Warning) << -1;
    QTest::newRow("notified but empty") << true << int(QueueMonitorState::Notified) << 0 << qint64(0) << int(QueueTableModel::Level::Ok) << -1;
    QTest::newRow("readers at max") << true << int(QueueMonitorState::ReceivesOccurring) << 4 << qint64(50) << int(QueueTableModel::Level::Warning) << -1;
    // A backlog the sample alone does not show (one of four readers busy): the alert about the queue decides.
    QTest::newRow("backlog alert") << true << int(QueueMonitorState::ReceivesOccurring) << 1 << qint64(34000)
                                   << int(QueueTableModel::Level::Warning) << int(AlertSeverity::Warning);
    QTest::newRow("critical backlog alert") << true << int(QueueMonitorState::ReceivesOccurring) << 1 << qint64(34000)
                                            << int(QueueTableModel::Level::Error) << int(AlertSeverity::Critical);
}

void TestMonitorModels::queueHealth()
{
    QFETCH(bool, receive);
    QFETCH(int, monitor);
    QFETCH(int, readers);
    QFETCH(qint64, depth);
    QFETCH(int, expected);
    QFETCH(int, alertSeverity);
    QueueSample q;
    q.schema = QStringLiteral("dbo");
    q.name = QStringLiteral("TargetQueue");
    q.isReceiveEnabled = receive;
    q.isActivationEnabled = true;
    q.maxReaders = 4;
    q.activeReaders = readers;
    q.monitorState = QueueMonitorState(monitor);
    q.depth = depth;
    QList<Alert> alerts;
    if (alertSeverity >= 0) {
        Alert a;
        a.kind = AlertKind::QueueBacklog;
        a.severity = AlertSeverity(alertSeverity);
        a.subject = QStringLiteral("[dbo].[TargetQueue]");
        a.title = QStringLiteral("[dbo].[TargetQueue] keeps growing");
        alerts.append(a);
    }
    const auto [level, reason] = QueueTableModel::health(q, alerts);
    QCOMPARE(int(level), expected);
    QVERIFY(!reason.isEmpty());
    if (alertSeverity >= 0)
        QCOMPARE(reason, alerts.first().title);
    // The table model shows the same verdict once it has the alerts.
    QueueTableModel model;
    MonitorSample s;
    s.queues.append(q);
    model.setSample(s);
    model.setAlerts(alerts);
    QCOMPARE(model.data(model.index(0, QueueTableModel::Health), Qt::ToolTipRole).toString(), reason);
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
    // Two rows: the connection error (7) and the empty status (3 + 2), largest first in the view.
    QCOMPARE(model.rowCount(), 2);
    SampleTablePanel panel(&model, {QStringLiteral("monitor.transmission")}, TransmissionTableModel::Messages,
                           Qt::DescendingOrder);
    const QAbstractItemModel *view = panel.view()->model();
    QCOMPARE(view->index(0, TransmissionTableModel::Messages).data().toString(), QLocale().toString(7));
    QCOMPARE(view->index(1, TransmissionTableModel::Messages).data().toString(), QLocale().toString(5));
    QVERIFY(view->index(1, TransmissionTableModel::Status).data().toString().contains(QStringLiteral("not tried yet")));
    QCOMPARE(view->index(1, TransmissionTableModel::Services).data().toString(), QStringLiteral("//X, //Y"));
    QVERIFY(!view->index(0, TransmissionTableModel::Cause).data().toString().isEmpty());
    // The oldest of the merged groups.
    QCOMPARE(view->index(1, TransmissionTableModel::Oldest).data().toString(),
             QLocale().toString(QDateTime(QDate(2026, 1, 1), QTime(10, 0), Qt::UTC).toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss")));
}

void TestMonitorModels::longStatusDoesNotPushCountsAway()
{
    // A transmission_status is a whole error message; the counts must stay in view beside it.
    MonitorSample s = sample();
    s.transmission = {TransmissionGroup{QStringLiteral("//X"),
                                        QStringLiteral("Connection attempt failed with error: '10060(A connection attempt failed "
                                                       "because the connected party did not properly respond after a period of "
                                                       "time, or established connection failed because connected host has "
                                                       "failed to respond.)'."),
                                        12, {}}};
    TransmissionTableModel model;
    SampleTablePanel panel(&model, {QStringLiteral("monitor.transmission")}, TransmissionTableModel::Messages,
                           Qt::DescendingOrder);
    panel.resize(900, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    model.setSample(s);
    QCoreApplication::processEvents();
    const QTableView *view = panel.view();
    QVERIFY(view->columnWidth(TransmissionTableModel::Status) <= view->viewport()->width() * 2 / 5 + 1);
    const int messagesRight = view->columnViewportPosition(TransmissionTableModel::Messages)
        + view->columnWidth(TransmissionTableModel::Messages);
    QVERIFY2(messagesRight <= view->viewport()->width(), qPrintable(QString::number(messagesRight)));
    QVERIFY(view->model()->index(0, TransmissionTableModel::Status).data(Qt::ToolTipRole).toString().contains(QStringLiteral("10060")));
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

void TestMonitorModels::rowsUpdateInPlace()
{
    // Same keys → dataChanged; a new key → rowsInserted; a gone key → rowsRemoved; never a reset,
    // so the selected row stays selected across samples.
    QueueTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    SampleTablePanel panel(&model, {QStringLiteral("monitor.queue_depth")}, QueueTableModel::Queue, Qt::AscendingOrder);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    MonitorSample s = sample();
    model.setSample(s);
    QCOMPARE(inserted.size(), 1);
    QTableView *view = panel.view();
    // Sorted by name: [dbo].[Poisoned], [dbo].[Target].
    QCOMPARE(view->model()->index(1, QueueTableModel::Queue).data().toString(), QStringLiteral("[dbo].[Target]"));
    view->selectRow(1);

    s.queues[0].depth = 500; // Target grows
    QueueSample extra = s.queues[0];
    extra.name = QStringLiteral("Audit");
    s.queues.append(extra);
    model.setSample(s);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(model.rowCount(), 3);
    s.queues.removeAt(1); // Poisoned dropped
    model.setSample(s);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(model.rowCount(), 2);
    model.setSample(s); // nothing changed: no signal at all
    QCOMPARE(changed.size(), 1);
    QCOMPARE(resets.size(), 0);

    const QModelIndexList selected = view->selectionModel()->selectedRows(QueueTableModel::Queue);
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().data().toString(), QStringLiteral("[dbo].[Target]"));
    QCOMPARE(selected.first().siblingAtColumn(QueueTableModel::Depth).data().toString(), QLocale().toString(500));
}

void TestMonitorModels::numericColumnsSortAsNumbers()
{
    QueueTableModel model;
    SampleTablePanel panel(&model, {QStringLiteral("monitor.queue_depth")});
    MonitorSample s = sample();
    s.queues[0].depth = 12;
    s.queues[1].depth = 3; // as text "3" sorts after "12"
    model.setSample(s);
    panel.view()->sortByColumn(QueueTableModel::Depth, Qt::AscendingOrder);
    const QAbstractItemModel *view = panel.view()->model();
    QCOMPARE(view->index(0, QueueTableModel::Depth).data().toString(), QLocale().toString(3));
    QCOMPARE(view->index(1, QueueTableModel::Depth).data().toString(), QLocale().toString(12));
}

void TestMonitorModels::stateToolTips_data()
{
    // The first words of each state in Microsoft Learn's sys.conversation_endpoints.
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("words");
    QTest::newRow("SO") << int(EndpointState::SO) << u"processed a BEGIN CONVERSATION for this conversation"_qs;
    QTest::newRow("SI") << int(EndpointState::SI) << u"another instance started a new conversation"_qs;
    QTest::newRow("CO") << int(EndpointState::CO) << u"both sides of the conversation may send"_qs;
    QTest::newRow("DI") << int(EndpointState::DI) << u"remote side of the conversation has issued an END CONVERSATION"_qs;
    QTest::newRow("DO") << int(EndpointState::DO) << u"local side of the conversation has issued an END CONVERSATION"_qs;
    QTest::newRow("ER") << int(EndpointState::ER) << u"an error has occurred on this endpoint"_qs;
    QTest::newRow("CD") << int(EndpointState::CD) << u"no longer in use"_qs;
}

void TestMonitorModels::stateToolTips()
{
    QFETCH(int, state);
    QFETCH(QString, words);
    const QString tip = EndpointTableModel::stateToolTip(EndpointState(state)).simplified();
    QVERIFY2(tip.contains(words), qPrintable(tip));
    QVERIFY(tip.startsWith(endpointStateCode(EndpointState(state)) + QStringLiteral(" = ")));
}

void TestMonitorModels::counters()
{
    CounterTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto counter = [](const char *name, qint64 value, int type, std::optional<double> rate = std::nullopt) {
        PerfCounter c;
        c.object = QStringLiteral("Broker Statistics");
        c.counter = QLatin1String(name);
        c.value = value;
        c.type = type;
        c.ratePerSecond = rate;
        return c;
    };
    MonitorSample s = sample();
    s.counters = {counter("Activation Errors Total", 2, 65792), counter("Enqueued Messages/sec", 1000, 272696576)};
    model.setSample(s);
    QCOMPARE(model.rowCount(), 2);
    // First sample: no change yet, and a per-second counter has no rate without a second sample.
    QVERIFY(model.index(0, CounterTableModel::Change).data().toString().isEmpty());
    QCOMPARE(model.index(1, CounterTableModel::PerSecond).data().toString(), QStringLiteral("—"));
    QVERIFY(model.index(1, CounterTableModel::PerSecond).data(Qt::ToolTipRole).toString().contains(QStringLiteral("same clock")));
    QVERIFY(model.index(0, CounterTableModel::Counter).data(Qt::ToolTipRole).toString().contains(QStringLiteral("SQLServer:Broker Statistics")));

    s.counters = {counter("Activation Errors Total", 5, 65792), counter("Enqueued Messages/sec", 1500, 272696576, 100.0)};
    model.setSample(s);
    QCOMPARE(model.index(0, CounterTableModel::Change).data().toString(), QStringLiteral("+") + QLocale().toString(3));
    QCOMPARE(model.index(0, CounterTableModel::Change).data(KeyedTableModel<int>::SortRole).toLongLong(), 3);
    QCOMPARE(model.index(1, CounterTableModel::PerSecond).data().toString(), QLocale().toString(100.0, 'f', 2));
    QVERIFY(model.index(0, CounterTableModel::PerSecond).data().toString().isEmpty());

    s.counters = {counter("Activation Errors Total", 0, 65792)}; // server restarted
    model.setSample(s);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, CounterTableModel::Change).data().toString(), QStringLiteral("reset"));
}

QTEST_MAIN(TestMonitorModels)
#include "tst_monitormodels.moc"
