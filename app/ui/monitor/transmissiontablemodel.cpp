#include "ui/monitor/transmissiontablemodel.h"

#include "core/alerts/alertrules.h"

#include <QLocale>

#include <algorithm>

namespace bs {

void TransmissionTableModel::setSample(const MonitorSample &sample)
{
    QList<TransmissionStatusRow> rows;
    for (const TransmissionGroup &g : sample.transmission) {
        const QString status = g.status.trimmed();
        auto it = std::find_if(rows.begin(), rows.end(), [&](const TransmissionStatusRow &r) { return r.status == status; });
        if (it == rows.end()) {
            rows.append(TransmissionStatusRow{status, 0, {}, {}});
            it = rows.end() - 1;
        }
        it->count += g.count;
        if (!it->services.contains(g.toService))
            it->services.append(g.toService);
        if (g.oldestEnqueueTime && (!it->oldest || *g.oldestEnqueueTime < *it->oldest))
            it->oldest = g.oldestEnqueueTime;
    }
    setRows(rows, [](const TransmissionStatusRow &r) { return r.status; });
}

int TransmissionTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TransmissionTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TransmissionStatusRow &r = m_rows[index.row()];
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Status:
            return r.status.isEmpty() ? tr("(empty: not tried yet)") : r.status;
        case Messages:
            return QLocale().toString(r.count);
        case Services:
            return r.services.join(QStringLiteral(", "));
        case Oldest:
            return r.oldest ? QLocale().toString(r.oldest->toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QString();
        case Cause:
            return AlertRules::transmissionCause(r.status);
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() == Messages)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == SortRole) {
        if (index.column() == Messages)
            return r.count;
        if (index.column() == Oldest)
            return r.oldest ? QVariant(*r.oldest) : QVariant();
        return data(index, Qt::DisplayRole);
    }
    if (role == KeyRole)
        return r.status;
    return {};
}

QVariant TransmissionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Status: return tr("transmission_status");
        case Messages: return tr("Messages");
        case Services: return tr("To services");
        case Oldest: return tr("Oldest enqueued");
        case Cause: return tr("Likely cause");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole && section == Status)
        return tr("The last send error of the message; empty means the broker has not tried yet, and old rows\n"
                  "with an empty status mean acknowledgements are not coming back (check the return route).");
    return {};
}

} // namespace bs
