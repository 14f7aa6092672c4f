#include "core/check/scenariohealthinput.h"
#include "core/sim/scenarioloader.h"
#include "ui/health/healthfindingsmodel.h"
#include "ui/health/healthpanel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>

using namespace bs;

/// The Health panel on the demo broker, driven like a user: the check runs off the GUI thread,
/// findings are grouped by severity, the filter narrows them, selecting one shows its details
/// and announces its objects. A screenshot goes to test-artifacts/health-panel.png.
class TestHealthPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void modelIsSound();
    void demoFindings();
};

void TestHealthPanel::modelIsSound()
{
    HealthFindingsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    HealthFinding a;
    a.ruleId = QStringLiteral("x");
    a.title = QStringLiteral("An error");
    a.severity = HealthSeverity::Error;
    HealthFinding b = a;
    b.severity = HealthSeverity::Advice;
    b.title = QStringLiteral("Advice");
    model.setFindings({a, b, a});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.rowCount(model.index(0, 0)), 2);
    QCOMPARE(model.rowCount(model.index(1, 0)), 0);
    QCOMPARE(model.rowCount(model.index(2, 0)), 1);
    QCOMPARE(model.index(0, 0).data().toString(), u"Errors (2)");
    QCOMPARE(model.finding(model.index(0, 0, model.index(2, 0)))->title, u"Advice");
    QCOMPARE(model.finding(model.index(0, 0)), nullptr);
    model.setFindings({});
    QCOMPARE(model.rowCount(model.index(0, 0)), 0);
}

void TestHealthPanel::demoFindings()
{
    const auto scenario = sim::ScenarioLoader::fromFile(sim::ScenarioLoader::resolve(u"demo"_qs));
    QVERIFY(scenario);
    const HealthInput input = ScenarioHealthInput::make(*scenario, 120);
    HealthPanel panel;
    panel.resize(760, 640);
    panel.show();
    QSignalSpy checked(&panel, &HealthPanel::checked);
    QSignalSpy selected(&panel, &HealthPanel::objectsSelected);
    panel.reset(u"Demo broker (simulation)"_qs);
    panel.setModules(scenario->modules);
    panel.setCatalog(input.catalog);
    QVERIFY(checked.wait(10000) || checked.size() > 1);
    QTRY_VERIFY(!panel.isChecking());
    panel.setSample(*input.sample);
    QTRY_VERIFY(checked.size() >= 3 || !panel.isChecking());
    QTRY_VERIFY(!panel.isChecking());

    const HealthFindingsModel *model = panel.model();
    QCOMPARE(model->rowCount(model->index(int(HealthSeverity::Error), 0)), 3);
    auto *tree = panel.findChild<QTreeView *>();
    QVERIFY(tree);
    auto *filter = panel.findChild<QLineEdit *>();
    QVERIFY(filter);
    QTest::keyClicks(filter, u"Naive_Target"_qs);
    const QModelIndex errors = tree->model()->index(int(HealthSeverity::Error), 0);
    QCOMPARE(tree->model()->rowCount(errors), 1);
    tree->setCurrentIndex(tree->model()->index(0, 0, errors));
    QCOMPARE(selected.size(), 1);
    const auto refs = selected.first().first().value<QList<ObjectRef>>();
    QVERIFY(!refs.isEmpty());
    QCOMPARE(refs.first().kind, ObjectKind::ActivationProcedure);
    auto *details = panel.findChild<QTextBrowser *>();
    QVERIFY(details->toPlainText().contains(u"never ends a conversation"));
    QVERIFY(details->toPlainText().contains(u"Why it matters"));
    filter->clear();
    tree->setCurrentIndex(tree->model()->index(0, 0, tree->model()->index(int(HealthSeverity::Error), 0)));
    QVERIFY(panel.grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/health-panel.png")));
}

QTEST_MAIN(TestHealthPanel)
#include "tst_healthpanel.moc"
