#include "data/runner/scriptrunner.h"
#include "data/odbc/odbcdrivers.h"
#include "data/connectionprofile.h"
#include "tdsserver.h"
#include "ui/wizard/finishwizardpage.h"
#include "ui/wizard/patternwizard.h"

#include <QElapsedTimer>
#include <QLineEdit>
#include <QPushButton>
#include <QComboBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace bs;

/// ScriptRunner over the real ODBC stack against the TDS test server's delay fault (issue #12):
/// cancel stops the batch on the server (an attention), destroying a runner never waits, and
/// closing the pattern wizard during a long batch leaves the window answering.
class TestRunnerCancel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TdsServer> m_server;

    /// Every script batch takes a minute unless cancelled.
    static TdsFixture slowBatches()
    {
        TdsFixture f;
        f.database = QStringLiteral("SalesOps");
        TdsBatchRule rule;
        rule.reply.delayMs = 60000;
        rule.reply.rowsAffected = 0;
        f.batches.append(rule);
        return f;
    }

    int attentions() const
    {
        int n = 0;
        for (const TdsRequest &r : m_server->requests())
            n += r.kind == TdsRequest::Kind::Attention ? 1 : 0;
        return n;
    }
    bool batchArrived() const
    {
        for (const TdsRequest &r : m_server->requests()) {
            if (r.kind == TdsRequest::Kind::Batch && r.text.contains(QLatin1String("SELECT 1")))
                return true;
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!OdbcDrivers::installed().contains(QStringLiteral("FreeTDS")))
            QSKIP("FreeTDS is not registered with unixODBC here (install tdsodbc); the real-ODBC tests need it.");
    }
    void init()
    {
        m_server = std::make_unique<TdsServer>(slowBatches());
        QVERIFY(m_server->start());
    }
    void cleanup()
    {
        if (QTest::currentTestFailed())
            qInfo().noquote() << "server log:\n" << m_server->requestLog();
        m_server.reset();
    }

    void cancelStopsTheBatchOnTheServer()
    {
        ScriptRunner runner(ScriptRunner::odbcFactory(m_server->connectionString()));
        QSignalSpy finished(&runner, &ScriptRunner::finished);
        QVERIFY(runner.start(QStringLiteral("SELECT 1;\nGO\nSELECT 2;")));
        QTRY_VERIFY_WITH_TIMEOUT(batchArrived(), 10000);
        QElapsedTimer clock;
        clock.start();
        runner.cancel();
        QVERIFY(finished.wait(5000));
        qInfo() << "cancelled run finished after" << clock.elapsed() << "ms";
        QVERIFY(clock.elapsed() < 3000);
        const RunReport report = finished.at(0).at(0).value<RunReport>();
        QCOMPARE(report.outcome, RunReport::Outcome::Cancelled);
        QCOMPARE(report.batchesSucceeded, 0);
        QVERIFY2(report.message.contains(QLatin1String("while batch 1 of 2 ran")), qPrintable(report.message));
        QCOMPARE(attentions(), 1);
        QVERIFY(!m_server->requestLog().contains(QLatin1String("SELECT 2")));
    }

    void destroyingARunnerNeverWaits()
    {
        auto *runner = new ScriptRunner(ScriptRunner::odbcFactory(m_server->connectionString()));
        QVERIFY(runner->start(QStringLiteral("SELECT 1;")));
        QTRY_VERIFY_WITH_TIMEOUT(batchArrived(), 10000);
        QElapsedTimer clock;
        clock.start();
        delete runner;
        QVERIFY2(clock.elapsed() < 200, qPrintable(QString::number(clock.elapsed())));
        // The batch is cancelled on the server all the same.
        QTRY_COMPARE_WITH_TIMEOUT(attentions(), 1, 5000);
    }

    void closingTheWizardDuringALongBatchAnswersAtOnce()
    {
        BrokerCatalog catalog;
        catalog.database.databaseName = QStringLiteral("SalesOps");
        catalog.database.serverName = QStringLiteral("TDSTEST");
        catalog.database.isBrokerEnabled = true;
        ConnectionProfile p;
        p.name = QStringLiteral("tds");
        p.driver = QStringLiteral("FreeTDS");
        p.server = QStringLiteral("127.0.0.1,%1").arg(m_server->port());
        p.database = QStringLiteral("SalesOps");
        p.userName = m_server->fixture().user;
        p.encrypt = EncryptMode::Optional; // the test server speaks no TLS
        QPointer<PatternWizard> w = new PatternWizard(catalog);
        w->setAttribute(Qt::WA_DeleteOnClose); // as MainWindow opens it
        w->setConnectionProfiles({p}, QStringLiteral("tds"));
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w));
        while (w->currentId() != int(PatternWizard::FinishPageId))
            w->next();
        w->findChild<QLineEdit *>(QStringLiteral("runPassword"))->setText(m_server->fixture().password);
        w->findChild<QPushButton *>(QStringLiteral("runButton"))->click();
        // install.sql's first batch is on the server, which takes a minute over it.
        QTRY_VERIFY2_WITH_TIMEOUT(!m_server->requests().isEmpty()
                                      && m_server->requests().constLast().kind == TdsRequest::Kind::Batch,
                                  qPrintable(w->findChild<QPlainTextEdit *>(QStringLiteral("runResult"))->toPlainText()),
                                  10000);
        QVERIFY(qobject_cast<FinishWizardPage *>(w->currentPage())->isRunning());

        QElapsedTimer clock;
        clock.start();
        w->close();
        const qint64 closeMs = clock.elapsed();
        // The event loop answers: a zero timer fires, and the deferred delete happens.
        bool ticked = false;
        QTimer::singleShot(0, this, [&ticked] { ticked = true; });
        QTRY_VERIFY_WITH_TIMEOUT(ticked && w.isNull(), 1000);
        const qint64 answeredMs = clock.elapsed();
        qInfo() << "close returned after" << closeMs << "ms; the window answered after" << answeredMs << "ms";
        QVERIFY2(answeredMs < 200, qPrintable(QString::number(answeredMs)));
        // Closing cancelled the batch on the server.
        QTRY_COMPARE_WITH_TIMEOUT(attentions(), 1, 5000);
    }
};

QTEST_MAIN(TestRunnerCancel)
#include "tst_runnercancel.moc"
