#pragma once

#include "core/design/brokerdesign.h"

#include <QWidget>

class QFormLayout;
class QLabel;

namespace bs {

class DesignDocument;

/// The property editor of the design window: the selected object's name and every property the
/// DesignProperties registry lists for its kind (with the registry's tooltips, which explain each
/// option in Service Broker terms), and its connections (a service's queue and contracts, a
/// contract's message types with SENT BY). Every edit is an undoable command on the document.
class DesignPropertyEditor : public QWidget
{
    Q_OBJECT

public:
    explicit DesignPropertyEditor(DesignDocument *document, QWidget *parent = nullptr);

    void setObject(const DesignRef &ref);
    DesignRef object() const { return m_ref; }
    /// The widget editing a property (by registry key, "name", "queue", "contract:<name>",
    /// "usage:<message type>"), for tests and accessibility.
    QWidget *editor(const QString &key) const;

signals:
    /// An edit was refused; the text says why.
    void editRefused(const QString &message);

private:
    void rebuild();
    void push(class DesignCommand *command);
    void addConnections();

    DesignDocument *m_document;
    DesignRef m_ref;
    QFormLayout *m_form = nullptr;
    QLabel *m_title = nullptr;
    QHash<QString, QWidget *> m_editors;
    bool m_rebuilding = false;
};

} // namespace bs
