#include "data/monitor/historywriter.h"

#include "data/history/historystore.h"

#include <QFile>

#include <memory>

namespace bs {

/// Lives on the writer's thread and owns the store there.
class HistoryWriter::Worker : public QObject
{
public:
    explicit Worker(HistoryWriter *owner) : m_owner(owner) {}

    void open(const QString &path)
    {
        m_store = std::make_unique<HistoryStore>();
        if (!m_store->open(path))
            Q_EMIT m_owner->failed(m_store->lastError());
    }
    void append(const MonitorSample &sample)
    {
        if (m_store->isOpen() && !m_store->append(sample))
            Q_EMIT m_owner->failed(m_store->lastError());
    }
    void saveAlert(const AlertLogEntry &entry)
    {
        if (m_store->isOpen() && !m_store->saveAlert(entry))
            Q_EMIT m_owner->failed(m_store->lastError());
    }
    void applyRetention(int days, const QDateTime &now)
    {
        if (m_store->isOpen())
            m_store->applyRetention(days, now);
    }
    void startAfresh(const QString &path)
    {
        m_store->close();
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(path + suffix);
        if (!m_store->open(path))
            Q_EMIT m_owner->failed(m_store->lastError());
    }
    void close() { m_store.reset(); }

private:
    HistoryWriter *m_owner;
    std::unique_ptr<HistoryStore> m_store;
};

HistoryWriter::HistoryWriter(const QString &path, QObject *parent)
    : QObject(parent)
    , m_path(path)
    , m_worker(new Worker(this))
{
    m_thread.setObjectName(QStringLiteral("HistoryWriter"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, [w = m_worker, path] { w->open(path); }, Qt::QueuedConnection);
}

HistoryWriter::~HistoryWriter()
{
    // Queued after every write: the store closes once they are on disk, then the thread ends.
    // The wait is for writes already asked for (milliseconds each), as the poller's owner waits.
    QMetaObject::invokeMethod(m_worker, [w = m_worker, t = &m_thread] {
        w->close();
        t->quit();
    }, Qt::QueuedConnection);
    m_thread.wait();
}

void HistoryWriter::append(const MonitorSample &sample)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, sample] { w->append(sample); }, Qt::QueuedConnection);
}

void HistoryWriter::saveAlert(const AlertLogEntry &entry)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, entry] { w->saveAlert(entry); }, Qt::QueuedConnection);
}

void HistoryWriter::applyRetention(int days, const QDateTime &now)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, days, now] { w->applyRetention(days, now); }, Qt::QueuedConnection);
}

void HistoryWriter::startAfresh()
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, path = m_path] { w->startAfresh(path); }, Qt::QueuedConnection);
}

void HistoryWriter::requestFlush()
{
    QMetaObject::invokeMethod(m_worker, [this] { Q_EMIT flushed(); }, Qt::QueuedConnection);
}

} // namespace bs
