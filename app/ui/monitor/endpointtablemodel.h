#pragma once

#include "core/monitorsample.h"

#include <QAbstractTableModel>

namespace bs {

/// The endpoint groups of the current sample (state × local service × far service × side),
/// largest first, with the leak indicators of each group.
class EndpointTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { State, LocalService, FarService, Side, Count, NeverExpiring, LeakedClosed, OldestLifetime, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    void setSample(const MonitorSample &sample);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// What a state code means and when it is a problem (tooltips in tables, legends, alerts).
    static QString stateToolTip(EndpointState state);

private:
    QList<EndpointGroup> m_rows;
};

} // namespace bs
