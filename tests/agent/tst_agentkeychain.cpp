#include "agent/agent.h"
#include "agent/agenttarget.h"
#include "agenttestfleet.h"
#include "data/passwordstore.h"

#include <QSignalSpy>
#include <QTest>

using namespace bs;
using namespace bs::test;

/// The keychain, for real: CTest runs this suite through with-keyring.sh, in a private D-Bus
/// session with a fresh unlocked GNOME Keyring (the Secret Service QtKeychain uses on Linux).
/// PasswordStore writes, reads, misses and removes a password there; then the agent reads a
/// target's password from it (`"password": {"keychain": …}`) and logs in to a TDS test server
/// with it, and a target whose key is missing is a clear credentials error.
class TestAgentKeychain : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // Run outside the wrapper, there is no session bus: say how to run it instead of failing
        // somewhere inside QtKeychain.
        QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
                 "run through tests/agent/with-keyring.sh (ctest -R agentkeychain does)");
    }

    void passwordStoreRoundTrip()
    {
        PasswordStore store;
        const QString key = QStringLiteral("broker-studio-test/round-trip");
        const QString password = QStringLiteral("p\u00e4ss ] ' w\u00f6rd \U0001F511");
        QSignalSpy written(&store, &PasswordStore::passwordWritten);
        QSignalSpy read(&store, &PasswordStore::passwordRead);
        QSignalSpy missing(&store, &PasswordStore::passwordMissing);
        QSignalSpy failed(&store, &PasswordStore::failed);
        store.write(key, password);
        QTRY_VERIFY_WITH_TIMEOUT(written.size() + failed.size() == 1, 15000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(1).toString()));
        store.read(key);
        QTRY_VERIFY_WITH_TIMEOUT(read.size() + failed.size() + missing.size() == 1, 15000);
        QCOMPARE(read.size(), 1);
        QCOMPARE(read.first().at(1).toString(), password);
        store.remove(key);
        QTest::qWait(200);
        store.read(key);
        QTRY_VERIFY_WITH_TIMEOUT(missing.size() + failed.size() == 1, 15000);
        QCOMPARE(missing.size(), 1);
        QVERIFY(store.isAvailable());
    }

    void agentLogsInWithTheKeychainPassword()
    {
        AgentTestFleet fleet;
        QVERIFY(fleet.isValid());
        QString error;
        QVERIFY2(fleet.addServer(QStringLiteral("vault"), AgentTestFleet::Fault::KeychainPassword, &error), qPrintable(error));
        QVERIFY2(fleet.addServer(QStringLiteral("no-entry"), AgentTestFleet::Fault::KeychainPassword, &error), qPrintable(error));
        PasswordStore store;
        QSignalSpy written(&store, &PasswordStore::passwordWritten);
        store.write(AgentTestFleet::keychainKey(QStringLiteral("vault")), AgentTestFleet::password());
        QTRY_COMPARE_WITH_TIMEOUT(written.size(), 1, 15000);

        const auto config = AgentConfig::load(fleet.write(QStringLiteral(R"({"listen": "127.0.0.1:0"})")), &error);
        QVERIFY2(config, qPrintable(error));
        Agent agent(*config);
        QVERIFY2(agent.start(&error), qPrintable(error));
        const AgentTarget *vault = nullptr;
        const AgentTarget *noEntry = nullptr;
        for (const AgentTarget *t : agent.targets())
            (t->name() == QLatin1String("vault") ? vault : noEntry) = t;
        QVERIFY(vault && noEntry);
        QTRY_VERIFY_WITH_TIMEOUT(vault->state().samples >= 1, 20000);
        QVERIFY(vault->isUp(QDateTime::currentDateTimeUtc()));
        QTRY_VERIFY_WITH_TIMEOUT(noEntry->state().partErrors.value(QStringLiteral("credentials")) >= 1, 20000);
        QVERIFY2(noEntry->state().lastError.contains(QLatin1String("nothing in the keychain")), qPrintable(noEntry->state().lastError));
        QVERIFY(!noEntry->isUp(QDateTime::currentDateTimeUtc()));
        // The password never shows in what the agent serves.
        QVERIFY(!agent.metricsText().contains(AgentTestFleet::password().toUtf8()));
        QVERIFY(!agent.statusPage().contains(AgentTestFleet::password().toUtf8()));
        store.remove(AgentTestFleet::keychainKey(QStringLiteral("vault")));
    }
};

QTEST_GUILESS_MAIN(TestAgentKeychain)
#include "tst_agentkeychain.moc"
