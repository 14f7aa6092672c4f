#pragma once

#include "core/catalog.h"

#include <QWidget>

class QLineEdit;
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

public Q_SLOTS:
    /// Selects the object's row (from the graph); does not re-emit objectSelected.
    void selectObject(const bs::ObjectRef &ref);
    void focusFilter();

Q_SIGNALS:
    void objectSelected(const bs::ObjectRef &ref);

private:
    void onCurrentChanged();

    ExplorerModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTreeView *m_view;
    QLineEdit *m_filter;
    bool m_syncing = false;
};

} // namespace bs
