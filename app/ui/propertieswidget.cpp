#include "ui/propertieswidget.h"

#include "core/objectproperties.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QStyle>
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
    // Names too long for the capped column end in "…"; the tooltip has them whole.
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    // Values get the room: they wrap instead of scrolling sideways, and the name column stays
    // adjustable by hand.
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->viewport()->installEventFilter(this);
    connect(m_table->horizontalHeader(), &QHeaderView::sectionResized, m_table, &QTableWidget::resizeRowsToContents);
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

bool PropertiesWidget::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        fitColumns();
    return QWidget::eventFilter(watched, event);
}

void PropertiesWidget::fitColumns()
{
    const int available = m_table->viewport()->width();
    if (available <= 0)
        return;
    // The header's own text counts too, so an empty pane still reads "Property".
    int longest = 0;
    if (const QTableWidgetItem *header = m_table->horizontalHeaderItem(0))
        longest = m_table->horizontalHeader()->fontMetrics().horizontalAdvance(header->text()) + 8;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        // Group headers span both columns and do not size the names column.
        if (m_table->columnSpan(r, 0) > 1 || !m_table->item(r, 0))
            continue;
        longest = qMax(longest, m_table->fontMetrics().horizontalAdvance(m_table->item(r, 0)->text()));
    }
    const int padding = 2 * m_table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_table) + 8;
    // At most 45% of the width, so the values (the reason to look) never shrink to a sliver.
    const int cap = available * 45 / 100;
    m_table->setColumnWidth(0, qBound(40, longest + padding, qMax(cap, 40)));
    m_table->resizeRowsToContents();
}

void PropertiesWidget::showObject(const ObjectRef &ref)
{
    m_ref = ref;
    m_table->clearContents();
    m_table->setRowCount(0);
    if (!ref.isValid()) {
        m_title->setText(tr("<i>Select an object in the explorer or the graph.</i>"));
        m_title->setToolTip(QString());
        return;
    }
    const QString displayName = objectDisplayName(m_catalog, ref);
    m_title->setText(QStringLiteral("<b>%1</b> &nbsp;<span style='color:#666'>%2</span>")
                         .arg(displayName.toHtmlEscaped(), objectKindName(ref.kind)));
    m_title->setToolTip(displayName);
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
        // The full name and value as tooltips, in case the pane is too narrow for them.
        name->setToolTip(p.help.isEmpty() ? p.name : p.name + QStringLiteral(": ") + p.help);
        value->setToolTip(p.help.isEmpty() ? p.value : p.value + QStringLiteral("\n\n") + p.help);
        m_table->setItem(r, 0, name);
        m_table->setItem(r, 1, value);
    }
    fitColumns();
}

} // namespace bs
