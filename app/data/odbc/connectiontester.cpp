#include "data/odbc/connectiontester.h"

#include "data/odbc/catalogassembler.h"
#include "data/odbc/odbccatalogreader.h"

#include <QtConcurrent/QtConcurrentRun>

namespace bs {

ConnectionTester::~ConnectionTester()
{
    drop();
}

void ConnectionTester::drop()
{
    if (!m_watcher)
        return;
    m_watcher->disconnect(this);
    m_watcher->deleteLater();
    m_watcher = nullptr;
}

void ConnectionTester::start(const QString &connectionString, int loginTimeoutSeconds)
{
    drop();
    const quint64 generation = ++m_generation;
    m_watcher = new QFutureWatcher<ConnectionTestResult>(this);
    connect(m_watcher, &QFutureWatcher<ConnectionTestResult>::finished, this, [this, generation] {
        if (generation != m_generation || !m_watcher)
            return;
        const ConnectionTestResult result = m_watcher->result();
        drop();
        Q_EMIT busyChanged(false);
        Q_EMIT finished(result);
    });
    const QString databaseQuery = CatalogAssembler::queryNames().constFirst();
    m_watcher->setFuture(QtConcurrent::run(OdbcCatalogReader::threadPool(), [connectionString, loginTimeoutSeconds,
                                                                              databaseQuery] {
        const OdbcReadResult read = OdbcCatalogReader::run(connectionString, loginTimeoutSeconds, {databaseQuery});
        ConnectionTestResult r;
        r.elapsedMs = read.elapsedMs;
        if (!read.connected) {
            r.message = read.connectError;
            return r;
        }
        const QueryResult &flags = read.results.value(databaseQuery);
        if (flags.failed) {
            // Connected, but the first catalog query failed: say so with the driver's words.
            r.message = flags.errorText;
            return r;
        }
        r.ok = true;
        r.database = CatalogAssembler::assemble({{databaseQuery, flags}}).database;
        return r;
    }));
    Q_EMIT busyChanged(true);
}

void ConnectionTester::cancel()
{
    if (!m_watcher)
        return;
    ++m_generation;
    drop();
    Q_EMIT busyChanged(false);
}

} // namespace bs
