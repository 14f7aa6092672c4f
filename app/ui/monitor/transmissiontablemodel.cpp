#include "ui/monitor/transmissiontablemodel.h"

#include "core/alerts/alertrules.h"

#include <QLocale>

#include <algorithm>

namespace bs {

void TransmissionTableModel::setSample(const MonitorSample &sample)
{
    beginResetModel();
    m_rows.clear();
    for (const TransmissionGroup &g : sample.transmission) {
        const QString status = g.status.trimmed();
        auto it = std::find_if(m_rows.begin(), m_rows.end(), [&](const Row &r) { return r.status == status; });
        if (it == m_rows.end()) {
            m_rows.append(Row{status, 0, {}, {}});
            it = m_rows.end() - 1;
        }
        it->count += g.count;
        if (!it->services.contains(g.toService))
            it->services.append(g.toService);
        if (g.oldestEnqueueTime && (!it->oldest || *g.oldestEnqueueTime < *it->oldest))
            it->oldest = g.oldestEnqueueTime;
    }
    std::stable_sort(m_rows.begin(), m_rows.end(), [](const Row &a, const Row &b) { return a.count > b.count; });
    endResetModel();
}

int TransmissionTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TransmissionTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TransmissionTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[index.row()];
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
