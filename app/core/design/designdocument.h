#pragma once

#include "core/design/designfile.h"

#include <QObject>
#include <QUndoStack>

namespace bs {

class DesignCommand;

/// The design being edited: the design file (objects and canvas positions), its undo stack and
/// where it is saved. Every change goes through push() as a DesignCommand, so undo and redo see
/// everything; clean state follows the stack. Lives in bs_designedit (Qt Gui, for QUndoStack).
class DesignDocument : public QObject
{
    Q_OBJECT

public:
    explicit DesignDocument(QObject *parent = nullptr);

    const BrokerDesign &design() const { return m_file.design; }
    const DesignFile &file() const { return m_file; }
    QUndoStack *undoStack() { return &m_stack; }
    QString path() const { return m_path; }
    bool isModified() const { return !m_stack.isClean(); }

    /// Runs a command and puts it on the stack; returns why it was refused (and then deletes it).
    QString push(DesignCommand *command);
    /// Replaces the whole document (New, Open, Design from database): the stack is cleared.
    void reset(const DesignFile &file, const QString &path = {});
    bool save(const QString &path, QString *error);

    /// For commands: the state before and after them.
    void setFile(const DesignFile &file);

signals:
    void changed();
    void pathChanged(const QString &path);

private:
    DesignFile m_file;
    QUndoStack m_stack;
    QString m_path;
};

} // namespace bs
