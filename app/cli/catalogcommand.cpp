#include "cli/catalogcommand.h"

#include "core/catalogjson.h"
#include "core/samplecatalog.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QTextStream>

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

} // namespace

int runCatalogCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Print the Service Broker catalog of a database."));
    parser.addHelpOption();
    const QCommandLineOption sample(QStringLiteral("sample"), QStringLiteral("Print the built-in sample catalog."));
    const QCommandLineOption connection(QStringLiteral("connection"),
                                        QStringLiteral("ODBC connection string of the database to read."),
                                        QStringLiteral("odbc"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("Output format: text or json."),
                                    QStringLiteral("format"), QStringLiteral("text"));
    parser.addOptions({sample, connection, format});
    QTextStream err(stderr);
    if (!parser.parse(arguments)) {
        err << "broker-studio catalog: " << parser.errorText() << '\n';
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
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
    err << "broker-studio catalog: reading over ODBC is not available in this build yet\n";
    return 2;
}

} // namespace bs::cli
