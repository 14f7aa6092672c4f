#include "data/odbc/odbcbrokersource.h"

#include "data/monitor/monitorpoller.h"
#include "data/odbc/odbcconnectionstring.h"

#include <QPromise>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

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
    // The workers own copies of everything they need; they finish on their own and nobody listens.
    dropWatcher();
    stopSampling();
}

void OdbcBrokerSource::dropWatcher()
{
    if (!m_watcher)
        return;
    m_watcher->disconnect(this);
    m_watcher->future().cancel();
    m_watcher->deleteLater();
    m_watcher = nullptr;
}

void OdbcBrokerSource::loadCatalog()
{
    dropWatcher();
    const quint64 generation = ++m_generation;
    const QString connectionString = m_connectionString;
    const int timeout = m_loginTimeoutSeconds;
    const QStringList queries = CatalogAssembler::queryNames();

    m_watcher = new QFutureWatcher<OdbcReadResult>(this);
    connect(m_watcher, &QFutureWatcher<OdbcReadResult>::progressTextChanged, this,
            [this, generation](const QString &text) {
                if (generation == m_generation)
                    Q_EMIT statusChanged(text);
            });
    connect(m_watcher, &QFutureWatcher<OdbcReadResult>::finished, this, [this, generation] {
        if (generation != m_generation || !m_watcher)
            return;
        QFuture<OdbcReadResult> future = m_watcher->future();
        m_watcher->deleteLater();
        m_watcher = nullptr;
        if (future.isCanceled() || future.resultCount() == 0)
            return;
        finishLoad(future.result());
    });
    Q_EMIT statusChanged(QStringLiteral("Connecting to %1…").arg(m_displayName));
    m_watcher->setFuture(QtConcurrent::run(
        OdbcCatalogReader::threadPool(),
        [connectionString, timeout, queries](QPromise<OdbcReadResult> &promise) {
            promise.setProgressRange(0, int(queries.size()) + 2);
            int step = 0;
            const OdbcReadResult result = OdbcCatalogReader::run(
                connectionString, timeout, queries, [&promise] { return promise.isCanceled(); },
                [&promise, &step](const QString &text) { promise.setProgressValueAndText(++step, text); });
            promise.addResult(result);
        }));
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
    stopSampling();
    QString why;
    const QString qodbcName = OdbcConnectionString::forQodbc(m_connectionString, &why);
    if (qodbcName.isEmpty()) {
        Q_EMIT statusChanged(QStringLiteral("Cannot sample: ") + why);
        return;
    }
    // Neither object has a parent: the poller lives in the thread, and both delete themselves
    // once the thread has finished (see stopSampling).
    m_samplerThread = new QThread;
    m_samplerThread->setObjectName(QStringLiteral("bs-odbc-sampler"));
    m_sampler = new MonitorPoller(qodbcName);
    m_sampler->setIntervalMs(intervalMs);
    if (m_sampleTimeoutSeconds > 0)
        m_sampler->setQueryTimeoutSeconds(m_sampleTimeoutSeconds);
    m_sampler->setCatalog(m_lastCatalog);
    m_sampler->moveToThread(m_samplerThread);
    connect(m_samplerThread, &QThread::started, m_sampler, &MonitorPoller::start);
    connect(m_samplerThread, &QThread::finished, m_sampler, &QObject::deleteLater);
    connect(m_samplerThread, &QThread::finished, m_samplerThread, &QObject::deleteLater);
    connect(m_sampler, &MonitorPoller::sampleReady, this, &BrokerSource::sampleReady);
    connect(m_sampler, &MonitorPoller::statusChanged, this, &BrokerSource::statusChanged);
    connect(m_sampler, &MonitorPoller::sampleMissed, this, [this](const QDateTime &time, const QString &reason) {
        Q_EMIT statusChanged(QStringLiteral("No sample: ") + reason);
        Q_EMIT sampleMissed(time, reason);
    });
    connect(m_sampler, &MonitorPoller::roundFinished, this, &BrokerSource::roundFinished);
    m_samplerThread->start();
}

void OdbcBrokerSource::stopSampling()
{
    if (!m_sampler)
        return;
    m_sampler->disconnect(this);
    // Stop and quit from inside the poller's thread, after any round in progress; the GUI thread
    // never waits for a query.
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

void OdbcBrokerSource::cancel()
{
    if (!m_watcher)
        return;
    // The blocking connect goes on in the background; bumping the generation drops its result.
    ++m_generation;
    dropWatcher();
    Q_EMIT statusChanged(QStringLiteral("Cancelled"));
    Q_EMIT catalogFailed(QStringLiteral("Reading the catalog was cancelled."));
}

} // namespace bs
