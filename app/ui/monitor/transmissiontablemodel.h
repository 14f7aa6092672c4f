#pragma once

#include "core/monitorsample.h"

#include <QAbstractTableModel>

namespace bs {

/// sys.transmission_queue of the current sample grouped by transmission_status: how many
/// messages, to which services, the oldest, and the likely cause in a DBA's words.
class TransmissionTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Status, Messages, Services, Oldest, Cause, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    void setSample(const MonitorSample &sample);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString status;
        qint64 count = 0;
        QStringList services;
        std::optional<QDateTime> oldest;
    };
    QList<Row> m_rows;
};

} // namespace bs
