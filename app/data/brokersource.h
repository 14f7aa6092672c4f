#pragma once

#include "core/catalog.h"
#include "core/census/samplingpolicy.h"
#include "core/monitorsample.h"
#include "core/series/monitorlimits.h"

#include <QObject>

namespace bs {

class BrokerOperations;

/// What the monitor needs to know of a source to drive it, instead of asking "is it simulated?".
struct SourceTraits
{
    /// The shortest sampling interval the source accepts (a server: 1 s; the simulator: 50 ms).
    int minimumIntervalMs = MonitorLimits::MinIntervalMs;
    /// Samples carry the source's own clock (a simulation: simulated time, which may run at
    /// 1000× and start over), not the wall clock: the interval is in the source's time, gaps are
    /// not judged by wall-clock delays and retention counts back from the newest sample.
    bool simulatedClock = false;
    /// The source may start over (a simulation's restart): a sample older than the newest one
    /// begins a new run instead of being dropped as stale.
    bool restartable = false;
    bool operator==(const SourceTraits &) const = default;
};

/// Where the catalog and the monitoring samples come from: a real server over ODBC or the
/// simulator. Everything above it (explorer, graph, monitor) cannot tell them apart.
/// All work is asynchronous: results arrive by signal, on the thread that owns the source.
class BrokerSource : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~BrokerSource() override;

    /// Short name for tabs and titles ("sqlprod01 / SalesOps", "Demo broker (simulation)").
    virtual QString displayName() const = 0;
    /// True when the data is simulated; the window says so (its banner). Everything else asks traits().
    virtual bool isSimulation() const = 0;
    /// How the monitor drives this source. The default is a server's: 1 s minimum, wall clock,
    /// never starts over; a simulation's override says otherwise.
    virtual SourceTraits traits() const { return {}; }

    /// Starts reading the catalog; emits catalogLoaded or catalogFailed.
    virtual void loadCatalog() = 0;
    /// Starts sampling every intervalMs; samples arrive through sampleReady.
    virtual void startSampling(int intervalMs) = 0;
    virtual void stopSampling() = 0;
    /// Cancels the work in progress (a catalog load); a cancelled load emits catalogFailed.
    virtual void cancel() = 0;
    /// The census rule and the server time share (issue #13), from the next sample.
    virtual void setSamplingPolicy(const SamplingPolicy &policy) { Q_UNUSED(policy) }
    /// The next sample carries the full census (the monitor's "Census now"), taken at once when
    /// no sample is being read. Sources without a census ignore it.
    virtual void requestCensus() {}
    /// Browse and act on this broker (app/data/ops); owned by the source. nullptr when the source
    /// offers none (a static catalog).
    virtual BrokerOperations *operations() { return nullptr; }

Q_SIGNALS:
    void catalogLoaded(const bs::BrokerCatalog &catalog);
    void catalogFailed(const QString &message);
    void sampleReady(const bs::MonitorSample &sample);
    /// No sample for this time (the connection failed or was lost): a gap, never zeros.
    void sampleMissed(const QDateTime &time, const QString &reason);
    /// A sampling round ended after `elapsedMs` (sources that measure it: a server's poller).
    void roundFinished(qint64 elapsedMs);
    /// After a sample: the interval chosen, the one actually waited (stretched so that sampling
    /// stays within the server time share) and the round's time (sources that measure it).
    void samplingPaced(qint64 chosenIntervalMs, qint64 effectiveIntervalMs, qint64 lastRoundMs);
    /// Progress and state in words ("Reading queues…", "Reconnecting in 8 s").
    void statusChanged(const QString &text);
};

} // namespace bs
