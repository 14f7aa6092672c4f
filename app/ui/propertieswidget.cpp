#include "ui/propertieswidget.h"

#include "core/objectlivefigures.h"
#include "core/objectproperties.h"
#include "data/brokersource.h"
#include "ui/graph/brokergraphview.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

namespace bs {

namespace {

// Samples can come a thousand times a second (a simulation at 1000×): the pane follows at a
// pace a reader can follow and the GUI thread does not notice.
constexpr int RefreshMs = 250;

QString healthText(NodeHealth health, const QString &reason)
{
    if (health == NodeHealth::Normal)
        return QStringLiteral("OK");
    const QString level = health == NodeHealth::Error ? QStringLiteral("Error") : QStringLiteral("Warning");
    return reason.isEmpty() ? level : level + QStringLiteral(": ") + reason;
}

} // namespace

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
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(RefreshMs);
    connect(&m_refresh, &QTimer::timeout, this, &PropertiesWidget::refreshLive);
    showObject({});
}

void PropertiesWidget::setSource(BrokerSource *source)
{
    if (m_source)
        disconnect(m_source, &BrokerSource::sampleReady, this, nullptr);
    m_source = source;
    // The figures of another source (or of none) are not this one's.
    m_sample = MonitorSample();
    if (source)
        connect(source, &BrokerSource::sampleReady, this, &PropertiesWidget::setSample);
    refreshLive();
}

void PropertiesWidget::setSample(const MonitorSample &sample)
{
    m_sample = sample;
    if (!m_refresh.isActive())
        m_refresh.start();
}

void PropertiesWidget::setHealthSource(BrokerGraphView *view)
{
    if (m_healthView)
        disconnect(m_healthView, nullptr, this, nullptr);
    m_healthView = view;
    if (view)
        connect(view, &BrokerGraphView::healthChanged, this, [this] {
            if (!m_refresh.isActive())
                m_refresh.start();
        });
    refreshLive();
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

void PropertiesWidget::appendRow(const QString &group, const QString &name, const QString &value, const QString &help,
                                 QString *currentGroup)
{
    if (group != *currentGroup) {
        *currentGroup = group;
        QFont bold = m_table->font();
        bold.setBold(true);
        const int r = m_table->rowCount();
        m_table->insertRow(r);
        auto *header = new QTableWidgetItem(group);
        header->setFont(bold);
        m_table->setItem(r, 0, header);
        m_table->setSpan(r, 0, 1, 2);
    }
    const int r = m_table->rowCount();
    m_table->insertRow(r);
    auto *nameItem = new QTableWidgetItem(name);
    auto *valueItem = new QTableWidgetItem(value);
    // The full name and value as tooltips, in case the pane is too narrow for them.
    nameItem->setToolTip(help.isEmpty() ? name : name + QStringLiteral(": ") + help);
    valueItem->setToolTip(help.isEmpty() ? value : value + QStringLiteral("\n\n") + help);
    m_table->setItem(r, 0, nameItem);
    m_table->setItem(r, 1, valueItem);
}

namespace {

// The live rows of an object: the sample's figures, then its health (objects the graph draws).
QList<ObjectProperty> liveRows(const BrokerCatalog &catalog, const ObjectRef &ref, const MonitorSample &sample,
                               const BrokerGraphView *healthView)
{
    QList<ObjectProperty> rows = objectLiveFigures(catalog, ref, sample);
    if (healthView && ref.isValid() && (healthView->nodeItem(ref) || !rows.isEmpty())) {
        const auto [health, reason] = healthView->healthOf(ref);
        rows.append({QStringLiteral("Monitor"), QStringLiteral("Health"), healthText(health, reason),
                     QStringLiteral("As the graph's badge shows it: the catalog's own findings (a disabled queue) and the "
                                    "monitor's, with the reason.")});
    }
    return rows;
}

} // namespace

void PropertiesWidget::refreshLive()
{
    if (!m_ref.isValid())
        return;
    const QList<ObjectProperty> rows = liveRows(m_catalog, m_ref, m_sample, m_healthView);
    QStringList names;
    for (const ObjectProperty &p : rows)
        names << p.name;
    if (names != m_liveNames) {
        // Other rows than before (the first sample, a part that became unavailable): rebuild,
        // keeping the scroll position.
        const int scroll = m_table->verticalScrollBar()->value();
        showObject(m_ref);
        m_table->verticalScrollBar()->setValue(scroll);
        return;
    }
    // Row 0 is the group header; the live rows follow in order.
    for (qsizetype i = 0; i < rows.size(); ++i) {
        QTableWidgetItem *value = m_table->item(int(i) + 1, 1);
        if (!value || value->text() == rows.at(i).value)
            continue;
        value->setText(rows.at(i).value);
        value->setToolTip(rows.at(i).value + QStringLiteral("\n\n") + rows.at(i).help);
    }
    m_table->resizeRowsToContents();
}

void PropertiesWidget::showObject(const ObjectRef &ref)
{
    m_ref = ref;
    m_table->clearContents();
    m_table->setRowCount(0);
    m_liveNames.clear();
    if (!ref.isValid()) {
        m_title->setText(tr("<i>Select an object in the explorer or the graph.</i>"));
        m_title->setToolTip(QString());
        return;
    }
    const QString displayName = objectDisplayName(m_catalog, ref);
    m_title->setText(QStringLiteral("<b>%1</b> &nbsp;<span style='color:#666'>%2</span>")
                         .arg(displayName.toHtmlEscaped(), objectKindName(ref.kind)));
    m_title->setToolTip(displayName);
    QString group;
    // What the monitor sees now comes first: it is what a DBA selects an object for while watching.
    for (const ObjectProperty &p : liveRows(m_catalog, ref, m_sample, m_healthView)) {
        appendRow(p.group, p.name, p.value, p.help, &group);
        m_liveNames << p.name;
    }
    for (const ObjectProperty &p : objectProperties(m_catalog, ref))
        appendRow(p.group, p.name, p.value, p.help, &group);
    fitColumns();
}

} // namespace bs
