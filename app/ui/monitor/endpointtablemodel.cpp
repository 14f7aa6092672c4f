#include "ui/monitor/endpointtablemodel.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

#include <algorithm>

namespace bs {

void EndpointTableModel::setSample(const MonitorSample &sample)
{
    beginResetModel();
    m_rows = sample.endpoints;
    std::stable_sort(m_rows.begin(), m_rows.end(), [](const EndpointGroup &a, const EndpointGroup &b) {
        return a.count > b.count;
    });
    endResetModel();
}

int EndpointTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EndpointTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString EndpointTableModel::stateToolTip(EndpointState state)
{
    switch (state) {
    case EndpointState::SO:
        return tr("SO = STARTED_OUTBOUND: BEGIN DIALOG ran, nothing sent yet.");
    case EndpointState::SI:
        return tr("SI = STARTED_INBOUND: the far side began the dialog; this side has not received yet.");
    case EndpointState::CO:
        return tr("CO = CONVERSING: the dialog is open and messages flow both ways.");
    case EndpointState::DI:
        return tr("DI = DISCONNECTED_INBOUND: the far side ended the dialog and this side has not.\n"
                  "Piling up means the local side never calls END CONVERSATION.");
    case EndpointState::DO:
        return tr("DO = DISCONNECTED_OUTBOUND: this side ended and waits for the far side's acknowledgement.\n"
                  "Piling up means the far side never answers.");
    case EndpointState::ER:
        return tr("ER = ERROR: an error arrived; the endpoint stays until this side ends it.");
    case EndpointState::CD:
        return tr("CD = CLOSED: ended. A target endpoint is kept until its security timestamp passes;\n"
                  "in fire-and-forget the timestamp stays 1900-01-01 and the endpoint lives until its\n"
                  "LIFETIME (68 years by default).");
    }
    return {};
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
            return g.oldestLifetime ? locale.toString(g.oldestLifetime->toLocalTime(), QLocale::ShortFormat) : QString();
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == State)
        return stateToolTip(g.state);
    if (role == Qt::TextAlignmentRole && index.column() >= Count && index.column() <= LeakedClosed)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == LeakedClosed && g.closedWithUnsetSecurityTimestamp > 0)
        return QBrush(QColor(0xb0, 0x2a, 0x1d));
    if (role == Qt::UserRole) // raw numbers for sorting
        return index.column() == Count ? QVariant(g.count) : QVariant();
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
        case LeakedClosed: return tr("CD, unset security timestamp");
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
            return tr("CLOSED endpoints whose security_timestamp is still 1900-01-01: the fire-and-forget leak.\n"
                      "The target keeps them until their lifetime ends (68 years by default).");
        case OldestLifetime: return tr("Earliest lifetime (expiry time) in the group, local time.");
        default: return {};
        }
    }
    return {};
}

} // namespace bs
