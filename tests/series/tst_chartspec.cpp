#include "core/chartspec.h"
#include "core/series/serieskey.h"

#include <QSet>
#include <QTest>

using namespace bs;

/// The table of the monitor's charts: one row per chart says which lines it draws for a set of
/// series; a new chart is one entry in ChartSpec::all() and one row here.
class TestChartSpec : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void charts_data();
    void charts();
    void everyChartIsTested();
    void stackedDrawsTotalsWithoutLeakLines();
    void farServiceLines();
    void farServiceLabels_data();
    void farServiceLabels();

private:
    static QStringList demoKeys();
};

QStringList TestChartSpec::demoKeys()
{
    QStringList keys{SeriesKey::endpointsTotal().toString(), SeriesKey::endpointsLeaked().toString(),
                     SeriesKey::neverExpiring().toString(), SeriesKey::transmissionSize().toString(),
                     SeriesKey::farService(u"//A/Init"_qs).toString(),
                     SeriesKey::queueDepth(u"dbo"_qs, u"InitQ"_qs).toString(),
                     SeriesKey::queueReaders(u"dbo"_qs, u"InitQ"_qs).toString(),
                     SeriesKey::queueDepth(u"dbo"_qs, u"TargetQ"_qs).toString(),
                     SeriesKey::queueReaders(u"dbo"_qs, u"TargetQ"_qs).toString(),
                     SeriesKey::counter(u"Broker Statistics"_qs, u"Enqueued Messages/sec"_qs, QString()).toString()};
    for (int s = 0; s < EndpointStateCount; ++s)
        keys.append(SeriesKey::endpointState(EndpointState(s)).toString());
    keys.sort();
    return keys;
}

void TestChartSpec::charts_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QStringList>("lines");
    QTest::newRow("population") << u"population"_qs << u"Conversation endpoints"_qs
                                << QStringList{u"endpoints.state.SO"_qs, u"endpoints.state.SI"_qs, u"endpoints.state.CO"_qs,
                                               u"endpoints.state.DI"_qs, u"endpoints.state.DO"_qs, u"endpoints.state.ER"_qs,
                                               u"endpoints.state.CD"_qs, u"endpoints.total"_qs, u"endpoints.census"_qs, u"endpoints.leaked"_qs,
                                               u"endpoints.neverExpiring"_qs};
    QTest::newRow("queues") << u"queues"_qs << u"Queue depth (messages)"_qs
                            << QStringList{u"queue.dbo.InitQ.depth"_qs, u"queue.dbo.TargetQ.depth"_qs, u"transmission.size"_qs};
    QTest::newRow("readers") << u"readers"_qs << u"Active readers (activated tasks)"_qs
                             << QStringList{u"queue.dbo.InitQ.readers"_qs, u"queue.dbo.TargetQ.readers"_qs};
}

void TestChartSpec::charts()
{
    QFETCH(QString, id);
    QFETCH(QString, title);
    QFETCH(QStringList, lines);
    const ChartSpec *spec = ChartSpec::find(id);
    QVERIFY(spec);
    QCOMPARE(spec->title, title);
    QVERIFY(spec->stretch > 0);
    ChartContext context;
    context.seriesKeys = demoKeys();
    QStringList keys;
    QSet<QString> seen;
    for (const ChartLineSpec &line : spec->lines(context)) {
        keys.append(line.key);
        QVERIFY2(SeriesKey::parse(line.key).isValid(), qPrintable(line.key));
        QVERIFY2(!line.label.isEmpty() && !line.toolTip.isEmpty(), qPrintable(line.key));
        QVERIFY(!line.stackedTotal);
        QVERIFY2(!seen.contains(line.key), qPrintable(line.key)); // a key is a line's identity
        seen.insert(line.key);
    }
    QCOMPARE(keys, lines);
    // The census points (issue #13) are marks on the Total line, not a line of their own.
    for (const ChartLineSpec &line : spec->lines(context))
        QCOMPARE(line.style == ChartLineSpec::Style::Markers, line.key == SeriesKey::endpointsCensus().toString());
}

void TestChartSpec::everyChartIsTested()
{
    QStringList ids;
    for (const ChartSpec &spec : ChartSpec::all())
        ids.append(spec.id);
    QCOMPARE(ids, (QStringList{u"population"_qs, u"queues"_qs, u"readers"_qs}));
    QVERIFY(!ChartSpec::find(u"nope"_qs));
}

void TestChartSpec::stackedDrawsTotalsWithoutLeakLines()
{
    ChartContext context;
    context.seriesKeys = demoKeys();
    context.stacked = true;
    const QList<ChartLineSpec> lines = ChartSpec::find(u"population"_qs)->lines(context);
    QCOMPARE(lines.size(), qsizetype(EndpointStateCount));
    // Largest total first (CD's total covers every state), so the smaller ones paint over it.
    QCOMPARE(lines.first().key, SeriesKey::endpointState(EndpointState::CD).toString());
    QCOMPARE(lines.last().key, SeriesKey::endpointState(EndpointState::SO).toString());
    for (const ChartLineSpec &line : lines) {
        QVERIFY(line.stackedTotal);
        QCOMPARE(SeriesKey::parse(line.key).kind(), SeriesKey::Kind::EndpointState);
    }
}

void TestChartSpec::farServiceLines()
{
    ChartContext context;
    context.seriesKeys = demoKeys();
    context.byFarService = true;
    context.stacked = true; // ignored: the breakdown has no stacked mode
    context.localsByFar.insert(u"//A/Init"_qs, {u"//A/Target"_qs});
    const QList<ChartLineSpec> lines = ChartSpec::find(u"population"_qs)->lines(context);
    QCOMPARE(lines.size(), qsizetype(3));
    QCOMPARE(lines[0].key, SeriesKey::farService(u"//A/Init"_qs).toString());
    QCOMPARE(lines[0].label, u"Target → Init"_qs);
    QVERIFY(lines[0].toolTip.contains(u"//A/Target"_qs));
    QCOMPARE(lines[1].key, SeriesKey::endpointsLeaked().toString());
    QCOMPARE(lines[2].key, SeriesKey::neverExpiring().toString());
}

void TestChartSpec::farServiceLabels_data()
{
    QTest::addColumn<QStringList>("fars");
    QTest::addColumn<QStringList>("locals"); // "far=local1,local2"
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("shared path left out")
        << QStringList{u"//BS/Naive/Initiator"_qs, u"//BS/Orders/Initiator"_qs}
        << QStringList{u"//BS/Naive/Initiator=//BS/Naive/Target"_qs, u"//BS/Orders/Initiator=//BS/Orders/Target"_qs}
        << QStringList{u"Naive/Target → Naive/Initiator"_qs, u"Orders/Target → Orders/Initiator"_qs};
    QTest::newRow("unknown local side") << QStringList{u"//X/Far"_qs} << QStringList{} << QStringList{u"? → Far"_qs};
    QTest::newRow("no far service") << QStringList{QString()} << QStringList{u"=//X/Local"_qs}
                                    << QStringList{u"//X/Local → (no far service)"_qs};
}

void TestChartSpec::farServiceLabels()
{
    QFETCH(QStringList, fars);
    QFETCH(QStringList, locals);
    QFETCH(QStringList, expected);
    QStringList keys;
    for (const QString &f : fars)
        keys.append(SeriesKey::farService(f).toString());
    QHash<QString, QStringList> byFar;
    for (const QString &l : locals) {
        const QStringList parts = l.split(QLatin1Char('='));
        byFar.insert(parts[0], parts[1].split(QLatin1Char(',')));
    }
    const QHash<QString, QString> labels = ChartSpec::farServiceLabels(keys, byFar);
    QStringList got;
    for (const QString &k : keys)
        got.append(labels.value(k));
    QCOMPARE(got, expected);
}

QTEST_GUILESS_MAIN(TestChartSpec)
#include "tst_chartspec.moc"
