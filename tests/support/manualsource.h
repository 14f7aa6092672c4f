#pragma once

#include "data/brokersource.h"

#include <utility>

namespace bs::test {

/// A server-like source (not a simulation) whose samples the test hands in with deliver(); it
/// keeps the sampling interval it was last asked for. Header-only: tests and benchmarks include it
/// without linking anything more than the BrokerSource they already use.
class ManualSource : public BrokerSource
{
public:
    explicit ManualSource(QString name = QStringLiteral("manual")) : m_name(std::move(name)) {}

    QString displayName() const override { return m_name; }
    bool isSimulation() const override { return false; }
    void loadCatalog() override {}
    void startSampling(int intervalMs) override { lastInterval = intervalMs; }
    void stopSampling() override {}
    void cancel() override {}
    void deliver(const MonitorSample &sample) { Q_EMIT sampleReady(sample); }

    int lastInterval = 0;

private:
    QString m_name;
};

} // namespace bs::test
