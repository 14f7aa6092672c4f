#include "cli/apprun.h"
#include "core/script/patternoptions.h"
#include "core/script/scriptwriter.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace bs;

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString golden(const QString &caseName)
{
    return QStringLiteral(BS_TEST_DATA_DIR "/script/golden/") + caseName;
}

// A golden script as the application writes it: the goldens hold @BS_VERSION@ for the version.
QByteArray goldenScript(const QString &path)
{
    return readFile(path).replace("version @BS_VERSION@.", "version " BS_VERSION ".");
}

} // namespace

class TestGenerateCommand : public QObject
{
    Q_OBJECT

private slots:
    void writesTheGoldenScripts_data()
    {
        QTest::addColumn<QString>("caseName");
        QTest::addColumn<bool>("withOptions");
        QTest::newRow("windowed, no options file") << u"windowed-default"_qs << false;
        QTest::newRow("keep-firing, no options file") << u"keep-firing-default"_qs << false;
        QTest::newRow("target-ends-first hostile") << u"target-ends-first-hostile"_qs << true;
        QTest::newRow("keep-firing hostile") << u"keep-firing-hostile"_qs << true;
        QTest::newRow("keep-firing, 8 per RECEIVE") << u"keep-firing-top8"_qs << true;
    }

    void writesTheGoldenScripts()
    {
        QFETCH(QString, caseName);
        QFETCH(bool, withOptions);
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString out = tmp.filePath(QStringLiteral("scripts"));
        const QString pattern = caseName.section(QLatin1Char('-'), 0, -2);
        QStringList args{u"generate"_qs, u"--pattern"_qs, pattern, u"--out"_qs, out};
        if (withOptions)
            args << u"--options"_qs << golden(caseName) + QStringLiteral("/options.json");
        const AppRun run = runApp(args);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.err, QString());
        for (const QString &file : {u"install.sql"_qs, u"uninstall.sql"_qs, u"usage.sql"_qs, u"monitor.sql"_qs}) {
            QVERIFY2(readFile(out + QLatin1Char('/') + file) == goldenScript(golden(caseName) + QLatin1Char('/') + file),
                     qPrintable(file));
        }
        // options.json holds every option, so that the wizard and the CLI can reopen it.
        const auto written = optionsFromJson(QJsonDocument::fromJson(readFile(out + QStringLiteral("/options.json"))).object(),
                                             nullptr);
        const auto given = optionsFromJson(QJsonDocument::fromJson(readFile(golden(caseName) + QStringLiteral("/options.json"))).object(),
                                           nullptr);
        QVERIFY(written && given);
        QVERIFY(*written == *given);
        QCOMPARE(readFile(out + QStringLiteral("/options.json")), ScriptWriter::optionsJson(*given));
    }

    void refuses_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("optionsJson");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("window 0") << QStringList{u"--pattern"_qs, u"windowed"_qs} << QByteArray("{\"windowSeconds\": 0}") << 1
                                  << u"error: windowSeconds: The window must be more than 0 seconds (it is 0).\n"_qs;
        QTest::newRow("readers out of range")
            << QStringList{u"--pattern"_qs, u"keep-firing"_qs} << QByteArray("{\"maxQueueReaders\": 40000}") << 1
            << u"error: maxQueueReaders: MAX_QUEUE_READERS must be between 1 and 32767 (it is 40000).\n"_qs;
        QTest::newRow("retention beyond the cap")
            << QStringList{u"--pattern"_qs, u"windowed"_qs} << QByteArray("{\"logRetentionDays\": 50000}") << 1
            << u"error: logRetentionDays: Log retention of 50000 days is too long; the most is 36500 days (about 100 "
               u"years). Use 0 to keep the log forever.\n"_qs;
        QTest::newRow("target-ends-first lifetime 0")
            << QStringList{u"--pattern"_qs, u"target-ends-first"_qs} << QByteArray("{\"dialogLifetimeSeconds\": 0}")
            << 1 << u"error: dialogLifetimeSeconds: The dialog lifetime must be more than 0 seconds (it is 0).\n"_qs;
        QTest::newRow("messages per RECEIVE 0")
            << QStringList{u"--pattern"_qs, u"keep-firing"_qs} << QByteArray("{\"messagesPerReceive\": 0}") << 1
            << u"error: messagesPerReceive: Messages per RECEIVE must be between 1 and 1000 (it is 0).\n"_qs;
        QTest::newRow("unknown option") << QStringList{u"--pattern"_qs, u"windowed"_qs} << QByteArray("{\"window\": 5}") << 1
                                        << u"broker-studio generate: Unknown option \"window\".\n"_qs;
        QTest::newRow("unknown pattern") << QStringList{u"--pattern"_qs, u"fire-and-hope"_qs} << QByteArray() << 2
                                         << u"broker-studio generate: unknown pattern \"fire-and-hope\"; use windowed, "
                                            u"keep-firing or target-ends-first\n"_qs;
        QTest::newRow("pattern contradicts options")
            << QStringList{u"--pattern"_qs, u"windowed"_qs} << QByteArray("{\"pattern\": \"keep-firing\"}") << 2
            << u"broker-studio generate: --pattern windowed contradicts \"pattern\": \"keep-firing\" in the options file\n"_qs;
        QTest::newRow("no pattern at all") << QStringList{} << QByteArray() << 2
                                           << u"broker-studio generate: give --pattern (or a \"pattern\" in the options file)\n"_qs;
    }

    void refuses()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, optionsJson);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString out = tmp.filePath(QStringLiteral("scripts"));
        QStringList args = QStringList{u"generate"_qs} + arguments + QStringList{u"--out"_qs, out};
        if (!optionsJson.isEmpty()) {
            QFile f(tmp.filePath(QStringLiteral("options.json")));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(optionsJson);
            f.close();
            args << u"--options"_qs << f.fileName();
        }
        const AppRun run = runApp(args);
        QCOMPARE(run.exitCode, exitCode);
        QCOMPARE(run.err, message);
        QVERIFY(!QDir(out).exists());
    }

    void warningsDoNotStopGeneration()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        QFile f(tmp.filePath(QStringLiteral("options.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"pattern\": \"windowed\", \"windowSeconds\": 30}");
        f.close();
        const QString out = tmp.filePath(QStringLiteral("scripts"));
        const AppRun run = runApp({u"generate"_qs, u"--options"_qs, f.fileName(), u"--out"_qs, out});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.err.startsWith(QLatin1String("warning: windowSeconds: A window of 30 s is short")));
        QVERIFY(readFile(out + QStringLiteral("/install.sql")).contains("WITH LIFETIME = 30, ENCRYPTION = OFF;"));
    }
};

QTEST_GUILESS_MAIN(TestGenerateCommand)
#include "tst_generatecommand.moc"
