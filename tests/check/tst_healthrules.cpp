#include "checkfixture.h"

#include "core/check/healthcheck.h"
#include "core/check/healthrules.h"
#include "core/tsql/tsqlscript.h"

#include <QSet>
#include <QTest>

using namespace bs;

namespace {

QStringList firedRules(const HealthReport &report)
{
    QStringList ids;
    for (const HealthFinding &f : report.findings) {
        if (!ids.contains(f.ruleId))
            ids << f.ruleId;
    }
    ids.sort();
    return ids;
}

} // namespace

class TestHealthRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void registry();
    void clean_data();
    void clean();
    void findings_data();
    void findings();
    void hostileNames_data();
    void hostileNames();
    void thresholds();
};

void TestHealthRules::registry()
{
    QSet<QString> ids;
    for (const HealthRule &r : HealthRules::all()) {
        QVERIFY2(!ids.contains(r.id), qPrintable(r.id));
        ids.insert(r.id);
        QVERIFY(!r.title.isEmpty());
        QVERIFY2(!r.reference.isEmpty(), qPrintable(r.id));
        QVERIFY(r.reads != HealthReads());
        QVERIFY(r.check);
        QCOMPARE(HealthRules::find(r.id), &r);
    }
    QVERIFY(ids.size() >= 25);
    QCOMPARE(HealthRules::find(u"no-such-rule"_qs), nullptr);
    QSet<QString> keys;
    for (const ThresholdSpec &t : HealthRules::thresholds()) {
        QVERIFY(!keys.contains(t.key));
        keys.insert(t.key);
        QVERIFY(t.minimum <= t.defaultValue && t.defaultValue <= t.maximum);
    }
}

void TestHealthRules::clean_data()
{
    QTest::addColumn<QString>("rule");
    for (const HealthRule &r : HealthRules::all())
        QTest::newRow(qPrintable(r.id)) << r.id;
}

// The healthy fixture must not make any rule fire: a rule that cannot stay silent is noise.
void TestHealthRules::clean()
{
    QFETCH(QString, rule);
    const HealthReport report = HealthCheck::run(test::healthyInput());
    QVERIFY(report.rulesRun.contains(rule));
    QStringList fired;
    for (const HealthFinding &f : report.findings) {
        if (f.ruleId == rule)
            fired << f.title;
    }
    QVERIFY2(fired.isEmpty(), qPrintable(fired.join(u" | ")));
}

void TestHealthRules::findings_data()
{
    QTest::addColumn<QString>("defect");
    QTest::addColumn<QStringList>("rules");   // every rule that fires, sorted
    QTest::addColumn<QString>("rule");        // the one whose findings are checked
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("severity");
    QTest::addColumn<bool>("cannotSee");
    const int E = int(HealthSeverity::Error), W = int(HealthSeverity::Warning), A = int(HealthSeverity::Advice);
    auto row = [&](const char *defect, QStringList rules, const char *rule, int count, int severity, bool cannotSee = false) {
        rules.sort();
        QTest::newRow(defect) << QString::fromLatin1(defect) << rules << QString::fromLatin1(rule) << count << severity << cannotSee;
    };
    row("broker-disabled", {u"broker-disabled"_qs}, "broker-disabled", 1, E);
    row("broker-disabled-copy", {u"broker-disabled"_qs, u"broker-guid-shared"_qs}, "broker-guid-shared", 1, W);
    row("target-no-contract", {u"target-service-without-contract"_qs}, "target-service-without-contract", 1, E);
    row("contract-initiator-sends-nothing", {u"contract-unsendable-message-type"_qs}, "contract-unsendable-message-type", 1, E);
    row("activation-procedure-missing", {u"activation-procedure-missing"_qs}, "activation-procedure-missing", 1, E);
    row("activation-procedure-invisible", {u"activation-procedure-missing"_qs}, "activation-procedure-missing", 1, W, true);
    row("execute-as-gone", {u"activation-execute-as-missing"_qs}, "activation-execute-as-missing", 1, E);
    row("activation-off", {u"activation-off-with-procedure"_qs}, "activation-off-with-procedure", 1, W);
    row("poison-off", {u"poison-handling-off"_qs}, "poison-handling-off", 1, A);
    row("retention-on", {u"queue-retention-on"_qs}, "queue-retention-on", 1, W);
    row("queue-disabled", {u"service-queue-disabled"_qs}, "service-queue-disabled", 1, E);
    row("queue-without-service", {u"queue-without-service"_qs}, "queue-without-service", 1, A);
    row("route-missing", {u"route-missing"_qs}, "route-missing", 1, E);
    row("route-expired", {u"route-expiry"_qs}, "route-expiry", 1, E);
    row("route-expiring", {u"route-expiry"_qs}, "route-expiry", 1, W);
    row("route-transport", {u"route-transport"_qs}, "route-transport", 1, A);
    row("binding-without-certificate", {u"binding-without-certificate"_qs}, "binding-without-certificate", 1, E);
    row("certificate-expired", {u"certificate-expiry"_qs}, "certificate-expiry", 1, E);
    row("certificate-expiring", {u"certificate-expiry"_qs}, "certificate-expiry", 1, W);
    row("master-key-missing", {u"master-key-missing"_qs}, "master-key-missing", 1, E);
    row("naive-enqueue", {u"code-fire-and-forget"_qs, u"code-dialog-without-lifetime"_qs}, "code-fire-and-forget", 1, E);
    row("target-never-ends", {u"code-receive-ignores-system-messages"_qs}, "code-receive-ignores-system-messages", 1, E);
    row("waitfor-without-timeout", {u"code-receive-without-timeout"_qs}, "code-receive-without-timeout", 1, W);
    row("receive-without-waitfor", {u"code-receive-without-timeout"_qs}, "code-receive-without-timeout", 1, A);
    row("no-error-handling", {u"code-activation-no-error-handling"_qs}, "code-activation-no-error-handling", 1, E);
    row("dynamic-sql", {u"code-dynamic-sql"_qs}, "code-dynamic-sql", 1, A, true);
    row("definition-hidden", {u"code-definition-hidden"_qs}, "code-definition-hidden", 1, W, true);
    row("dialog-per-message", {u"code-dialog-per-message"_qs}, "code-dialog-per-message", 1, A);
    row("notification-endpoints", {u"query-notification-endpoints"_qs}, "query-notification-endpoints", 1, W);
    row("transmission-old", {u"transmission-queue-old"_qs}, "transmission-queue-old", 1, W);
    row("permission-missing", {u"cannot-see"_qs}, "cannot-see", 1, W, true);
}

void TestHealthRules::findings()
{
    QFETCH(QString, defect);
    QFETCH(QStringList, rules);
    QFETCH(QString, rule);
    QFETCH(int, count);
    QFETCH(int, severity);
    QFETCH(bool, cannotSee);
    HealthInput input = test::healthyInput();
    QVERIFY(test::applyDefect(defect, &input));
    const HealthReport report = HealthCheck::run(input);
    QCOMPARE(firedRules(report), rules);
    int n = 0;
    for (const HealthFinding &f : report.findings) {
        if (f.ruleId != rule)
            continue;
        ++n;
        QCOMPARE(int(f.severity), severity);
        QCOMPARE(f.cannotSee, cannotSee);
        QVERIFY(!f.title.isEmpty());
        QVERIFY(!f.seen.isEmpty());
        QVERIFY(!f.why.isEmpty());
        QVERIFY(!f.subject.isEmpty());
        if (!cannotSee && rule != u"route-transport")
            QVERIFY2(!f.fixSql.isEmpty() || !f.fixPattern.isEmpty(), "a finding proposes a fix");
        if (rule != u"cannot-see")
            QVERIFY2(!f.objects.isEmpty(), "a finding names its objects for the graph");
        if (!f.fixSql.isEmpty())
            QVERIFY2(TsqlScript(f.fixSql).problems().isEmpty(), qPrintable(f.fixSql));
    }
    QCOMPARE(n, count);
    QVERIFY(report.hasAtOrAbove(HealthSeverity(severity)));
}

void TestHealthRules::hostileNames_data()
{
    QTest::addColumn<QString>("defect");
    for (const char *d : {"broker-disabled", "broker-disabled-copy", "queue-disabled", "poison-off", "retention-on",
                          "activation-off", "execute-as-gone", "queue-without-service", "target-no-contract",
                          "route-expired", "route-missing", "naive-enqueue"})
        QTest::newRow(d) << QString::fromLatin1(d);
}

// Names with brackets, quotes, comment marks and a line break must not turn the fix into
// other statements: every fix tokenizes cleanly and holds no DROP DATABASE / EXEC of the name.
void TestHealthRules::hostileNames()
{
    QFETCH(QString, defect);
    const QString evil = QStringLiteral("x]]'; DROP DATABASE prod; --\n*/ EXEC('x') /*");
    HealthInput input = test::healthyInput();
    input.catalog.database.databaseName = evil;
    for (Queue &q : input.catalog.queues)
        q.schema = evil;
    QVERIFY(test::applyDefect(defect, &input));
    input.catalog.routes.last().name = evil;
    input.catalog.services[1].name = evil;
    for (EndpointGroup &g : input.sample->endpoints) {
        if (g.localService == u"//Orders/Target")
            g.localService = evil;
    }
    const HealthReport report = HealthCheck::run(input);
    QVERIFY(!report.findings.isEmpty());
    for (const HealthFinding &f : report.findings) {
        if (f.fixSql.isEmpty())
            continue;
        const TsqlScript script(f.fixSql);
        for (const TsqlToken &t : script.tokens())
            QVERIFY2(t.error == TsqlTokenError::None, qPrintable(f.fixSql));
        for (int i = 0; i < script.statements().size(); ++i) {
            const TsqlStatement &s = script.statements().at(i);
            if (s.kind == TsqlStatementKind::Drop) {
                const QString text = script.statementText(i).toString();
                QVERIFY2(!text.contains(u"DATABASE prod"), qPrintable(f.fixSql));
            }
            QVERIFY2(s.kind != TsqlStatementKind::Execute, qPrintable(f.fixSql));
        }
    }
}

void TestHealthRules::thresholds()
{
    HealthInput input = test::healthyInput();
    QVERIFY(test::applyDefect(u"notification-endpoints"_qs, &input));
    HealthSettings settings;
    settings.values.insert(QStringLiteral("checkNotificationEndpoints"), 100000);
    QCOMPARE(firedRules(HealthCheck::run(input, settings)), QStringList());
    settings.values.insert(QStringLiteral("checkNotificationEndpoints"), 1000);
    QCOMPARE(firedRules(HealthCheck::run(input, settings)), QStringList{u"query-notification-endpoints"_qs});
}

QTEST_GUILESS_MAIN(TestHealthRules)
#include "tst_healthrules.moc"
