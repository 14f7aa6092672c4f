#include "core/sim/scenarioloader.h"

#include "core/sim/jsonfieldreader.h"
#include "core/sim/jsonlocator.h"
#include "core/sim/scenariochangereader.h"
#include "core/sim/scenariotopologyreader.h"
#include "core/sim/scenarioworkloadreader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace bs::sim {

std::pair<int, int> ScenarioLoader::locate(const QByteArray &text, const QString &path)
{
    return JsonLocator(text).locate(path);
}

std::optional<Scenario> ScenarioLoader::fromJson(const QByteArray &text, QString *error)
{
    auto failWith = [&](const QString &message) -> std::optional<Scenario> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const auto [line, column] = JsonLocator::lineColumn(text, parseError.offset);
        return failWith(QStringLiteral("line %1, column %2: malformed JSON: %3").arg(line).arg(column).arg(parseError.errorString()));
    }
    if (!doc.isObject())
        return failWith(QStringLiteral("line 1, column 1: the scenario must be a JSON object"));
    const QJsonObject root = doc.object();
    JsonFieldReader r(text);
    Scenario s;
    QString schema;
    double seed = 1;
    QString start;
    QJsonObject topology;
    QJsonObject settings;
    QJsonArray workloads;
    QJsonArray changes;
    QJsonArray modules;
    const bool ok = r.keys(root, QString(), {QStringLiteral("schema"), QStringLiteral("version"), QStringLiteral("name"), QStringLiteral("description"),
                                             QStringLiteral("seed"), QStringLiteral("duration"), QStringLiteral("sampleInterval"), QStringLiteral("start"),
                                             QStringLiteral("settings"), QStringLiteral("topology"), QStringLiteral("workloads"), QStringLiteral("changes"),
                                             QStringLiteral("modules")})
        && r.string(root, QStringLiteral("schema"), QString(), schema, true)
        && (schema == QLatin1String("broker-studio-scenario")
            || r.fail(QStringLiteral("schema"), QStringLiteral("must be \"broker-studio-scenario\"")))
        && r.integer(root, QStringLiteral("version"), QString(), s.version, 1, 1e6, true)
        && (s.version == SchemaVersion
            || r.fail(QStringLiteral("version"), QStringLiteral("version %1 is not supported (this build reads version %2)").arg(s.version).arg(SchemaVersion)))
        && r.string(root, QStringLiteral("name"), QString(), s.name, false)
        && r.string(root, QStringLiteral("description"), QString(), s.description, false)
        && r.integer(root, QStringLiteral("seed"), QString(), seed, 0, 9007199254740992.0, false)
        && r.number(root, QStringLiteral("duration"), QString(), s.durationSeconds, 0, 10.0 * 365 * 86400, false, true)
        && r.number(root, QStringLiteral("sampleInterval"), QString(), s.sampleIntervalSeconds, 0.001, 86400, false)
        && r.string(root, QStringLiteral("start"), QString(), start, false)
        && r.object(root, QStringLiteral("topology"), QString(), topology, true)
        && ScenarioTopologyReader::read(r, topology, s.catalog, s.name, s.routeBehaviours)
        && r.object(root, QStringLiteral("settings"), QString(), settings, false)
        && r.keys(settings, QStringLiteral("settings"),
                  {QStringLiteral("monitorIntervalSeconds"), QStringLiteral("securityTimestampSeconds"), QStringLiteral("closedExtraRetentionSeconds"),
                   QStringLiteral("poisonRollbackLimit"), QStringLiteral("poisonDisablesEnqueue"), QStringLiteral("waitforTimeoutSeconds"),
                   QStringLiteral("systemMessageSeconds")})
        && r.number(settings, QStringLiteral("monitorIntervalSeconds"), QStringLiteral("settings"), s.settings.monitorIntervalSeconds, 0.001, 3600, false)
        && r.number(settings, QStringLiteral("securityTimestampSeconds"), QStringLiteral("settings"), s.settings.securityTimestampSeconds, 0, 1e7, false)
        && r.number(settings, QStringLiteral("closedExtraRetentionSeconds"), QStringLiteral("settings"), s.settings.closedExtraRetentionSeconds, 0, 1e7, false)
        && r.integer(settings, QStringLiteral("poisonRollbackLimit"), QStringLiteral("settings"), s.settings.poisonRollbackLimit, 1, 1000, false)
        && r.boolean(settings, QStringLiteral("poisonDisablesEnqueue"), QStringLiteral("settings"), s.settings.poisonDisablesEnqueue)
        && r.number(settings, QStringLiteral("waitforTimeoutSeconds"), QStringLiteral("settings"), s.settings.waitforTimeoutSeconds, 0.001, 86400, false)
        && r.number(settings, QStringLiteral("systemMessageSeconds"), QStringLiteral("settings"), s.settings.systemMessageSeconds, 0, 3600, false)
        && r.array(root, QStringLiteral("workloads"), QString(), workloads, true)
        && (workloads.size() <= MaxWorkloads
            || r.fail(QStringLiteral("workloads"), QStringLiteral("at most %1 workloads (got %2)").arg(MaxWorkloads).arg(workloads.size())))
        && r.array(root, QStringLiteral("changes"), QString(), changes, false)
        && r.array(root, QStringLiteral("modules"), QString(), modules, false);
    if (!ok)
        return failWith(r.error());
    // Module definitions are data for the health check's linter (sys.sql_modules of the simulated database).
    for (qsizetype i = 0; i < modules.size(); ++i) {
        const QString p = JsonFieldReader::at(QStringLiteral("modules"), i);
        SqlModule m;
        m.objectId = int(i) + 1;
        m.schema = QStringLiteral("dbo");
        m.type = QStringLiteral("P");
        const QJsonObject o = modules.at(i).toObject();
        if (!r.keys(o, p, {QStringLiteral("schema"), QStringLiteral("name"), QStringLiteral("type"), QStringLiteral("definition")})
            || !r.string(o, QStringLiteral("schema"), p, m.schema, false) || !r.string(o, QStringLiteral("name"), p, m.name, true)
            || !r.string(o, QStringLiteral("type"), p, m.type, false) || !r.string(o, QStringLiteral("definition"), p, m.definition, true))
            return failWith(r.error());
        s.modules.append(m);
    }
    s.seed = quint64(seed);
    if (!start.isEmpty()) {
        s.start = QDateTime::fromString(start, Qt::ISODate);
        if (!s.start.isValid())
            return (r.fail(QStringLiteral("start"), QStringLiteral("\"%1\" is not an ISO 8601 date and time").arg(start)), failWith(r.error()));
        s.start = s.start.toUTC();
    }
    for (qsizetype i = 0; i < workloads.size(); ++i) {
        const QString p = JsonFieldReader::at(QStringLiteral("workloads"), i);
        WorkloadSpec w;
        w.name = QStringLiteral("workload %1").arg(i + 1);
        if (!workloads.at(i).isObject())
            return (r.fail(p, QStringLiteral("must be an object")), failWith(r.error()));
        if (!ScenarioWorkloadReader::read(r, workloads.at(i).toObject(), p, s.catalog, w))
            return failWith(r.error());
        s.workloads.append(w);
    }
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const QString p = JsonFieldReader::at(QStringLiteral("changes"), i);
        ChangeSpec ch;
        if (!changes.at(i).isObject())
            return (r.fail(p, QStringLiteral("must be an object")), failWith(r.error()));
        if (!ScenarioChangeReader::read(r, changes.at(i).toObject(), p, s.catalog, ch))
            return failWith(r.error());
        s.changes.append(ch);
    }
    if (error)
        error->clear();
    return s;
}

std::optional<Scenario> ScenarioLoader::fromFile(const QString &path, QString *error)
{
    QFile f(resolve(path));
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    QString message;
    auto s = fromJson(f.readAll(), &message);
    if (!s && error)
        *error = QStringLiteral("%1: %2").arg(path, message);
    return s;
}

QString ScenarioLoader::resolve(const QString &nameOrPath)
{
    if (nameOrPath.startsWith(QLatin1String(":/")) || QFileInfo::exists(nameOrPath))
        return nameOrPath;
    if (!nameOrPath.contains(QLatin1Char('/'))) {
        QString name = nameOrPath;
        if (!name.endsWith(QLatin1String(".json")))
            name += QLatin1String(".json");
        const QString resource = QStringLiteral(":/scenarios/") + name;
        if (QFileInfo::exists(resource))
            return resource;
    }
    return nameOrPath;
}

QStringList ScenarioLoader::builtInNames()
{
    QStringList names;
    const QStringList files = QDir(QStringLiteral(":/scenarios")).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &f : files)
        names.append(QFileInfo(f).completeBaseName());
    return names;
}

} // namespace bs::sim
