#include "data/platforminfo.h"
#include "graph/graphvizversion.h"
#include "ui/aboutdialog.h"

#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QTest>

using namespace bs;

class TestAboutDialog : public QObject
{
    Q_OBJECT

private:
    static QString visibleText(const QWidget &dialog)
    {
        QString text;
        const QList<QLabel *> labels = dialog.findChildren<QLabel *>();
        for (const QLabel *label : labels)
            text += label->text() + u'\n';
        return text;
    }

private slots:
    void iconResource()
    {
        QVERIFY(QFile::exists(QStringLiteral(":/icons/broker-studio.svg")));
        const QIcon icon(QStringLiteral(":/icons/broker-studio.svg"));
        const QPixmap pixmap = icon.pixmap(64, 64);
        QVERIFY(!pixmap.isNull());
        QCOMPARE(pixmap.size(), QSize(64, 64));
    }

    void componentVersions_data()
    {
        QTest::addColumn<QString>("component");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("pattern");
        QTest::newRow("qt") << u"Qt"_qs << QString::fromLatin1(qVersion()) << u"^6\\.\\d+\\.\\d+"_qs;
        // SQL_DM_VER is "##.##.####.####" (ODBC major.minor, driver manager build).
        QTest::newRow("odbc") << u"ODBC driver manager"_qs << PlatformInfo::odbcDriverManagerVersion()
                              << u"^\\d{2}\\.\\d{2}\\.\\d{4}\\.\\d{4}$"_qs;
        QTest::newRow("graphviz") << u"Graphviz"_qs << graphvizVersion() << u"^\\d+\\.\\d+"_qs;
    }

    void componentVersions()
    {
        QFETCH(QString, component);
        QFETCH(QString, version);
        QFETCH(QString, pattern);
        QVERIFY2(QRegularExpression(pattern).match(version).hasMatch(),
                 qPrintable(component + u" version \"" + version + u"\" does not match " + pattern));

        AboutDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QString text = visibleText(dialog);
        QVERIFY2(text.contains(component.toHtmlEscaped()), qPrintable(text));
        QVERIFY2(text.contains(version.toHtmlEscaped()), qPrintable(text));
        const QRegularExpression line(u"^"_qs + QRegularExpression::escape(component) + u": .*"
                                      + QRegularExpression::escape(version) + u".*$",
                                      QRegularExpression::MultilineOption);
        QVERIFY2(line.match(AboutDialog::componentReport()).hasMatch(), qPrintable(AboutDialog::componentReport()));
    }

    void versionAndLicence()
    {
        AboutDialog dialog;
        const QString text = visibleText(dialog);
        QVERIFY(text.contains(u"Broker Studio " BS_VERSION));
        QVERIFY(text.contains(u"MIT licence"));
        QVERIFY(AboutDialog::componentReport().startsWith(u"Broker Studio: " BS_VERSION "\n"));
        QVERIFY(!dialog.windowIcon().isNull());
    }

    void copyPutsReportOnClipboard()
    {
        AboutDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QGuiApplication::clipboard()->clear();
        auto *copy = dialog.findChild<QPushButton *>(u"copyVersions"_qs);
        QVERIFY(copy);
        QTest::mouseClick(copy, Qt::LeftButton);
        QTRY_COMPARE(QGuiApplication::clipboard()->text(), AboutDialog::componentReport());
    }

    void screenshot()
    {
        AboutDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QString path = QDir(QStringLiteral(BS_TEST_ARTIFACT_DIR)).filePath(u"about-dialog.png"_qs);
        const QPixmap shot = dialog.grab();
        QVERIFY(shot.width() >= 400);
        QVERIFY(shot.save(path));
        qInfo("screenshot: %s", qPrintable(path));
    }
};

QTEST_MAIN(TestAboutDialog)
#include "tst_aboutdialog.moc"
