#pragma once

#include "core/alerts/alert.h"
#include "core/monitorsample.h"

#include "ui/monitor/keyedtablemodel.h"

namespace bs {

/// The queues of the current sample with their health: depth, STATUS and activation flags,
/// active readers against MAX_QUEUE_READERS, and the queue monitor's state.
class QueueTableModel : public KeyedTableModel<QueueSample>
{
    Q_OBJECT
public:
    enum Column { Queue, Health, Depth, Receive, Enqueue, Activation, Readers, Monitor, TasksWaiting, LastActivated, LastEmpty, ColumnCount };
    enum class Level { Ok, Warning, Error };

    using KeyedTableModel::KeyedTableModel;

    void setSample(const MonitorSample &sample);
    /// The active alerts, so a queue an alert is about never reads "OK" (objectHealth).
    void setAlerts(const QList<Alert> &active);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The health of one queue as this sample and the active alerts about it show it, with the
    /// reason in words (bs::queueHealth, the same verdict as the graph's colours).
    static std::pair<Level, QString> health(const QueueSample &queue, const QList<Alert> &activeAlerts = {});

private:
    QList<Alert> m_alerts;
};

} // namespace bs
