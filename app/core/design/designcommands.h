#pragma once

#include "core/design/designedit.h"
#include "core/design/designfile.h"

#include <QPointF>
#include <QUndoCommand>

namespace bs {

class DesignDocument;

/// An edit of a design on the undo stack. Each command runs one DesignEdit function on the
/// document's file when it is created; undo puts back the file as it was (BrokerDesign's lists
/// are implicitly shared, so the copy costs a few reference counts), redo the file the edit made.
class DesignCommand : public QUndoCommand
{
public:
    /// Why the edit was refused (empty when it applies).
    QString error() const { return m_error; }
    void undo() override;
    void redo() override;

protected:
    DesignCommand(DesignDocument *document, const QString &text);
    /// Applies `edit` to a copy of the document's file; the command keeps before and after.
    void prepare(const std::function<QString(DesignFile &)> &edit);

    DesignDocument *m_document;
    DesignFile m_before;
    DesignFile m_after;
    QString m_error;
};

/// Adds an object (at a canvas position when given).
class AddObjectCommand : public DesignCommand
{
public:
    AddObjectCommand(DesignDocument *document, const DesignObject &object, std::optional<QPointF> position = {});
};

/// Removes an object and what cannot exist without it (DesignEdit::remove); the text names them.
class RemoveObjectCommand : public DesignCommand
{
public:
    RemoveObjectCommand(DesignDocument *document, const DesignRef &ref);
};

class RenameObjectCommand : public DesignCommand
{
public:
    RenameObjectCommand(DesignDocument *document, const DesignRef &ref, const QString &newName, const QString &newSchema = {});
};

/// Changes one property; consecutive changes of the same property of one object merge.
class SetPropertyCommand : public DesignCommand
{
public:
    SetPropertyCommand(DesignDocument *document, const DesignRef &ref, const QString &property, const QVariant &value);
    int id() const override { return 1601; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    DesignRef m_ref;
    QString m_property;
};

class ConnectCommand : public DesignCommand
{
public:
    ConnectCommand(DesignDocument *document, const DesignRef &from, const DesignRef &to, SentBy sentBy = SentBy::Initiator);
};

class DisconnectCommand : public DesignCommand
{
public:
    DisconnectCommand(DesignDocument *document, const DesignRef &from, const DesignRef &to);
};

/// Moves objects on the canvas (positions only); consecutive moves of the same objects merge.
class MoveObjectsCommand : public DesignCommand
{
public:
    MoveObjectsCommand(DesignDocument *document, const QHash<QString, QPointF> &positions);
    int id() const override { return 1602; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    QStringList m_keys;
};

} // namespace bs
