#pragma once

#include "core/monitorsample.h"

#include "ui/monitor/keyedtablemodel.h"

#include <QStringList>

namespace bs {

/// One transmission_status of the current sample: its messages, destinations and oldest message.
struct TransmissionStatusRow
{
    QString status;
    qint64 count = 0;
    QStringList services;
    std::optional<QDateTime> oldest;
    bool operator==(const TransmissionStatusRow &) const = default;
};

/// sys.transmission_queue of the current sample grouped by transmission_status: how many
/// messages, to which services, the oldest, and the likely cause in a DBA's words.
class TransmissionTableModel : public KeyedTableModel<TransmissionStatusRow>
{
    Q_OBJECT
public:
    enum Column { Status, Messages, Services, Oldest, Cause, ColumnCount };

    using KeyedTableModel::KeyedTableModel;

    void setSample(const MonitorSample &sample);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
};

} // namespace bs
