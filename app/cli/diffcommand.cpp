#include "cli/diffcommand.h"

#include "cli/ddlcommand.h"
#include "core/design/designdiff.h"
#include "core/samplecatalog.h"

#include <QCommandLineParser>
#include <QFile>
#include <QTextStream>

namespace bs::cli {

int runDiffCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Compare a design with a database or another design and write the "
                                                    "migration script. Nothing is run against a server."));
    parser.addHelpOption();
    const QCommandLineOption from(QStringLiteral("from"), QStringLiteral("The current state: a design file or .sql script."), QStringLiteral("file"));
    const QCommandLineOption sample(QStringLiteral("sample"), QStringLiteral("The current state is the built-in sample catalog."));
    const QCommandLineOption connection(QStringLiteral("connection"), QStringLiteral("The current state is this database (ODBC)."), QStringLiteral("odbc"));
    const QCommandLineOption to(QStringLiteral("to"), QStringLiteral("The wanted state: a design file or .sql script."), QStringLiteral("file"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Write the migration script to a file."), QStringLiteral("file"));
    const QCommandLineOption loginTimeout(QStringLiteral("login-timeout"), QStringLiteral("Seconds to wait for the login (default 15)."),
                                          QStringLiteral("seconds"), QStringLiteral("15"));
    parser.addOptions({from, sample, connection, to, out, loginTimeout});
    QTextStream err(stderr);
    if (!parser.parse(arguments)) {
        err << "broker-studio diff: " << parser.errorText() << '\n';
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    if (int(parser.isSet(from)) + int(parser.isSet(sample)) + int(parser.isSet(connection)) != 1 || !parser.isSet(to)) {
        err << "broker-studio diff: give one of --from, --sample or --connection, and --to\n";
        return 2;
    }
    auto load = [&](const QString &path, BrokerDesign *design) {
        QString error;
        const auto loaded = loadDesignArgument(path, &error);
        if (!loaded) {
            err << "broker-studio diff: " << error << '\n';
            return path.endsWith(QLatin1String(".sql"), Qt::CaseInsensitive) && QFile::exists(path) ? 2 : 1;
        }
        *design = *loaded;
        return 0;
    };
    BrokerDesign current, wanted;
    QString fromName;
    if (parser.isSet(sample)) {
        current = BrokerDesign::fromCatalog(sampleCatalog());
        fromName = QStringLiteral("the sample catalog");
    } else if (parser.isSet(connection)) {
        bool ok = false;
        const int timeout = parser.value(loginTimeout).toInt(&ok);
        if (!ok || timeout <= 0) {
            err << "broker-studio diff: --login-timeout must be a positive number of seconds\n";
            return 2;
        }
        QString error;
        const auto catalog = readCatalogOverOdbc(parser.value(connection), timeout, &error);
        if (!catalog) {
            err << "broker-studio diff: " << error << '\n';
            return 1;
        }
        current = BrokerDesign::fromCatalog(*catalog);
        fromName = catalog->database.serverName + QStringLiteral(" / ") + catalog->database.databaseName;
    } else if (const int rc = load(parser.value(from), &current); rc != 0) {
        return rc;
    } else {
        fromName = parser.value(from);
    }
    if (const int rc = load(parser.value(to), &wanted); rc != 0)
        return rc;
    const DesignMigration m = DesignDiff::diff(current, wanted, fromName, parser.value(to));
    QTextStream(stdout) << m.summary();
    if (!parser.isSet(out))
        QTextStream(stdout) << '\n';
    QString error;
    if (!writeOutput(parser.value(out), m.script, &error)) {
        err << "broker-studio diff: " << error << '\n';
        return 1;
    }
    return 0;
}

} // namespace bs::cli
