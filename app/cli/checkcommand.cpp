#include "cli/checkcommand.h"

#include "cli/commandline.h"

#include "core/check/healthcheck.h"
#include "core/check/healthreportwriter.h"
#include "core/check/scenariohealthinput.h"
#include "core/sim/scenarioloader.h"
#include "data/check/checkreader.h"
#include "data/odbc/odbcconnectionstring.h"

#include <QCommandLineParser>
#include <QFile>
#include <QSaveFile>
#include <QTextStream>

namespace bs::cli {

namespace {

constexpr int ExitClean = 0;
constexpr int ExitFindings = 1;
constexpr int ExitCannotCheck = 2;

int cannotCheck(const QString &why)
{
    QTextStream(stderr) << "broker-studio check: " << why << '\n';
    return ExitCannotCheck;
}

} // namespace

int runCheckCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Check a Service Broker database's configuration and its procedures' code, and explain each finding.\n"
        "Exit code: 0 = nothing at or above --fail-on, 1 = findings at or above it, 2 = could not check."));
    parser.addHelpOption();
    const QCommandLineOption sample(QStringLiteral("sample"), QStringLiteral("Check the built-in demo broker (simulated)."));
    const QCommandLineOption scenario(QStringLiteral("scenario"),
                                      QStringLiteral("Check a simulated scenario: a file or a built-in name (%1).")
                                          .arg(sim::ScenarioLoader::builtInNames().join(QStringLiteral(", "))),
                                      QStringLiteral("name"));
    const QCommandLineOption connection(QStringLiteral("connection"), QStringLiteral("ODBC connection string of the database to check."),
                                        QStringLiteral("odbc"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("Output: text, json, junit or sarif (default text)."),
                                    QStringLiteral("format"), QStringLiteral("text"));
    const QCommandLineOption failOn(QStringLiteral("fail-on"), QStringLiteral("Exit 1 on findings of this severity or worse: error (default) or warning."),
                                    QStringLiteral("severity"), QStringLiteral("error"));
    const QCommandLineOption output(QStringLiteral("output"), QStringLiteral("Write the report to this file instead of the terminal."),
                                    QStringLiteral("file"));
    const QCommandLineOption seconds(QStringLiteral("seconds"), QStringLiteral("Simulated seconds to run before checking (default 120)."),
                                     QStringLiteral("S"), QStringLiteral("120"));
    const QCommandLineOption loginTimeout(QStringLiteral("login-timeout"), QStringLiteral("Seconds to wait for the login (default 15)."),
                                          QStringLiteral("seconds"), QStringLiteral("15"));
    parser.addOptions({sample, scenario, connection, format, failOn, output, seconds, loginTimeout});
    if (!parser.parse(arguments))
        return cannotCheck(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << subcommandHelp(parser, QStringLiteral("check"));
        return ExitClean;
    }
    const auto fmt = HealthReportWriter::formatFromName(parser.value(format));
    if (!fmt)
        return cannotCheck(QStringLiteral("--format must be text, json, junit or sarif, not \"%1\"").arg(parser.value(format)));
    const auto threshold = healthSeverityFromName(parser.value(failOn));
    if (!threshold || *threshold == HealthSeverity::Advice)
        return cannotCheck(QStringLiteral("--fail-on must be error or warning, not \"%1\"").arg(parser.value(failOn)));
    if (int(parser.isSet(sample)) + int(parser.isSet(scenario)) + int(parser.isSet(connection)) != 1)
        return cannotCheck(QStringLiteral("give exactly one of --sample, --scenario or --connection"));

    HealthInput input;
    QString source;
    if (parser.isSet(connection)) {
        QString why;
        if (OdbcConnectionString::forQodbc(parser.value(connection), &why).isEmpty())
            return cannotCheck(QStringLiteral("unusable connection string: %1").arg(why));
        bool ok = false;
        const int timeout = parser.value(loginTimeout).toInt(&ok);
        if (!ok || timeout <= 0)
            return cannotCheck(QStringLiteral("--login-timeout must be a positive number of seconds"));
        const CheckReadResult read = CheckReader::read(parser.value(connection), timeout);
        // The password never reaches the terminal: the string is shown masked.
        if (!read.connected || !read.error.isEmpty())
            return cannotCheck(QStringLiteral("cannot read %1\n%2").arg(OdbcConnectionString::masked(parser.value(connection)), read.error));
        input = read.input;
        source = read.input.catalog.database.serverName + QStringLiteral(" / ") + read.input.catalog.database.databaseName;
    } else {
        bool ok = false;
        const double simulated = parser.value(seconds).toDouble(&ok);
        if (!ok || simulated <= 0)
            return cannotCheck(QStringLiteral("--seconds must be a positive number"));
        QString error;
        const QString name = parser.isSet(sample) ? QStringLiteral("demo") : parser.value(scenario);
        const auto loaded = sim::ScenarioLoader::fromFile(sim::ScenarioLoader::resolve(name), &error);
        if (!loaded)
            return cannotCheck(QStringLiteral("cannot load scenario \"%1\": %2").arg(name, error));
        input = ScenarioHealthInput::make(*loaded, simulated);
        source = loaded->name + QStringLiteral(" (simulation)");
    }
    HealthReport report = HealthCheck::run(input);
    report.source = source;
    const QByteArray bytes = HealthReportWriter::write(report, *fmt);
    if (parser.isSet(output)) {
        QSaveFile file(parser.value(output));
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) < 0 || !file.commit())
            return cannotCheck(QStringLiteral("cannot write %1: %2").arg(parser.value(output), file.errorString()));
    } else {
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly) || out.write(bytes) < 0)
            return cannotCheck(QStringLiteral("cannot write the report"));
    }
    return report.hasAtOrAbove(*threshold) ? ExitFindings : ExitClean;
}

} // namespace bs::cli
