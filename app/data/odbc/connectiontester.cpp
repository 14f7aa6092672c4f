#include "data/odbc/connectiontester.h"

#include "data/odbc/catalogassembler.h"
#include "data/odbc/odbccatalogreader.h"

namespace bs {

ConnectionTester::ConnectionTester(QObject *parent)
    : QObject(parent)
    , m_jobs(this, OdbcCatalogReader::threadPool())
{
}

ConnectionTester::~ConnectionTester() = default;

void ConnectionTester::start(const QString &connectionString, int loginTimeoutSeconds)
{
    const bool wasBusy = m_jobs.isRunning();
    const QString databaseQuery = CatalogAssembler::queryNames().constFirst();
    // On the ODBC pool: the reader waits for the driver with a deadline of its own (GuardedConnection),
    // so the job ends by the login timeout plus slack whatever the driver does.
    m_jobs.start(
        [connectionString, loginTimeoutSeconds, databaseQuery](const JobContext &job) {
            const OdbcReadResult read = OdbcCatalogReader::run(connectionString, loginTimeoutSeconds, {databaseQuery},
                                                               job.cancelCheck());
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
        },
        [this](const ConnectionTestResult &result) {
            Q_EMIT busyChanged(false);
            Q_EMIT finished(result);
        });
    if (!wasBusy)
        Q_EMIT busyChanged(true);
}

void ConnectionTester::cancel()
{
    if (!m_jobs.isRunning())
        return;
    m_jobs.cancel();
    Q_EMIT busyChanged(false);
}

} // namespace bs
