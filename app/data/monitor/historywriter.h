#pragma once

#include "core/alerts/alert.h"
#include "core/monitorsample.h"

#include <QDateTime>
#include <QObject>
#include <QThread>

namespace bs {

class HistoryStore;

/// Writes one monitor's history on a thread of its own, so a slow disk never delays the GUI:
/// samples, alert-log entries, retention and the fresh start of a simulation's file. Requests
/// are queued and run in the order they were made; failures come back by signal. The store is
/// opened, written and closed on the writer's thread only (a HistoryStore belongs to the thread
/// that opened it). Destroying the writer finishes the queued writes first.
class HistoryWriter : public QObject
{
    Q_OBJECT
public:
    /// Starts the thread and opens `path` there (created if needed).
    explicit HistoryWriter(const QString &path, QObject *parent = nullptr);
    ~HistoryWriter() override;

    QString path() const { return m_path; }

    void append(const MonitorSample &sample);
    void saveAlert(const AlertLogEntry &entry);
    /// Keeps `days` days back from `now`.
    void applyRetention(int days, const QDateTime &now);
    /// Deletes the file (with its -wal and -shm) and starts an empty one at the same path.
    void startAfresh();
    /// Emits flushed() once the requests made so far have run.
    void requestFlush();

Q_SIGNALS:
    /// A write failed (disk full, file removed, locked): the message says why.
    void failed(const QString &message);
    /// Every request made before it has been carried out (tests; see requestFlush()).
    void flushed();

private:
    class Worker;
    QString m_path;
    QThread m_thread;
    Worker *m_worker = nullptr;
};

} // namespace bs
