#pragma once

#include <QMutex>
#include <QtGlobal>

#include <atomic>

class QObject;

namespace bs {

/// What a JobTracker shares with its running jobs. The jobs hold it through a shared pointer, so
/// it outlives the tracker and its owner: a late job finds `closed` set instead of a dangling
/// pointer.
struct JobTrackerState
{
    /// Guards `owner`: a job posts to the owner only while holding it, and the tracker clears the
    /// owner under it, so no post can reach an owner that is being destroyed.
    QMutex mutex;
    QObject *owner = nullptr;
    /// The id of the job whose result is wanted; every start and cancel moves it on.
    std::atomic<quint64> current{0};
    /// Set once, when the tracker goes: every job is cancelled and nothing more is delivered.
    std::atomic<bool> closed{false};
    /// The current job has neither delivered nor been cancelled (read and written on the owner's thread).
    bool running = false;
};

} // namespace bs
