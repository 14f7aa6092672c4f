#include "ui/propertieswidget.h"

#include "core/objectproperties.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace bs {

PropertiesWidget::PropertiesWidget(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_table(new QTableWidget(this))
{
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setMargin(4);
    m_table->setColumnCount(2);
    m_table->setHorizontalHeaderLabels({tr("Property"), tr("Value")});
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(true);
    m_table->setTextElideMode(Qt::ElideNone);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Object properties"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_table);
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

int PropertiesWidget::rowOf(const QString &property) const
{
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const QTableWidgetItem *name = m_table->item(r, 0);
        if (name && m_table->item(r, 1) && name->text() == property)
            return r;
    }
    return -1;
}

QString PropertiesWidget::valueOf(const QString &property) const
{
    const int r = rowOf(property);
    return r < 0 ? QString() : m_table->item(r, 1)->text();
}

QString PropertiesWidget::helpOf(const QString &property) const
{
    const int r = rowOf(property);
    return r < 0 ? QString() : m_table->item(r, 0)->toolTip();
}

void PropertiesWidget::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // Long values ("in words") wrap to the new width.
    m_table->resizeRowsToContents();
}

void PropertiesWidget::showObject(const ObjectRef &ref)
{
    m_ref = ref;
    m_table->clearContents();
    m_table->setRowCount(0);
    if (!ref.isValid()) {
        m_title->setText(tr("<i>Select an object in the explorer or the graph.</i>"));
        return;
    }
    m_title->setText(QStringLiteral("<b>%1</b> &nbsp;<span style='color:#666'>%2</span>")
                         .arg(objectDisplayName(m_catalog, ref).toHtmlEscaped(), objectKindName(ref.kind)));
    QFont bold = m_table->font();
    bold.setBold(true);
    QString group;
    for (const ObjectProperty &p : objectProperties(m_catalog, ref)) {
        if (p.group != group) {
            group = p.group;
            const int r = m_table->rowCount();
            m_table->insertRow(r);
            auto *header = new QTableWidgetItem(group);
            header->setFont(bold);
            m_table->setItem(r, 0, header);
            m_table->setSpan(r, 0, 1, 2);
        }
        const int r = m_table->rowCount();
        m_table->insertRow(r);
        auto *name = new QTableWidgetItem(p.name);
        auto *value = new QTableWidgetItem(p.value);
        const QString tip = p.help.isEmpty() ? p.value : p.help;
        name->setToolTip(tip);
        value->setToolTip(tip);
        m_table->setItem(r, 0, name);
        m_table->setItem(r, 1, value);
    }
    m_table->resizeRowsToContents();
}

} // namespace bs
