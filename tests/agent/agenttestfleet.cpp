#include "agenttestfleet.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace bs::test {

AgentTestFleet::AgentTestFleet() = default;
AgentTestFleet::~AgentTestFleet() = default;

QString AgentTestFleet::password()
{
    return TdsFixture().password;
}

TdsServer *AgentTestFleet::server(const QString &name) const
{
    for (const auto &[n, s] : m_servers) {
        if (n == name)
            return s.get();
    }
    return nullptr;
}

bool AgentTestFleet::addServer(const QString &name, Fault fault, QString *error)
{
    auto fixture = TdsFixture::load(QStringLiteral(BS_TEST_DATA_DIR "/integration/fixtures/monitor.json"), error);
    if (!fixture)
        return false;
    // The catalog the agent reads at start: the data layer's recorded one.
    const auto json = [](const char *path) {
        QFile f(QLatin1String(BS_TEST_DATA_DIR) + QLatin1String(path));
        return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
    };
    if (!fixture->addRecordedResults(json("/data/fixtures/catalog_full.json").value(u"queries").toObject(),
                                     json("/integration/fixtures/catalog-types.json").value(u"types").toObject(), error))
        return false;
    auto server = std::make_unique<TdsServer>(*fixture);
    if (fault == Fault::DropMidSample) {
        TdsReply reply = fixture->queries.value(QStringLiteral("endpoints"));
        reply.dropAfterRows = 1;
        server->setReply(QStringLiteral("endpoints"), reply);
    }
    server->setRefuseLogins(fault == Fault::RefuseLogin);
    server->setSilent(fault == Fault::Silent);
    if (!server->start(0, error))
        return false;

    const QString pwFile = m_dir.filePath(name + QStringLiteral(".pw"));
    QFile f(pwFile);
    if (!f.open(QIODevice::WriteOnly)) {
        *error = f.errorString();
        return false;
    }
    f.write(password().toUtf8() + '\n');
    f.close();
    const QFile::Permissions owner = QFile::ReadOwner | QFile::WriteOwner;
    f.setPermissions(fault == Fault::WorldReadablePassword ? owner | QFile::ReadGroup | QFile::ReadOther : owner);

    // The server's connection string without its password: the agent adds it from the file.
    const QString connection = QStringLiteral("Driver={FreeTDS};Server=127.0.0.1;Port=%1;Database=%2;UID=%3;TDS_Version=7.4;ClientCharset=UTF-8;")
                                   .arg(server->port())
                                   .arg(fixture->database, fixture->user);
    m_targets.append(QJsonObject{{QStringLiteral("name"), name},
                                 {QStringLiteral("connection"), connection},
                                 {QStringLiteral("password"),
                                  fault == Fault::KeychainPassword ? QJsonObject{{QStringLiteral("keychain"), keychainKey(name)}}
                                                                   : QJsonObject{{QStringLiteral("file"), pwFile}}},
                                 {QStringLiteral("intervalSeconds"), 1},
                                 {QStringLiteral("loginTimeoutSeconds"), 2},
                                 {QStringLiteral("queryTimeoutSeconds"), 2}});
    m_servers.emplace_back(name, std::move(server));
    return true;
}

void AgentTestFleet::addDemo(const QString &name, double speed, double intervalSeconds)
{
    m_targets.append(QJsonObject{{QStringLiteral("name"), name},
                                 {QStringLiteral("simulation"), QStringLiteral("demo")},
                                 {QStringLiteral("speed"), speed},
                                 {QStringLiteral("intervalSeconds"), intervalSeconds}});
}

QString AgentTestFleet::write(const QString &extra)
{
    QJsonObject root{{QStringLiteral("targets"), m_targets}};
    if (!extra.isEmpty()) {
        const QJsonObject more = QJsonDocument::fromJson(extra.toUtf8()).object();
        for (auto it = more.begin(); it != more.end(); ++it)
            root.insert(it.key(), it.value());
    }
    const QString path = m_dir.filePath(QStringLiteral("fleet.json"));
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(QJsonDocument(root).toJson());
    return path;
}

} // namespace bs::test
