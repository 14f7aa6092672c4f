#include "cli/catalogcommand.h"

#include "cli/commandline.h"

#include "core/catalogjson.h"
#include "core/samplecatalog.h"
#include "data/odbc/brokerstatements.h"
#include "data/odbc/catalogassembler.h"
#include "data/odbc/odbcbrokersource.h"
#include "data/odbc/odbcconnectionstring.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTextStream>

#include <optional>

namespace bs::cli {

namespace {

int printCatalog(const BrokerCatalog &catalog, const QString &format)
{
    QTextStream out(stdout);
    if (format == QLatin1String("json"))
        out << QJsonDocument(catalogToJson(catalog)).toJson(QJsonDocument::Indented);
    else
        out << catalogToText(catalog);
    return catalog.problems.isEmpty() ? 0 : 3;
}

/// Reads the catalog over ODBC with the same reader the window uses, waiting for the worker.
int readOverOdbc(const QString &connectionString, int loginTimeoutSeconds, const QString &format,
                 const QString &recordFile)
{
    QTextStream err(stderr);
    QString why;
    if (OdbcConnectionString::forQodbc(connectionString, &why).isEmpty()) {
        err << "broker-studio catalog: unusable connection string: " << why << '\n';
        return 2;
    }
    QString note;
    OdbcConnectionString::withFreeTdsDefaults(connectionString, &note);
    if (!note.isEmpty())
        err << "note: " << note << '\n';
    err.flush();
    OdbcBrokerSource source(connectionString, loginTimeoutSeconds);
    QEventLoop loop;
    std::optional<BrokerCatalog> catalog;
    QString failure;
    QObject::connect(&source, &BrokerSource::catalogLoaded, &loop, [&](const BrokerCatalog &c) {
        catalog = c;
        loop.quit();
    });
    QObject::connect(&source, &BrokerSource::catalogFailed, &loop, [&](const QString &message) {
        failure = message;
        loop.quit();
    });
    source.loadCatalog();
    loop.exec();
    if (!catalog) {
        // The password never reaches the terminal: the string is shown masked.
        err << "broker-studio catalog: cannot read the catalog of " << OdbcConnectionString::masked(connectionString)
            << "\n" << failure << '\n';
        return 1;
    }
    if (!recordFile.isEmpty()) {
        QSaveFile file(recordFile);
        if (!file.open(QIODevice::WriteOnly)
            || file.write(QJsonDocument(CatalogAssembler::resultsToJson(source.lastResults())).toJson()) < 0
            || !file.commit()) {
            err << "broker-studio catalog: cannot write " << recordFile << ": " << file.errorString() << '\n';
            return 1;
        }
    }
    for (const CatalogProblem &p : catalog->problems) {
        err << "warning: " << p.part << " (" << p.view << "): " << p.message << '\n';
        if (!p.permission.isEmpty())
            err << "         missing permission: " << p.permission << '\n';
    }
    if (!catalog->database.isBrokerEnabled && !catalog->database.databaseName.isEmpty()) {
        err << "note: Service Broker is disabled in " << catalog->database.databaseName << ". To enable it:\n    "
            << BrokerStatements::enableBroker(catalog->database.databaseName) << '\n';
    }
    return printCatalog(*catalog, format);
}

} // namespace

int runCatalogCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Print the Service Broker catalog of a database."));
    parser.addHelpOption();
    const QCommandLineOption sample(QStringLiteral("sample"),
                                    QStringLiteral("Print the built-in static sample catalog (SalesOps, a fixed example; "
                                                   "not the simulated demo SalesOpsDemo the application opens on)."));
    const QCommandLineOption connection(QStringLiteral("connection"),
                                        QStringLiteral("ODBC connection string of the database to read."),
                                        QStringLiteral("odbc"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("Output format: text or json."),
                                    QStringLiteral("format"), QStringLiteral("text"));
    const QCommandLineOption loginTimeout(QStringLiteral("login-timeout"),
                                          QStringLiteral("Seconds to wait for the login (default 15). The attempt ends "
                                                         "within a second after it, whatever the driver does."),
                                          QStringLiteral("seconds"), QStringLiteral("15"));
    const QCommandLineOption record(QStringLiteral("record"),
                                    QStringLiteral("Also save every catalog query's rows as a JSON fixture "
                                                   "(no password is written)."),
                                    QStringLiteral("file"));
    parser.addOptions({sample, connection, format, loginTimeout, record});
    QTextStream err(stderr);
    if (!parser.parse(arguments)) {
        err << "broker-studio catalog: " << parser.errorText() << '\n';
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << subcommandHelp(parser, QStringLiteral("catalog"));
        return 0;
    }
    const QString fmt = parser.value(format);
    if (fmt != QLatin1String("text") && fmt != QLatin1String("json")) {
        err << "broker-studio catalog: --format must be text or json, not \"" << fmt << "\"\n";
        return 2;
    }
    if (parser.isSet(sample) == parser.isSet(connection)) {
        err << "broker-studio catalog: give exactly one of --sample or --connection\n";
        return 2;
    }
    if (parser.isSet(sample))
        return printCatalog(sampleCatalog(), fmt);
    bool timeoutOk = false;
    const int timeout = parser.value(loginTimeout).toInt(&timeoutOk);
    if (!timeoutOk || timeout <= 0) {
        err << "broker-studio catalog: --login-timeout must be a positive number of seconds\n";
        return 2;
    }
    return readOverOdbc(parser.value(connection), timeout, fmt, parser.value(record));
}

} // namespace bs::cli
