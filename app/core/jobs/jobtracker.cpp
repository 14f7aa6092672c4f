#include "core/jobs/jobtracker.h"

#include "core/jobs/jobtrackerstate.h"

#include <QThreadPool>

namespace bs {

JobTracker::JobTracker(QObject *owner, QThreadPool *pool)
    : m_state(std::make_shared<JobTrackerState>())
    , m_pool(pool ? pool : QThreadPool::globalInstance())
{
    m_state->owner = owner;
}

JobTracker::~JobTracker()
{
    // After this no job posts to the owner, which is still alive here (a member of it, or
    // destroyed before it): the owner's destructor can then finish safely.
    JobTrackerState &state = *m_state;
    QMutexLocker lock(&state.mutex);
    state.owner = nullptr;
    state.closed.store(true);
    ++state.current;
}

void JobTracker::startErased(std::function<void(const JobContext &)> run)
{
    const quint64 id = ++m_state->current;
    m_state->running = true;
    m_pool->start([context = JobContext(m_state, id), run = std::move(run)] {
        // A job superseded before a thread was free for it does no work at all.
        if (!context.isCancelled())
            run(context);
    });
}

void JobTracker::cancel()
{
    ++m_state->current;
    m_state->running = false;
}

bool JobTracker::isRunning() const
{
    return m_state->running;
}

} // namespace bs
