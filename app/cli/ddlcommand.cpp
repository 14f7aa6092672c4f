#include "cli/ddlcommand.h"

#include "core/design/designddlparser.h"
#include "core/design/designddlwriter.h"
#include "core/design/designfile.h"
#include "core/samplecatalog.h"
#include "data/odbc/odbcbrokersource.h"
#include "data/odbc/odbcconnectionstring.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFile>
#include <QSaveFile>
#include <QTextStream>

namespace bs::cli {

std::optional<BrokerDesign> loadDesignArgument(const QString &path, QString *error)
{
    if (!path.endsWith(QLatin1String(".sql"), Qt::CaseInsensitive)) {
        const auto file = DesignFileFormat::load(path, error);
        return file ? std::optional<BrokerDesign>(file->design) : std::nullopt;
    }
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, in.errorString());
        return std::nullopt;
    }
    const DdlImportResult r = DesignDdlParser::parse(QString::fromUtf8(in.readAll()));
    if (!r.ok()) {
        QStringList lines;
        for (const DdlImportError &e : r.errors)
            lines.append(path + QLatin1Char(':') + e.toString());
        *error = lines.join(QLatin1Char('\n'));
        return std::nullopt;
    }
    return r.design;
}

std::optional<BrokerCatalog> readCatalogOverOdbc(const QString &connectionString, int loginTimeoutSeconds, QString *error)
{
    QString why;
    if (OdbcConnectionString::forQodbc(connectionString, &why).isEmpty()) {
        *error = QStringLiteral("unusable connection string: ") + why;
        return std::nullopt;
    }
    OdbcBrokerSource source(connectionString, loginTimeoutSeconds);
    QEventLoop loop;
    std::optional<BrokerCatalog> catalog;
    QObject::connect(&source, &BrokerSource::catalogLoaded, &loop, [&](const BrokerCatalog &c) {
        catalog = c;
        loop.quit();
    });
    QObject::connect(&source, &BrokerSource::catalogFailed, &loop, [&](const QString &message) {
        why = message;
        loop.quit();
    });
    source.loadCatalog();
    loop.exec();
    if (!catalog) {
        // The password never reaches the terminal: the string is shown masked.
        *error = QStringLiteral("cannot read the catalog of %1\n%2").arg(OdbcConnectionString::masked(connectionString), why);
        return std::nullopt;
    }
    if (!catalog->problems.isEmpty()) {
        QStringList parts;
        for (const CatalogProblem &p : catalog->problems)
            parts.append(p.part + QStringLiteral(" (") + p.view + QStringLiteral("): ") + p.message);
        // A partial catalog would make a wrong script: refuse it.
        *error = QStringLiteral("part of the catalog could not be read:\n") + parts.join(QLatin1Char('\n'));
        return std::nullopt;
    }
    return catalog;
}

bool writeOutput(const QString &path, const QString &text, QString *error)
{
    if (path.isEmpty()) {
        QTextStream(stdout) << text;
        return true;
    }
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(text.toUtf8()) < 0 || !out.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, out.errorString());
        return false;
    }
    return true;
}

int runDdlCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Write the re-runnable CREATE script of a design or of a database's "
                                                    "Service Broker objects, in dependency order."));
    parser.addHelpOption();
    const QCommandLineOption fromCatalog(QStringLiteral("from-catalog"), QStringLiteral("Script a database's catalog (with --sample or --connection)."));
    const QCommandLineOption sample(QStringLiteral("sample"), QStringLiteral("The built-in static sample catalog (SalesOps)."));
    const QCommandLineOption connection(QStringLiteral("connection"), QStringLiteral("ODBC connection string of the database."), QStringLiteral("odbc"));
    const QCommandLineOption fromDesign(QStringLiteral("from-design"), QStringLiteral("A design file (.json) or a T-SQL script (.sql)."), QStringLiteral("file"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Write the script to a file instead of standard output."), QStringLiteral("file"));
    const QCommandLineOption plain(QStringLiteral("plain"), QStringLiteral("Plain CREATE statements without IF NOT EXISTS guards."));
    const QCommandLineOption loginTimeout(QStringLiteral("login-timeout"), QStringLiteral("Seconds to wait for the login (default 15)."),
                                          QStringLiteral("seconds"), QStringLiteral("15"));
    parser.addOptions({fromCatalog, sample, connection, fromDesign, out, plain, loginTimeout});
    QTextStream err(stderr);
    if (!parser.parse(arguments)) {
        err << "broker-studio ddl: " << parser.errorText() << '\n';
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        err << "broker-studio ddl: unexpected argument \"" << parser.positionalArguments().first() << "\"\n";
        return 2;
    }
    const bool catalogMode = parser.isSet(fromCatalog);
    if (catalogMode == parser.isSet(fromDesign)) {
        err << "broker-studio ddl: give exactly one of --from-catalog or --from-design\n";
        return 2;
    }
    if (catalogMode && parser.isSet(sample) == parser.isSet(connection)) {
        err << "broker-studio ddl: --from-catalog needs exactly one of --sample or --connection\n";
        return 2;
    }
    if (!catalogMode && (parser.isSet(sample) || parser.isSet(connection))) {
        err << "broker-studio ddl: --sample and --connection go with --from-catalog\n";
        return 2;
    }
    BrokerDesign design;
    QString error;
    if (catalogMode && parser.isSet(sample)) {
        design = BrokerDesign::fromCatalog(sampleCatalog());
    } else if (catalogMode) {
        bool ok = false;
        const int timeout = parser.value(loginTimeout).toInt(&ok);
        if (!ok || timeout <= 0) {
            err << "broker-studio ddl: --login-timeout must be a positive number of seconds\n";
            return 2;
        }
        const auto catalog = readCatalogOverOdbc(parser.value(connection), timeout, &error);
        if (!catalog) {
            err << "broker-studio ddl: " << error << '\n';
            return 1;
        }
        design = BrokerDesign::fromCatalog(*catalog);
    } else {
        const QString path = parser.value(fromDesign);
        const auto loaded = loadDesignArgument(path, &error);
        if (!loaded) {
            err << "broker-studio ddl: " << error << '\n';
            return path.endsWith(QLatin1String(".sql"), Qt::CaseInsensitive) && QFile::exists(path) ? 2 : 1;
        }
        design = *loaded;
    }
    DesignDdlWriter::Options options;
    options.ifNotExists = !parser.isSet(plain);
    if (!writeOutput(parser.value(out), DesignDdlWriter::write(design, options), &error)) {
        err << "broker-studio ddl: " << error << '\n';
        return 1;
    }
    return 0;
}

} // namespace bs::cli
