#include "cli/importcommand.h"

#include "cli/ddlcommand.h"
#include "core/design/designddlparser.h"
#include "core/design/designfile.h"
#include "core/sqlquote.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>
#include <QTextStream>

namespace bs::cli {

namespace {

QString designText(const DdlImportResult &r)
{
    QString out;
    const BrokerDesign &d = r.design;
    for (const DesignMessageType &m : d.messageTypes)
        out += QStringLiteral("message type    %1  VALIDATION = %2\n").arg(quoteIdentifier(m.name), messageValidationKeyword(m.validation));
    for (const DesignContract &c : d.contracts) {
        QStringList usages;
        for (const DesignUsage &u : c.usages)
            usages.append(quoteIdentifier(u.messageType) + QStringLiteral(" SENT BY ") + sentByKeyword(u.sentBy));
        out += QStringLiteral("contract        %1  (%2)\n").arg(quoteIdentifier(c.name), usages.join(u", "_qs));
    }
    for (const DesignQueue &q : d.queues) {
        out += QStringLiteral("queue           %1  STATUS = %2%3\n")
                   .arg(q.qualifiedName(), q.status ? u"ON"_qs : u"OFF"_qs,
                        q.activation ? QStringLiteral("  activates %1 (%2 readers)").arg(q.activation->procedure).arg(q.activation->maxQueueReaders)
                                     : QString());
    }
    for (const DesignService &s : d.services) {
        QStringList contracts;
        for (const QString &c : s.contracts)
            contracts.append(quoteIdentifier(c));
        out += QStringLiteral("service         %1  ON QUEUE %2.%3%4\n")
                   .arg(quoteIdentifier(s.name), quoteIdentifier(s.queueSchema), quoteIdentifier(s.queueName),
                        contracts.isEmpty() ? QString() : QStringLiteral("  (") + contracts.join(u", "_qs) + QLatin1Char(')'));
    }
    for (const DesignRoute &rt : d.routes)
        out += QStringLiteral("route           %1  %2 -> %3\n").arg(quoteIdentifier(rt.name), rt.serviceName.isEmpty() ? u"(any service)"_qs : rt.serviceName, rt.address);
    for (const DesignBinding &b : d.bindings)
        out += QStringLiteral("binding         %1  TO SERVICE %2 WITH USER = %3\n").arg(quoteIdentifier(b.name), b.serviceName, quoteIdentifier(b.user));
    out += QStringLiteral("%1 object(s) from %2 statement(s); %3 other statement(s) skipped\n")
               .arg(d.objectCount()).arg(r.statementsApplied).arg(r.skipped.size());
    for (const DdlSkippedStatement &s : r.skipped)
        out += QStringLiteral("  skipped line %1: %2\n").arg(s.line).arg(commentText(s.summary));
    return out;
}

} // namespace

int runImportCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Read the Service Broker objects of a T-SQL script into a design."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("script"), QStringLiteral("The .sql script to read."));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("Output format: text or json (a design file)."),
                                    QStringLiteral("format"), QStringLiteral("text"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Write to a file instead of standard output."), QStringLiteral("file"));
    parser.addOptions({format, out});
    QTextStream err(stderr);
    if (!parser.parse(arguments)) {
        err << "broker-studio import: " << parser.errorText() << '\n';
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    const QString fmt = parser.value(format);
    if (fmt != QLatin1String("text") && fmt != QLatin1String("json")) {
        err << "broker-studio import: --format must be text or json, not \"" << fmt << "\"\n";
        return 2;
    }
    if (parser.positionalArguments().size() != 1) {
        err << "broker-studio import: give one script file\n";
        return 2;
    }
    const QString path = parser.positionalArguments().first();
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        err << "broker-studio import: cannot read " << path << ": " << in.errorString() << '\n';
        return 1;
    }
    const DdlImportResult r = DesignDdlParser::parse(QString::fromUtf8(in.readAll()));
    if (!r.ok()) {
        for (const DdlImportError &e : r.errors)
            err << path << ':' << e.toString() << '\n';
        err << "broker-studio import: " << r.errors.size() << " error(s); no design was made\n";
        return 2;
    }
    const QString text = fmt == QLatin1String("json")
                             ? QString::fromUtf8(QJsonDocument(DesignFileFormat::toJson({r.design, {}})).toJson(QJsonDocument::Indented))
                             : designText(r);
    QString error;
    if (!writeOutput(parser.value(out), text, &error)) {
        err << "broker-studio import: " << error << '\n';
        return 1;
    }
    if (fmt == QLatin1String("json")) {
        for (const DdlSkippedStatement &s : r.skipped)
            err << "skipped line " << s.line << ": " << commentText(s.summary) << '\n';
    }
    return 0;
}

} // namespace bs::cli
