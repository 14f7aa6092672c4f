#include "agent/agentmetrics.h"
#include "data/settings.h"
#include "ui/fleet/fleetmodel.h"
#include "ui/fleet/fleetsampler.h"
#include "ui/fleet/fleetview.h"
#include "ui/fleet/prometheusfleetreader.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QListView>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace bs;

/// View > Fleet: tiles sorted worst first (model, tester), tiles from Prometheus query results,
/// profiles turned into targets without a password, the trend, and the real view offscreen on a
/// fleet file with the demo (leak alerts) and an unreachable server, double-click opening a
/// saved profile; a screenshot for a person to look at.
class TestFleetView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void modelSortsWorstFirst();
    void tilesFromPrometheus();
    void prometheusQueriesUseExportedMetrics();
    void profileBecomesTargetWithoutPassword();
    void slope_data();
    void slope();
    void viewOnAFleetFile();
};

namespace {

FleetTile tile(const QString &name, FleetTile::Health health, qint64 population = 0)
{
    FleetTile t;
    t.name = name;
    t.health = health;
    t.population = population;
    return t;
}

QJsonObject result(const QJsonObject &metric, double value)
{
    return QJsonObject{{QStringLiteral("metric"), metric}, {QStringLiteral("value"), QJsonArray{1700000000.0, QString::number(value)}}};
}

} // namespace

void TestFleetView::modelSortsWorstFirst()
{
    FleetModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTiles({tile(QStringLiteral("ok-small"), FleetTile::Health::Normal, 10), tile(QStringLiteral("down"), FleetTile::Health::Down),
                    tile(QStringLiteral("leak"), FleetTile::Health::Warning, 5000), tile(QStringLiteral("poison"), FleetTile::Health::Critical, 3),
                    tile(QStringLiteral("ok-big"), FleetTile::Health::Normal, 900)});
    QStringList order;
    for (int r = 0; r < model.rowCount(); ++r)
        order.append(model.index(r).data().toString());
    QCOMPARE(order, (QStringList{QStringLiteral("poison"), QStringLiteral("down"), QStringLiteral("leak"), QStringLiteral("ok-big"), QStringLiteral("ok-small")}));
    // Same order: rows change in place.
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QList<FleetTile> again = model.tiles();
    again[2].population = 6000;
    model.setTiles(again);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(changed.size(), 1);
    QVERIFY(model.index(2).data(Qt::ToolTipRole).toString().contains(QStringLiteral("6")));
}

void TestFleetView::tilesFromPrometheus()
{
    const auto target = [](const char *name) { return QJsonObject{{QStringLiteral("target"), QLatin1String(name)}}; };
    QHash<QString, QJsonArray> r;
    r.insert(QStringLiteral("up"), QJsonArray{result(target("a"), 1), result(target("b"), 0), result(target("c"), 1)});
    r.insert(QStringLiteral("population"), QJsonArray{result(target("a"), 1200), result(target("c"), 40)});
    r.insert(QStringLiteral("slope"), QJsonArray{result(target("a"), 35.5)});
    r.insert(QStringLiteral("disabled"), QJsonArray{result(target("c"), 1)});
    r.insert(QStringLiteral("last"), QJsonArray{result(target("a"), 1700000000)});
    QJsonObject leak{{QStringLiteral("target"), QStringLiteral("a")}, {QStringLiteral("rule"), QStringLiteral("endpoint-leak")},
                     {QStringLiteral("severity"), QStringLiteral("warning")}, {QStringLiteral("subject"), QStringLiteral("//X ↔ //Y")}};
    r.insert(QStringLiteral("alerts"), QJsonArray{result(leak, 1)});
    QList<FleetTile> tiles = PrometheusFleetReader::tilesFrom(r);
    std::sort(tiles.begin(), tiles.end(), FleetModel::worseFirst);
    QCOMPARE(tiles.size(), 3);
    QCOMPARE(tiles.at(0).name, QStringLiteral("c"));
    QCOMPARE(tiles.at(0).health, FleetTile::Health::Critical);
    QCOMPARE(tiles.at(1).name, QStringLiteral("b"));
    QCOMPARE(tiles.at(1).health, FleetTile::Health::Down);
    QCOMPARE(tiles.at(2).health, FleetTile::Health::Warning);
    QCOMPARE(tiles.at(2).population, 1200);
    QCOMPARE(*tiles.at(2).slopePerMinute, 35.5);
    QCOMPARE(tiles.at(2).topAlert, QStringLiteral("endpoint-leak: //X ↔ //Y"));
    QCOMPARE(tiles.at(2).lastSample->toSecsSinceEpoch(), 1700000000);
}

void TestFleetView::prometheusQueriesUseExportedMetrics()
{
    static const QRegularExpression name(QStringLiteral("\\b(broker_studio_[a-z0-9_]+)"));
    for (const auto &[part, promql] : PrometheusFleetReader::queries()) {
        auto it = name.globalMatch(promql);
        QVERIFY(it.hasNext());
        while (it.hasNext()) {
            const QString metric = it.next().captured(1);
            QVERIFY2(AgentMetrics::definition(metric), qPrintable(metric));
        }
    }
}

void TestFleetView::profileBecomesTargetWithoutPassword()
{
    ConnectionProfile p;
    p.name = QStringLiteral("sales");
    p.driver = QStringLiteral("FreeTDS");
    p.server = QStringLiteral("sql1");
    p.database = QStringLiteral("Sales");
    p.userName = QStringLiteral("bs");
    p.savePassword = true;
    const AgentTargetConfig t = FleetSampler::targetFor(p, 60);
    QCOMPARE(t.name, QStringLiteral("sales"));
    QCOMPARE(t.intervalMs, 60000);
    QCOMPARE(t.credential.kind, CredentialSpec::Kind::Keychain);
    QCOMPARE(t.credential.value, p.keychainKey());
    QVERIFY(!t.connection.contains(QStringLiteral("PWD"), Qt::CaseInsensitive));
    QVERIFY(t.connection.contains(QStringLiteral("sql1")));
}

void TestFleetView::slope_data()
{
    QTest::addColumn<QList<qint64>>("times");
    QTest::addColumn<QList<qint64>>("values");
    QTest::addColumn<double>("slope");
    QTest::newRow("rising 60 per minute") << QList<qint64>{0, 30000, 60000} << QList<qint64>{100, 130, 160} << 60.0;
    QTest::newRow("falling") << QList<qint64>{0, 120000} << QList<qint64>{500, 300} << -100.0;
    QTest::newRow("one point") << QList<qint64>{0} << QList<qint64>{5} << -1.0;
}

void TestFleetView::slope()
{
    QFETCH(QList<qint64>, times);
    QFETCH(QList<qint64>, values);
    QFETCH(double, slope);
    std::deque<std::pair<qint64, qint64>> points;
    for (qsizetype i = 0; i < times.size(); ++i)
        points.emplace_back(times.at(i), values.at(i));
    const std::optional<double> s = FleetSampler::slopePerMinute(points);
    if (slope < 0 && times.size() < 2)
        QVERIFY(!s);
    else
        QCOMPARE(*s, slope);
}

void TestFleetView::viewOnAFleetFile()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("settings.ini")));
    ConnectionProfile saved;
    saved.name = QStringLiteral("demo");
    saved.server = QStringLiteral("nowhere");
    saved.authentication = Authentication::Integrated;
    settings.saveConnectionProfile(saved);
    qputenv("BS_TEST_FLEET_PW", "x");
    QFile fleet(dir.filePath(QStringLiteral("fleet.json")));
    QVERIFY(fleet.open(QIODevice::WriteOnly));
    fleet.write(R"({"targets": [
        {"name": "demo", "simulation": "demo", "speed": 1000, "intervalSeconds": 100},
        {"name": "unreachable", "connection": "Driver={FreeTDS};Server=127.0.0.1;Port=1;Database=x;UID=u;TDS_Version=7.4",
         "password": {"env": "BS_TEST_FLEET_PW"}, "intervalSeconds": 1, "loginTimeoutSeconds": 2, "queryTimeoutSeconds": 2}]})");
    fleet.close();

    FleetView view(settings);
    QString error;
    QVERIFY2(view.openFleetFile(fleet.fileName(), &error), qPrintable(error));
    QCOMPARE(view.mode(), FleetView::Mode::FleetFile);
    view.resize(900, 420);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const auto tileOf = [&](const QString &name) {
        for (const FleetTile &t : view.model()->tiles()) {
            if (t.name == name)
                return t;
        }
        return FleetTile{};
    };
    QTRY_VERIFY_WITH_TIMEOUT(tileOf(QStringLiteral("demo")).health == FleetTile::Health::Warning
                                 && tileOf(QStringLiteral("unreachable")).health == FleetTile::Health::Down,
                             30000);
    const FleetTile demo = tileOf(QStringLiteral("demo"));
    QVERIFY(*demo.population > 0);
    QVERIFY(demo.topAlert.contains(QStringLiteral("leak"), Qt::CaseInsensitive));
    QVERIFY(!tileOf(QStringLiteral("unreachable")).error.isEmpty());
    // Worst first: the server without data, then the leaking demo.
    QCOMPARE(view.model()->index(0).data().toString(), QStringLiteral("unreachable"));
    QCOMPARE(view.model()->index(1).data().toString(), QStringLiteral("demo"));
    QTRY_VERIFY_WITH_TIMEOUT(tileOf(QStringLiteral("demo")).slopePerMinute.has_value(), 10000);

    QSignalSpy open(&view, &FleetView::openProfileRequested);
    const QRect demoRect = view.listView()->visualRect(view.model()->index(1));
    QTest::mouseClick(view.listView()->viewport(), Qt::LeftButton, {}, demoRect.center());
    QTest::mouseDClick(view.listView()->viewport(), Qt::LeftButton, {}, demoRect.center());
    QTRY_COMPARE(open.size(), 1);
    QCOMPARE(open.first().first().toString(), QStringLiteral("demo"));
    // The unreachable target has no saved profile: the view says so instead of opening anything.
    view.listView()->setCurrentIndex(view.model()->index(0));
    QTest::keyClick(view.listView(), Qt::Key_Return);
    QTRY_VERIFY(view.statusText().contains(QStringLiteral("No saved connection profile")));
    QCOMPARE(open.size(), 1);
    view.grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/fleetview.png"));
}

QTEST_MAIN(TestFleetView)
#include "tst_fleetview.moc"
