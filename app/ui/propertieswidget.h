#pragma once

#include "core/catalog.h"

#include <QWidget>

class QLabel;
class QTreeWidget;

namespace bs {

/// Every catalog field of the selected object, grouped, with Service Broker terms explained
/// in tooltips; a queue's activation settings also in words.
class PropertiesWidget : public QWidget
{
    Q_OBJECT
public:
    explicit PropertiesWidget(QWidget *parent = nullptr);

    void setCatalog(const BrokerCatalog &catalog);
    void showObject(const ObjectRef &ref);
    ObjectRef currentObject() const { return m_ref; }
    QTreeWidget *tree() const { return m_tree; }
    QString titleText() const;

private:
    BrokerCatalog m_catalog;
    ObjectRef m_ref;
    QLabel *m_title;
    QTreeWidget *m_tree;
};

} // namespace bs
