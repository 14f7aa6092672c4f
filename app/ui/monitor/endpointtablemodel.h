#pragma once

#include "core/monitorsample.h"

#include "ui/monitor/keyedtablemodel.h"

namespace bs {

/// The endpoint groups of the current sample (state × local service × far service × side) with
/// the leak indicators of each group; rows are updated in place (KeyedTableModel).
class EndpointTableModel : public KeyedTableModel<EndpointGroup>
{
    Q_OBJECT
public:
    enum Column { State, LocalService, FarService, Side, Count, NeverExpiring, LeakedClosed, OldestLifetime, ColumnCount };

    using KeyedTableModel::KeyedTableModel;

    void setSample(const MonitorSample &sample);
    /// The group shown in `row` (0 ≤ row < rowCount()).
    const EndpointGroup &groupAt(int row) const { return m_rows.at(row); }

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// What a state code means and when it is a problem (tooltips in tables, legends, alerts).
    static QString stateToolTip(EndpointState state);
    /// "DI|local|far|T": what identifies a row from one sample to the next.
    static QString rowKey(const EndpointGroup &group);
};

} // namespace bs
