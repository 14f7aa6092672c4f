#pragma once

#include "core/catalog.h"
#include "core/monitorsample.h"

#include <QObject>

namespace bs {

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
    /// True when the data is simulated; the window says so.
    virtual bool isSimulation() const = 0;

    /// Starts reading the catalog; emits catalogLoaded or catalogFailed.
    virtual void loadCatalog() = 0;
    /// Starts sampling every intervalMs; samples arrive through sampleReady.
    virtual void startSampling(int intervalMs) = 0;
    virtual void stopSampling() = 0;
    /// Cancels the work in progress (a catalog load); a cancelled load emits catalogFailed.
    virtual void cancel() = 0;

Q_SIGNALS:
    void catalogLoaded(const bs::BrokerCatalog &catalog);
    void catalogFailed(const QString &message);
    void sampleReady(const bs::MonitorSample &sample);
    /// Progress and state in words ("Reading queues…", "Reconnecting in 8 s").
    void statusChanged(const QString &text);
};

} // namespace bs
