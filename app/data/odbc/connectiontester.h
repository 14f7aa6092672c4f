#pragma once

#include "core/catalog.h"

#include "core/jobs/jobtracker.h"

#include <QObject>

namespace bs {

struct OdbcReadResult;

/// The outcome of one "Test connection": where we got to, or the driver's own error text.
struct ConnectionTestResult
{
    bool ok = false;
    QString message;           ///< the driver's text on failure
    DatabaseBrokerInfo database; ///< server, database, version and broker flags on success
    qint64 elapsedMs = 0;
};

/// Tries a connection string off the GUI thread (a JobTracker job on the ODBC pool): connects
/// within the login timeout — a deadline of ours, whatever the driver does — and reads the
/// database's broker flags (catalog.database). Only the latest attempt reports; cancel() drops the
/// attempt in progress (a blocking ODBC connect cannot be aborted; it ends at its deadline).
class ConnectionTester : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionTester(QObject *parent = nullptr);
    ~ConnectionTester() override;

    void start(const QString &connectionString, int loginTimeoutSeconds);
    void cancel();
    bool isBusy() const { return m_jobs.isRunning(); }

Q_SIGNALS:
    void finished(const bs::ConnectionTestResult &result);
    void busyChanged(bool busy);

private:
    JobTracker m_jobs;
};

} // namespace bs

Q_DECLARE_METATYPE(bs::ConnectionTestResult)
