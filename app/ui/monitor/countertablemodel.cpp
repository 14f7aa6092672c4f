#include "ui/monitor/countertablemodel.h"

#include "data/monitor/sampleassembler.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace bs {

QString CounterTableModel::rowKey(const PerfCounter &counter)
{
    return counter.object + QLatin1Char('/') + counter.counter + QLatin1Char('/') + counter.instance;
}

void CounterTableModel::setSample(const MonitorSample &sample)
{
    QHash<QString, qint64> before;
    for (const CounterRow &r : std::as_const(m_rows))
        before.insert(rowKey(r.counter), r.counter.value);
    QList<CounterRow> rows;
    rows.reserve(sample.counters.size());
    for (const PerfCounter &c : sample.counters) {
        CounterRow row{c, {}};
        if (const auto it = before.constFind(rowKey(c)); it != before.cend())
            row.change = c.value - *it;
        rows.append(row);
    }
    setRows(rows, [](const CounterRow &r) { return rowKey(r.counter); });
}

int CounterTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CounterTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CounterRow &r = m_rows[index.row()];
    const PerfCounter &c = r.counter;
    const QLocale locale;
    const bool perSecond = c.isPerSecond();
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Object: return c.object;
        case Counter: return c.counter;
        case Instance: return c.instance;
        case Value: return locale.toString(c.value);
        case PerSecond:
            if (c.ratePerSecond)
                return locale.toString(*c.ratePerSecond, 'f', 2);
            return perSecond ? QStringLiteral("—") : QString();
        case Change:
            if (!r.change)
                return QString();
            // A running total that went down restarted with the server.
            return *r.change < 0 ? tr("reset") : (*r.change > 0 ? QStringLiteral("+") : QString()) + locale.toString(*r.change);
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Object:
        case Counter:
            return tr("Performance object \"SQLServer:%1\" (\"MSSQL$<instance>:%1\" on a named instance),\n"
                      "counter \"%2\"%3; cntr_type %4%5.")
                .arg(c.object, c.counter,
                     c.instance.isEmpty() ? QString() : tr(", instance \"%1\"").arg(c.instance))
                .arg(c.type)
                .arg(perSecond ? tr(" (per second: a running total turned into a rate between two samples)")
                               : QString());
        case PerSecond:
            if (!perSecond)
                return tr("Not a per-second counter (cntr_type %1): see Value and Change.").arg(c.type);
            return c.ratePerSecond ? tr("Δvalue / Δseconds between this sample and the one before.")
                                   : tr("Needs two samples stamped by the same clock, with no counter reset in between.");
        case Change:
            return tr("Value minus the previous sample's value (\"reset\" when it went down: the server restarted).");
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() >= Value)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    // A growing error or drop count is what a DBA looks for in this table.
    if (role == Qt::ForegroundRole && index.column() == Change && r.change && *r.change > 0
        && (c.counter.contains(QLatin1String("Error"), Qt::CaseInsensitive)
            || c.counter.contains(QLatin1String("Abort"), Qt::CaseInsensitive)
            || c.counter.contains(QLatin1String("Dropped"), Qt::CaseInsensitive)))
        return QBrush(QColor(0xb0, 0x2a, 0x1d));
    if (role == SortRole) {
        switch (index.column()) {
        case Value: return c.value;
        case PerSecond: return c.ratePerSecond ? QVariant(*c.ratePerSecond) : QVariant();
        case Change: return r.change ? QVariant(*r.change) : QVariant();
        default: return data(index, Qt::DisplayRole);
        }
    }
    if (role == KeyRole)
        return rowKey(c);
    return {};
}

QVariant CounterTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Object: return tr("Object");
        case Counter: return tr("Counter");
        case Instance: return tr("Instance");
        case Value: return tr("Value");
        case PerSecond: return tr("Per second");
        case Change: return tr("Change");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Object:
            return tr("object_name without its instance prefix (SQLServer: on a default instance, MSSQL$<name>: on a named one).");
        case Value: return tr("cntr_value as read.");
        case PerSecond: return tr("Rate of a per-second counter (cntr_type 272696576 or 272696320) from two samples on one clock.");
        case Change: return tr("Change since the previous sample.");
        default: return {};
        }
    }
    return {};
}

} // namespace bs
