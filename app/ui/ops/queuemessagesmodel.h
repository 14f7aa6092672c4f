#pragma once

#include "core/ops/browse.h"

#include <QAbstractTableModel>

namespace bs {

/// One page of a queue's messages for a table view (no bodies: their sizes only).
class QueueMessagesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Order, Status, Priority, Handle, Sequence, Service, Contract, MessageType, Validation, BodySize, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setMessages(const QList<QueueMessage> &messages);
    const QueueMessage *messageAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// "ready", "received (retained)", … for the status column (CREATE QUEUE, queue columns).
    static QString statusText(int status);

private:
    QList<QueueMessage> m_messages;
};

} // namespace bs
