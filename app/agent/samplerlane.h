#pragma once

#include <QtGlobal>

namespace bs {

/// Which lane of the sampler pool (SamplerThreads) a server target samples on, judged from how
/// long its rounds hold their thread. SlowRoundsToMove rounds in a row longer than SlowRoundMs on
/// the shared lane move the target to the slow lane; FastRoundsToReturn rounds in a row within
/// FastRoundMs on the slow lane move it back. The first round of a poller (its login and first
/// census, slow on any large database and only once) does not count.
class SamplerLane
{
public:
    static constexpr qint64 SlowRoundMs = 2000;
    static constexpr int SlowRoundsToMove = 3;
    static constexpr qint64 FastRoundMs = 1000;
    static constexpr int FastRoundsToReturn = 10;

    bool slow() const { return m_slow; }

    /// A round of `ms` ended; true when the target moves to the other lane (slow() tells which).
    /// The caller starts a new poller there, and so a new first round.
    bool roundFinished(qint64 ms)
    {
        if (++m_rounds == 1)
            return false;
        const bool counts = m_slow ? ms <= FastRoundMs : ms > SlowRoundMs;
        m_inARow = counts ? m_inARow + 1 : 0;
        if (m_inARow < (m_slow ? FastRoundsToReturn : SlowRoundsToMove))
            return false;
        m_slow = !m_slow;
        restart();
        return true;
    }

    /// A new poller on the same lane (a restarted target): its first round does not count.
    void restart()
    {
        m_rounds = 0;
        m_inARow = 0;
    }

private:
    bool m_slow = false;
    int m_rounds = 0;  // since the poller started
    int m_inARow = 0;  // slow rounds on the shared lane, fast ones on the slow lane
};

} // namespace bs
