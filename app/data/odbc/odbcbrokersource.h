#pragma once

#include "data/brokersource.h"
#include "data/connectionprofile.h"
#include "data/monitor/samplerthreads.h"
#include "data/odbc/odbccatalogreader.h"

#include "core/jobs/jobtracker.h"

class QThread;

namespace bs {

class MonitorPoller;

/// A BrokerSource over a real SQL Server reached through ODBC (QODBC and the unixODBC driver
/// manager). The catalog is read by a JobTracker job with a guarded connection of its own (every
/// driver call has a deadline of ours); a cancelled or superseded load's result is dropped. Samples
/// come from a MonitorPoller on its own connection, on a thread of its own or on one of a
/// SamplerThreads pool (the fleet agent).
class OdbcBrokerSource : public BrokerSource
{
    Q_OBJECT
public:
    /// A source for a saved profile; the password is used only for SQL logins.
    OdbcBrokerSource(const ConnectionProfile &profile, const QString &password, QObject *parent = nullptr);
    /// A source for a raw ODBC connection string (the command line).
    OdbcBrokerSource(QString connectionString, int loginTimeoutSeconds, QObject *parent = nullptr);
    ~OdbcBrokerSource() override;

    QString displayName() const override { return m_displayName; }
    bool isSimulation() const override { return false; }
    void loadCatalog() override;
    /// Starts a MonitorPoller (sql/monitor queries) on a thread of its own; it reconnects by itself
    /// and reports gaps through statusChanged.
    void startSampling(int intervalMs) override;
    /// Returns at once: the poller stops and closes its connection on its own thread.
    void stopSampling() override;
    bool isSampling() const { return m_sampler != nullptr; }
    /// Host the poller on a thread of `threads` (lane `lane`) instead of a thread of its own, from
    /// the next startSampling(); nullptr goes back to a thread of its own. `threads` must outlive
    /// this source's sampling.
    void setSamplerThreads(SamplerThreads *threads, SamplerThreads::Lane lane = SamplerThreads::Lane::Shared)
    {
        m_threads = threads;
        m_lane = lane;
    }
    /// Query (and login) timeout of the sampling rounds, from the next startSampling().
    void setSampleTimeoutSeconds(int seconds) { m_sampleTimeoutSeconds = seconds; }
    void cancel() override;
    void setSamplingPolicy(const SamplingPolicy &policy) override;
    void requestCensus() override;
    /// Browsing and previewed operations on this server (app/data/ops/odbcbrokeroperations.cpp).
    BrokerOperations *operations() override;

    bool isLoading() const { return m_jobs.isRunning(); }
    /// The per-query results of the last completed load, for recording fixtures.
    CatalogAssembler::Results lastResults() const { return m_lastResults; }

private:
    void finishLoad(const OdbcReadResult &result);

    QString m_connectionString;
    int m_loginTimeoutSeconds = 15;
    int m_sampleTimeoutSeconds = 0; // 0 = the poller's default
    SamplingPolicy m_samplingPolicy;
    QString m_displayName;
    JobTracker m_jobs{this, OdbcCatalogReader::threadPool()};
    // For the operations (app/data/ops): who acts where, and whether writes are allowed.
    QString m_server;
    QString m_database;
    QString m_login;
    bool m_readOnly = false;
    BrokerOperations *m_operations = nullptr;
    CatalogAssembler::Results m_lastResults;
    BrokerCatalog m_lastCatalog;
    QThread *m_samplerThread = nullptr;
    MonitorPoller *m_sampler = nullptr;
    SamplerThreads *m_threads = nullptr;
    SamplerThreads::Lane m_lane = SamplerThreads::Lane::Shared;
    SamplerThreads *m_samplerPool = nullptr; // the pool m_samplerThread came from, if any
};

} // namespace bs
