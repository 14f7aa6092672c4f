#include "ui/propertieswidget.h"

#include "core/objectproperties.h"
#include "ui/objecticons.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace bs {

PropertiesWidget::PropertiesWidget(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_tree(new QTreeWidget(this))
{
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setMargin(4);
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Property"), tr("Value")});
    m_tree->setRootIsDecorated(false);
    m_tree->setWordWrap(true);
    m_tree->setTextElideMode(Qt::ElideNone);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setAccessibleName(tr("Object properties"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_tree);
    showObject({});
}

void PropertiesWidget::setCatalog(const BrokerCatalog &catalog)
{
    m_catalog = catalog;
    showObject(m_ref);
}

QString PropertiesWidget::titleText() const
{
    return m_title->text();
}

void PropertiesWidget::showObject(const ObjectRef &ref)
{
    m_ref = ref;
    m_tree->clear();
    if (!ref.isValid()) {
        m_title->setText(tr("<i>Select an object in the explorer or the graph.</i>"));
        return;
    }
    m_title->setText(QStringLiteral("<b>%1</b><br/>%2")
                         .arg(objectDisplayName(m_catalog, ref).toHtmlEscaped(), objectKindName(ref.kind)));
    QTreeWidgetItem *group = nullptr;
    QFont bold = m_tree->font();
    bold.setBold(true);
    for (const ObjectProperty &p : objectProperties(m_catalog, ref)) {
        if (!group || group->text(0) != p.group) {
            group = new QTreeWidgetItem(m_tree, {p.group});
            group->setFirstColumnSpanned(true);
            group->setFont(0, bold);
            group->setFlags(Qt::ItemIsEnabled);
        }
        auto *item = new QTreeWidgetItem(m_tree, {p.name, p.value});
        if (!p.help.isEmpty()) {
            item->setToolTip(0, p.help);
            item->setToolTip(1, p.help);
        } else {
            item->setToolTip(1, p.value);
        }
    }
    m_tree->expandAll();
}

} // namespace bs
