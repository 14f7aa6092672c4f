#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace bs {

/// Where a target's password comes from. Never the config file itself: an environment variable,
/// a file readable only by the agent's user, the keychain (where the agent runs in a session that
/// has one), or no password at all (integrated authentication, or a DSN that needs none).
struct CredentialSpec
{
    enum class Kind { None, Environment, File, Keychain, Integrated };
    Kind kind = Kind::None;
    QString value; ///< variable name, file path or keychain key
    bool operator==(const CredentialSpec &) const = default;
};

/// One monitored database of a fleet file.
struct AgentTargetConfig
{
    enum class Kind { Odbc, Simulation };
    QString name;          ///< the `target` label; unique in the file
    Kind kind = Kind::Odbc;
    QString connection;    ///< ODBC connection string without credentials ("DSN=x;" for a DSN)
    QString scenario;      ///< simulation: built-in name, resource or file
    double speed = 10.0;   ///< simulation: simulated seconds per second
    int intervalMs = 15000;
    int loginTimeoutSeconds = 10;
    int queryTimeoutSeconds = 15; ///< each sql/monitor statement (and the sampler's login)
    CredentialSpec credential;
    int line = 0;          ///< where the target starts in the file, for messages
    bool operator==(const AgentTargetConfig &) const = default;
    /// The interval in wall-clock time: a simulation samples on its simulated clock, so at 1000x
    /// an interval of 100 simulated seconds comes round every 0.1 s.
    qint64 wallIntervalMs() const
    {
        return kind == Kind::Simulation && speed > 0 ? qint64(double(intervalMs) / speed) : qint64(intervalMs);
    }
};

/// The agent's configuration: what to monitor and how to serve it. Read from a JSON fleet file
/// (docs/fleet.md); every error names the line and column it is about.
struct AgentConfig
{
    static constexpr int DefaultPort = 9599;
    static constexpr int DefaultIntervalSeconds = 15;
    static constexpr int DefaultMaxPairs = 50;
    static constexpr int DefaultSamplerThreads = 32;
    static constexpr int DefaultSlowSamplerThreads = 8;

    QHostAddress listenAddress = QHostAddress::LocalHost;
    int listenPort = DefaultPort;
    /// Service pairs per database with their own series; the rest are summed as "(other)".
    int maxPairsPerDatabase = DefaultMaxPairs;
    /// Queues (and transmission destinations) per database with their own series.
    int maxQueuesPerDatabase = DefaultMaxPairs;
    /// Threads that host the targets' samplers (SamplerThreads): healthy targets share
    /// `samplerThreads`, targets whose rounds are slow move to `slowSamplerThreads` of their own.
    int samplerThreads = DefaultSamplerThreads;
    int slowSamplerThreads = DefaultSlowSamplerThreads;
    /// Alert-rule thresholds that differ from the defaults, by ThresholdSpec key.
    QMap<QString, double> thresholds;
    QList<AgentTargetConfig> targets;

    /// Parses a fleet file. On failure returns nullopt and sets *error to
    /// "<file>:<line>:<column>: <what is wrong>".
    static std::optional<AgentConfig> parse(const QByteArray &json, const QString &fileName, QString *error);
    static std::optional<AgentConfig> load(const QString &path, QString *error);
    /// The built-in demo simulation as a one-target fleet.
    static AgentConfig demo(double speed, int intervalMs);
    /// "127.0.0.1:9599", "[::1]:9599", ":9599" (loopback), "0.0.0.0:9599". Port 0 = any free port.
    static bool parseListen(const QString &text, QHostAddress *address, int *port, QString *error);
    /// Keywords that carry a password in an ODBC connection string.
    static bool isCredentialKeyword(const QString &keyword);
};

} // namespace bs
