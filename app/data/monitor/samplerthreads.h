#pragma once

#include <QList>
#include <QString>

class QThread;

namespace bs {

/// A bounded set of threads that host MonitorPollers, for a process that samples many databases
/// (the fleet agent). Without it every OdbcBrokerSource samples on a thread of its own, which is
/// what a desktop with a few tabs wants; with it, a fleet of 500 targets samples on a few dozen.
///
/// A poller's round blocks its host thread while it waits for the server (GuardedConnection: up to
/// the query or login timeout plus a second), so pollers that share a thread delay each other's
/// rounds by what the slowest of them takes. Hence two lanes:
/// - Shared: healthy targets, `sharedThreads` threads, each poller on the least loaded one;
/// - Slow: targets whose rounds have been slow or failing (AgentTarget moves them on the first slow
///   round), on `slowThreads` threads of their own, where they delay only each other.
/// Each connection's driver calls still run on that connection's own worker thread (ODBC calls are
/// synchronous; GuardedConnection), which is idle between rounds.
///
/// Threads start on first use. Use from one thread (the owner's). Destroy it after every source that
/// uses it: the destructor ends the threads, waiting a bounded time for a round that is still
/// being cancelled (a thread that does not end by then is left to the process exit, not destroyed
/// under a running poller).
class SamplerThreads
{
public:
    enum class Lane { Shared, Slow };

    SamplerThreads(int sharedThreads, int slowThreads);
    ~SamplerThreads();
    SamplerThreads(const SamplerThreads &) = delete;
    SamplerThreads &operator=(const SamplerThreads &) = delete;

    /// The least loaded thread of `lane` (started if needed); pair with release().
    QThread *acquire(Lane lane);
    void release(QThread *thread);

    int threadsOf(Lane lane) const;
    /// Threads started so far (both lanes).
    int startedThreads() const;
    /// Pollers hosted on `lane` now.
    int load(Lane lane) const;

private:
    struct Slot
    {
        QThread *thread = nullptr;
        int load = 0;
    };
    QList<Slot> &laneSlots(Lane lane) { return lane == Lane::Shared ? m_shared : m_slow; }
    const QList<Slot> &laneSlots(Lane lane) const { return lane == Lane::Shared ? m_shared : m_slow; }

    QList<Slot> m_shared;
    QList<Slot> m_slow;
};

} // namespace bs
