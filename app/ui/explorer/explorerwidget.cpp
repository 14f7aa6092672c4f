#include "ui/explorer/explorerwidget.h"

#include "ui/explorer/explorermodel.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace bs {

ExplorerWidget::ExplorerWidget(QWidget *parent)
    : QWidget(parent)
    , m_model(new ExplorerModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTreeView(this))
    , m_filter(new QLineEdit(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setAutoAcceptChildRows(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_filter->setPlaceholderText(tr("Filter objects (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setToolTip(tr("Shows only objects whose name contains this text"));
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        if (!text.isEmpty())
            m_view->expandAll();
    });

    m_view->setModel(m_proxy);
    m_view->setHeaderHidden(true);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAccessibleName(tr("Catalog explorer"));
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &ExplorerWidget::onCurrentChanged);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const ObjectRef ref = m_view->indexAt(pos).data(ExplorerModel::ObjectRefRole).value<ObjectRef>();
        if (QMenu *menu = contextMenuFor(ref)) {
            menu->setAttribute(Qt::WA_DeleteOnClose);
            menu->popup(m_view->viewport()->mapToGlobal(pos));
        }
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_filter);
    layout->addWidget(m_view);
}

void ExplorerWidget::setCatalog(const BrokerCatalog &catalog)
{
    m_model->setCatalog(catalog);
    m_view->expandToDepth(1);
}

void ExplorerWidget::setShowSystemObjects(bool show)
{
    m_model->setShowSystemObjects(show);
    m_view->expandToDepth(1);
}

void ExplorerWidget::selectObject(const ObjectRef &ref)
{
    const QModelIndex idx = m_proxy->mapFromSource(m_model->indexOf(ref));
    m_syncing = true;
    if (idx.isValid()) {
        m_view->setCurrentIndex(idx);
        m_view->scrollTo(idx);
    } else {
        m_view->clearSelection();
    }
    m_syncing = false;
}

QMenu *ExplorerWidget::contextMenuFor(const ObjectRef &ref)
{
    if (!ref.isValid())
        return nullptr;
    auto *menu = new QMenu(this);
    Q_EMIT contextMenuRequested(ref, menu);
    if (menu->isEmpty()) {
        delete menu;
        return nullptr;
    }
    return menu;
}

void ExplorerWidget::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void ExplorerWidget::onCurrentChanged()
{
    if (m_syncing)
        return;
    const QModelIndex idx = m_view->currentIndex();
    Q_EMIT objectSelected(idx.data(ExplorerModel::ObjectRefRole).value<ObjectRef>());
}

} // namespace bs
