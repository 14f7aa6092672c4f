#include "core/jobs/jobcontext.h"

#include "core/jobs/jobtrackerstate.h"

#include <QMetaObject>
#include <QObject>

namespace bs {

JobContext::JobContext(std::shared_ptr<JobTrackerState> state, quint64 id)
    : m_state(std::move(state))
    , m_id(id)
{
}

bool JobContext::isCancelled() const
{
    return m_state->closed.load() || m_state->current.load() != m_id;
}

std::function<bool()> JobContext::cancelCheck() const
{
    return [context = *this] { return context.isCancelled(); };
}

void JobContext::post(std::function<void()> fn) const
{
    postToOwner(std::move(fn), false);
}

void JobContext::deliver(std::function<void()> fn) const
{
    postToOwner(std::move(fn), true);
}

void JobContext::postToOwner(std::function<void()> fn, bool last) const
{
    // Held while posting: the tracker clears `owner` under the same lock before its owner dies.
    QMutexLocker lock(&m_state->mutex);
    if (!m_state->owner || isCancelled())
        return;
    // A queued call to the owner: Qt drops it if the owner is destroyed before it runs, and the
    // check on arrival drops it if a newer job started or the tracker went meanwhile.
    QMetaObject::invokeMethod(
        m_state->owner,
        [state = m_state, id = m_id, fn = std::move(fn), last] {
            if (state->closed.load() || state->current.load() != id)
                return;
            if (last)
                state->running = false;
            fn();
        },
        Qt::QueuedConnection);
}

} // namespace bs
