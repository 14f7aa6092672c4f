#include "data/monitor/samplerthreads.h"

#include <QDeadlineTimer>
#include <QThread>

#include <algorithm>

namespace bs {

namespace {
// How long the destructor waits for all threads together: a round being cancelled ends within the grace
// of GuardedConnection's SQLCancel; one inside a driver that ignores the cancel is left behind.
constexpr qint64 EndWaitMs = 5000;
} // namespace

SamplerThreads::SamplerThreads(int sharedThreads, int slowThreads)
{
    m_shared.resize(std::max(1, sharedThreads));
    m_slow.resize(std::max(1, slowThreads));
}

SamplerThreads::~SamplerThreads()
{
    // Pollers stopped before us have their stop() and deleteLater() queued: they run before each
    // loop ends, and any left are deleted as the thread finishes. Every thread is told to quit
    // first and all share one deadline, so forty threads stuck in driver calls cost EndWaitMs in
    // all, not forty times that.
    const QList<Slot> *lanes[] = {&m_shared, &m_slow};
    for (const QList<Slot> *lane : lanes) {
        for (const Slot &s : *lane) {
            if (s.thread)
                s.thread->quit();
        }
    }
    const QDeadlineTimer deadline(EndWaitMs);
    for (const QList<Slot> *lane : lanes) {
        for (const Slot &s : *lane) {
            if (s.thread && s.thread->wait(deadline))
                delete s.thread;
            // else: still inside a driver call; destroying a running QThread would abort.
        }
    }
}

QThread *SamplerThreads::acquire(Lane lane)
{
    QList<Slot> &list = laneSlots(lane);
    // Least loaded; an unstarted slot has load 0, so threads start only as they are needed.
    auto it = std::min_element(list.begin(), list.end(), [](const Slot &a, const Slot &b) {
        if (a.load != b.load)
            return a.load < b.load;
        return a.thread != nullptr && b.thread == nullptr; // reuse a started thread on a tie
    });
    if (!it->thread) {
        it->thread = new QThread;
        it->thread->setObjectName(lane == Lane::Shared ? QStringLiteral("bs-sampler") : QStringLiteral("bs-sampler-slow"));
        it->thread->start();
    }
    ++it->load;
    return it->thread;
}

void SamplerThreads::release(QThread *thread)
{
    for (QList<Slot> *lane : {&m_shared, &m_slow}) {
        for (Slot &s : *lane) {
            if (s.thread == thread && s.load > 0) {
                --s.load;
                return;
            }
        }
    }
}

int SamplerThreads::threadsOf(Lane lane) const
{
    return int(laneSlots(lane).size());
}

int SamplerThreads::startedThreads() const
{
    int n = 0;
    for (const QList<Slot> *lane : {&m_shared, &m_slow})
        n += int(std::count_if(lane->cbegin(), lane->cend(), [](const Slot &s) { return s.thread != nullptr; }));
    return n;
}

int SamplerThreads::load(Lane lane) const
{
    int n = 0;
    for (const Slot &s : laneSlots(lane))
        n += s.load;
    return n;
}

} // namespace bs
