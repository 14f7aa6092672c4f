#include "cli/commandline.h"

#include "cli/agentcommand.h"
#include "cli/catalogcommand.h"
#include "cli/checkcommand.h"
#include "cli/cleanupcommand.h"
#include "cli/ddlcommand.h"
#include "cli/diffcommand.h"
#include "cli/importcommand.h"
#include "cli/simulatecommand.h"
#include "cli/generatecommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

namespace bs::cli {

namespace {

QString usageText()
{
    return QStringLiteral(
        "Usage: broker-studio [options]                 open the window (on the demo broker)\n"
        "       broker-studio catalog --sample|--connection <odbc> [--format text|json]\n"
        "       broker-studio check --sample|--scenario NAME|--connection <odbc> [--format text|json|junit|sarif] [--fail-on error|warning]\n"
        "       broker-studio cleanup --scenario NAME|--connection <odbc> --queue S.Q --pair LOCAL:FAR --states CD,DI,DO --dry-run|--yes [--batch N]\n"
        "       broker-studio generate --pattern windowed|keep-firing|target-ends-first [--options options.json] --out DIR\n"
        "       broker-studio simulate <scenario.json|name> [--duration S] [--speed X] [--csv out.csv] [--summary] [--seed N]\n"
        "       broker-studio ddl --from-catalog --sample|--connection <odbc> | --from-design FILE [--out FILE] [--plain]\n"
        "       broker-studio import FILE.sql [--format text|json] [--out FILE]\n"
        "       broker-studio diff --from FILE|--sample|--connection <odbc> --to FILE [--out migration.sql]\n"
        "       broker-studio agent --config fleet.json | --demo [--listen host:port] | --print-rules | --print-dashboard\n"
        "       broker-studio --version | --help\n");
}

} // namespace

QString subcommandHelp(const QCommandLineParser &parser, const QString &subcommand)
{
    // Qt writes "Usage: <program file name> [options] ..." on the first line; the program is
    // the one executable, the subcommand is what the user must type after it.
    QString text = parser.helpText();
    const QString usage = QStringLiteral("Usage: ");
    if (!text.startsWith(usage))
        return text;
    const qsizetype programEnd = text.indexOf(QLatin1Char(' '), usage.size());
    const qsizetype lineEnd = text.indexOf(QLatin1Char('\n'));
    if (programEnd < 0 || (lineEnd >= 0 && programEnd > lineEnd))
        return text.replace(0, lineEnd < 0 ? text.size() : lineEnd, usage + QStringLiteral("broker-studio ") + subcommand);
    return text.replace(0, programEnd, usage + QStringLiteral("broker-studio ") + subcommand);
}

std::optional<int> runHeadless(const QStringList &arguments)
{
    // The first positional argument selects a subcommand; each parses the rest itself.
    const QString command = arguments.size() > 1 ? arguments.at(1) : QString();
    if (command == QLatin1String("catalog"))
        return runCatalogCommand(arguments.mid(1));
    if (command == QLatin1String("check"))
        return runCheckCommand(arguments.mid(1));
    if (command == QLatin1String("cleanup"))
        return runCleanupCommand(arguments.mid(1));
    if (command == QLatin1String("generate"))
        return runGenerateCommand(arguments.mid(1));
    if (command == QLatin1String("simulate"))
        return runSimulateCommand(arguments.mid(1));
    if (command == QLatin1String("ddl"))
        return runDdlCommand(arguments.mid(1));
    if (command == QLatin1String("import"))
        return runImportCommand(arguments.mid(1));
    if (command == QLatin1String("diff"))
        return runDiffCommand(arguments.mid(1));
    if (command == QLatin1String("agent"))
        return runAgentCommand(arguments.mid(1));
    if (command == QLatin1String("help")) {
        QTextStream(stdout) << usageText();
        return 0;
    }
    if (!command.isEmpty() && !command.startsWith(QLatin1Char('-'))) {
        QTextStream(stderr) << "broker-studio: unknown command \"" << command << "\"\n" << usageText();
        return 2;
    }
    return std::nullopt;
}

} // namespace bs::cli
