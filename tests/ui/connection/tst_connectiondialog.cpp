#include "data/odbc/odbccatalogreader.h"
#include "data/odbc/odbcconnectionstring.h"
#include "data/settings.h"
#include "ui/connection/connectiondialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QRadioButton>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QRegularExpression>
#include <QTest>

#ifdef BS_HAVE_TDS_SERVER
#include "tdsserver.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#endif

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace bs;

namespace {

int closedLoopbackPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0)
        port = ntohs(addr.sin_port);
    ::close(fd);
    return port;
}

template<typename T>
T *child(QWidget &w, const char *name)
{
    T *c = w.findChild<T *>(QLatin1String(name));
    if (!c)
        qFatal("no child %s", name);
    return c;
}

} // namespace

class TestConnectionDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_port = 0;

    QString iniFile() const { return m_dir.filePath(QStringLiteral("settings.ini")); }

    void fill(ConnectionDialog &d)
    {
        QTest::keyClicks(child<QLineEdit>(d, "server"), QStringLiteral("127.0.0.1,%1").arg(m_port));
        QTest::keyClicks(child<QLineEdit>(d, "database"), QStringLiteral("SalesOps"));
        QTest::keyClicks(child<QLineEdit>(d, "user"), QStringLiteral("broker_admin"));
        QTest::keyClicks(child<QLineEdit>(d, "password"), QStringLiteral("p;w}d"));
        child<QSpinBox>(d, "loginTimeout")->setValue(5);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_port = closedLoopbackPort();
        QVERIFY(m_port > 0);
    }

    // Every test starts without saved profiles.
    void init() { QFile::remove(iniFile()); }

    void connectionStringFollowsTheFields()
    {
        Settings settings(iniFile());
        ConnectionDialog d(settings, nullptr, {QStringLiteral("FreeTDS"), QStringLiteral("ODBC Driver 18 for SQL Server")});
        // Driver 18 is preferred over FreeTDS.
        QCOMPARE(child<QComboBox>(d, "driver")->currentText(), QStringLiteral("ODBC Driver 18 for SQL Server"));
        child<QComboBox>(d, "driver")->setCurrentText(QStringLiteral("FreeTDS"));
        fill(d);
        const QString expected = QStringLiteral("Driver={FreeTDS};Server=127.0.0.1;Port=%1;Database=SalesOps;"
                                                "UID=broker_admin;PWD={p;w}}d};TDS_Version=7.4;Encryption=require;"
                                                "ClientCharset=UTF-8;APP=Broker Studio;")
                                     .arg(m_port);
        QCOMPARE(d.connectionString(), expected);
        // The preview never shows the password.
        const QString preview = child<QLineEdit>(d, "preview")->text();
        QVERIFY(!preview.contains(QLatin1String("p;w")));
        QVERIFY(preview.contains(QLatin1String("PWD=********")));
        QCOMPARE(d.profile().loginTimeoutSeconds, 5);
    }

    void closingBraceInPasswordWarnsWithFreeTds()
    {
        Settings settings(iniFile());
        ConnectionDialog d(settings, nullptr, {QStringLiteral("FreeTDS"), QStringLiteral("ODBC Driver 18 for SQL Server")});
        auto *warning = child<QLabel>(d, "passwordWarning");
        child<QComboBox>(d, "driver")->setCurrentText(QStringLiteral("FreeTDS"));
        child<QLineEdit>(d, "password")->setText(QStringLiteral("abc"));
        QVERIFY(warning->isHidden());
        child<QLineEdit>(d, "password")->setText(QStringLiteral("a}b"));
        QVERIFY(!warning->isHidden());
        QVERIFY(warning->text().contains(QLatin1String("FreeTDS")));
        // Microsoft's drivers undo the escaping: no warning.
        child<QComboBox>(d, "driver")->setCurrentText(QStringLiteral("ODBC Driver 18 for SQL Server"));
        QVERIFY(warning->isHidden());
    }

    void strictOnlyWithDriver18()
    {
        Settings settings(iniFile());
        ConnectionDialog d(settings, nullptr, {QStringLiteral("FreeTDS"), QStringLiteral("ODBC Driver 18 for SQL Server")});
        auto *encrypt = child<QComboBox>(d, "encrypt");
        auto *model = qobject_cast<QStandardItemModel *>(encrypt->model());
        QVERIFY(model);
        QVERIFY(model->item(2)->isEnabled());
        encrypt->setCurrentIndex(2);
        QVERIFY(!child<QCheckBox>(d, "trustServerCertificate")->isEnabled());
        child<QComboBox>(d, "driver")->setCurrentText(QStringLiteral("FreeTDS"));
        QVERIFY(!model->item(2)->isEnabled());
        QCOMPARE(encrypt->currentIndex(), 1); // fell back to Mandatory
        QVERIFY(!child<QCheckBox>(d, "trustServerCertificate")->isEnabled());
    }

    void testConnectionShowsBusyThenTheDriversError()
    {
        Settings settings(iniFile());
        ConnectionDialog d(settings, nullptr, {QStringLiteral("FreeTDS")});
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        fill(d);
        auto *test = child<QPushButton>(d, "test");
        auto *stop = child<QPushButton>(d, "stop");
        auto *busy = child<QProgressBar>(d, "busy");
        QVERIFY(test->isEnabled());
        QVERIFY(!busy->isVisible());

        QTest::mouseClick(test, Qt::LeftButton);
        QVERIFY(d.isBusy());
        QVERIFY(busy->isVisible());
        QVERIFY(stop->isEnabled());
        QVERIFY(!test->isEnabled());
        QVERIFY(d.statusText().contains(QLatin1String("Connecting to 127.0.0.1")));

        QTRY_VERIFY_WITH_TIMEOUT(!d.isBusy(), 10000);
        QVERIFY2(d.statusText().contains(QLatin1String("[FreeTDS]")), qPrintable(d.statusText()));
        QVERIFY(d.statusText().contains(QLatin1String("Connection failed")));
        QVERIFY(!busy->isVisible());
        QVERIFY(test->isEnabled());
        QVERIFY(d.isVisible()); // a failed test never closes the dialog

        // Hover help for the security options, as a DBA would look for it.
        QVERIFY(child<QComboBox>(d, "encrypt")->toolTip().contains(QLatin1String("Strict")));
        QVERIFY(child<QCheckBox>(d, "trustServerCertificate")->toolTip().contains(QLatin1String("man-in-the-middle")));

        // Without a D-Bus session (this build machine) there is no keychain, and the dialog says so.
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QTRY_VERIFY(child<QLabel>(d, "keychainNote")->isVisible());

        const QString dir = QStringLiteral(BS_TEST_ARTIFACT_DIR);
        QDir().mkpath(dir);
        QVERIFY(d.grab().save(dir + QStringLiteral("/connectiondialog.png")));
    }

    void stopAbandonsTheAttempt()
    {
        Settings settings(iniFile());
        ConnectionDialog d(settings, nullptr, {QStringLiteral("FreeTDS")});
        d.show();
        fill(d);
        QTest::mouseClick(child<QPushButton>(d, "test"), Qt::LeftButton);
        QVERIFY(d.isBusy());
        QTest::mouseClick(child<QPushButton>(d, "stop"), Qt::LeftButton);
        QVERIFY(!d.isBusy());
        QVERIFY(d.statusText().startsWith(QLatin1String("Stopped")));
        // The late result of the abandoned attempt is dropped.
        QVERIFY(OdbcCatalogReader::threadPool()->waitForDone(10000));
        QCoreApplication::processEvents();
        QVERIFY(d.statusText().startsWith(QLatin1String("Stopped")));
    }

    void cancelRejectsEvenWhileBusy()
    {
        Settings settings(iniFile());
        ConnectionDialog d(settings, nullptr, {QStringLiteral("FreeTDS")});
        d.show();
        fill(d);
        QTest::mouseClick(child<QPushButton>(d, "test"), Qt::LeftButton);
        d.reject();
        QCOMPARE(d.result(), int(QDialog::Rejected));
        QVERIFY(!d.isBusy());
        QVERIFY(OdbcCatalogReader::threadPool()->waitForDone(10000));
    }

    void connectFailureKeepsTheDialogOpen()
    {
        Settings settings(iniFile());
        ConnectionDialog d(settings, nullptr, {QStringLiteral("FreeTDS")});
        d.show();
        fill(d);
        child<QLineEdit>(d, "profileName")->setText(QStringLiteral("Unreachable"));
        QTest::mouseClick(child<QPushButton>(d, "connect"), Qt::LeftButton);
        QVERIFY(d.isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!d.isBusy(), 10000);
        QVERIFY(d.isVisible());
        QCOMPARE(d.result(), 0);
        QVERIFY(d.statusText().contains(QLatin1String("[FreeTDS]")));
        // Only a connection that worked is remembered.
        QVERIFY(!settings.connectionProfile(QStringLiteral("Unreachable")).has_value());
    }

    void fieldsLockedWhileTestingAndErrorClearedOnEdit()
    {
        Settings settings(iniFile());
        ConnectionDialog d(settings, nullptr, {QStringLiteral("FreeTDS")});
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        fill(d);
        child<QLineEdit>(d, "profileName")->setText(QStringLiteral("Loopback"));
        QTest::mouseClick(child<QPushButton>(d, "test"), Qt::LeftButton);
        QVERIFY(d.isBusy());
        // What is tested is what Connect would open: no field can change meanwhile, Stop still can.
        for (const char *name : {"server", "database", "user", "password", "profileName"})
            QVERIFY2(!child<QLineEdit>(d, name)->isEnabled(), name);
        for (const char *name : {"profiles", "driver", "authentication", "encrypt"})
            QVERIFY2(!child<QComboBox>(d, name)->isEnabled(), name);
        QVERIFY(!child<QSpinBox>(d, "loginTimeout")->isEnabled());
        QVERIFY(!child<QRadioButton>(d, "useDsn")->isEnabled());
        QVERIFY(!child<QPushButton>(d, "saveProfile")->isEnabled());
        QVERIFY(!child<QPushButton>(d, "connect")->isEnabled());
        QVERIFY(child<QPushButton>(d, "stop")->isEnabled());

        QTRY_VERIFY_WITH_TIMEOUT(!d.isBusy(), 10000);
        for (const char *name : {"server", "database", "user", "password", "profileName"})
            QVERIFY2(child<QLineEdit>(d, name)->isEnabled(), name);
        QVERIFY(child<QComboBox>(d, "driver")->isEnabled());
        QVERIFY(d.statusText().contains(QLatin1String("Connection failed")));
        // FreeTDS's "server unavailable" gets advice on host, port, named instances and TCP.
        QVERIFY2(d.statusText().contains(QLatin1String("Adaptive Server is unavailable")), qPrintable(d.statusText()));
        QVERIFY(d.statusText().contains(QLatin1String("UDP 1434")));
        QVERIFY(d.statusText().contains(QLatin1String("TCP/IP")));
        // A refused port fails in milliseconds, and says so ("after 0.0 s" read as if nothing was tried).
        QVERIFY2(QRegularExpression(QStringLiteral("Connection failed</b> (after \\d+ ms|immediately):")).match(d.statusText()).hasMatch(),
                 qPrintable(d.statusText()));
        // The error block takes room of its own: the wrapped notes above keep their full height.
        for (const char *name : {"keychainNote", "passwordWarning"}) {
            auto *note = d.findChild<QLabel *>(QLatin1String(name));
            if (note && note->isVisible())
                QVERIFY2(note->height() >= note->heightForWidth(note->width()), name);
        }
        const QString dir = QStringLiteral(BS_TEST_ARTIFACT_DIR);
        QDir().mkpath(dir);
        QVERIFY(d.grab().save(dir + QStringLiteral("/connectiondialog-unavailable-hint.png")));

        // The result described the fields as tested; editing one clears it.
        QTest::keyClick(child<QLineEdit>(d, "server"), Qt::Key_Backspace);
        QCOMPARE(d.statusText(), QString());
    }

    void unknownDsnGetsAHint()
    {
        Settings settings(iniFile());
        ConnectionDialog d(settings, nullptr, {QStringLiteral("FreeTDS")});
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        child<QRadioButton>(d, "useDsn")->setChecked(true);
        auto *dsn = child<QComboBox>(d, "dsn");
        dsn->setEditText(QStringLiteral("bs-no-such-dsn"));
        QTest::keyClicks(child<QLineEdit>(d, "user"), QStringLiteral("u"));
        QTest::keyClicks(child<QLineEdit>(d, "password"), QStringLiteral("p"));
        QTest::mouseClick(child<QPushButton>(d, "test"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!d.isBusy(), 10000);
        QVERIFY2(d.statusText().contains(QLatin1String("Data source name not found")), qPrintable(d.statusText()));
        QVERIFY2(d.statusText().contains(QLatin1String("odbcinst -q -s")), qPrintable(d.statusText()));
        const QString dir = QStringLiteral(BS_TEST_ARTIFACT_DIR);
        QDir().mkpath(dir);
        QVERIFY(d.grab().save(dir + QStringLiteral("/connectiondialog-dsn-hint.png")));
    }

    void stopReenablesTheFields()
    {
        Settings settings(iniFile());
        ConnectionDialog d(settings, nullptr, {QStringLiteral("FreeTDS")});
        d.show();
        fill(d);
        QTest::mouseClick(child<QPushButton>(d, "test"), Qt::LeftButton);
        QVERIFY(!child<QLineEdit>(d, "server")->isEnabled());
        QTest::mouseClick(child<QPushButton>(d, "stop"), Qt::LeftButton);
        QVERIFY(!d.isBusy());
        QVERIFY(child<QLineEdit>(d, "server")->isEnabled());
        QVERIFY(child<QPushButton>(d, "test")->isEnabled());
        // Editing after a stop clears the "Stopped" line too.
        QTest::keyClicks(child<QLineEdit>(d, "database"), QStringLiteral("2"));
        QCOMPARE(d.statusText(), QString());
        QVERIFY(OdbcCatalogReader::threadPool()->waitForDone(10000));
    }

    void failureHint_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("keyword"); // empty = no hint
        QTest::newRow("freetds-unavailable")
            << QStringLiteral("[FreeTDS][SQL Server]Unable to connect: Adaptive Server is unavailable or does not exist")
            << QStringLiteral("named instance");
        QTest::newRow("login-failed") << QStringLiteral("[FreeTDS][SQL Server]Login failed for user 'sa'.")
                                      << QStringLiteral("18456");
        QTest::newRow("unknown-dsn")
            << QStringLiteral("[unixODBC][Driver Manager]Data source name not found and no default driver specified")
            << QStringLiteral("odbcinst -q -s");
        QTest::newRow("no-answer") << QStringLiteral("No answer from server h,1433 within 3 s; the driver did not give up")
                                   << QStringLiteral("port belongs to SQL Server");
        QTest::newRow("empty") << QString() << QString();
    }

    void failureHint()
    {
        QFETCH(QString, message);
        QFETCH(QString, keyword);
        const QString hint = ConnectionDialog::failureHint(message);
        QCOMPARE(hint.isEmpty(), keyword.isEmpty());
        QVERIFY2(hint.contains(keyword), qPrintable(hint));
    }

    // Alt+<letter> reaches one control: every field label has a buddy and a mnemonic, no letter twice.
    void mnemonicsUniqueAndLabelsHaveBuddies()
    {
        Settings settings(iniFile());
        ConnectionDialog d(settings, nullptr, {QStringLiteral("FreeTDS")});
        d.show();
        QStringList texts;
        int buddies = 0;
        for (QLabel *l : d.findChildren<QLabel *>()) {
            if (l->buddy()) {
                ++buddies;
                QVERIFY2(l->text().contains(u'&'), qPrintable(l->text()));
                texts << l->text();
            }
        }
        QVERIFY(buddies >= 11);
        for (QAbstractButton *b : d.findChildren<QAbstractButton *>())
            texts << b->text();
        QMap<QChar, QString> seen;
        for (const QString &t : texts) {
            const qsizetype amp = t.indexOf(u'&');
            if (amp < 0 || amp + 1 >= t.size() || t.at(amp + 1) == u'&')
                continue;
            const QChar key = t.at(amp + 1).toLower();
            QVERIFY2(!seen.contains(key), qPrintable(QStringLiteral("'%1' in \"%2\" and \"%3\"").arg(key).arg(seen.value(key), t)));
            seen.insert(key, t);
        }
        QVERIFY(seen.size() >= 18);
    }

    void connectSucceedsAgainstTheTestServer()
    {
#ifndef BS_HAVE_TDS_SERVER
        QSKIP("The TDS test server (tests/support) is not part of this build.");
#else
        QFile recorded(QStringLiteral(BS_TEST_DATA_DIR "/data/fixtures/catalog_full.json"));
        QFile typed(QStringLiteral(BS_TEST_DATA_DIR "/integration/fixtures/catalog-types.json"));
        QVERIFY(recorded.open(QIODevice::ReadOnly) && typed.open(QIODevice::ReadOnly));
        TdsFixture fixture;
        fixture.database = QStringLiteral("SalesOps");
        QString error;
        QVERIFY2(fixture.addRecordedResults(QJsonDocument::fromJson(recorded.readAll()).object().value(u"queries").toObject(),
                                            QJsonDocument::fromJson(typed.readAll()).object().value(u"types").toObject(),
                                            &error),
                 qPrintable(error));
        TdsServer server(fixture);
        QVERIFY2(server.start(0, &error), qPrintable(error));

        Settings settings(iniFile());
        ConnectionDialog d(settings, nullptr, {QStringLiteral("FreeTDS")});
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        child<QLineEdit>(d, "profileName")->setText(QStringLiteral("Test server"));
        QTest::keyClicks(child<QLineEdit>(d, "server"), QStringLiteral("127.0.0.1,%1").arg(server.port()));
        QTest::keyClicks(child<QLineEdit>(d, "database"), QStringLiteral("SalesOps"));
        QTest::keyClicks(child<QLineEdit>(d, "user"), fixture.user);
        QTest::keyClicks(child<QLineEdit>(d, "password"), fixture.password);
        // The test server does not encrypt: Optional lets FreeTDS go on without TLS.
        child<QComboBox>(d, "encrypt")->setCurrentIndex(0);
        child<QSpinBox>(d, "loginTimeout")->setValue(5);

        QTest::mouseClick(child<QPushButton>(d, "test"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!d.isBusy(), 10000);
        QVERIFY2(d.statusText().contains(QLatin1String("Connected")), qPrintable(d.statusText() + u'\n' + server.requestLog()));
        QVERIFY(d.statusText().contains(QLatin1String("SalesOps")));
        QVERIFY(d.statusText().contains(QLatin1String("Service Broker is enabled")));
        QVERIFY(d.isVisible()); // a test never closes the dialog
        QVERIFY(d.grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/connectiondialog-connected.png")));

        // Connect: accepted, and the profile (never the password) is saved.
        QTest::mouseClick(child<QPushButton>(d, "connect"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(d.result(), int(QDialog::Accepted), 10000);
        QCOMPARE(d.password(), fixture.password);
        const std::optional<ConnectionProfile> saved = settings.connectionProfile(QStringLiteral("Test server"));
        QVERIFY(saved.has_value());
        QCOMPARE(saved->userName, fixture.user);
        QCOMPARE(settings.lastConnectionProfile(), QStringLiteral("Test server"));
#endif
    }

    void missingKeychainFallsBackToAsking()
    {
        if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("A D-Bus session exists here, so a keychain may answer; this test is for machines without one.");
        Settings settings(iniFile());
        ConnectionDialog d(settings, nullptr, {QStringLiteral("FreeTDS")});
        d.show();
        auto *note = child<QLabel>(d, "keychainNote");
        QTRY_VERIFY(note->isVisible());
        QVERIFY(note->text().contains(QLatin1String("No keychain service is available")));
        QVERIFY(note->toolTip().contains(QLatin1String("The keychain said")));
        QVERIFY(note->text().contains(QLatin1String("asked for the password each time")));
        auto *save = child<QCheckBox>(d, "savePassword");
        QVERIFY(!save->isEnabled());
        QVERIFY(!save->isChecked());
        QVERIFY(!d.profile().savePassword);
    }

    void savedProfileComesBackWithoutPassword()
    {
        {
            Settings settings(iniFile());
            ConnectionDialog d(settings, nullptr, {QStringLiteral("FreeTDS")});
            fill(d);
            child<QLineEdit>(d, "profileName")->setText(QStringLiteral("Loopback"));
            child<QPushButton>(d, "saveProfile")->click();
            QVERIFY(settings.connectionProfile(QStringLiteral("Loopback")).has_value());
            settings.setLastConnectionProfile(QStringLiteral("Loopback"));
        }
        Settings settings(iniFile());
        ConnectionDialog d(settings, nullptr, {QStringLiteral("FreeTDS")});
        QCOMPARE(d.profile().server, QStringLiteral("127.0.0.1,%1").arg(m_port));
        QCOMPARE(d.profile().userName, QStringLiteral("broker_admin"));
        QCOMPARE(d.password(), QString());
    }
};

QTEST_MAIN(TestConnectionDialog)
#include "tst_connectiondialog.moc"
