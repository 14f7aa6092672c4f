#pragma once

#include "core/catalog.h"

#include <QFutureWatcher>
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

/// Tries a connection string off the GUI thread: connects within the login timeout and reads the
/// database's broker flags (catalog.database). Only the latest attempt reports; cancel() abandons
/// the attempt in progress (a blocking ODBC connect cannot be aborted) and its late result is
/// dropped by a generation id.
class ConnectionTester : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~ConnectionTester() override;

    void start(const QString &connectionString, int loginTimeoutSeconds);
    void cancel();
    bool isBusy() const { return m_watcher != nullptr; }

Q_SIGNALS:
    void finished(const bs::ConnectionTestResult &result);
    void busyChanged(bool busy);

private:
    void drop();

    quint64 m_generation = 0;
    QFutureWatcher<ConnectionTestResult> *m_watcher = nullptr;
};

} // namespace bs

Q_DECLARE_METATYPE(bs::ConnectionTestResult)
