#include "data/settings.h"

#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace bs;

class TestSettings : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString iniFile() const { return m_dir.filePath(QStringLiteral("settings.ini")); }

private Q_SLOTS:
    void init() { QFile::remove(iniFile()); }

    void profilesRoundTrip()
    {
        ConnectionProfile a;
        a.name = QStringLiteral("Prod; primary");
        a.driver = QStringLiteral("ODBC Driver 18 for SQL Server");
        a.server = QStringLiteral("sql01\\PROD");
        a.database = QStringLiteral("Продажи");
        a.userName = QStringLiteral("dba");
        a.savePassword = true;
        a.encrypt = EncryptMode::Strict;
        a.trustServerCertificate = true;
        a.loginTimeoutSeconds = 30;
        ConnectionProfile b;
        b.name = QStringLiteral("Reporting DSN");
        b.mode = ConnectionMode::Dsn;
        b.dsn = QStringLiteral("reporting");
        b.authentication = Authentication::Integrated;
        b.encrypt = EncryptMode::Optional;
        {
            Settings s(iniFile());
            QSignalSpy changed(&s, &Settings::connectionProfilesChanged);
            s.saveConnectionProfile(a);
            s.saveConnectionProfile(b);
            QCOMPARE(changed.size(), 2);
            s.setLastConnectionProfile(b.name);
        }
        Settings again(iniFile());
        QCOMPARE(again.connectionProfiles(), (QList<ConnectionProfile>{a, b}));
        QCOMPARE(again.lastConnectionProfile(), b.name);
        QCOMPARE(again.connectionProfile(a.name), std::optional<ConnectionProfile>(a));
    }

    void saveReplacesByNameAndRemoveDeletes()
    {
        Settings s(iniFile());
        ConnectionProfile p;
        p.name = QStringLiteral("one");
        p.server = QStringLiteral("a");
        s.saveConnectionProfile(p);
        p.server = QStringLiteral("b");
        s.saveConnectionProfile(p);
        QCOMPARE(s.connectionProfiles().size(), 1);
        QCOMPARE(s.connectionProfiles().at(0).server, QStringLiteral("b"));
        s.removeConnectionProfile(QStringLiteral("one"));
        QVERIFY(s.connectionProfiles().isEmpty());
        QCOMPARE(s.connectionProfile(QStringLiteral("one")), std::nullopt);
    }

    void lastProfileSignalsOnlyOnChange()
    {
        Settings s(iniFile());
        QSignalSpy spy(&s, &Settings::lastConnectionProfileChanged);
        s.setLastConnectionProfile(QStringLiteral("x"));
        s.setLastConnectionProfile(QStringLiteral("x"));
        QCOMPARE(spy.size(), 1);
    }

    void noPasswordReachesTheFile()
    {
        ConnectionProfile p;
        p.name = QStringLiteral("secretive");
        p.userName = QStringLiteral("sa");
        p.savePassword = true;
        {
            Settings s(iniFile());
            s.saveConnectionProfile(p);
            s.sync();
        }
        QFile f(iniFile());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY(text.contains(QLatin1String("savePassword=true")));
        // Only the "remember" flag mentions a password; no key holds one.
        static const QRegularExpression passwordKey(QStringLiteral("(^|\\\\)(password|pwd)="),
                                                    QRegularExpression::CaseInsensitiveOption
                                                        | QRegularExpression::MultilineOption);
        QVERIFY2(!passwordKey.match(text).hasMatch(), qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
