#include "cli/generatecommand.h"

#include "cli/commandline.h"

#include "core/script/patterndescriptor.h"
#include "core/script/patternoptions.h"
#include "core/script/scriptwriter.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace bs::cli {

int runGenerateCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Generate the install, uninstall, usage and monitor scripts of a Service Broker pattern."));
    parser.addHelpOption();
    const QCommandLineOption pattern(QStringLiteral("pattern"),
                                     installablePatternKeys() + QLatin1Char('.'),
                                     QStringLiteral("pattern"));
    const QCommandLineOption optionsFile(QStringLiteral("options"),
                                         QStringLiteral("Options as JSON (as the wizard saves them); "
                                                        "missing keys take the pattern's defaults."),
                                         QStringLiteral("options.json"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Folder to write the scripts to."),
                                 QStringLiteral("dir"));
    parser.addOptions({pattern, optionsFile, out});
    QTextStream err(stderr);
    const QString me = QStringLiteral("broker-studio generate: ");
    if (!parser.parse(arguments)) {
        err << me << parser.errorText() << '\n';
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << subcommandHelp(parser, QStringLiteral("generate"));
        return 0;
    }
    if (!parser.isSet(out)) {
        err << me << "--out is required\n";
        return 2;
    }

    QJsonObject json;
    if (parser.isSet(optionsFile)) {
        QFile file(parser.value(optionsFile));
        if (!file.open(QIODevice::ReadOnly)) {
            err << me << "cannot read " << file.fileName() << ": " << file.errorString() << '\n';
            return 2;
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
        if (!doc.isObject()) {
            err << me << file.fileName() << " is not a JSON object"
                << (parseError.error != QJsonParseError::NoError ? QStringLiteral(": ") + parseError.errorString()
                                                                 : QString())
                << '\n';
            return 2;
        }
        json = doc.object();
    }
    if (parser.isSet(pattern)) {
        const QString key = parser.value(pattern);
        if (!patternFromKey(key)) {
            err << me << "unknown pattern \"" << key << "\"; use " << installablePatternKeys() << '\n';
            return 2;
        }
        const QJsonValue given = json.value(QLatin1String("pattern"));
        if (!given.isUndefined() && given.toString() != key) {
            err << me << "--pattern " << key << " contradicts \"pattern\": \"" << given.toString()
                << "\" in the options file\n";
            return 2;
        }
        json.insert(QLatin1String("pattern"), key);
    } else if (!json.contains(QLatin1String("pattern"))) {
        err << me << "give --pattern (or a \"pattern\" in the options file)\n";
        return 2;
    }

    QString error;
    const std::optional<PatternOptions> options = optionsFromJson(json, &error);
    if (!options) {
        err << me << error << '\n';
        return 1;
    }
    const QList<OptionProblem> problems = validateOptions(*options);
    for (const OptionProblem &problem : problems)
        err << formatProblem(problem) << '\n';
    if (hasErrors(problems))
        return 1;

    const GeneratedScripts scripts = generateScripts(*options);
    const QString writeError = ScriptWriter::write(parser.value(out), *options, scripts);
    if (!writeError.isEmpty()) {
        err << me << writeError << '\n';
        return 1;
    }
    QTextStream stdOut(stdout);
    for (const GeneratedScript &script : scripts.scripts)
        stdOut << parser.value(out) << '/' << script.fileName << '\n';
    stdOut << parser.value(out) << "/options.json\n";
    return 0;
}

} // namespace bs::cli
