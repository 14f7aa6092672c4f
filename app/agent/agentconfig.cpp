#include "agent/agentconfig.h"

#include "core/series/monitorlimits.h"
#include "core/sim/jsonlocator.h"
#include "data/odbc/odbcconnectionstring.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <cmath>

namespace bs {

namespace {

/// Collects the first error with the position of the value it is about.
class ConfigReader
{
public:
    ConfigReader(const QByteArray &text, QString fileName)
        : m_text(text)
        , m_locator(m_text)
        , m_fileName(std::move(fileName))
    {
    }

    bool fail(const QString &path, const QString &message)
    {
        if (!m_error.isEmpty())
            return false;
        auto [line, column] = path.isEmpty() ? std::pair{1, 1} : m_locator.locate(path);
        if (line == 0) {
            line = 1;
            column = 1;
        }
        m_error = QStringLiteral("%1:%2:%3: %4").arg(m_fileName).arg(line).arg(column).arg(message);
        return false;
    }
    QString error() const { return m_error; }
    int lineOf(const QString &path) const { return m_locator.locate(path).first; }

    bool onlyKeys(const QJsonObject &object, const QString &path, const QStringList &allowed)
    {
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!allowed.contains(it.key())) {
                const QString where = path.isEmpty() ? it.key() : path + QLatin1Char('.') + it.key();
                return fail(where, QStringLiteral("unknown key \"%1\" (allowed: %2)").arg(it.key(), allowed.join(QStringLiteral(", "))));
            }
        }
        return true;
    }

    std::optional<QString> string(const QJsonObject &o, const QString &path, const QString &key, bool required)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            if (required)
                fail(path, QStringLiteral("\"%1\" is missing").arg(key));
            return required ? std::nullopt : std::optional<QString>(QString());
        }
        if (!v.isString() || v.toString().trimmed().isEmpty()) {
            fail(path + QLatin1Char('.') + key, QStringLiteral("\"%1\" must be a non-empty string").arg(key));
            return std::nullopt;
        }
        return v.toString();
    }

    std::optional<double> number(const QJsonObject &o, const QString &path, const QString &key, double fallback,
                                 double minimum, double maximum)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return fallback;
        if (!v.isDouble() || !std::isfinite(v.toDouble()) || v.toDouble() < minimum || v.toDouble() > maximum) {
            fail(path + QLatin1Char('.') + key,
                 QStringLiteral("\"%1\" must be a number from %2 to %3").arg(key).arg(minimum).arg(maximum));
            return std::nullopt;
        }
        return v.toDouble();
    }

private:
    QByteArray m_text;
    sim::JsonLocator m_locator;
    QString m_fileName;
    QString m_error;
};

std::optional<CredentialSpec> readCredential(ConfigReader &r, const QJsonObject &t, const QString &path)
{
    const bool integrated = t.value(QStringLiteral("integratedAuth")).toBool(false);
    if (t.contains(QStringLiteral("integratedAuth")) && !t.value(QStringLiteral("integratedAuth")).isBool()) {
        r.fail(path + QStringLiteral(".integratedAuth"), QStringLiteral("\"integratedAuth\" must be true or false"));
        return std::nullopt;
    }
    const QJsonValue pw = t.value(QStringLiteral("password"));
    if (pw.isUndefined())
        return CredentialSpec{integrated ? CredentialSpec::Kind::Integrated : CredentialSpec::Kind::None, {}};
    const QString where = path + QStringLiteral(".password");
    if (integrated) {
        r.fail(where, QStringLiteral("a target with \"integratedAuth\" takes no password"));
        return std::nullopt;
    }
    if (!pw.isObject()) {
        r.fail(where, QStringLiteral("\"password\" says where the password is, never the password itself: "
                                     "{\"env\": \"VARIABLE\"}, {\"file\": \"/path\"} or {\"keychain\": \"key\"}"));
        return std::nullopt;
    }
    const QJsonObject o = pw.toObject();
    if (o.size() != 1) {
        r.fail(where, QStringLiteral("\"password\" takes exactly one of \"env\", \"file\", \"keychain\""));
        return std::nullopt;
    }
    if (!r.onlyKeys(o, where, {QStringLiteral("env"), QStringLiteral("file"), QStringLiteral("keychain")}))
        return std::nullopt;
    const QString key = o.begin().key();
    const auto value = r.string(o, where, key, true);
    if (!value)
        return std::nullopt;
    const CredentialSpec::Kind kind = key == QLatin1String("env") ? CredentialSpec::Kind::Environment
        : key == QLatin1String("file")                          ? CredentialSpec::Kind::File
                                                                : CredentialSpec::Kind::Keychain;
    return CredentialSpec{kind, *value};
}

std::optional<AgentTargetConfig> readTarget(ConfigReader &r, const QJsonValue &value, const QString &path)
{
    if (!value.isObject()) {
        r.fail(path, QStringLiteral("a target must be an object"));
        return std::nullopt;
    }
    const QJsonObject t = value.toObject();
    if (!r.onlyKeys(t, path,
                    {QStringLiteral("name"), QStringLiteral("connection"), QStringLiteral("dsn"), QStringLiteral("database"),
                     QStringLiteral("user"), QStringLiteral("simulation"), QStringLiteral("speed"),
                     QStringLiteral("intervalSeconds"), QStringLiteral("loginTimeoutSeconds"), QStringLiteral("queryTimeoutSeconds"),
                     QStringLiteral("password"),
                     QStringLiteral("integratedAuth")}))
        return std::nullopt;
    AgentTargetConfig target;
    target.line = r.lineOf(path);
    const auto name = r.string(t, path, QStringLiteral("name"), true);
    if (!name)
        return std::nullopt;
    target.name = name->trimmed();
    if (target.name.size() > 64 || std::any_of(target.name.cbegin(), target.name.cend(), [](QChar c) { return c.category() == QChar::Other_Control; })) {
        r.fail(path + QStringLiteral(".name"), QStringLiteral("a target name is at most 64 characters without control characters"));
        return std::nullopt;
    }
    const int sources = int(t.contains(QStringLiteral("connection"))) + int(t.contains(QStringLiteral("dsn")))
        + int(t.contains(QStringLiteral("simulation")));
    if (sources != 1) {
        r.fail(path, QStringLiteral("target \"%1\" needs exactly one of \"connection\", \"dsn\", \"simulation\"").arg(target.name));
        return std::nullopt;
    }
    if (t.contains(QStringLiteral("simulation"))) {
        target.kind = AgentTargetConfig::Kind::Simulation;
        const auto scenario = r.string(t, path, QStringLiteral("simulation"), true);
        const auto speed = r.number(t, path, QStringLiteral("speed"), 10.0, 1.0, 1000.0);
        if (!scenario || !speed)
            return std::nullopt;
        target.scenario = *scenario;
        target.speed = *speed;
    } else {
        QString connection;
        if (t.contains(QStringLiteral("dsn"))) {
            const auto dsn = r.string(t, path, QStringLiteral("dsn"), true);
            if (!dsn)
                return std::nullopt;
            connection = QStringLiteral("DSN=") + OdbcConnectionString::quoteValue(*dsn) + QLatin1Char(';');
        } else {
            const auto text = r.string(t, path, QStringLiteral("connection"), true);
            if (!text)
                return std::nullopt;
            connection = *text;
            if (!connection.trimmed().endsWith(QLatin1Char(';')))
                connection += QLatin1Char(';');
        }
        OdbcConnectionString::Pairs pairs;
        QString why;
        const QString where = path + (t.contains(QStringLiteral("dsn")) ? QStringLiteral(".dsn") : QStringLiteral(".connection"));
        if (!OdbcConnectionString::parse(connection, &pairs, &why)) {
            r.fail(where, QStringLiteral("connection string: %1").arg(why));
            return std::nullopt;
        }
        for (const auto &[keyword, v] : std::as_const(pairs)) {
            if (AgentConfig::isCredentialKeyword(keyword)) {
                r.fail(where, QStringLiteral("target \"%1\": the connection string holds a password (%2=); the config file "
                                             "never does. Use \"password\": {\"env\": …} or {\"file\": …} or {\"keychain\": …}.")
                                  .arg(target.name, keyword));
                return std::nullopt;
            }
        }
        for (const QString &key : {QStringLiteral("database"), QStringLiteral("user")}) {
            const auto v = r.string(t, path, key, false);
            if (!v)
                return std::nullopt;
            if (!v->isEmpty())
                connection += (key == QLatin1String("user") ? QStringLiteral("UID=") : QStringLiteral("DATABASE="))
                    + OdbcConnectionString::quoteValue(*v) + QLatin1Char(';');
        }
        target.connection = connection;
    }
    const double minSeconds = (target.kind == AgentTargetConfig::Kind::Simulation ? MonitorLimits::MinSimulationIntervalMs
                                                                                  : MonitorLimits::MinIntervalMs) / 1000.0;
    const auto interval = r.number(t, path, QStringLiteral("intervalSeconds"), AgentConfig::DefaultIntervalSeconds, minSeconds,
                                   MonitorLimits::MaxIntervalMs / 1000.0);
    const auto login = r.number(t, path, QStringLiteral("loginTimeoutSeconds"), 10, 1, 120);
    const auto query = r.number(t, path, QStringLiteral("queryTimeoutSeconds"), 15, 1, 300);
    const auto credential = readCredential(r, t, path);
    if (!interval || !login || !query || !credential)
        return std::nullopt;
    target.intervalMs = int(std::lround(*interval * 1000.0));
    target.loginTimeoutSeconds = int(*login);
    target.queryTimeoutSeconds = int(*query);
    target.credential = *credential;
    if (target.kind == AgentTargetConfig::Kind::Simulation && target.credential.kind != CredentialSpec::Kind::None) {
        r.fail(path, QStringLiteral("a simulation target takes no credentials"));
        return std::nullopt;
    }
    return target;
}

} // namespace

bool AgentConfig::isCredentialKeyword(const QString &keyword)
{
    const QString k = keyword.trimmed().toLower();
    return k == QLatin1String("pwd") || k == QLatin1String("password");
}

bool AgentConfig::parseListen(const QString &text, QHostAddress *address, int *port, QString *error)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon < 0) {
        *error = QStringLiteral("listen address \"%1\" is not host:port").arg(text);
        return false;
    }
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const int p = text.mid(colon + 1).toInt(&ok);
    if (!ok || p < 0 || p > 65535) {
        *error = QStringLiteral("listen address \"%1\": the port must be 0 to 65535").arg(text);
        return false;
    }
    QHostAddress a = host.isEmpty() ? QHostAddress(QHostAddress::LocalHost) : QHostAddress(host);
    if (host == QLatin1String("localhost"))
        a = QHostAddress(QHostAddress::LocalHost);
    if (a.isNull()) {
        *error = QStringLiteral("listen address \"%1\": \"%2\" is not an IP address").arg(text, host);
        return false;
    }
    *address = a;
    *port = p;
    return true;
}

std::optional<AgentConfig> AgentConfig::parse(const QByteArray &json, const QString &fileName, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const auto [line, column] = sim::JsonLocator::lineColumn(json, parseError.offset);
        *error = QStringLiteral("%1:%2:%3: %4").arg(fileName).arg(line).arg(column).arg(parseError.errorString());
        return std::nullopt;
    }
    ConfigReader r(json, fileName);
    if (!doc.isObject()) {
        r.fail({}, QStringLiteral("the fleet file must be a JSON object with \"targets\""));
        *error = r.error();
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    AgentConfig config;
    const auto done = [&](bool ok) -> std::optional<AgentConfig> {
        if (ok)
            return config;
        *error = r.error();
        return std::nullopt;
    };
    if (!r.onlyKeys(root, {},
                    {QStringLiteral("listen"), QStringLiteral("maxPairsPerDatabase"), QStringLiteral("maxQueuesPerDatabase"),
                     QStringLiteral("samplerThreads"), QStringLiteral("slowSamplerThreads"), QStringLiteral("thresholds"),
                     QStringLiteral("targets")}))
        return done(false);
    const auto listen = r.string(root, {}, QStringLiteral("listen"), false);
    if (!listen)
        return done(false);
    if (!listen->isEmpty()) {
        QString why;
        if (!parseListen(*listen, &config.listenAddress, &config.listenPort, &why))
            return done(r.fail(QStringLiteral("listen"), why));
    }
    const auto pairs = r.number(root, {}, QStringLiteral("maxPairsPerDatabase"), DefaultMaxPairs, 1, 1000);
    const auto queues = r.number(root, {}, QStringLiteral("maxQueuesPerDatabase"), DefaultMaxPairs, 1, 1000);
    const auto threads = r.number(root, {}, QStringLiteral("samplerThreads"), DefaultSamplerThreads, 1, 256);
    const auto slowThreads = r.number(root, {}, QStringLiteral("slowSamplerThreads"), DefaultSlowSamplerThreads, 1, 64);
    if (!pairs || !queues || !threads || !slowThreads)
        return done(false);
    config.maxPairsPerDatabase = int(*pairs);
    config.maxQueuesPerDatabase = int(*queues);
    config.samplerThreads = int(*threads);
    config.slowSamplerThreads = int(*slowThreads);
    const QJsonValue thresholds = root.value(QStringLiteral("thresholds"));
    if (!thresholds.isUndefined()) {
        if (!thresholds.isObject())
            return done(r.fail(QStringLiteral("thresholds"), QStringLiteral("\"thresholds\" must be an object of numbers")));
        const QJsonObject t = thresholds.toObject();
        for (auto it = t.begin(); it != t.end(); ++it) {
            if (!it.value().isDouble())
                return done(r.fail(QStringLiteral("thresholds.") + it.key(), QStringLiteral("a threshold must be a number")));
            config.thresholds.insert(it.key(), it.value().toDouble());
        }
    }
    const QJsonValue targets = root.value(QStringLiteral("targets"));
    if (!targets.isArray() || targets.toArray().isEmpty())
        return done(r.fail(targets.isUndefined() ? QString() : QStringLiteral("targets"),
                           QStringLiteral("\"targets\" must be a non-empty array")));
    QSet<QString> names;
    const QJsonArray list = targets.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString path = QStringLiteral("targets[%1]").arg(i);
        auto target = readTarget(r, list.at(i), path);
        if (!target)
            return done(false);
        if (names.contains(target->name))
            return done(r.fail(path + QStringLiteral(".name"), QStringLiteral("target name \"%1\" is used twice").arg(target->name)));
        names.insert(target->name);
        config.targets.append(*target);
    }
    return done(true);
}

std::optional<AgentConfig> AgentConfig::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read the fleet file: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    return parse(file.readAll(), path, error);
}

AgentConfig AgentConfig::demo(double speed, int intervalMs)
{
    AgentConfig config;
    AgentTargetConfig target;
    target.name = QStringLiteral("demo");
    target.kind = AgentTargetConfig::Kind::Simulation;
    target.scenario = QStringLiteral("demo");
    target.speed = speed;
    target.intervalMs = intervalMs;
    config.targets.append(target);
    return config;
}

} // namespace bs
