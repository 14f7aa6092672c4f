#include "agent/agentmetrics.h"
#include "agent/openmetricswriter.h"

#include <QSet>
#include <QTest>

#include <cmath>
#include <limits>

using namespace bs;

/// OpenMetricsWriter: negotiation of the exposition format, and the text it writes (the parts
/// that differ from the text format 0.0.4). tst_agentserve scrapes both formats from a running
/// agent and tst_agentprometheus has a real Prometheus, which asks for OpenMetrics, parse it.
class TestOpenMetrics : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void negotiate_data()
    {
        QTest::addColumn<QByteArray>("accept");
        QTest::addColumn<bool>("openMetrics");
        QTest::newRow("prometheus 2.x") << QByteArray("application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
                                                      "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1")
                                        << true;
        QTest::newRow("no header") << QByteArray() << false;
        QTest::newRow("curl") << QByteArray("*/*") << false;
        QTest::newRow("text preferred") << QByteArray("text/plain;version=0.0.4;q=0.9, application/openmetrics-text;q=0.5") << false;
        QTest::newRow("openmetrics refused") << QByteArray("application/openmetrics-text;q=0") << false;
        QTest::newRow("upper case, spaces") << QByteArray("Application/OpenMetrics-Text ; version=1.0.0") << true;
        QTest::newRow("garbage") << QByteArray(";;,,q=x") << false;
        QTest::newRow("upper-case Q") << QByteArray("application/openmetrics-text;Q=0.4,text/plain;Q=0.9") << false;
        QTest::newRow("spaces around =") << QByteArray("text/plain; q = 0.2, application/openmetrics-text; q = 0.8") << true;
        QTest::newRow("quoted version") << QByteArray("application/openmetrics-text; version=\"1.0.0\"") << true;
        QTest::newRow("unknown openmetrics version") << QByteArray("application/openmetrics-text;version=2.0.0,text/plain;q=0.1")
                                                     << false;
        QTest::newRow("unknown version, then a known one")
            << QByteArray("application/openmetrics-text;version=9.9,application/openmetrics-text;version=0.0.1;q=0.7,"
                          "text/plain;version=0.0.4;q=0.5")
            << true;
    }
    void negotiate()
    {
        QFETCH(QByteArray, accept);
        QFETCH(bool, openMetrics);
        QCOMPARE(OpenMetricsWriter::negotiate(accept) == ExpositionFormat::OpenMetrics, openMetrics);
    }

    void writesFamiliesAsOpenMetrics()
    {
        std::vector<prometheus::MetricFamily> families(4);
        families[0].name = "x_rounds_total";
        families[0].help = "Rounds \\ with \"quotes\"\nand a break.";
        families[0].type = prometheus::MetricType::Counter;
        families[0].metric.resize(1);
        families[0].metric[0].label = {{"target", "a\"b\\c\nd"}};
        families[0].metric[0].counter.value = 42;
        families[1].name = "x_build_info";
        families[1].type = prometheus::MetricType::Gauge;
        families[1].metric.resize(1);
        families[1].metric[0].label = {{"version", "1.2"}};
        families[1].metric[0].gauge.value = 1;
        families[2].name = "x_depth";
        families[2].type = prometheus::MetricType::Gauge;
        families[2].metric.resize(3);
        families[2].metric[0].gauge.value = 0.25;
        families[2].metric[1].gauge.value = std::numeric_limits<double>::infinity();
        families[2].metric[2].gauge.value = std::nan("");
        families[3].name = "x_odd_info"; // a gauge named _info that is not always 1 stays a gauge
        families[3].type = prometheus::MetricType::Gauge;
        families[3].metric.resize(1);
        families[3].metric[0].gauge.value = 2;
        const QByteArray text = OpenMetricsWriter::write(families);
        const QByteArray expected = "# TYPE x_rounds counter\n"
                                    "# HELP x_rounds Rounds \\\\ with \\\"quotes\\\"\\nand a break.\n"
                                    "x_rounds_total{target=\"a\\\"b\\\\c\\nd\"} 42\n"
                                    "# TYPE x_build info\n"
                                    "x_build_info{version=\"1.2\"} 1\n"
                                    "# TYPE x_depth gauge\n"
                                    "x_depth 0.25\n"
                                    "x_depth +Inf\n"
                                    "x_depth NaN\n"
                                    "# TYPE x_odd_info gauge\n"
                                    "x_odd_info 2\n"
                                    "# EOF\n";
        QCOMPARE(text, expected);
    }

    void refusesWhatItCannotWrite()
    {
        std::vector<prometheus::MetricFamily> families(1);
        families[0].name = "x_latency_seconds";
        families[0].type = prometheus::MetricType::Histogram;
        QVERIFY(OpenMetricsWriter::write(families).isEmpty());
    }

    // OpenMetrics family names must be unique: a counter family loses its _total, so no gauge of
    // the agent may carry the counter's bare name.
    void agentFamilyNamesAreUniqueInOpenMetrics()
    {
        QSet<QString> names;
        for (const MetricDefinition &d : AgentMetrics::definitions()) {
            prometheus::MetricFamily f;
            f.name = d.name.toStdString();
            f.type = d.type;
            const QString om = QString::fromStdString(OpenMetricsWriter::familyName(f));
            QVERIFY2(!names.contains(om), qPrintable(d.name));
            names.insert(om);
        }
    }
};

QTEST_GUILESS_MAIN(TestOpenMetrics)
#include "tst_openmetrics.moc"
