#include "core/alerts/alertruleregistry.h"
#include "data/settings.h"

#include <QFile>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace bs;

Q_DECLARE_METATYPE(bs::AlertSettings)

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

    void monitorDefaults()
    {
        Settings s(iniFile());
        QCOMPARE(s.monitorDefaultIntervalMs(), 5000);
        QCOMPARE(s.historyRetentionDays(), 30);
        QCOMPARE(s.monitorStackedArea(), false);
        QCOMPARE(s.monitorByFarService(), false);
        QCOMPARE(s.monitorProfileIntervalMs(QStringLiteral("demo")), std::nullopt);
        QCOMPARE(s.alertSettings(), AlertSettings{});
    }

    void monitorRoundTrip()
    {
        AlertSettings alerts;
        alerts.leakWindowSamples = 30;
        alerts.leakMinIncrease = 500;
        alerts.steadyFraction = 0.9;
        alerts.depthGrowthSamples = 10;
        alerts.depthMinIncrease = 20;
        alerts.notifiedStuckSeconds = 120;
        alerts.transmissionAgeSeconds = 900;
        alerts.neverExpiringMinCount = 7;
        alerts.activationErrorSamples = 60;
        const QString instance = QStringLiteral("sql01\\PROD/Sales db");
        {
            Settings s(iniFile());
            s.setMonitorDefaultIntervalMs(15000);
            s.setHistoryRetentionDays(90);
            s.setMonitorStackedArea(true);
            s.setMonitorByFarService(true);
            s.setMonitorProfileIntervalMs(instance, 60000);
            s.setMonitorProfileIntervalMs(QStringLiteral("demo"), 100);
            s.setAlertSettings(alerts);
            s.sync();
        }
        Settings again(iniFile());
        QCOMPARE(again.monitorDefaultIntervalMs(), 15000);
        QCOMPARE(again.historyRetentionDays(), 90);
        QCOMPARE(again.monitorStackedArea(), true);
        QCOMPARE(again.monitorByFarService(), true);
        QCOMPARE(again.monitorProfileIntervalMs(instance), std::optional<int>(60000));
        QCOMPARE(again.monitorProfileIntervalMs(QStringLiteral("sql01")), std::nullopt);
        // The demo may sample faster than a server's 1 s minimum.
        QCOMPARE(again.monitorProfileIntervalMs(QStringLiteral("demo")), std::optional<int>(100));
        QCOMPARE(again.alertSettings(), alerts);
        // Everything monitoring keeps sits in one group.
        QFile f(iniFile());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY2(text.contains(QLatin1String("[monitor]")), qPrintable(text));
    }

    void monitorValuesAreClamped_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<int>("stored");
        QTest::addColumn<int>("expected");
        QTest::newRow("interval too short") << QStringLiteral("monitor/defaultIntervalMs") << 10 << 1000;
        QTest::newRow("interval too long") << QStringLiteral("monitor/defaultIntervalMs") << 3600000 << 600000;
        QTest::newRow("retention zero") << QStringLiteral("monitor/historyRetentionDays") << 0 << 1;
        QTest::newRow("retention huge") << QStringLiteral("monitor/historyRetentionDays") << 100000 << 3650;
        QTest::newRow("leak window 1") << QStringLiteral("monitor/alerts/leakWindowSamples") << 1 << 3;
        QTest::newRow("steady 20 %") << QStringLiteral("monitor/alerts/steadyPercent") << 20 << 50;
        QTest::newRow("transmission age negative") << QStringLiteral("monitor/alerts/transmissionAgeSeconds") << -5 << 10;
    }

    void monitorValuesAreClamped()
    {
        QFETCH(QString, key);
        QFETCH(int, stored);
        QFETCH(int, expected);
        {
            QSettings raw(iniFile(), QSettings::IniFormat);
            raw.setValue(key, stored);
        }
        Settings s(iniFile());
        const AlertSettings alerts = s.alertSettings();
        const QHash<QString, int> read{
            {QStringLiteral("monitor/defaultIntervalMs"), s.monitorDefaultIntervalMs()},
            {QStringLiteral("monitor/historyRetentionDays"), s.historyRetentionDays()},
            {QStringLiteral("monitor/alerts/leakWindowSamples"), alerts.leakWindowSamples},
            {QStringLiteral("monitor/alerts/steadyPercent"), int(std::lround(alerts.steadyFraction * 100))},
            {QStringLiteral("monitor/alerts/transmissionAgeSeconds"), alerts.transmissionAgeSeconds},
        };
        QCOMPARE(read.value(key), expected);
        // Setters clamp the same way.
        s.setMonitorDefaultIntervalMs(1);
        QCOMPARE(s.monitorDefaultIntervalMs(), Settings::MinIntervalMs);
    }

    void everyThresholdHasARangeAroundItsDefault()
    {
        const AlertSettings defaults;
        QStringList keys;
        for (const AlertThreshold &t : AlertRuleRegistry::thresholds()) {
            const double v = t.get(defaults);
            QCOMPARE(v, t.spec.defaultValue);
            QVERIFY2(t.spec.minimum <= v && v <= t.spec.maximum, qPrintable(t.spec.key));
            AlertSettings copy;
            t.set(copy, t.spec.maximum);
            QVERIFY2(!(copy == defaults), qPrintable(t.spec.key)); // the binding writes the field it reads
            t.set(copy, v);
            QCOMPARE(copy, defaults);
            QVERIFY2(!keys.contains(t.spec.key), qPrintable(t.spec.key));
            keys.append(t.spec.key);
        }
        // The keys shipped before the registry keep their names (settings files already hold them).
        for (const char *shipped : {"leakWindowSamples", "leakMinIncrease", "steadyPercent", "depthGrowthSamples",
                                    "depthMinIncrease", "notifiedStuckSeconds", "transmissionAgeSeconds",
                                    "neverExpiringMinCount", "activationErrorSamples"})
            QVERIFY2(keys.contains(QLatin1String(shipped)), shipped);
    }

    void changesReachEverySettingsOnTheSameFile()
    {
        Settings editor(iniFile());
        Settings page(iniFile());
        Settings elsewhere(m_dir.filePath(QStringLiteral("other.ini")));
        QSignalSpy pageAlerts(&page, &Settings::alertSettingsChanged);
        QSignalSpy pageMonitor(&page, &Settings::monitorSettingsChanged);
        QSignalSpy otherAlerts(&elsewhere, &Settings::alertSettingsChanged);
        AlertSettings a;
        a.transmissionAgeSeconds = 60;
        editor.setAlertSettings(a);
        QCOMPARE(pageAlerts.size(), 1);
        QCOMPARE(pageAlerts.first().first().value<AlertSettings>(), a);
        QCOMPARE(page.alertSettings(), a);
        QCOMPARE(otherAlerts.size(), 0);
        // The same value again is no change.
        editor.setAlertSettings(a);
        QCOMPARE(pageAlerts.size(), 1);
        pageMonitor.clear();
        editor.setHistoryRetentionDays(7);
        QCOMPARE(pageMonitor.size(), 1);
        QCOMPARE(page.historyRetentionDays(), 7);
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
