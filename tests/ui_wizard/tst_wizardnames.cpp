// What the wizard assumes about names: the database an install USEs, and the procedure names its
// diagrams show (issue 11).
#include "ui/wizard/patterndiagramwidget.h"
#include "ui/wizard/patternwizard.h"

#include <QLineEdit>
#include <QRadioButton>
#include <QTest>

using namespace bs;

namespace {

BrokerCatalog catalogNamed(const QString &database)
{
    BrokerCatalog c;
    c.database.databaseName = database;
    c.database.isBrokerEnabled = true;
    return c;
}

QString installScript(PatternWizard &w)
{
    const GeneratedScripts &scripts = w.scripts();
    return scripts.scripts.isEmpty() ? scripts.error : scripts.scripts.first().text;
}

} // namespace

class TestWizardNames : public QObject
{
    Q_OBJECT

private slots:
    void simulationCatalogGivesNoUse()
    {
        // The demo's catalog names a database that exists on no server: the install runs in the
        // current database of whoever runs it, with no USE statement.
        PatternWizard w(catalogNamed(QStringLiteral("BrokerStudioDemo")));
        QCOMPARE(w.options().database, QString());
        const QString install = installScript(w);
        QVERIFY2(!install.contains(QLatin1String("\nUSE ")), qPrintable(install.left(400)));
        QVERIFY(!install.contains(QLatin1String("BrokerStudioDemo")));
        QVERIFY(install.contains(QLatin1String("--   database               (the current database)")));
    }

    void connectedDatabaseIsUsed()
    {
        PatternWizard w(catalogNamed(QStringLiteral("SalesOps")));
        w.setConnectedDatabase(QStringLiteral("SalesOps"));
        QCOMPARE(w.options().database, QStringLiteral("SalesOps"));
        QVERIFY(installScript(w).contains(QLatin1String("\nUSE [SalesOps];\nGO\n")));
        // The Names page shows it, and clearing it there goes back to "the current database".
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.next();
        auto *database = w.findChild<QLineEdit *>(QStringLiteral("database"));
        QVERIFY(database);
        QCOMPARE(database->text(), QStringLiteral("SalesOps"));
        database->setText(QString());
        QVERIFY(!installScript(w).contains(QLatin1String("\nUSE ")));
    }

    void diagramsNameTheRealProcedures_data()
    {
        QTest::addColumn<QString>("radio");
        QTest::addColumn<QString>("expected");
        QTest::newRow("windowed") << QStringLiteral("patternWindowed") << QStringLiteral("Orders_Enqueue -> Orders_Target");
        QTest::newRow("keep-firing") << QStringLiteral("patternKeepFiring") << QStringLiteral("Orders_Enqueue -> Orders_Target");
        QTest::newRow("target-ends-first")
            << QStringLiteral("patternTargetEndsFirst") << QStringLiteral("Orders_Initiator -> Orders_Target");
    }

    void diagramsNameTheRealProcedures()
    {
        QFETCH(QString, radio);
        QFETCH(QString, expected);
        PatternWizard w(BrokerCatalog{});
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *diagram = w.findChild<PatternDiagramWidget *>(QStringLiteral("patternDiagram"));
        QVERIFY(diagram);
        QCOMPARE(diagram->boxTitles(), QStringLiteral("Async_Enqueue -> Async_Target"));
        w.findChild<QRadioButton *>(radio)->click();
        // Type a prefix on the Names page, come back: the diagram names the procedures install.sql creates.
        w.next();
        w.findChild<QLineEdit *>(QStringLiteral("prefix"))->setText(QStringLiteral("Orders"));
        w.back();
        QCOMPARE(diagram->boxTitles(), expected);
        QVERIFY(diagram->accessibleDescription().endsWith(expected));
        const QString install = installScript(w);
        for (const QString &name : expected.split(QStringLiteral(" -> ")))
            QVERIFY2(install.contains(QStringLiteral("CREATE OR ALTER PROCEDURE [dbo].[%1]").arg(name)), qPrintable(name));
        QVERIFY(diagram->grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/wizard-diagram-%1.png").arg(radio)));
        // A long prefix is elided in the middle, never cut at the end.
        diagram->setPrefix(QString(100, QLatin1Char('P')));
        QVERIFY(diagram->boxTitles().contains(QChar(0x2026)));
        QVERIFY(diagram->boxTitles().endsWith(QLatin1String("_Target")));
    }
};

QTEST_MAIN(TestWizardNames)
#include "tst_wizardnames.moc"
