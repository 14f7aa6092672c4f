#pragma once

#include "data/brokersource.h"

namespace bs {

/// A BrokerSource over a fixed catalog (the built-in sample or a file); it produces no samples.
class StaticBrokerSource : public BrokerSource
{
    Q_OBJECT
public:
    explicit StaticBrokerSource(BrokerCatalog catalog, QString name, QObject *parent = nullptr);

    QString displayName() const override { return m_name; }
    bool isSimulation() const override { return true; }
    /// Sampled fast (50 ms), on the simulation's own clock, which starts over on a restart.
    SourceTraits traits() const override { return {MonitorLimits::MinSimulationIntervalMs, true, true}; }
    void loadCatalog() override;
    void startSampling(int) override {}
    void stopSampling() override {}
    void cancel() override {}

private:
    BrokerCatalog m_catalog;
    QString m_name;
};

} // namespace bs
