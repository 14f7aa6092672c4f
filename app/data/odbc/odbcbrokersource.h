#pragma once

#include "data/brokersource.h"
#include "data/connectionprofile.h"
#include "data/odbc/odbccatalogreader.h"

#include <QFutureWatcher>

namespace bs {

/// A BrokerSource over a real SQL Server reached through ODBC (QODBC and the unixODBC driver
/// manager). The catalog is read on a worker thread with a connection of its own; a cancelled or
/// superseded load is abandoned (a blocking ODBC connect cannot be interrupted) and its late
/// result is dropped by a generation id.
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
    /// Monitoring samples are not read by this class yet; it reports that through statusChanged.
    void startSampling(int intervalMs) override;
    void stopSampling() override;
    void cancel() override;

    bool isLoading() const { return m_watcher != nullptr; }
    /// The per-query results of the last completed load, for recording fixtures.
    CatalogAssembler::Results lastResults() const { return m_lastResults; }

private:
    void finishLoad(const OdbcReadResult &result);
    void dropWatcher();

    QString m_connectionString;
    int m_loginTimeoutSeconds = 15;
    QString m_displayName;
    quint64 m_generation = 0;
    QFutureWatcher<OdbcReadResult> *m_watcher = nullptr;
    CatalogAssembler::Results m_lastResults;
};

} // namespace bs
