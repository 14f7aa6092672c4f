#pragma once

#include "core/monitorsample.h"

#include <QStringList>
#include <QWidget>

class QAbstractItemModel;
class QLabel;
class QMenu;
class QSortFilterProxyModel;
class QTableView;

namespace bs {

/// A table of the current sample, or, when the parts of the sample it shows could not be read,
/// the reason and the permission to grant instead of an empty table. The view sorts through a
/// QSortFilterProxyModel on the model's SortRole (numbers sort as numbers); the models update
/// their rows in place, so selection, scroll position and the chosen sort survive each sample.
class SampleTablePanel : public QWidget
{
    Q_OBJECT
public:
    /// `parts` are the sample parts the table reads ("monitor.endpoints", ...); the first is the
    /// one without which the table is hidden, the others only add a note.
    /// `sortColumn` / `order`: the initial sort (-1 = the model's order).
    SampleTablePanel(QAbstractItemModel *model, const QStringList &parts, int sortColumn = -1,
                     Qt::SortOrder order = Qt::DescendingOrder, QWidget *parent = nullptr);

    void setSample(const MonitorSample &sample);
    QTableView *view() const { return m_view; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QString noticeText() const;
    bool isTableHidden() const;
    /// The context menu of a row (`sourceIndex` of the panel's model): filled by whoever listens
    /// to contextMenuRequested (OpsController for the Endpoints table); nullptr when nobody added
    /// an action. The caller owns the menu. A right-click on a row shows it.
    QMenu *contextMenuFor(const QModelIndex &sourceIndex);

Q_SIGNALS:
    void contextMenuRequested(const QModelIndex &sourceIndex, QMenu *menu);

private:
    int maxColumnWidth() const;
    void capColumns();
    QStringList m_parts;
    QLabel *m_notice;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
};

} // namespace bs
