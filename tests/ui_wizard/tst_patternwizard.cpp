#include "core/script/batchsplitter.h"
#include "core/script/patternoptions.h"
#include "data/runner/batchexecutor.h"
#include "ui/wizard/finishwizardpage.h"
#include "ui/wizard/patternwizard.h"
#include "ui/wizard/whatifsimulationwidget.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QMap>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <algorithm>

using namespace bs;

namespace {

// The connected database: one queue and one service collide with the wizard's default names.
BrokerCatalog connectedCatalog()
{
    BrokerCatalog c;
    c.database.databaseName = u"SalesOps"_qs;
    c.database.serverName = u"sqlprod01"_qs;
    c.database.isBrokerEnabled = true;
    Queue q;
    q.objectId = 101;
    q.schema = u"dbo"_qs;
    q.name = u"AsyncTargetQueue"_qs;
    c.queues << q;
    Service s;
    s.id = 7;
    s.name = u"//Contoso/Async/Target"_qs;
    s.queueId = 101;
    c.services << s;
    return c;
}

// Fails the batch that creates the target queue, at the line that names it.
class FailingExecutor : public BatchExecutor
{
public:
    bool open(QString *) override { return true; }
    ExecResult execute(const QString &batch) override
    {
        ExecResult r;
        const QStringList lines = batch.split(u'\n');
        for (int i = 0; i < lines.size(); ++i) {
            if (lines.at(i).contains(u"CREATE QUEUE"_qs)) {
                r.ok = false;
                r.errorNumber = 2714;
                r.line = i + 1;
                r.message = u"There is already an object named 'AsyncTargetQueue' in the database."_qs;
                r.messages << r.message;
                return r;
            }
        }
        return r;
    }
    void close() override {}
};

QString artifact(const QString &name)
{
    QDir().mkpath(QStringLiteral(BS_TEST_ARTIFACT_DIR) + u"/ui_wizard"_qs);
    return QStringLiteral(BS_TEST_ARTIFACT_DIR) + u"/ui_wizard/"_qs + name;
}

void shoot(QWizard &w, const QString &name)
{
    QVERIFY(w.grab().save(artifact(name + u".png"_qs)));
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A profile as File > Connect saves it: no password inside.
ConnectionProfile sqlLoginProfile(const QString &name, bool savePassword)
{
    ConnectionProfile p;
    p.name = name;
    p.driver = u"FreeTDS"_qs;
    p.server = u"sqlprod01,1433"_qs;
    p.database = u"SalesOps"_qs;
    p.userName = u"deployer"_qs;
    p.savePassword = savePassword;
    return p;
}

// Every text a person can see or hover in the wizard: labels, buttons, non-password line edits,
// combo items, plain-text views, progress texts, tooltips, placeholders and window titles.
QStringList visibleTexts(QWidget *root)
{
    QStringList out;
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets << root;
    for (QWidget *w : widgets) {
        out << w->windowTitle() << w->toolTip() << w->accessibleName();
        if (auto *l = qobject_cast<QLabel *>(w))
            out << l->text();
        if (auto *b = qobject_cast<QAbstractButton *>(w))
            out << b->text();
        if (auto *e = qobject_cast<QLineEdit *>(w)) {
            out << e->placeholderText() << e->displayText();
            if (e->echoMode() == QLineEdit::Normal)
                out << e->text();
        }
        if (auto *c = qobject_cast<QComboBox *>(w)) {
            for (int i = 0; i < c->count(); ++i)
                out << c->itemText(i) << c->itemData(i, Qt::ToolTipRole).toString();
            out << c->currentText();
        }
        if (auto *t = qobject_cast<QPlainTextEdit *>(w))
            out << t->toPlainText() << t->placeholderText();
        if (auto *p = qobject_cast<QProgressBar *>(w))
            out << p->text();
    }
    return out;
}

bool nextEnabled(QWizard &w)
{
    return w.button(QWizard::NextButton)->isEnabled();
}

} // namespace

class TestPatternWizard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void walkAllPages_data();
    void walkAllPages();
    void runInstallShowsFailingBatch();
    void runAsksForPasswordAndCountsBatches();
    void noProfileGuessed();
    void keychainWithoutPasswordAsks();
    void finishPageFitsSmallScreen();
    void loadOptionsReopens();
    void loadOptionsRejectsBadFile();
    void sameFilesAsCommandLine();
    void mnemonicsUniquePerPage_data();
    void mnemonicsUniquePerPage();
};

void TestPatternWizard::walkAllPages_data()
{
    QTest::addColumn<int>("pattern");
    QTest::addColumn<QString>("radio");
    QTest::newRow("windowed") << int(Pattern::Windowed) << u"patternWindowed"_qs;
    QTest::newRow("keep-firing") << int(Pattern::KeepFiring) << u"patternKeepFiring"_qs;
    QTest::newRow("target-ends-first") << int(Pattern::TargetEndsFirst) << u"patternTargetEndsFirst"_qs;
}

void TestPatternWizard::walkAllPages()
{
    QFETCH(int, pattern);
    QFETCH(QString, radio);
    const QString key = patternKey(Pattern(pattern));

    PatternWizard w(connectedCatalog());
    w.setConnectedDatabase(connectedCatalog().database.databaseName);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));

    // 1 Pattern
    QCOMPARE(w.currentId(), int(PatternWizard::PatternPageId));
    auto *choice = w.findChild<QRadioButton *>(radio);
    QVERIFY(choice);
    choice->click();
    QCOMPARE(int(w.options().pattern), pattern);
    QVERIFY(nextEnabled(w));
    shoot(w, key + u"-1-pattern"_qs);
    w.next();

    // 2 Names: the default names collide with the connected database's queue and service.
    QCOMPARE(w.currentId(), int(PatternWizard::NamesPageId));
    QCOMPARE(w.options().database, u"SalesOps"_qs);
    auto *objects = w.findChild<QTreeWidget *>(u"objectList"_qs);
    QVERIFY(objects);
    QCOMPARE(objects->topLevelItemCount(), int(patternObjects(w.options()).size()));
    QVERIFY(objects->topLevelItemCount() >= 8);
    QList<QTreeWidgetItem *> conflicts = objects->findItems(u"exists already"_qs, Qt::MatchExactly, 2);
    QCOMPARE(conflicts.size(), 2);
    QVERIFY(!objects->findItems(u"[dbo].[AsyncTargetQueue]"_qs, Qt::MatchExactly, 0).isEmpty());
    QVERIFY(nextEnabled(w));
    shoot(w, key + u"-2-names"_qs);

    auto *prefix = w.findChild<QLineEdit *>(u"prefix"_qs);
    QVERIFY(prefix);
    prefix->setText(QString());
    QVERIFY(!nextEnabled(w));
    auto *namesProblems = w.findChild<QLabel *>(u"namesProblems"_qs);
    QVERIFY(namesProblems->isVisible());
    QVERIFY(!namesProblems->text().isEmpty());
    prefix->setText(QString(129, u'x'));
    QVERIFY(!nextEnabled(w));
    // A new prefix: no more conflicts, and the list follows the typing.
    prefix->setText(u"Orders"_qs);
    QVERIFY(nextEnabled(w));
    QVERIFY(!namesProblems->isVisible());
    QCOMPARE(w.options().prefix, u"Orders"_qs);
    QVERIFY(!objects->findItems(u"[dbo].[OrdersTargetQueue]"_qs, Qt::MatchExactly, 0).isEmpty());
    QCOMPARE(objects->findItems(u"exists already"_qs, Qt::MatchExactly, 2).size(), 1); // the service root is unchanged
    w.findChild<QLineEdit *>(u"serviceRoot"_qs)->setText(u"//Contoso/Orders"_qs);
    QCOMPARE(objects->findItems(u"exists already"_qs, Qt::MatchExactly, 2).size(), 0);
    w.findChild<QLineEdit *>(u"schema"_qs)->setText(QString());
    QVERIFY(!nextEnabled(w));
    w.findChild<QLineEdit *>(u"schema"_qs)->setText(u"sb"_qs);
    QVERIFY(nextEnabled(w));
    w.next();

    // 3 Tuning: invalid numbers disable Next, with the message inline.
    QCOMPARE(w.currentId(), int(PatternWizard::TuningPageId));
    QVERIFY(nextEnabled(w));
    auto *readers = w.findChild<QSpinBox *>(u"maxQueueReaders"_qs);
    auto *tuningProblems = w.findChild<QLabel *>(u"tuningProblems"_qs);
    readers->setValue(0);
    QVERIFY(!nextEnabled(w));
    QVERIFY(tuningProblems->isVisible());
    QVERIFY(tuningProblems->text().contains(u"MAX_QUEUE_READERS"_qs));
    readers->setValue(40000);
    QVERIFY(!nextEnabled(w));
    readers->setValue(8);
    QVERIFY(nextEnabled(w));
    QCOMPARE(w.options().maxQueueReaders, 8);
    auto *timeout = w.findChild<QSpinBox *>(u"receiveTimeoutMs"_qs);
    timeout->setValue(0);
    QVERIFY(!nextEnabled(w));
    timeout->setValue(2000);
    QVERIFY(nextEnabled(w));
    // Messages per RECEIVE: 1..1000; above 1 a warning where every dialog carries one task.
    auto *perReceive = w.findChild<QSpinBox *>(u"messagesPerReceive"_qs);
    QVERIFY(perReceive && perReceive->isVisible());
    QCOMPARE(perReceive->value(), 1);
    perReceive->setValue(0);
    QVERIFY(!nextEnabled(w));
    QVERIFY(tuningProblems->text().contains(u"Messages per RECEIVE"_qs));
    perReceive->setValue(1001);
    QVERIFY(!nextEnabled(w));
    perReceive->setValue(8);
    QVERIFY(nextEnabled(w));
    QCOMPARE(w.options().messagesPerReceive, 8);
    QCOMPARE(tuningProblems->isVisible() && tuningProblems->text().contains(u"conversation group"_qs),
             Pattern(pattern) != Pattern::KeepFiring);
    // The RECEIVE cost is part of the load: with it, a batch of 8 shares one RECEIVE.
    auto *receiveCost = w.findChild<QDoubleSpinBox *>(u"receiveSeconds"_qs);
    QVERIFY(receiveCost);
    receiveCost->setValue(0.009);
    QCOMPARE(w.workload().receiveSeconds, 0.009);
    const SteadyStateEstimate estimate = estimateSteadyState(w.options(), w.workload());
    QCOMPARE(tasksPerReceive(w.options()), Pattern(pattern) == Pattern::KeepFiring ? 8 : 1);
    QCOMPARE(estimate.capacityPerSecond,
             estimate.parallelReaders / (w.workload().taskSeconds + 0.009 / tasksPerReceive(w.options())));
    auto *window = w.findChild<QSpinBox *>(u"windowSeconds"_qs);
    auto *pool = w.findChild<QSpinBox *>(u"poolSize"_qs);
    auto *advice = w.findChild<QLabel *>(u"windowAdvice"_qs);
    auto *endpoints = w.findChild<QLabel *>(u"whatIfEndpoints"_qs);
    QVERIFY(endpoints->text().contains(u"endpoints"_qs));
    QCOMPARE(window->isVisible(), Pattern(pattern) == Pattern::Windowed);
    QCOMPARE(pool->isVisible(), Pattern(pattern) == Pattern::KeepFiring);
    QCOMPARE(advice->isVisible(), Pattern(pattern) == Pattern::Windowed);
    if (Pattern(pattern) == Pattern::Windowed) {
        window->setValue(0);
        QVERIFY(!nextEnabled(w));
        // 1000 messages ÷ 8 readers × 2 s + 5 s × 7 = 285 s: a 120 s window is too short.
        w.findChild<QSpinBox *>(u"batchSize"_qs)->setValue(1000);
        w.findChild<QDoubleSpinBox *>(u"taskSeconds"_qs)->setValue(2.0);
        window->setValue(120);
        QVERIFY(advice->text().contains(u"expire"_qs));
        w.findChild<QPushButton *>(u"useSuggestedWindow"_qs)->click();
        QCOMPARE(window->value(), 600); // 2 × 285 s rounded up to whole minutes
        QVERIFY(!advice->text().contains(u"expire"_qs));
        QVERIFY(nextEnabled(w));
    }
    auto *lifetime = w.findChild<QSpinBox *>(u"dialogLifetimeSeconds"_qs);
    QCOMPARE(lifetime->isVisible(), Pattern(pattern) == Pattern::TargetEndsFirst);
    if (Pattern(pattern) == Pattern::TargetEndsFirst) {
        QCOMPARE(lifetime->value(), PatternOptions::defaults(Pattern::TargetEndsFirst).dialogLifetimeSeconds);
        lifetime->setValue(0);
        QVERIFY(!nextEnabled(w));
        QVERIFY(tuningProblems->text().contains(u"lifetime"_qs, Qt::CaseInsensitive));
        lifetime->setValue(7200);
        QVERIFY(nextEnabled(w));
        QCOMPARE(w.options().dialogLifetimeSeconds, 7200);
    }
    if (Pattern(pattern) == Pattern::KeepFiring) {
        pool->setValue(0);
        QVERIFY(!nextEnabled(w));
        pool->setValue(40); // more than readers × 4: a warning, not an error
        QVERIFY(nextEnabled(w));
        QVERIFY(tuningProblems->isVisible());
        pool->setValue(8);
    }
    shoot(w, key + u"-3-tuning"_qs);

    // Simulate: the simulator runs off the GUI thread and the population curve is drawn.
    auto *simulate = w.findChild<QPushButton *>(u"simulateButton"_qs);
    QVERIFY(simulate);
    QVERIFY(simulate->isEnabled());
    simulate->click();
    auto *simulation = w.findChild<WhatIfSimulationWidget *>(u"whatIfSimulation"_qs);
    QTRY_VERIFY_WITH_TIMEOUT(!simulation->isRunning(), 30000);
    const QList<QPointF> curve = simulation->curve();
    QVERIFY(curve.size() > 10);
    QVERIFY(std::any_of(curve.begin(), curve.end(), [](const QPointF &p) { return p.y() > 0; }));
    QVERIFY(w.findChild<QLabel *>(u"simulationStatus"_qs)->text().contains(u"endpoints"_qs));
    shoot(w, key + u"-3-tuning-simulated"_qs);
    w.next();

    // 4 Review: one highlighted tab per script plus the options; text is the generator's.
    QCOMPARE(w.currentId(), int(PatternWizard::ReviewPageId));
    const GeneratedScripts expected = generateScripts(w.options());
    QVERIFY2(expected.error.isEmpty(), qPrintable(expected.error));
    auto *tabs = w.findChild<QTabWidget *>(u"scriptTabs"_qs);
    QCOMPARE(tabs->count(), int(expected.scripts.size()) + 1);
    for (const GeneratedScript &s : expected.scripts) {
        auto *edit = w.findChild<QPlainTextEdit *>(u"script_"_qs + s.fileName);
        QVERIFY2(edit, qPrintable(s.fileName));
        QVERIFY(edit->isReadOnly());
        QCOMPARE(edit->toPlainText(), s.text);
    }
    QVERIFY(nextEnabled(w));
    shoot(w, key + u"-4-review"_qs);
    tabs->setCurrentIndex(tabs->count() - 1);
    shoot(w, key + u"-4-review-options"_qs);
    w.next();

    // 5 Finish: save, then compare byte for byte with the generator's output.
    QCOMPARE(w.currentId(), int(PatternWizard::FinishPageId));
    auto *finish = qobject_cast<FinishWizardPage *>(w.currentPage());
    QVERIFY(finish);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString error;
    QVERIFY2(finish->saveTo(dir.path(), &error), qPrintable(error));
    for (const GeneratedScript &s : expected.scripts)
        QCOMPARE(readAll(dir.filePath(s.fileName)), s.text.toUtf8());
    QCOMPARE(readAll(dir.filePath(u"options.json"_qs)), QJsonDocument(optionsToJson(w.options())).toJson());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), int(expected.scripts.size()) + 1);
    // The saved options reopen as the same options.
    QString why;
    const auto reread = optionsFromJson(QJsonDocument::fromJson(readAll(dir.filePath(u"options.json"_qs))).object(), &why);
    QVERIFY2(reread.has_value(), qPrintable(why));
    QVERIFY(*reread == w.options());
    // Nothing runs without a connection and the explicit button.
    QVERIFY(!w.findChild<QPushButton *>(u"runButton"_qs)->isEnabled());
    QVERIFY(finish->lastReport().log.isEmpty());
    shoot(w, key + u"-5-finish"_qs);
}

void TestPatternWizard::runInstallShowsFailingBatch()
{
    const QString secret = u"Pw-9f3#kQ!x"_qs;
    PatternWizard w(connectedCatalog());
    w.setConnectionProfiles({sqlLoginProfile(u"staging"_qs, false), sqlLoginProfile(u"prod"_qs, false)}, u"prod"_qs);
    int factoryCalls = 0;
    QString usedConnection;
    w.setExecutorFactory([&](const QString &connection) -> ScriptRunner::ExecutorFactory {
        ++factoryCalls;
        usedConnection = connection;
        return [] { return std::make_unique<FailingExecutor>(); };
    });
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.next();
    w.next();
    w.next();
    w.next();
    QCOMPARE(w.currentId(), int(PatternWizard::FinishPageId));
    QCOMPARE(factoryCalls, 0);
    auto *profile = w.findChild<QComboBox *>(u"connectionProfile"_qs);
    QCOMPARE(profile->count(), 2);
    QCOMPARE(profile->currentData().toString(), u"prod"_qs);
    auto *password = w.findChild<QLineEdit *>(u"runPassword"_qs);
    QCOMPARE(password->echoMode(), QLineEdit::Password);
    QVERIFY(password->isEnabled());
    auto *run = w.findChild<QPushButton *>(u"runButton"_qs);
    QVERIFY(run->isEnabled());
    password->setText(secret);
    run->click();
    auto *finish = qobject_cast<FinishWizardPage *>(w.currentPage());
    QTRY_VERIFY_WITH_TIMEOUT(!finish->isRunning() && finish->lastReport().outcome == RunReport::Outcome::Failed, 10000);
    QCOMPARE(factoryCalls, 1);
    // The runner got the profile's server and the typed password; no widget ever shows either string.
    QVERIFY(usedConnection.contains(u"sqlprod01"_qs));
    QVERIFY(usedConnection.contains(secret));
    for (const QString &text : visibleTexts(&w)) {
        QVERIFY2(!text.contains(secret), qPrintable(text));
        QVERIFY2(!text.contains(u"PWD="_qs, Qt::CaseInsensitive), qPrintable(text));
    }

    const RunReport &report = finish->lastReport();
    const GeneratedScripts scripts = generateScripts(w.options());
    QString install;
    for (const GeneratedScript &s : scripts.scripts) {
        if (s.fileName == u"install.sql"_qs)
            install = s.text;
    }
    // The reported line is the script's line that holds the first CREATE QUEUE outside comments and strings.
    const QStringList lines = install.split(u'\n');
    QVERIFY(report.failedScriptLine > 0);
    QVERIFY2(lines.at(report.failedScriptLine - 1).contains(u"CREATE QUEUE"_qs), qPrintable(lines.at(report.failedScriptLine - 1)));
    auto *result = w.findChild<QPlainTextEdit *>(u"runResult"_qs);
    QVERIFY(result->toPlainText().contains(u"There is already an object named 'AsyncTargetQueue'"_qs));
    QVERIFY(result->toPlainText().contains(u"Line %1 of install.sql"_qs.arg(report.failedScriptLine)));
    QVERIFY(result->toPlainText().contains(u"> %1"_qs.arg(report.failedScriptLine, 5)));
    auto *progress = w.findChild<QProgressBar *>(u"runProgress"_qs);
    QCOMPARE(progress->maximum(), report.batchCount);
    QCOMPARE(progress->value(), report.batchesSucceeded);
    QVERIFY(w.findChild<QPushButton *>(u"saveLogButton"_qs)->isEnabled());
    QVERIFY(!w.findChild<QPushButton *>(u"cancelRunButton"_qs)->isEnabled());
    shoot(w, u"windowed-5-finish-run-failed"_qs);
}

// A profile that does not keep its password: Run asks for it and starts nothing; before any run the
// progress bar counts install.sql's GO batches (the runner's splitter).
void TestPatternWizard::runAsksForPasswordAndCountsBatches()
{
    PatternWizard w(connectedCatalog());
    w.setConnectionProfiles({sqlLoginProfile(u"prod"_qs, false)}, u"prod"_qs);
    int factoryCalls = 0;
    w.setExecutorFactory([&](const QString &) -> ScriptRunner::ExecutorFactory {
        ++factoryCalls;
        return [] { return std::make_unique<FailingExecutor>(); };
    });
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    while (w.currentId() != PatternWizard::FinishPageId)
        w.next();
    auto *finish = qobject_cast<FinishWizardPage *>(w.currentPage());
    QString install;
    for (const GeneratedScript &s : generateScripts(w.options()).scripts) {
        if (s.fileName == u"install.sql"_qs)
            install = s.text;
    }
    const BatchSplit split = BatchSplitter::split(install);
    QVERIFY(split.ok());
    QVERIFY(split.batches.size() > 1);
    QCOMPARE(finish->installBatchCount(), int(split.batches.size()));
    auto *progress = w.findChild<QProgressBar *>(u"runProgress"_qs);
    QCOMPARE(progress->maximum(), int(split.batches.size()));
    QCOMPARE(progress->value(), 0);
    QVERIFY2(progress->text().contains(QString::number(split.batches.size())), qPrintable(progress->text()));

    w.findChild<QPushButton *>(u"runButton"_qs)->click();
    QCOMPARE(factoryCalls, 0);
    QVERIFY(!finish->isRunning());
    QVERIFY(w.findChild<QPlainTextEdit *>(u"runResult"_qs)->toPlainText().contains(u"Type the password"_qs));
    QCOMPARE(QApplication::focusWidget(), w.findChild<QLineEdit *>(u"runPassword"_qs));
}

// Without the connected database's profile (demo, or a connection never saved) nothing is preselected:
// Run waits for an explicit choice rather than guess a server.
void TestPatternWizard::noProfileGuessed()
{
    PatternWizard w(connectedCatalog());
    w.setConnectionProfiles({sqlLoginProfile(u"staging"_qs, false), sqlLoginProfile(u"prod"_qs, false)}, u"sqlprod01 / SalesOps"_qs);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    while (w.currentId() != PatternWizard::FinishPageId)
        w.next();
    auto *profile = w.findChild<QComboBox *>(u"connectionProfile"_qs);
    auto *run = w.findChild<QPushButton *>(u"runButton"_qs);
    QCOMPARE(profile->currentIndex(), -1);
    QVERIFY(!run->isEnabled());
    profile->setCurrentIndex(1);
    QVERIFY(run->isEnabled());
}

// A profile that keeps its password in the keychain: with the field empty, Run asks the keychain; where
// none answers (no D-Bus session, as on CI) it asks for the password instead and starts nothing.
void TestPatternWizard::keychainWithoutPasswordAsks()
{
    if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QSKIP("A D-Bus session exists here, so a keychain may answer; this test is for machines without one.");
    PatternWizard w(connectedCatalog());
    w.setConnectionProfiles({sqlLoginProfile(u"prod"_qs, true)}, u"prod"_qs);
    int factoryCalls = 0;
    w.setExecutorFactory([&](const QString &) -> ScriptRunner::ExecutorFactory {
        ++factoryCalls;
        return [] { return std::make_unique<FailingExecutor>(); };
    });
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    while (w.currentId() != PatternWizard::FinishPageId)
        w.next();
    auto *run = w.findChild<QPushButton *>(u"runButton"_qs);
    auto *result = w.findChild<QPlainTextEdit *>(u"runResult"_qs);
    run->click();
    QTRY_VERIFY_WITH_TIMEOUT(result->toPlainText().contains(u"Type the password"_qs)
                                 || result->toPlainText().contains(u"Type it"_qs),
                             10000);
    QCOMPARE(factoryCalls, 0);
    QVERIFY(run->isEnabled());
    QVERIFY(w.findChild<QLineEdit *>(u"runPassword"_qs)->isEnabled());
}

// At 1024x768 every control of the Finish page is as wide as its text needs.
void TestPatternWizard::finishPageFitsSmallScreen()
{
    PatternWizard w(connectedCatalog());
    w.setConnectionProfiles({sqlLoginProfile(u"prod"_qs, true)}, u"prod"_qs);
    w.resize(1024, 768);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    while (w.currentId() != PatternWizard::FinishPageId)
        w.next();
    QVERIFY(w.width() <= 1024 && w.height() <= 768);
    for (QPushButton *b : w.currentPage()->findChildren<QPushButton *>()) {
        if (b->isVisible())
            QVERIFY2(b->width() >= b->sizeHint().width(), qPrintable(b->text()));
    }
    shoot(w, u"windowed-5-finish-1024x768"_qs);
}

void TestPatternWizard::loadOptionsReopens()
{
    PatternOptions saved = PatternOptions::defaults(Pattern::KeepFiring);
    saved.prefix = u"Billing"_qs;
    saved.serviceRoot = u"//Fabrikam/Billing"_qs;
    saved.maxQueueReaders = 6;
    saved.poolSize = 12;
    QTemporaryDir dir;
    const QString path = dir.filePath(u"options.json"_qs);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(optionsToJson(saved)).toJson());
    f.close();

    PatternWizard w(BrokerCatalog{});
    w.show();
    QString error;
    QVERIFY2(w.loadOptionsFile(path, &error), qPrintable(error));
    QVERIFY(w.options() == saved);
    QVERIFY(w.findChild<QRadioButton *>(u"patternKeepFiring"_qs)->isChecked());
    w.next();
    QCOMPARE(w.findChild<QLineEdit *>(u"prefix"_qs)->text(), u"Billing"_qs);
    QCOMPARE(w.findChild<QTreeWidget *>(u"objectList"_qs)->findItems(u"not compared"_qs, Qt::MatchExactly, 2).size(),
             w.findChild<QTreeWidget *>(u"objectList"_qs)->topLevelItemCount());
    w.next();
    QCOMPARE(w.findChild<QSpinBox *>(u"poolSize"_qs)->value(), 12);
    QCOMPARE(w.findChild<QSpinBox *>(u"maxQueueReaders"_qs)->value(), 6);
}

void TestPatternWizard::loadOptionsRejectsBadFile()
{
    QTemporaryDir dir;
    const QString bad = dir.filePath(u"bad.json"_qs);
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"pattern": "windowed", "noSuchOption": 1})");
    f.close();
    const QString naive = dir.filePath(u"naive.json"_qs);
    QFile g(naive);
    QVERIFY(g.open(QIODevice::WriteOnly));
    g.write(QJsonDocument(optionsToJson(PatternOptions::defaults(Pattern::NaiveTeaching))).toJson());
    g.close();

    PatternWizard w(BrokerCatalog{});
    const PatternOptions before = w.options();
    QString error;
    QVERIFY(!w.loadOptionsFile(bad, &error));
    QVERIFY(error.contains(u"noSuchOption"_qs));
    QVERIFY(!w.loadOptionsFile(naive, &error));
    QVERIFY(error.contains(u"naive"_qs));
    QVERIFY(!w.loadOptionsFile(dir.filePath(u"missing.json"_qs), &error));
    QVERIFY(w.options() == before);
}

void TestPatternWizard::sameFilesAsCommandLine()
{
    const QString exe = QStringLiteral(BS_BINARY_DIR) + u"/app/broker-studio"_qs;
    if (!QFile::exists(exe))
        QSKIP("broker-studio is not built in this tree; build the broker-studio target to compare with the CLI");

    PatternOptions o = PatternOptions::defaults(Pattern::Windowed);
    o.prefix = u"Nightly"_qs;
    o.windowSeconds = 7200;
    PatternWizard w(BrokerCatalog{});
    w.setOptions(o);
    QTemporaryDir dir;
    const QString wizardDir = dir.filePath(u"wizard"_qs);
    const QString cliDir = dir.filePath(u"cli"_qs);
    auto *finish = qobject_cast<FinishWizardPage *>(w.page(PatternWizard::FinishPageId));
    QString error;
    QVERIFY2(finish->saveTo(wizardDir, &error), qPrintable(error));

    QProcess cli;
    cli.start(exe, {u"generate"_qs, u"--pattern"_qs, u"windowed"_qs, u"--options"_qs, wizardDir + u"/options.json"_qs,
                    u"--out"_qs, cliDir});
    QVERIFY(cli.waitForFinished(60000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    const QStringList files = QDir(wizardDir).entryList(QDir::Files, QDir::Name);
    QCOMPARE(QDir(cliDir).entryList(QDir::Files, QDir::Name), files);
    for (const QString &file : files)
        QCOMPARE(readAll(cliDir + u'/' + file), readAll(wizardDir + u'/' + file));
}

void TestPatternWizard::mnemonicsUniquePerPage_data()
{
    QTest::addColumn<int>("page");
    QTest::addColumn<int>("pattern");
    for (int pattern : {int(Pattern::Windowed), int(Pattern::KeepFiring)}) {
        const QString key = patternKey(Pattern(pattern));
        QTest::newRow(qPrintable(key + u"/pattern"_qs)) << int(PatternWizard::PatternPageId) << pattern;
        QTest::newRow(qPrintable(key + u"/names"_qs)) << int(PatternWizard::NamesPageId) << pattern;
        QTest::newRow(qPrintable(key + u"/tuning"_qs)) << int(PatternWizard::TuningPageId) << pattern;
        QTest::newRow(qPrintable(key + u"/finish"_qs)) << int(PatternWizard::FinishPageId) << pattern;
    }
}

// Alt+<letter> must reach one control: no two labels or buttons on a page (or the wizard's
// Back/Next/Finish buttons) share a mnemonic.
void TestPatternWizard::mnemonicsUniquePerPage()
{
    QFETCH(int, page);
    QFETCH(int, pattern);
    PatternWizard w(BrokerCatalog{});
    w.setOptions(PatternOptions::defaults(Pattern(pattern)));
    w.show();
    while (w.currentId() != page)
        w.next();
    QStringList texts;
    for (QWizard::WizardButton b : {QWizard::BackButton, QWizard::NextButton, QWizard::FinishButton})
        texts << w.button(b)->text();
    for (QLabel *l : w.currentPage()->findChildren<QLabel *>()) {
        if (l->isVisibleTo(&w) && l->buddy())
            texts << l->text();
    }
    for (QAbstractButton *b : w.currentPage()->findChildren<QAbstractButton *>()) {
        if (b->isVisibleTo(&w))
            texts << b->text();
    }
    QMap<QChar, QString> seen;
    int found = 0;
    for (const QString &t : texts) {
        const qsizetype amp = t.indexOf(u'&');
        if (amp < 0 || amp + 1 >= t.size() || t.at(amp + 1) == u'&')
            continue;
        ++found;
        const QChar key = t.at(amp + 1).toLower();
        QVERIFY2(!seen.contains(key), qPrintable(u"'%1' used by \"%2\" and \"%3\""_qs.arg(key).arg(seen.value(key), t)));
        seen.insert(key, t);
    }
    QVERIFY(found >= 3);
}

QTEST_MAIN(TestPatternWizard)
#include "tst_patternwizard.moc"
