#pragma once

#include "core/jobs/jobcontext.h"

#include <QtGlobal>

#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

class QObject;
class QThreadPool;

namespace bs {

struct JobTrackerState;

/// Runs one kind of background job for an owner object: the job runs on a thread pool, its
/// result comes back on the owner's thread. Only the latest job counts: starting a new one or
/// calling cancel() makes the older job's cancel predicate true and drops its result, by
/// generation. When the owner (or the tracker) is destroyed first, the job's predicate turns
/// true and its result is dropped without touching the owner, so nothing crashes.
///
/// Keep the tracker as a member of its owner and call start() and cancel() on the owner's
/// thread. Unlike QFuture::then(context, …), which Qt 6.4 asserts on when the context dies
/// first, a late result is simply not delivered.
///
/// \code
/// m_jobs.start([input](const JobContext &job) { return compute(input, job.cancelCheck()); },
///              [this](const Result &r) { show(r); });
/// \endcode
class JobTracker
{
public:
    /// `pool` defaults to QThreadPool::globalInstance(); it must outlive the jobs. Work that can
    /// block for long (a driver call) belongs on a pool of its own.
    explicit JobTracker(QObject *owner, QThreadPool *pool = nullptr);
    /// Cancels the running job; never waits for it.
    ~JobTracker();
    JobTracker(const JobTracker &) = delete;
    JobTracker &operator=(const JobTracker &) = delete;

    /// Starts `job(const JobContext &)` on the pool and calls `deliver(result)` on the owner's
    /// thread when it returns, unless it was cancelled or superseded meanwhile. A job returning
    /// void delivers with `deliver()`. A job still running is cancelled first.
    template<typename Job, typename Deliver>
    void start(Job job, Deliver deliver)
    {
        using Result = std::invoke_result_t<Job &, const JobContext &>;
        startErased([job = std::move(job), deliver = std::move(deliver)](const JobContext &context) mutable {
            if constexpr (std::is_void_v<Result>) {
                job(context);
                context.deliver(std::move(deliver));
            } else {
                Result result = job(context);
                context.deliver([result = std::move(result), deliver = std::move(deliver)]() mutable {
                    deliver(std::move(result));
                });
            }
        });
    }

    /// Drops the running job's result and makes its cancel predicate true.
    void cancel();
    /// A job was started and has neither delivered nor been cancelled.
    bool isRunning() const;

private:
    void startErased(std::function<void(const JobContext &)> run);

    std::shared_ptr<JobTrackerState> m_state;
    QThreadPool *m_pool;
};

} // namespace bs
