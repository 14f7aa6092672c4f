#include "core/objectlivefigures.h"

#include <QLocale>

namespace bs {

namespace {

const QString Group = QStringLiteral("Monitor");

QString number(qint64 n)
{
    return QLocale().toString(n);
}

QString localTime(const std::optional<QDateTime> &t)
{
    return t ? QLocale().toString(t->toLocalTime(), QLocale::ShortFormat) : QStringLiteral("—");
}

QString onOff(bool on)
{
    return on ? QStringLiteral("ON") : QStringLiteral("OFF");
}

void add(QList<ObjectProperty> &out, const QString &name, const QString &value, const QString &help)
{
    out.append({Group, name, value, help});
}

// A part of the sample that could not be read says so instead of showing zeros.
bool unavailable(QList<ObjectProperty> &out, const MonitorSample &sample, const QString &part, const QString &name)
{
    for (const UnavailablePart &u : sample.unavailable) {
        if (u.part != part)
            continue;
        QString text = QStringLiteral("not available: ") + u.message;
        if (!u.permission.isEmpty())
            text += QStringLiteral(" (grant ") + u.permission + QLatin1Char(')');
        add(out, name, text, QStringLiteral("This part of the sample could not be read."));
        return true;
    }
    return false;
}

void transmissionTo(QList<ObjectProperty> &out, const MonitorSample &sample, const QString &service)
{
    if (unavailable(out, sample, QStringLiteral("monitor.transmission"), QStringLiteral("Waiting to be sent")))
        return;
    qint64 count = 0;
    QStringList statuses;
    std::optional<QDateTime> oldest;
    for (const TransmissionGroup &g : sample.transmission) {
        if (g.toService != service)
            continue;
        count += g.count;
        statuses << (g.status.isEmpty() ? QStringLiteral("(not tried yet)") : g.status);
        if (g.oldestEnqueueTime && (!oldest || *g.oldestEnqueueTime < *oldest))
            oldest = g.oldestEnqueueTime;
    }
    add(out, QStringLiteral("Waiting to be sent"), number(count),
        QStringLiteral("Messages to this service held in sys.transmission_queue: sent, but not yet delivered."));
    if (count == 0)
        return;
    add(out, QStringLiteral("Oldest waiting since"), localTime(oldest), QStringLiteral("enqueue_time of the oldest of them."));
    add(out, QStringLiteral("transmission_status"), statuses.join(QLatin1Char('\n')),
        QStringLiteral("Why they wait: the error of the last attempt to send them (empty: not tried yet)."));
}

void queueFigures(QList<ObjectProperty> &out, const QueueSample &q, bool withDepth)
{
    if (withDepth)
        add(out, QStringLiteral("Messages in the queue"), number(q.depth),
            QStringLiteral("Rows in the queue's internal table: messages waiting to be received (and kept ones, with RETENTION)."));
    add(out, QStringLiteral("Readers"),
        QStringLiteral("%1 running of %2 allowed").arg(number(q.activeReaders), number(q.maxReaders)),
        QStringLiteral("Activated tasks running the procedure now (sys.dm_broker_activated_tasks) against MAX_QUEUE_READERS."));
    if (q.monitorState != QueueMonitorState::None) {
        add(out, QStringLiteral("Queue monitor"), queueMonitorStateText(q.monitorState),
            QStringLiteral("sys.dm_broker_queue_monitors.state: INACTIVE (nothing to do), NOTIFIED (a task was started and has "
                           "not received yet), RECEIVES_OCCURRING (tasks are receiving)."));
        add(out, QStringLiteral("Waiting in RECEIVE"), number(q.tasksWaiting),
            QStringLiteral("Tasks inside WAITFOR (RECEIVE ...): idle readers waiting for a message."));
    }
    add(out, QStringLiteral("Receive / enqueue / activation"),
        QStringLiteral("%1 / %2 / %3").arg(onOff(q.isReceiveEnabled), onOff(q.isEnqueueEnabled), onOff(q.isActivationEnabled)),
        QStringLiteral("As the queue is now: a poison message turns receive (and enqueue) OFF."));
    if (q.lastActivatedTime)
        add(out, QStringLiteral("Last activated"), localTime(q.lastActivatedTime),
            QStringLiteral("When the queue monitor last started a task."));
    if (q.lastEmptyRowsetTime)
        add(out, QStringLiteral("Last empty RECEIVE"), localTime(q.lastEmptyRowsetTime),
            QStringLiteral("When a RECEIVE last came back empty: the readers had caught up."));
}

const QueueSample *queueOf(const BrokerCatalog &catalog, const MonitorSample &sample, int queueId)
{
    const Queue *q = catalog.queue(queueId);
    for (const QueueSample &qs : sample.queues) {
        if (qs.queueId == queueId || (q && qs.schema == q->schema && qs.name == q->name))
            return &qs;
    }
    return nullptr;
}

void serviceFigures(QList<ObjectProperty> &out, const MonitorSample &sample, const QString &service)
{
    if (!unavailable(out, sample, QStringLiteral("monitor.endpoints"), QStringLiteral("Endpoints"))) {
        qint64 byState[EndpointStateCount] = {};
        qint64 total = 0;
        qint64 never = 0;
        qint64 leaked = 0;
        for (const EndpointGroup &g : sample.endpoints) {
            if (g.localService != service)
                continue;
            byState[int(g.state)] += g.count;
            total += g.count;
            never += g.neverExpiring;
            leaked += g.closedWithUnsetSecurityTimestamp;
        }
        QStringList parts;
        for (int s = 0; s < EndpointStateCount; ++s) {
            if (byState[s] > 0)
                parts << endpointStateCode(EndpointState(s)) + QLatin1Char(' ') + number(byState[s]);
        }
        add(out, QStringLiteral("Endpoints"), total == 0 ? QStringLiteral("0") : number(total) + QStringLiteral(": ") + parts.join(QStringLiteral(" · ")),
            QStringLiteral("Rows of sys.conversation_endpoints on this side: conversations this service takes part in, by state "
                           "(CO conversing, DI/DO disconnected in/outbound, CD closed, ER error, SO/SI started)."));
        if (never > 0)
            add(out, QStringLiteral("Never expire"), number(never),
                QStringLiteral("Endpoints whose lifetime is more than a year away (the default LIFETIME is 68 years): unless "
                               "someone ends them, they stay."));
        if (leaked > 0)
            add(out, QStringLiteral("CLOSED, security timestamp unset"), number(leaked),
                QStringLiteral("Closed target endpoints kept until their lifetime because the initiator ended first: the "
                               "fire-and-forget leak."));
    }
    transmissionTo(out, sample, service);
}

} // namespace

QList<ObjectProperty> objectLiveFigures(const BrokerCatalog &catalog, const ObjectRef &ref, const MonitorSample &sample)
{
    QList<ObjectProperty> out;
    if (!sample.time.isValid() || !ref.isValid())
        return out;
    switch (ref.kind) {
    case ObjectKind::Queue:
        if (unavailable(out, sample, QStringLiteral("monitor.queue_depth"), QStringLiteral("Messages in the queue")))
            break;
        if (const QueueSample *q = queueOf(catalog, sample, ref.id))
            queueFigures(out, *q, true);
        break;
    case ObjectKind::ActivationProcedure:
        if (const QueueSample *q = queueOf(catalog, sample, ref.id))
            queueFigures(out, *q, false);
        break;
    case ObjectKind::Service:
        if (const Service *s = catalog.service(ref.id))
            serviceFigures(out, sample, s->name);
        break;
    case ObjectKind::Route:
        for (const Route &r : catalog.routes) {
            if (r.id == ref.id && !r.remoteServiceName.isEmpty())
                transmissionTo(out, sample, r.remoteServiceName);
        }
        break;
    case ObjectKind::RemoteServiceBinding:
        for (const RemoteServiceBinding &b : catalog.remoteServiceBindings) {
            if (b.id == ref.id)
                transmissionTo(out, sample, b.remoteServiceName);
        }
        break;
    case ObjectKind::Database:
        add(out, QStringLiteral("Endpoints"), number(sample.endpointCount()),
            QStringLiteral("Rows of sys.conversation_endpoints in the database."));
        add(out, QStringLiteral("Transmission queue"), number(sample.transmissionQueueSize),
            QStringLiteral("Messages in sys.transmission_queue: sent, not yet delivered."));
        break;
    case ObjectKind::None:
    case ObjectKind::MessageType:
    case ObjectKind::Contract:
        break;
    }
    if (!out.isEmpty())
        out.prepend({Group, QStringLiteral("Sample of"), localTime(sample.time),
                     QStringLiteral("The monitor's latest sample; the figures below follow it.")});
    return out;
}

} // namespace bs
