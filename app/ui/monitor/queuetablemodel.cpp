#include "ui/monitor/queuetablemodel.h"

#include "core/alerts/objecthealth.h"

#include "core/sqlquote.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace bs {

namespace {
QString yesNo(bool on)
{
    return on ? QStringLiteral("ON") : QStringLiteral("OFF");
}

QString localTime(const std::optional<QDateTime> &t)
{
    return t ? QLocale().toString(t->toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QString();
}
} // namespace

void QueueTableModel::setSample(const MonitorSample &sample)
{
    setRows(sample.queues, [](const QueueSample &q) -> QString { return q.schema + QLatin1Char('.') + q.name; });
}

int QueueTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void QueueTableModel::setAlerts(const QList<Alert> &active)
{
    if (active == m_alerts)
        return;
    m_alerts = active;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, Health), index(rowCount() - 1, Health));
}

std::pair<QueueTableModel::Level, QString> QueueTableModel::health(const QueueSample &q, const QList<Alert> &activeAlerts)
{
    // The core's verdict, so the table, the alerts and the graph's colours agree.
    const ObjectHealth h = queueHealth(q, activeAlerts);
    switch (h.level) {
    case ObjectHealth::Normal: return {Level::Ok, h.reason};
    case ObjectHealth::Warning: return {Level::Warning, h.reason};
    case ObjectHealth::Error: return {Level::Error, h.reason};
    }
    return {Level::Ok, h.reason};
}

QVariant QueueTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QueueSample &q = m_rows[index.row()];
    const auto [level, reason] = health(q, m_alerts);
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Queue:
            return QString(quoteIdentifier(q.schema) + QLatin1Char('.') + quoteIdentifier(q.name));
        case Health:
            return level == Level::Ok ? tr("OK") : level == Level::Warning ? tr("Warning") : tr("Error");
        case Depth:
            return QLocale().toString(q.depth);
        case Receive:
            return yesNo(q.isReceiveEnabled);
        case Enqueue:
            return yesNo(q.isEnqueueEnabled);
        case Activation:
            return yesNo(q.isActivationEnabled);
        case Readers:
            return QStringLiteral("%1 / %2").arg(q.activeReaders).arg(q.maxReaders);
        case Monitor:
            return q.monitorState == QueueMonitorState::None ? QStringLiteral("—") : queueMonitorStateText(q.monitorState);
        case TasksWaiting:
            return q.tasksWaiting;
        case LastActivated:
            return localTime(q.lastActivatedTime);
        case LastEmpty:
            return localTime(q.lastEmptyRowsetTime);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Health)
        return reason;
    if (role == Qt::ForegroundRole && (index.column() == Health || (index.column() == Receive && !q.isReceiveEnabled))) {
        if (level == Level::Error)
            return QBrush(QColor(0xb0, 0x2a, 0x1d));
        if (level == Level::Warning)
            return QBrush(QColor(0x9a, 0x5b, 0x00));
        return QBrush(QColor(0x2e, 0x7d, 0x32));
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Depth || index.column() == TasksWaiting))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == SortRole) {
        switch (index.column()) {
        case Health: return int(level);
        case Depth: return q.depth;
        case Readers: return q.activeReaders;
        case TasksWaiting: return q.tasksWaiting;
        case LastActivated: return q.lastActivatedTime ? QVariant(*q.lastActivatedTime) : QVariant();
        case LastEmpty: return q.lastEmptyRowsetTime ? QVariant(*q.lastEmptyRowsetTime) : QVariant();
        default: return data(index, Qt::DisplayRole);
        }
    }
    if (role == KeyRole)
        return QString(q.schema + QLatin1Char('.') + q.name);
    return {};
}

QVariant QueueTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Queue: return tr("Queue");
        case Health: return tr("Health");
        case Depth: return tr("Depth");
        case Receive: return tr("Receive");
        case Enqueue: return tr("Enqueue");
        case Activation: return tr("Activation");
        case Readers: return tr("Readers");
        case Monitor: return tr("Monitor");
        case TasksWaiting: return tr("Tasks waiting");
        case LastActivated: return tr("Last activated");
        case LastEmpty: return tr("Last empty RECEIVE");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Depth: return tr("Rows in the queue's internal table, from partition statistics (no COUNT(*), no locks; approximate).");
        case Receive: return tr("is_receive_enabled: OFF after five rolled-back RECEIVEs (poison message) or ALTER QUEUE ... STATUS = OFF.");
        case Enqueue: return tr("is_enqueue_enabled: whether new messages can arrive.");
        case Activation: return tr("is_activation_enabled: the queue monitor starts the activation procedure when messages wait.");
        case Readers: return tr("Activated tasks running now (sys.dm_broker_activated_tasks) / MAX_QUEUE_READERS.");
        case Monitor:
            return tr("Queue monitor state (sys.dm_broker_queue_monitors): INACTIVE, NOTIFIED (a task was started and\n"
                      "nobody has received since), RECEIVES_OCCURRING. Stuck in NOTIFIED = the procedure exits without receiving.");
        case TasksWaiting: return tr("Sessions waiting in RECEIVE on this queue.");
        default: return {};
        }
    }
    return {};
}

} // namespace bs
