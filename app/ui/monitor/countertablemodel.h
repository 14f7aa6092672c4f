#pragma once

#include "core/monitorsample.h"
#include "ui/monitor/keyedtablemodel.h"

#include <optional>

namespace bs {

/// One Broker performance counter of the current sample, with its change since the sample before.
struct CounterRow
{
    PerfCounter counter;
    std::optional<qint64> change; ///< value minus the previous sample's value; empty on the first
    bool operator==(const CounterRow &) const = default;
};

/// The Broker performance counters of the current sample (sys.dm_os_performance_counters):
/// object, counter, instance, value, rate per second (per-second counters, from two samples on
/// one clock: SampleAssembler::computeRates) and the change since the previous sample (for the
/// running totals such as Activation Errors Total). Rows are updated in place.
class CounterTableModel : public KeyedTableModel<CounterRow>
{
    Q_OBJECT
public:
    enum Column { Object, Counter, Instance, Value, PerSecond, Change, ColumnCount };

    using KeyedTableModel::KeyedTableModel;

    void setSample(const MonitorSample &sample);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString rowKey(const PerfCounter &counter);
};

} // namespace bs
