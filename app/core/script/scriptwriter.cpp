#include "core/script/scriptwriter.h"

#include <QDir>
#include <QJsonDocument>
#include <QSaveFile>

namespace bs {

namespace {

QString saveFile(const QString &path, const QByteArray &data)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        return QStringLiteral("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return {};
}

} // namespace

QByteArray ScriptWriter::optionsJson(const PatternOptions &options)
{
    return QJsonDocument(optionsToJson(options)).toJson(QJsonDocument::Indented);
}

QString ScriptWriter::write(const QString &directory, const PatternOptions &options, const GeneratedScripts &scripts)
{
    if (!scripts.error.isEmpty())
        return scripts.error;
    QDir dir(directory);
    if (!dir.mkpath(QStringLiteral(".")))
        return QStringLiteral("Cannot create the folder %1.").arg(QDir::toNativeSeparators(directory));
    for (const GeneratedScript &script : scripts.scripts) {
        const QString error = saveFile(dir.filePath(script.fileName), script.text.toUtf8());
        if (!error.isEmpty())
            return error;
    }
    return saveFile(dir.filePath(QStringLiteral("options.json")), optionsJson(options));
}

} // namespace bs
