#include "ui/monitor/endpointtablemodel.h"

#include "core/alerts/endpointreclaim.h"

#include "core/chartspec.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace bs {

void EndpointTableModel::setSample(const MonitorSample &sample)
{
    setRows(sample.endpoints, &EndpointTableModel::rowKey);
}

QString EndpointTableModel::rowKey(const EndpointGroup &group)
{
    return endpointStateCode(group.state) + QLatin1Char('|') + group.localService + QLatin1Char('|') + group.farService
        + (group.isInitiator ? QStringLiteral("|I") : QStringLiteral("|T"));
}

int EndpointTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {
// CLOSED endpoints all of whose security timestamps are set: deleted ~30 min after, not at LIFETIME.
bool goesByTimestamp(const EndpointGroup &g)
{
    return g.state == EndpointState::CD && g.count > 0 && g.closedWithUnsetSecurityTimestamp == 0;
}
} // namespace

QString EndpointTableModel::stateToolTip(EndpointState state)
{
    return ChartSpec::stateToolTip(state); // one text for the legend and the table
}

QVariant EndpointTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EndpointGroup &g = m_rows[index.row()];
    const QLocale locale;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case State:
            return endpointStateCode(g.state);
        case LocalService:
            return g.localService;
        case FarService:
            return g.farService;
        case Side:
            return g.isInitiator ? tr("Initiator") : tr("Target");
        case Count:
            return locale.toString(g.count);
        case NeverExpiring:
            return locale.toString(g.neverExpiring);
        case LeakedClosed:
            return locale.toString(g.closedWithUnsetSecurityTimestamp);
        case OldestLifetime:
            // CLOSED endpoints whose security timestamp is set go about 30 minutes after it, whatever
            // their LIFETIME: a lifetime in 2094 beside "Never expire 0" would contradict itself.
            if (goesByTimestamp(g))
                return tr("≈ 30 min after closing");
            return g.oldestLifetime ? locale.toString(g.oldestLifetime->toLocalTime(), QLocale::ShortFormat) : QString();
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == State)
        return stateToolTip(g.state);
    if (role == Qt::ToolTipRole && index.column() == OldestLifetime && goesByTimestamp(g))
        return tr("CLOSED endpoints whose security_timestamp is set are deleted about 30 minutes after it, whatever "
                  "their LIFETIME (the earliest here: %1).")
            .arg(g.oldestLifetime ? locale.toString(g.oldestLifetime->toLocalTime(), QLocale::ShortFormat) : tr("none"));
    if (role == Qt::TextAlignmentRole && index.column() >= Count && index.column() <= LeakedClosed)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    // Red only for what will not be reclaimed within a year (the leak alert's count).
    if (role == Qt::ForegroundRole && index.column() == LeakedClosed && neverReclaimed(g) > 0)
        return QBrush(QColor(0xb0, 0x2a, 0x1d));
    if (role == SortRole) {
        switch (index.column()) {
        case State: return int(g.state);
        case Count: return g.count;
        case NeverExpiring: return g.neverExpiring;
        case LeakedClosed: return g.closedWithUnsetSecurityTimestamp;
        case OldestLifetime: return g.oldestLifetime ? QVariant(*g.oldestLifetime) : QVariant();
        default: return data(index, Qt::DisplayRole);
        }
    }
    if (role == KeyRole)
        return rowKey(g);
    return {};
}

QVariant EndpointTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case State: return tr("State");
        case LocalService: return tr("Local service");
        case FarService: return tr("Far service");
        case Side: return tr("Side");
        case Count: return tr("Endpoints");
        case NeverExpiring: return tr("Never expire");
        case LeakedClosed: return tr("CD, timestamp unset");
        case OldestLifetime: return tr("Earliest expiry");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case State: return tr("sys.conversation_endpoints.state: SO, SI, CO, DI, DO, ER or CD (hover a cell).");
        case Side: return tr("is_initiator: the side that ran BEGIN DIALOG, or the target.");
        case NeverExpiring: return tr("Endpoints whose lifetime is more than a year away: nothing will ever remove them by expiry.");
        case LeakedClosed:
            return tr("CLOSED endpoints whose security_timestamp is still 1900-01-01: kept until their LIFETIME ends.\n"
                      "Red when that is more than a year away (68 years by default): the fire-and-forget leak.\n"
                      "With a realistic LIFETIME (windowed fire-and-forget) they go when it ends.");
        case OldestLifetime:
            return tr("Earliest lifetime (expiry time) in the group, local time. CLOSED endpoints whose "
                      "security_timestamp is set go about 30 minutes after it instead.");
        default: return {};
        }
    }
    return {};
}

} // namespace bs
