#include "ui/monitor/sampletablepanel.h"

#include "ui/monitor/keyedtablemodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace bs {

SampleTablePanel::SampleTablePanel(QAbstractItemModel *model, const QStringList &parts, int sortColumn,
                                   Qt::SortOrder order, QWidget *parent)
    : QWidget(parent)
    , m_parts(parts)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_notice = new QLabel(this);
    m_notice->setWordWrap(true);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice->setStyleSheet(QStringLiteral("QLabel { background: #fff4e0; border: 1px solid #e0b060; padding: 6px; }"));
    m_notice->hide();
    layout->addWidget(m_notice);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(model);
    m_proxy->setSortRole(KeyedTableModel<int>::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_view = new QTableView(this);
    m_view->setModel(m_proxy);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(sortColumn, order);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    QHeaderView *header = m_view->horizontalHeader();
    header->setStretchLastSection(true);
    // Columns fit their contents when rows arrive (every row counts, not only the visible ones),
    // and the user may still widen or narrow them.
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setResizeContentsPrecision(-1);
    const auto fit = [this] {
        m_view->resizeColumnsToContents();
        capColumns();
    };
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, fit);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, fit);
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &, const QModelIndex &) {
        // Values grow (3,278 → 10,012): widen a column its text no longer fits, never narrow it.
        QHeaderView *h = m_view->horizontalHeader();
        const QAbstractItemView *view = m_view; // QTableView makes sizeHintForColumn protected
        for (int c = 0; c < m_proxy->columnCount() - 1; ++c) {
            const int wanted = std::max(view->sizeHintForColumn(c), h->sectionSizeHint(c));
            if (wanted > h->sectionSize(c))
                h->resizeSection(c, std::min(wanted, maxColumnWidth()));
        }
    });
    fit();
    layout->addWidget(m_view, 1);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_view->indexAt(pos);
        if (!index.isValid())
            return;
        if (QMenu *menu = contextMenuFor(m_proxy->mapToSource(index))) {
            menu->exec(m_view->viewport()->mapToGlobal(pos));
            delete menu;
        }
    });
}

QMenu *SampleTablePanel::contextMenuFor(const QModelIndex &sourceIndex)
{
    auto *menu = new QMenu(this);
    menu->setToolTipsVisible(true);
    Q_EMIT contextMenuRequested(sourceIndex, menu);
    if (menu->isEmpty()) {
        delete menu;
        return nullptr;
    }
    return menu;
}

int SampleTablePanel::maxColumnWidth() const
{
    // A long text (a transmission_status error message) must not push the counts off the right
    // edge: no column takes more than 40% of the view; the cell elides and its tooltip has it all.
    // Before the view is laid out its width means nothing: no cap then.
    if (!m_view->isVisible())
        return std::numeric_limits<int>::max();
    return std::max(240, m_view->viewport()->width() * 2 / 5);
}

void SampleTablePanel::capColumns()
{
    QHeaderView *h = m_view->horizontalHeader();
    for (int c = 0; c < m_proxy->columnCount() - 1; ++c) {
        if (h->sectionSize(c) > maxColumnWidth())
            h->resizeSection(c, maxColumnWidth());
    }
}

void SampleTablePanel::setSample(const MonitorSample &sample)
{
    QStringList lines;
    bool primaryMissing = false;
    for (const UnavailablePart &u : sample.unavailable) {
        if (!m_parts.contains(u.part))
            continue;
        if (u.notDue) {
            // The census rule: the table shows the last census (MonitorPage), this says when.
            lines.append(tr("<b>%1</b>: %2").arg(u.part.toHtmlEscaped(), u.message.toHtmlEscaped()));
            continue;
        }
        primaryMissing = primaryMissing || u.part == m_parts.first();
        QString line = tr("<b>%1</b> could not be read: %2").arg(u.part.toHtmlEscaped(), u.message.toHtmlEscaped());
        if (!u.permission.isEmpty())
            line += tr("<br>Grant <b>%1</b> to the monitoring login to see it.").arg(u.permission.toHtmlEscaped());
        lines.append(line);
    }
    m_notice->setText(lines.join(QStringLiteral("<br>")));
    m_notice->setVisible(!lines.isEmpty());
    m_view->setVisible(!primaryMissing);
}

QString SampleTablePanel::noticeText() const
{
    return m_notice->isVisibleTo(this) ? m_notice->text() : QString();
}

bool SampleTablePanel::isTableHidden() const
{
    return !m_view->isVisibleTo(this);
}

} // namespace bs
