#include "ui/monitor/endpointtablemodel.h"

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

QString EndpointTableModel::stateToolTip(EndpointState state)
{
    // First sentence of each: the state's description in Microsoft Learn's sys.conversation_endpoints
    // (learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-conversation-endpoints-transact-sql);
    // after it, what a growing count means for a DBA.
    switch (state) {
    case EndpointState::SO:
        return tr("SO = STARTED_OUTBOUND: SQL Server processed a BEGIN CONVERSATION for this conversation,\n"
                  "but no messages have yet been sent.");
    case EndpointState::SI:
        return tr("SI = STARTED_INBOUND: another instance started a new conversation with SQL Server, but SQL Server\n"
                  "has not yet completely received the first message (a fragmented or out-of-order first message;\n"
                  "a complete first message creates the endpoint in CO).");
    case EndpointState::CO:
        return tr("CO = CONVERSING: the conversation is established, and both sides of the conversation may send\n"
                  "messages. Most of the communication of a typical service takes place in this state.");
    case EndpointState::DI:
        return tr("DI = DISCONNECTED_INBOUND: the remote side of the conversation has issued an END CONVERSATION.\n"
                  "The endpoint stays in DI until the local side issues END CONVERSATION; it can still RECEIVE\n"
                  "but no longer SEND. Piling up means the local side never calls END CONVERSATION.");
    case EndpointState::DO:
        return tr("DO = DISCONNECTED_OUTBOUND: the local side of the conversation has issued an END CONVERSATION.\n"
                  "The endpoint stays in DO until the remote side acknowledges the END CONVERSATION.\n"
                  "Piling up means the far side never answers (or never ends its side).");
    case EndpointState::ER:
        return tr("ER = ERROR: an error has occurred on this endpoint. The Error message is placed in the\n"
                  "application queue; the endpoint stays until this side ends the conversation.");
    case EndpointState::CD:
        return tr("CD = CLOSED: the conversation endpoint is no longer in use. A target endpoint is kept until its\n"
                  "security timestamp passes; in fire-and-forget the timestamp stays 1900-01-01 and the endpoint\n"
                  "lives until its LIFETIME (68 years by default).");
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
        case LeakedClosed: return tr("CD leak");
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
