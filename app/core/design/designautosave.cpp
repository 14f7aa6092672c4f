#include "core/design/designautosave.h"

#include "core/design/designdocument.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>

#include <algorithm>

namespace bs {

namespace {

const QString Format = QStringLiteral("broker-studio-design-autosave");

QString lockPathOf(const QString &autosavePath)
{
    return autosavePath.chopped(int(QStringLiteral(".json").size())) + QStringLiteral(".lock");
}

} // namespace

DesignAutosave::DesignAutosave(DesignDocument *document, QObject *parent)
    : QObject(parent), m_document(document)
{
    QDir().mkpath(directory());
    m_path = QDir(directory()).filePath(QStringLiteral("design-%1.json").arg(QUuid::createUuid().toString(QUuid::WithoutBraces)));
    m_lock = std::make_unique<QLockFile>(lockPathOf(m_path));
    m_lock->setStaleLockTime(0); // stale only when its process is gone, never by age
    if (!m_lock->tryLock(0))
        m_lastError = tr("Cannot lock %1: autosave files may be offered to another designer.").arg(m_lock->error());
    m_timer.setSingleShot(true);
    m_timer.setInterval(DefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] { writeNow(); });
    connect(document, &DesignDocument::changed, this, &DesignAutosave::documentChanged);
    connect(document->undoStack(), &QUndoStack::indexChanged, this, &DesignAutosave::documentChanged);
}

DesignAutosave::~DesignAutosave()
{
    clear();
    m_lock->unlock();
}

QString DesignAutosave::directory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("autosave"));
}

void DesignAutosave::documentChanged()
{
    if (!m_document->isModified()) {
        m_timer.stop();
        clear(); // saved, undone to the saved state, or replaced by New/Open
    } else if (!m_timer.isActive()) {
        m_timer.start(); // the first unsaved change starts the clock; later ones ride on it
    }
}

bool DesignAutosave::writeNow(QString *error)
{
    if (!m_document->isModified())
        return true;
    QJsonObject json;
    json.insert(QStringLiteral("format"), Format);
    json.insert(QStringLiteral("originalPath"), m_document->path());
    json.insert(QStringLiteral("savedUtc"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    json.insert(QStringLiteral("design"), DesignFileFormat::toJson(m_document->file()));
    QSaveFile out(m_path);
    if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(json).toJson()) < 0 || !out.commit()) {
        m_lastError = tr("Cannot autosave to %1: %2").arg(m_path, out.errorString());
        if (error)
            *error = m_lastError;
        return false;
    }
    m_lastError.clear();
    return true;
}

void DesignAutosave::clear()
{
    QFile::remove(m_path);
}

QList<RecoverableDesign> DesignAutosave::leftOver(QStringList *problems)
{
    QList<RecoverableDesign> out;
    const QDir dir(directory());
    for (const QString &name : dir.entryList({QStringLiteral("design-*.json")}, QDir::Files)) {
        const QString path = dir.filePath(name);
        QLockFile lock(lockPathOf(path));
        lock.setStaleLockTime(0);
        if (!lock.tryLock(0))
            continue; // a live designer (this process or another) owns it
        lock.unlock();
        QFile in(path);
        QString error;
        const QJsonObject json = in.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(in.readAll()).object() : QJsonObject();
        std::optional<DesignFile> file;
        if (json.value(QStringLiteral("format")).toString() == Format)
            file = DesignFileFormat::fromJson(json.value(QStringLiteral("design")).toObject(), &error);
        else
            error = tr("not an autosave file");
        if (!file) {
            if (problems)
                problems->append(QStringLiteral("%1: %2").arg(path, error));
            continue;
        }
        out.append({path, json.value(QStringLiteral("originalPath")).toString(),
                    QDateTime::fromString(json.value(QStringLiteral("savedUtc")).toString(), Qt::ISODateWithMs), *file});
    }
    std::sort(out.begin(), out.end(), [](const RecoverableDesign &a, const RecoverableDesign &b) { return a.savedUtc > b.savedUtc; });
    return out;
}

bool DesignAutosave::discard(const QString &autosavePath)
{
    QFile::remove(lockPathOf(autosavePath));
    return QFile::remove(autosavePath);
}

} // namespace bs
