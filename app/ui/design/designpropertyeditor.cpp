#include "ui/design/designpropertyeditor.h"

#include "core/design/designcommands.h"
#include "core/design/designdocument.h"
#include "core/design/designproperties.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace bs {

DesignPropertyEditor::DesignPropertyEditor(DesignDocument *document, QWidget *parent) : QWidget(parent), m_document(document)
{
    auto *layout = new QVBoxLayout(this);
    m_title = new QLabel(this);
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::PlainText);
    layout->addWidget(m_title);
    auto *formHost = new QWidget(this);
    m_form = new QFormLayout(formHost);
    m_form->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(formHost);
    layout->addStretch(1);
    connect(m_document, &DesignDocument::changed, this, &DesignPropertyEditor::rebuild);
    rebuild();
}

void DesignPropertyEditor::setObject(const DesignRef &ref)
{
    m_ref = ref;
    rebuild();
}

QWidget *DesignPropertyEditor::editor(const QString &key) const
{
    return m_editors.value(key);
}

void DesignPropertyEditor::push(DesignCommand *command)
{
    const QString why = m_document->push(command);
    if (!why.isEmpty()) {
        emit editRefused(why);
        rebuild(); // show the value the design still has
    }
}

void DesignPropertyEditor::rebuild()
{
    if (m_rebuilding)
        return;
    m_rebuilding = true;
    // An edit rebuilds the form from inside the edited widget's own signal: the old widgets are
    // taken out now and deleted once that signal has returned.
    while (m_form->rowCount() > 0) {
        const QFormLayout::TakeRowResult row = m_form->takeRow(0);
        for (QLayoutItem *item : {row.labelItem, row.fieldItem}) {
            if (!item)
                continue;
            if (QWidget *w = item->widget()) {
                w->hide();
                w->deleteLater();
            }
            delete item;
        }
    }
    m_editors.clear();
    const std::optional<DesignObject> object = DesignEdit::object(m_document->design(), m_ref);
    if (!object) {
        m_title->setText(tr("Select an object on the canvas, or add one from the palette."));
        m_ref = {};
        m_rebuilding = false;
        return;
    }
    m_title->setText(m_ref.display());
    auto *name = new QLineEdit(m_ref.name, this);
    name->setToolTip(tr("The object's name (sysname, at most 128 characters). Renaming updates every reference to it."));
    connect(name, &QLineEdit::editingFinished, this, [this, name] {
        if (name->text() != m_ref.name) {
            // The editor follows the object to its new name; a refused rename keeps the old one.
            const DesignRef old = m_ref;
            m_ref.name = name->text();
            const QString why = m_document->push(new RenameObjectCommand(m_document, old, name->text()));
            if (!why.isEmpty()) {
                m_ref = old;
                emit editRefused(why);
                rebuild();
            }
        }
    });
    m_form->addRow(tr("Name"), name);
    m_editors.insert(QStringLiteral("name"), name);
    for (const DesignProperty &p : DesignProperties::forKind(m_ref.kind)) {
        const QVariant value = DesignProperties::get(*object, p.key);
        QWidget *w = nullptr;
        switch (p.type) {
        case DesignProperty::Type::Bool: {
            auto *box = new QCheckBox(this);
            box->setChecked(value.toBool());
            connect(box, &QCheckBox::toggled, this, [this, key = p.key](bool on) {
                push(new SetPropertyCommand(m_document, m_ref, key, on));
            });
            w = box;
            break;
        }
        case DesignProperty::Type::Int: {
            auto *spin = new QSpinBox(this);
            spin->setRange(p.minimum, p.maximum);
            spin->setValue(value.toInt());
            connect(spin, &QSpinBox::editingFinished, this, [this, spin, key = p.key] {
                if (spin->value() != DesignProperties::get(*DesignEdit::object(m_document->design(), m_ref), key).toInt())
                    push(new SetPropertyCommand(m_document, m_ref, key, spin->value()));
            });
            w = spin;
            break;
        }
        case DesignProperty::Type::Choice: {
            auto *combo = new QComboBox(this);
            combo->addItems(p.choices);
            combo->setCurrentText(value.toString());
            connect(combo, &QComboBox::textActivated, this, [this, key = p.key](const QString &text) {
                push(new SetPropertyCommand(m_document, m_ref, key, text));
            });
            w = combo;
            break;
        }
        case DesignProperty::Type::Text: {
            auto *line = new QLineEdit(value.toString(), this);
            connect(line, &QLineEdit::editingFinished, this, [this, line, key = p.key] {
                if (line->text() != DesignProperties::get(*DesignEdit::object(m_document->design(), m_ref), key).toString())
                    push(new SetPropertyCommand(m_document, m_ref, key, line->text()));
            });
            w = line;
            break;
        }
        }
        w->setToolTip(p.tooltip);
        auto *label = new QLabel(p.label, this);
        label->setToolTip(p.tooltip);
        m_form->addRow(label, w);
        m_editors.insert(p.key, w);
    }
    addConnections();
    m_rebuilding = false;
}

void DesignPropertyEditor::addConnections()
{
    const BrokerDesign &d = m_document->design();
    if (m_ref.kind == ObjectKind::Service) {
        const DesignService *s = d.service(m_ref.name);
        auto *queue = new QComboBox(this);
        queue->setToolTip(tr("ON QUEUE: the queue that receives this service's messages. A queue can serve several services."));
        for (const DesignQueue &q : d.queues)
            queue->addItem(q.qualifiedName(), QStringList{q.schema, q.name});
        queue->setCurrentIndex(queue->findData(QStringList{s->queueSchema, s->queueName}));
        connect(queue, &QComboBox::activated, this, [this, queue](int i) {
            const QStringList q = queue->itemData(i).toStringList();
            push(new ConnectCommand(m_document, m_ref, {ObjectKind::Queue, q.at(1), q.at(0)}));
        });
        m_form->addRow(tr("Queue"), queue);
        m_editors.insert(QStringLiteral("queue"), queue);
        m_form->addRow(new QLabel(tr("Contracts it accepts as a target:"), this));
        QStringList contracts{QStringLiteral("DEFAULT")};
        for (const DesignContract &c : d.contracts)
            contracts.append(c.name);
        for (const QString &c : contracts) {
            auto *box = new QCheckBox(c, this);
            box->setChecked(s->contracts.contains(c));
            box->setToolTip(tr("Accept conversations on this contract when the service is their target. A service "
                               "with no contract can only begin conversations."));
            connect(box, &QCheckBox::toggled, this, [this, c](bool on) {
                const DesignRef contract{ObjectKind::Contract, c, {}};
                push(on ? static_cast<DesignCommand *>(new ConnectCommand(m_document, m_ref, contract))
                        : new DisconnectCommand(m_document, m_ref, contract));
            });
            m_form->addRow(QString(), box);
            m_editors.insert(QStringLiteral("contract:") + c, box);
        }
    } else if (m_ref.kind == ObjectKind::Contract) {
        const DesignContract *c = d.contract(m_ref.name);
        m_form->addRow(new QLabel(tr("Message types of the contract:"), this));
        QStringList types{QStringLiteral("DEFAULT")};
        for (const DesignMessageType &m : d.messageTypes)
            types.append(m.name);
        for (const QString &t : types) {
            auto *combo = new QComboBox(this);
            combo->addItems({tr("not used"), QStringLiteral("SENT BY INITIATOR"), QStringLiteral("SENT BY TARGET"), QStringLiteral("SENT BY ANY")});
            int current = 0;
            for (const DesignUsage &u : c->usages) {
                if (u.messageType == t)
                    current = 1 + int(u.sentBy);
            }
            combo->setCurrentIndex(current);
            combo->setToolTip(tr("Which side of a conversation on this contract may send %1. A conversation starts with a "
                                 "message from the initiator.").arg(t));
            connect(combo, &QComboBox::activated, this, [this, t, current](int i) {
                if (i == current)
                    return;
                const DesignRef type{ObjectKind::MessageType, t, {}};
                m_document->undoStack()->beginMacro(tr("Change %1 in %2").arg(t, m_ref.display()));
                if (current > 0)
                    push(new DisconnectCommand(m_document, m_ref, type));
                if (i > 0)
                    push(new ConnectCommand(m_document, m_ref, type, SentBy(i - 1)));
                m_document->undoStack()->endMacro();
            });
            m_form->addRow(t, combo);
            m_editors.insert(QStringLiteral("usage:") + t, combo);
        }
    }
}

} // namespace bs
