#pragma once

#include "tdsserver.h"

#include <QJsonArray>
#include <QString>
#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace bs::test {

/// A fleet for agent tests: TDS test servers (tests/support) answering the sql/monitor statements
/// from tests/integration/fixtures/monitor.json, each with an optional fault, and the demo
/// simulation; written as a fleet file whose passwords live in password files, never in the file.
class AgentTestFleet
{
public:
    /// KeychainPassword: no password file; the target reads its password from the keychain under
    /// keychainKey(name), which the test writes first.
    enum class Fault { None, RefuseLogin, Silent, DropMidSample, WorldReadablePassword, KeychainPassword };

    AgentTestFleet();
    ~AgentTestFleet();
    bool isValid() const { return m_dir.isValid(); }

    /// Starts a server for `name`; false with *error when it cannot.
    bool addServer(const QString &name, Fault fault, QString *error);
    void addDemo(const QString &name, double speed, double intervalSeconds);
    /// Writes the fleet file and returns its path.
    QString write(const QString &extra = {});
    TdsServer *server(const QString &name) const;
    /// The fixture's password (it must never appear in the agent's output).
    static QString password();
    static QString keychainKey(const QString &name) { return QStringLiteral("broker-studio-test/") + name; }
    QString dir() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
    QJsonArray m_targets;
    std::vector<std::pair<QString, std::unique_ptr<TdsServer>>> m_servers;
};

} // namespace bs::test
