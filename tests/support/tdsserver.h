#pragma once

#include "tdsfixture.h"
#include "tdsrequest.h"

#include <QMutex>
#include <QString>

#include <atomic>
#include <future>
#include <thread>
#include <vector>

namespace bs {

class TdsSession;

/// A TDS 7.4 test server for the real ODBC stack (QODBC -> unixODBC -> FreeTDS): listens on
/// 127.0.0.1, logs in one configured SQL login (no encryption), and answers each statement by
/// its `-- query: <tag>` first line from a TdsFixture, with faults on demand. Every request is
/// logged. Tests only; the implemented subset of [MS-TDS] is in docs/tds-test-server.md.
///
/// All methods are thread-safe. The server runs on its own threads (one listener, one per
/// connection), so a test thread can block in the ODBC driver while the server answers.
class TdsServer
{
public:
    TdsServer();
    explicit TdsServer(const TdsFixture &fixture);
    ~TdsServer();
    TdsServer(const TdsServer &) = delete;
    TdsServer &operator=(const TdsServer &) = delete;

    /// Listens on 127.0.0.1:port (0 = a free port chosen by the system). Returns false and
    /// sets *error when the port cannot be bound.
    bool start(quint16 port = 0, QString *error = nullptr);
    /// Closes the listener and every connection; start(port()) brings it back on the same port.
    void stop();
    bool isRunning() const;
    quint16 port() const;

    void setFixture(const TdsFixture &fixture);
    TdsFixture fixture() const;
    /// Replaces (or adds) the answer to one tag while the server runs.
    void setReply(const QString &tag, const TdsReply &reply);
    /// Every login fails with 18456, whatever the password.
    void setRefuseLogins(bool refuse);
    /// Accepts TCP connections but never answers (a hung server: the login timeout must fire).
    void setSilent(bool silent);
    /// Answers PRELOGIN, then never answers again (the login hangs: the watchdog must fire).
    void setStallAfterPrelogin(bool stall);
    /// Aborts every open connection now, as a server restart or a network failure would.
    void dropConnections();

    QList<TdsRequest> requests() const;
    /// The statement requests (batches and RPCs) with this tag.
    QList<TdsRequest> requestsFor(const QString &tag) const;
    void clearRequests();
    /// One line per request, for test failure messages.
    QString requestLog() const;
    int connectionCount() const;
    int acceptedLoginCount() const;

    /// A DSN-less FreeTDS connection string for this server and the fixture's login.
    QString connectionString(const QString &database = {}, const QString &password = {}) const;

private:
    friend class TdsSession;

    void acceptLoop(quint16 port, std::promise<QString> *started);
    void record(const TdsRequest &request);
    bool stopping() const { return m_stopping.load(); }
    int dropGeneration() const { return m_dropGeneration.load(); }
    bool refuseLogins() const { return m_refuseLogins.load(); }
    bool silent() const { return m_silent.load(); }
    bool stallAfterPrelogin() const { return m_stallAfterPrelogin.load(); }
    /// The answer for a tag: a setReply override, then the fixture; nullopt when unknown.
    std::optional<TdsReply> replyFor(const QString &tag) const;

    mutable QMutex m_mutex;
    TdsFixture m_fixture;
    QHash<QString, TdsReply> m_overrides;
    QList<TdsRequest> m_log;
    std::vector<std::thread> m_sessionThreads;
    std::thread m_acceptor;
    std::atomic<bool> m_stopping{false};
    std::atomic<bool> m_running{false};
    std::atomic<bool> m_refuseLogins{false};
    std::atomic<bool> m_silent{false};
    std::atomic<bool> m_stallAfterPrelogin{false};
    std::atomic<int> m_dropGeneration{0};
    std::atomic<int> m_connections{0};
    std::atomic<int> m_acceptedLogins{0};
    std::atomic<quint16> m_port{0};
    bool m_trace = false;
};

} // namespace bs
