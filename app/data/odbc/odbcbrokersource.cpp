#include "data/odbc/odbcbrokersource.h"

#include "data/odbc/odbcconnectionstring.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

namespace bs {

OdbcBrokerSource::OdbcBrokerSource(const ConnectionProfile &profile, const QString &password, QObject *parent)
    : BrokerSource(parent)
    , m_connectionString(OdbcConnectionString::build(profile, password))
    , m_loginTimeoutSeconds(profile.loginTimeoutSeconds)
    , m_displayName(profile.displayName())
{
}

OdbcBrokerSource::OdbcBrokerSource(QString connectionString, int loginTimeoutSeconds, QObject *parent)
    : BrokerSource(parent)
    , m_connectionString(std::move(connectionString))
    , m_loginTimeoutSeconds(loginTimeoutSeconds)
    , m_displayName(OdbcConnectionString::describe(m_connectionString))
{
}

OdbcBrokerSource::~OdbcBrokerSource()
{
    // The worker owns copies of everything it needs; it finishes on its own and nobody listens.
    dropWatcher();
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
    Q_EMIT statusChanged(QStringLiteral("Catalog read in %1 s").arg(double(result.elapsedMs) / 1000.0, 0, 'f', 1));
    Q_EMIT catalogLoaded(catalog);
}

void OdbcBrokerSource::startSampling(int intervalMs)
{
    Q_UNUSED(intervalMs)
    Q_EMIT statusChanged(QStringLiteral("Monitoring over ODBC is not available in this build"));
}

void OdbcBrokerSource::stopSampling() {}

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
