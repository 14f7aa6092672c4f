#include "data/querylibrary.h"

#include <QDirIterator>
#include <QFile>
#include <QHash>
#include <QMutex>
#include <QRegularExpression>

namespace bs {

namespace {

struct Library
{
    QHash<QString, QString> byName;
};

const Library &library()
{
    static const Library lib = [] {
        Library l;
        QDirIterator it(QStringLiteral(":/sql"), {QStringLiteral("*.sql")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            // Pattern templates (embedded by bs_core) are not queries.
            if (path.startsWith(QLatin1String(":/sql/patterns/")))
                continue;
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly))
                continue;
            QString name, body;
            if (!QueryLibrary::parse(QString::fromUtf8(f.readAll()), &name, &body).isEmpty())
                continue;
            const QString folder = path.section(QLatin1Char('/'), -2, -2);
            l.byName.insert(folder + QLatin1Char('.') + name, body);
        }
        return l;
    }();
    return lib;
}

} // namespace

QString QueryLibrary::parse(const QString &fileText, QString *name, QString *body)
{
    static const QRegularExpression tag(QStringLiteral("^--\\s*query:\\s*([A-Za-z0-9_.-]+)\\s*$"));
    const qsizetype eol = fileText.indexOf(QLatin1Char('\n'));
    const QString first = (eol < 0 ? fileText : fileText.left(eol)).trimmed();
    const QRegularExpressionMatch m = tag.match(first);
    if (!m.hasMatch())
        return QStringLiteral("the first line must be \"-- query: <name>\", found \"%1\"").arg(first);
    if (name)
        *name = m.captured(1);
    // The tag line stays in the text sent to the server: it names the statement in traces.
    if (body)
        *body = fileText;
    return {};
}

QString QueryLibrary::text(const QString &name)
{
    return library().byName.value(name);
}

QStringList QueryLibrary::names(const QString &folder)
{
    QStringList result;
    const QString prefix = folder + QLatin1Char('.');
    for (auto it = library().byName.cbegin(); it != library().byName.cend(); ++it) {
        if (it.key().startsWith(prefix))
            result.append(it.key());
    }
    result.sort();
    return result;
}

} // namespace bs
