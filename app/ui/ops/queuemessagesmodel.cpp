#include "ui/ops/queuemessagesmodel.h"

#include <QLocale>

namespace bs {

void QueueMessagesModel::setMessages(const QList<QueueMessage> &messages)
{
    beginResetModel();
    m_messages = messages;
    endResetModel();
}

const QueueMessage *QueueMessagesModel::messageAt(int row) const
{
    return row >= 0 && row < m_messages.size() ? &m_messages.at(row) : nullptr;
}

int QueueMessagesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_messages.size());
}

int QueueMessagesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString QueueMessagesModel::statusText(int status)
{
    switch (status) {
    case 0: return tr("received (retained)");
    case 1: return tr("ready");
    case 2: return tr("not yet complete");
    case 3: return tr("sent (retained)");
    }
    return QString::number(status);
}

QVariant QueueMessagesModel::data(const QModelIndex &index, int role) const
{
    const QueueMessage *m = messageAt(index.row());
    if (!m)
        return {};
    if (role == Qt::TextAlignmentRole)
        return index.column() == Order || index.column() == Sequence || index.column() == BodySize || index.column() == Priority
            ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (Column(index.column())) {
    case Order: return m->queuingOrder;
    case Status: return statusText(m->status);
    case Priority: return m->priority;
    case Handle: return m->conversationHandle.toString(QUuid::WithoutBraces).toUpper();
    case Sequence: return m->sequenceNumber;
    case Service: return m->serviceName;
    case Contract: return m->contractName;
    case MessageType: return m->messageTypeName;
    case Validation: return m->validation;
    case BodySize: return QLocale().formattedDataSize(m->bodySize, 1, QLocale::DataSizeTraditionalFormat);
    case ColumnCount: break;
    }
    return {};
}

QVariant QueueMessagesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const QStringList names{tr("Queuing order"), tr("Status"), tr("Priority"), tr("Conversation handle"), tr("Seq."),
                                   tr("Service"), tr("Contract"), tr("Message type"), tr("Validation"), tr("Body")};
    return names.value(section);
}

} // namespace bs
