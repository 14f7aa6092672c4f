#pragma once

#include <QtGlobal>

#include <functional>
#include <memory>

namespace bs {

struct JobTrackerState;

/// What a background job started by a JobTracker may ask while it runs on a worker thread:
/// whether its result is still wanted (the cancel predicate) and to run something on the
/// owner's thread (progress). Cheap to copy; safe to use after the tracker and its owner are gone.
class JobContext
{
public:
    JobContext(std::shared_ptr<JobTrackerState> state, quint64 id);

    /// True once the job was cancelled, superseded by a newer job, or its tracker destroyed:
    /// the job should stop early; whatever it returns is dropped.
    bool isCancelled() const;
    /// The same predicate as a callable, for code that takes a std::function<bool()>.
    std::function<bool()> cancelCheck() const;
    /// Runs `fn` later on the owner's thread, unless the job is no longer current by then.
    /// Calls posted by one job arrive in the order they were posted, and before its result.
    void post(std::function<void()> fn) const;

private:
    friend class JobTracker;
    /// post(), and on arrival marks the tracker idle before `fn` runs (the job's result).
    void deliver(std::function<void()> fn) const;
    void postToOwner(std::function<void()> fn, bool last) const;

    std::shared_ptr<JobTrackerState> m_state;
    quint64 m_id = 0;
};

} // namespace bs
