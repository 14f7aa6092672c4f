#include "core/design/designcommands.h"

#include "core/design/designdocument.h"

namespace bs {

DesignCommand::DesignCommand(DesignDocument *document, const QString &text)
    : QUndoCommand(text), m_document(document), m_before(document->file())
{
}

void DesignCommand::prepare(const std::function<QString(DesignFile &)> &edit)
{
    m_after = m_before;
    m_error = edit(m_after);
    if (!m_error.isEmpty())
        setObsolete(true);
}

void DesignCommand::undo()
{
    m_document->setFile(m_before);
}

void DesignCommand::redo()
{
    m_document->setFile(m_after);
}

AddObjectCommand::AddObjectCommand(DesignDocument *document, const DesignObject &object, std::optional<QPointF> position)
    : DesignCommand(document, QStringLiteral("Add %1").arg(designRefOf(object).display()))
{
    prepare([&](DesignFile &f) {
        const QString why = DesignEdit::add(f.design, object);
        if (why.isEmpty() && position)
            f.positions.insert(designRefOf(object).display(), *position);
        return why;
    });
}

RemoveObjectCommand::RemoveObjectCommand(DesignDocument *document, const DesignRef &ref)
    : DesignCommand(document, QStringLiteral("Delete %1").arg(ref.display()))
{
    const QList<DesignRef> dependants = DesignEdit::dependants(document->design(), ref);
    if (ref.kind == ObjectKind::Queue && !dependants.isEmpty())
        setText(QStringLiteral("Delete %1 and %2 service(s) on it").arg(ref.display()).arg(dependants.size()));
    prepare([&](DesignFile &f) {
        const QString why = DesignEdit::remove(f.design, ref);
        if (why.isEmpty()) {
            // Positions of objects no longer in the design go with them (undo brings them back).
            for (auto it = f.positions.begin(); it != f.positions.end();) {
                bool kept = false;
                for (const DesignRef &r : f.design.objects())
                    kept = kept || r.display() == it.key();
                it = kept ? std::next(it) : f.positions.erase(it);
            }
        }
        return why;
    });
}

RenameObjectCommand::RenameObjectCommand(DesignDocument *document, const DesignRef &ref, const QString &newName, const QString &newSchema)
    : DesignCommand(document, QStringLiteral("Rename %1 to %2").arg(ref.display(), newName))
{
    prepare([&](DesignFile &f) {
        const QString why = DesignEdit::rename(f.design, ref, newName, newSchema);
        if (why.isEmpty() && f.positions.contains(ref.display())) {
            DesignRef renamed = ref;
            renamed.name = newName;
            if (!newSchema.isEmpty())
                renamed.schema = newSchema;
            f.positions.insert(renamed.display(), f.positions.take(ref.display()));
        }
        return why;
    });
}

SetPropertyCommand::SetPropertyCommand(DesignDocument *document, const DesignRef &ref, const QString &property, const QVariant &value)
    : DesignCommand(document, QStringLiteral("Change %1 of %2").arg(property, ref.display())), m_ref(ref), m_property(property)
{
    prepare([&](DesignFile &f) { return DesignEdit::setProperty(f.design, ref, property, value); });
}

bool SetPropertyCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const SetPropertyCommand *>(other);
    if (o->m_ref != m_ref || o->m_property != m_property)
        return false;
    m_after = o->m_after;
    return true;
}

ConnectCommand::ConnectCommand(DesignDocument *document, const DesignRef &from, const DesignRef &to, SentBy sentBy)
    : DesignCommand(document, QStringLiteral("Connect %1 to %2").arg(from.display(), to.display()))
{
    prepare([&](DesignFile &f) { return DesignEdit::connect(f.design, from, to, sentBy); });
}

DisconnectCommand::DisconnectCommand(DesignDocument *document, const DesignRef &from, const DesignRef &to)
    : DesignCommand(document, QStringLiteral("Disconnect %1 from %2").arg(from.display(), to.display()))
{
    prepare([&](DesignFile &f) { return DesignEdit::disconnect(f.design, from, to); });
}

MoveObjectsCommand::MoveObjectsCommand(DesignDocument *document, const QHash<QString, QPointF> &positions)
    : DesignCommand(document, QStringLiteral("Move %1 object(s)").arg(positions.size())), m_keys(positions.keys())
{
    m_keys.sort();
    prepare([&](DesignFile &f) {
        for (auto it = positions.begin(); it != positions.end(); ++it)
            f.positions.insert(it.key(), it.value());
        return QString();
    });
}

bool MoveObjectsCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const MoveObjectsCommand *>(other);
    if (o->m_keys != m_keys)
        return false;
    m_after = o->m_after;
    return true;
}

} // namespace bs
