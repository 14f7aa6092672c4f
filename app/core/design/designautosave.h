#pragma once

#include "core/design/designfile.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QTimer>

#include <memory>

class QLockFile;

namespace bs {

class DesignDocument;

/// A design autosaved after a session that ended without closing its designer (a crash).
struct RecoverableDesign
{
    QString autosavePath;  ///< the autosave file, in DesignAutosave::directory()
    QString originalPath;  ///< the design file it was edited from; empty for an untitled design
    QDateTime savedUtc;
    DesignFile file;
};

/// Autosave for one DesignDocument: while it has unsaved changes, its design file is written every
/// interval() to its own file under QStandardPaths::AppDataLocation/autosave (QSaveFile), next to
/// a QLockFile held for the document's life. Saving, undoing back to the saved state, New/Open
/// and closing remove the file; a crash leaves it behind with a stale lock, and leftOver() finds
/// it for the next designer to offer back. Lives in bs_designedit (Qt Gui for the undo stack).
class DesignAutosave : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultIntervalMs = 30000;

    explicit DesignAutosave(DesignDocument *document, QObject *parent = nullptr);
    /// Removes the autosave file: a designer closed normally has been saved or discarded.
    ~DesignAutosave() override;

    static QString directory();
    /// Autosaves whose owner is gone (their lock is free or stale), newest first; unreadable ones
    /// are skipped and named in *problems.
    static QList<RecoverableDesign> leftOver(QStringList *problems = nullptr);
    /// Deletes a left-over autosave (restored or discarded) and its lock.
    static bool discard(const QString &autosavePath);

    QString path() const { return m_path; }
    int interval() const { return m_timer.interval(); }
    void setInterval(int ms) { m_timer.setInterval(ms); }
    /// Writes the autosave now when the document has unsaved changes; false with *error on failure.
    bool writeNow(QString *error = nullptr);
    /// Removes the autosave file (the document was saved or its changes discarded).
    void clear();
    QString lastError() const { return m_lastError; }

private:
    void documentChanged();

    DesignDocument *m_document;
    QString m_path;
    std::unique_ptr<QLockFile> m_lock;
    QTimer m_timer;
    QString m_lastError;
};

} // namespace bs
