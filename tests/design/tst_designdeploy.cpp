// Deploying a design's migration through the operations path, offscreen, with the real wiring
// (DesignLauncher → OpsController → OperationPreviewDialog → OperationPath → OdbcBrokerOperations →
// QODBC → FreeTDS → the TDS test server): "Deploy…" opens the operations preview with the exact
// script, Run sends it as previewed, one audit row holds the whole script. The simulator and a
// read-only profile disable "Deploy…" and say why.
#include "core/design/designautosave.h"
#include "core/design/designdocument.h"
#include "core/samplecatalog.h"
#include "data/odbc/odbcbrokersource.h"
#include "data/ops/operationpath.h"
#include "data/sim/simbrokersource.h"
#include "tdsserver.h"
#include "ui/design/designlauncher.h"
#include "ui/design/designpropertyeditor.h"
#include "ui/design/designwindow.h"
#include "ui/design/migrationpreviewdialog.h"
#include "ui/ops/operationpreviewdialog.h"
#include "ui/ops/opscontroller.h"

#include <QApplication>
#include <QCheckBox>
#include <QJsonArray>
#include <QLabel>
#include <QMainWindow>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace bs;

namespace {

TdsFixture fixture()
{
    TdsFixture f;
    f.database = QStringLiteral("SalesOps");
    TdsReply granted;
    TdsResultSet set;
    set.columns.append(*TdsFixture::column(u"has_permission"_qs, u"int"_qs));
    set.rows.append(QJsonArray{1});
    granted.resultSets.append(set);
    f.queries.insert(u"ops.permission"_qs, granted);
    f.batches.append({QString(), TdsReply{}});
    return f;
}

/// A designer on the sample catalog with one change: AuditQueue switched on.
MigrationPreviewDialog *previewOneChange(DesignWindow *w)
{
    w->designFromCatalog(sampleCatalog());
    w->selectObject({ObjectKind::Queue, u"AuditQueue"_qs, u"dbo"_qs});
    auto *status = qobject_cast<QCheckBox *>(w->propertyEditor()->editor(u"status"_qs));
    if (!status)
        return nullptr;
    status->setChecked(true);
    MigrationPreviewDialog *preview = w->compareWith(sampleCatalog());
    preview->show();
    return preview;
}

OperationPreviewDialog *openOperationPreview(QMainWindow *host)
{
    OperationPreviewDialog *found = nullptr;
    [&] { QTRY_VERIFY((found = host->findChild<OperationPreviewDialog *>(u"operationPreview"_qs)) != nullptr); }();
    return found;
}

} // namespace

class TestDesignDeploy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QDir(DesignAutosave::directory()).removeRecursively(); // no recovery question here
    }

    void deployRunsThePreviewedScriptAndAuditsIt()
    {
        TdsServer server(fixture());
        QString error;
        QVERIFY2(server.start(0, &error), qPrintable(error));
        QMainWindow host;
        auto *tabs = new QTabWidget(&host);
        host.setCentralWidget(tabs);
        OpsController ops(&host, tabs);
        OdbcBrokerSource source(server.connectionString(), 5);
        QTemporaryDir dir;
        ops.setSource(&source, dir.filePath(u"history.sqlite"_qs));
        DesignLauncher launcher(&ops, [] { return std::optional<BrokerCatalog>(sampleCatalog()); });
        DesignWindow *w = launcher.open();
        MigrationPreviewDialog *migration = previewOneChange(w);
        QVERIFY(migration);
        const QString script = migration->scriptView()->toPlainText();
        QVERIFY(script.contains(u"ALTER QUEUE [dbo].[AuditQueue] WITH STATUS = ON;"_qs));
        QVERIFY2(migration->deployButton()->isEnabled(), qPrintable(migration->deployButton()->toolTip()));
        migration->deployButton()->click();

        // The operations path's own preview: the exact script, a permission check, then Run.
        OperationPreviewDialog *preview = openOperationPreview(&host);
        QVERIFY(preview);
        QCOMPARE(preview->statementView()->toPlainText(), script);
        QTRY_VERIFY_WITH_TIMEOUT(preview->runButton()->isEnabled(), 20000);
        int batchesBefore = 0;
        for (const TdsRequest &r : server.requests())
            batchesBefore += r.kind == TdsRequest::Kind::Batch && r.tag.isEmpty();
        QCOMPARE(batchesBefore, 0); // nothing sent before Run
        QDir(QStringLiteral(BS_TEST_ARTIFACT_DIR)).mkpath(u"."_qs);
        QVERIFY(preview->grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/design-deploy-preview.png")));
        preview->runButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(preview->result().has_value(), 20000);
        QVERIFY2(preview->result()->ok, qPrintable(preview->result()->message));
        QVERIFY(preview->statusLabel()->text().contains(u"Batch 1 of 1 (line 1) succeeded."_qs));
        QStringList sent;
        for (const TdsRequest &r : server.requests()) {
            if (r.kind == TdsRequest::Kind::Batch && r.tag.isEmpty())
                sent.append(r.text);
        }
        // The migration is one batch; the splitter drops only the trailing line break.
        QCOMPARE(sent, QStringList{script.trimmed()});
        const AuditRecord row = ops.path()->audit().records().value(0);
        QCOMPARE(row.operation, u"deploy-script"_qs);
        QCOMPARE(row.statement, script);
        QCOMPARE(row.outcome, u"succeeded"_qs);
        QVERIFY(row.message.contains(u"Batch 1 of 1"_qs));
        preview->close();
        migration->close();
        w->document()->undoStack()->setClean();
        w->close();
    }

    void deployIsDisabledWithTheReason()
    {
        QMainWindow host;
        auto *tabs = new QTabWidget(&host);
        OpsController ops(&host, tabs);
        DesignLauncher launcher(&ops, [] { return std::optional<BrokerCatalog>(sampleCatalog()); });
        // No source at all.
        DesignWindow *w = launcher.open();
        MigrationPreviewDialog *none = previewOneChange(w);
        QVERIFY(!none->deployButton()->isEnabled());
        QVERIFY(none->deployButton()->toolTip().contains(u"no database is open"_qs));
        none->close();
        // The simulator cannot run T-SQL.
        std::unique_ptr<SimBrokerSource> demo(SimBrokerSource::createDemo());
        demo->pause();
        QTemporaryDir dir;
        ops.setSource(demo.get(), dir.filePath(u"demo.sqlite"_qs));
        MigrationPreviewDialog *sim = w->compareWith(sampleCatalog());
        sim->show();
        QVERIFY(!sim->deployButton()->isEnabled());
        QVERIFY2(sim->deployButton()->toolTip().contains(u"cannot run T-SQL"_qs), qPrintable(sim->deployButton()->toolTip()));
        QVERIFY(sim->grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/design-deploy-disabled.png")));
        sim->close();
        // A read-only profile.
        demo->operations()->setReadOnly(true, u"The connection profile is read-only."_qs);
        MigrationPreviewDialog *ro = w->compareWith(sampleCatalog());
        QVERIFY(!ro->deployButton()->isEnabled());
        QVERIFY(ro->deployButton()->toolTip().contains(u"read-only"_qs));
        ro->close();
        ops.setSource(nullptr, {});
        w->document()->undoStack()->setClean();
        w->close();
    }
};

QTEST_MAIN(TestDesignDeploy)
#include "tst_designdeploy.moc"
