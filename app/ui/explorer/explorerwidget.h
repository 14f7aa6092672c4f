#pragma once

#include "core/catalog.h"

#include <QWidget>

class QLineEdit;
class QMenu;
class QTreeView;
class QSortFilterProxyModel;

namespace bs {

class ExplorerModel;

/// The catalog tree with a filter box; emits the selected object.
class ExplorerWidget : public QWidget
{
    Q_OBJECT
public:
    explicit ExplorerWidget(QWidget *parent = nullptr);

    void setCatalog(const BrokerCatalog &catalog);
    ExplorerModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    void setShowSystemObjects(bool show);
    /// The context menu of the object at `ref`: filled by whoever listens to contextMenuRequested
    /// (queue → Messages…, queue switches); nullptr when nobody added an action.
    QMenu *contextMenuFor(const ObjectRef &ref);

public Q_SLOTS:
    /// Selects the object's row (from the graph); does not re-emit objectSelected.
    void selectObject(const bs::ObjectRef &ref);
    void focusFilter();

Q_SIGNALS:
    void objectSelected(const bs::ObjectRef &ref);
    /// Emitted (synchronously) before an object's context menu shows: add actions to `menu`.
    void contextMenuRequested(const bs::ObjectRef &ref, QMenu *menu);

private:
    void onCurrentChanged();

    ExplorerModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTreeView *m_view;
    QLineEdit *m_filter;
    bool m_syncing = false;
};

} // namespace bs
