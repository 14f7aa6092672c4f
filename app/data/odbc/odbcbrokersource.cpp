#include "data/odbc/odbcbrokersource.h"

#include "data/monitor/monitorpoller.h"
#include "data/odbc/odbcconnectionstring.h"

#include <QThread>

namespace bs {

OdbcBrokerSource::OdbcBrokerSource(const ConnectionProfile &profile, const QString &password, QObject *parent)
    : BrokerSource(parent)
    , m_connectionString(OdbcConnectionString::build(profile, password))
    , m_loginTimeoutSeconds(profile.loginTimeoutSeconds)
    , m_displayName(profile.displayName())
    , m_server(profile.mode == ConnectionMode::Dsn ? profile.dsn : profile.server)
    , m_database(profile.database)
    , m_login(profile.authentication == Authentication::Integrated ? QStringLiteral("(integrated)") : profile.userName)
    , m_readOnly(profile.readOnly)
{
}

OdbcBrokerSource::OdbcBrokerSource(QString connectionString, int loginTimeoutSeconds, QObject *parent)
    : BrokerSource(parent)
    , m_connectionString(std::move(connectionString))
    , m_loginTimeoutSeconds(loginTimeoutSeconds)
    , m_displayName(OdbcConnectionString::describe(m_connectionString))
    , m_server(m_displayName)
{
}

OdbcBrokerSource::~OdbcBrokerSource()
{
    // The load job owns copies of everything it needs; the tracker drops its result. The poller
    // stops on its own thread.
    stopSampling();
}

void OdbcBrokerSource::loadCatalog()
{
    const QString connectionString = m_connectionString;
    const int timeout = m_loginTimeoutSeconds;
    const QStringList queries = CatalogAssembler::queryNames();
    Q_EMIT statusChanged(QStringLiteral("Connecting to %1…").arg(m_displayName));
    // On the ODBC pool: every driver call is guarded by a deadline (GuardedConnection), so the job
    // ends by then whatever the driver does; a superseded or cancelled job is dropped by JobTracker.
    m_jobs.start(
        [this, connectionString, timeout, queries](const JobContext &job) {
            // `this` is used only in posted calls, which run on our thread while the job is current.
            return OdbcCatalogReader::run(connectionString, timeout, queries, job.cancelCheck(),
                                          [this, job](const QString &text) {
                                              job.post([this, text] { Q_EMIT statusChanged(text); });
                                          });
        },
        [this](const OdbcReadResult &result) { finishLoad(result); });
}

void OdbcBrokerSource::finishLoad(const OdbcReadResult &result)
{
    if (!result.connected) {
        Q_EMIT statusChanged(QStringLiteral("Connection failed"));
        Q_EMIT catalogFailed(result.connectError);
        return;
    }
    m_lastResults = result.results;
    const BrokerCatalog catalog = CatalogAssembler::assemble(result.results);
    m_lastCatalog = catalog;
    if (m_sampler) {
        // The poller names queues from the catalog; hand it the fresh one in its own thread.
        QMetaObject::invokeMethod(m_sampler, [poller = m_sampler, catalog] { poller->setCatalog(catalog); },
                                  Qt::QueuedConnection);
    }
    Q_EMIT statusChanged(QStringLiteral("Catalog read in %1 s").arg(double(result.elapsedMs) / 1000.0, 0, 'f', 1));
    Q_EMIT catalogLoaded(catalog);
}

void OdbcBrokerSource::startSampling(int intervalMs)
{
    if (m_sampler) {
        // A new interval for the running poller, from its next round: restarting it would leave the
        // round in progress running beside a new one (one round per server at any time).
        QMetaObject::invokeMethod(m_sampler, [poller = m_sampler, intervalMs] { poller->setIntervalMs(intervalMs); },
                                  Qt::QueuedConnection);
        return;
    }
    QString why;
    const QString qodbcName = OdbcConnectionString::forQodbc(m_connectionString, &why);
    if (qodbcName.isEmpty()) {
        Q_EMIT statusChanged(QStringLiteral("Cannot sample: ") + why);
        return;
    }
    m_sampler = new MonitorPoller(qodbcName);
    m_sampler->setIntervalMs(intervalMs);
    if (m_sampleTimeoutSeconds > 0)
        m_sampler->setQueryTimeoutSeconds(m_sampleTimeoutSeconds);
    m_sampler->setCatalog(m_lastCatalog);
    m_sampler->setSamplingPolicy(m_samplingPolicy);
    if (m_threads) {
        // A pooled thread, shared with other pollers; it is running already.
        m_samplerPool = m_threads;
        m_samplerThread = m_threads->acquire(m_lane);
        m_sampler->moveToThread(m_samplerThread);
        QMetaObject::invokeMethod(m_sampler, &MonitorPoller::start, Qt::QueuedConnection);
    } else {
        // Neither object has a parent: the poller lives in the thread, and both delete themselves
        // once the thread has finished (see stopSampling).
        m_samplerThread = new QThread;
        m_samplerThread->setObjectName(QStringLiteral("bs-odbc-sampler"));
        m_sampler->moveToThread(m_samplerThread);
        connect(m_samplerThread, &QThread::started, m_sampler, &MonitorPoller::start);
        connect(m_samplerThread, &QThread::finished, m_sampler, &QObject::deleteLater);
        connect(m_samplerThread, &QThread::finished, m_samplerThread, &QObject::deleteLater);
    }
    connect(m_sampler, &MonitorPoller::sampleReady, this, &BrokerSource::sampleReady);
    connect(m_sampler, &MonitorPoller::statusChanged, this, &BrokerSource::statusChanged);
    connect(m_sampler, &MonitorPoller::sampleMissed, this, [this](const QDateTime &time, const QString &reason) {
        Q_EMIT statusChanged(QStringLiteral("No sample: ") + reason);
        Q_EMIT sampleMissed(time, reason);
    });
    connect(m_sampler, &MonitorPoller::roundFinished, this, &BrokerSource::roundFinished);
    connect(m_sampler, &MonitorPoller::samplingPaced, this, &BrokerSource::samplingPaced);
    if (!m_samplerPool)
        m_samplerThread->start();
}

void OdbcBrokerSource::stopSampling()
{
    if (!m_sampler)
        return;
    m_sampler->disconnect(this);
    // The statement running now is cancelled on the server (SQLCancel from this thread, which ODBC
    // allows); stop and quit then happen inside the poller's thread once its round has ended. The
    // GUI thread never waits for a query. Retired, it ignores a start() still queued behind.
    m_sampler->retire();
    if (m_samplerPool) {
        // The thread goes on hosting other pollers: this one is deleted there once its round has
        // ended (its destructor closes the connection), or as the thread finishes.
        m_sampler->deleteLater();
        m_samplerPool->release(m_samplerThread);
        m_samplerPool = nullptr;
        m_sampler = nullptr;
        m_samplerThread = nullptr;
        return;
    }
    QThread *thread = m_samplerThread;
    QMetaObject::invokeMethod(
        m_sampler,
        [poller = m_sampler, thread] {
            poller->stop();
            thread->quit();
        },
        Qt::QueuedConnection);
    m_sampler = nullptr;
    m_samplerThread = nullptr;
}

void OdbcBrokerSource::setSamplingPolicy(const SamplingPolicy &policy)
{
    m_samplingPolicy = policy;
    if (m_sampler)
        QMetaObject::invokeMethod(m_sampler, [poller = m_sampler, policy] { poller->setSamplingPolicy(policy); },
                                  Qt::QueuedConnection);
}

void OdbcBrokerSource::requestCensus()
{
    // Queued: it runs in the poller's thread between rounds, never beside one.
    if (m_sampler)
        QMetaObject::invokeMethod(m_sampler, &MonitorPoller::censusNow, Qt::QueuedConnection);
}

void OdbcBrokerSource::cancel()
{
    if (!m_jobs.isRunning())
        return;
    // A blocking connect goes on in the background until its deadline; its result is dropped.
    m_jobs.cancel();
    Q_EMIT statusChanged(QStringLiteral("Cancelled"));
    Q_EMIT catalogFailed(QStringLiteral("Reading the catalog was cancelled."));
}

} // namespace bs
