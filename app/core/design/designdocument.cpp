#include "core/design/designdocument.h"

#include "core/design/designcommands.h"

namespace bs {

DesignDocument::DesignDocument(QObject *parent) : QObject(parent)
{
    connect(&m_stack, &QUndoStack::cleanChanged, this, &DesignDocument::changed);
}

QString DesignDocument::push(DesignCommand *command)
{
    const QString error = command->error();
    if (!error.isEmpty()) {
        delete command;
        return error;
    }
    m_stack.push(command); // calls redo()
    return {};
}

void DesignDocument::reset(const DesignFile &file, const QString &path)
{
    m_stack.clear();
    m_file = file;
    m_stack.setClean();
    if (m_path != path) {
        m_path = path;
        emit pathChanged(path);
    }
    emit changed();
}

bool DesignDocument::save(const QString &path, QString *error)
{
    if (!DesignFileFormat::save(path, m_file, error))
        return false;
    m_stack.setClean();
    if (m_path != path) {
        m_path = path;
        emit pathChanged(path);
    }
    return true;
}

void DesignDocument::setFile(const DesignFile &file)
{
    m_file = file;
    emit changed();
}

} // namespace bs
