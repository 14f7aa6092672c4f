#include "tdsserver.h"

#include "tdslistener.h"
#include "tdssession.h"

#include <QDebug>
#include <QHostAddress>

namespace bs {

TdsServer::TdsServer()
    : m_trace(qEnvironmentVariableIsSet("BS_TDS_TRACE"))
{
}

TdsServer::TdsServer(const TdsFixture &fixture)
    : TdsServer()
{
    m_fixture = fixture;
}

TdsServer::~TdsServer()
{
    stop();
}

bool TdsServer::start(quint16 port, QString *error)
{
    stop();
    m_stopping = false;
    std::promise<QString> started;
    std::future<QString> result = started.get_future();
    m_acceptor = std::thread([this, port, &started] { acceptLoop(port, &started); });
    const QString why = result.get();
    if (!why.isEmpty()) {
        m_acceptor.join();
        if (error)
            *error = why;
        return false;
    }
    m_running = true;
    return true;
}

void TdsServer::acceptLoop(quint16 port, std::promise<QString> *started)
{
    TdsListener listener;
    if (!listener.listen(QHostAddress::LocalHost, port)) {
        started->set_value(QStringLiteral("cannot listen on 127.0.0.1:%1: %2").arg(port).arg(listener.errorString()));
        return;
    }
    m_port = listener.serverPort();
    started->set_value(QString());
    while (!m_stopping) {
        listener.waitForNewConnection(20);
        for (qintptr fd : listener.takeDescriptors()) {
            const int id = ++m_connections;
            QMutexLocker lock(&m_mutex);
            m_sessionThreads.emplace_back([this, fd, id] {
                TdsSession session(this, fd, id);
                session.run();
            });
        }
    }
    listener.close();
}

void TdsServer::stop()
{
    m_stopping = true;
    if (m_acceptor.joinable())
        m_acceptor.join();
    std::vector<std::thread> sessions;
    {
        QMutexLocker lock(&m_mutex);
        sessions.swap(m_sessionThreads);
    }
    for (std::thread &t : sessions)
        t.join();
    m_running = false;
}

bool TdsServer::isRunning() const
{
    return m_running;
}

quint16 TdsServer::port() const
{
    return m_port;
}

void TdsServer::setFixture(const TdsFixture &fixture)
{
    QMutexLocker lock(&m_mutex);
    m_fixture = fixture;
    m_overrides.clear();
}

TdsFixture TdsServer::fixture() const
{
    QMutexLocker lock(&m_mutex);
    return m_fixture;
}

void TdsServer::setReply(const QString &tag, const TdsReply &reply)
{
    QMutexLocker lock(&m_mutex);
    m_overrides.insert(tag, reply);
}

std::optional<TdsReply> TdsServer::replyFor(const QString &tag) const
{
    QMutexLocker lock(&m_mutex);
    if (const auto it = m_overrides.constFind(tag); it != m_overrides.cend())
        return *it;
    if (const auto it = m_fixture.queries.constFind(tag); it != m_fixture.queries.cend())
        return *it;
    return std::nullopt;
}

void TdsServer::setRefuseLogins(bool refuse)
{
    m_refuseLogins = refuse;
}

void TdsServer::setSilent(bool silent)
{
    m_silent = silent;
}

void TdsServer::setStallAfterPrelogin(bool stall)
{
    m_stallAfterPrelogin = stall;
}

void TdsServer::dropConnections()
{
    ++m_dropGeneration;
}

void TdsServer::record(const TdsRequest &request)
{
    if (m_trace)
        qInfo().noquote() << "tds:" << request.summary();
    QMutexLocker lock(&m_mutex);
    m_log.append(request);
}

QList<TdsRequest> TdsServer::requests() const
{
    QMutexLocker lock(&m_mutex);
    return m_log;
}

QList<TdsRequest> TdsServer::requestsFor(const QString &tag) const
{
    QList<TdsRequest> out;
    for (const TdsRequest &r : requests()) {
        if (r.tag == tag && (r.kind == TdsRequest::Kind::Batch || r.kind == TdsRequest::Kind::Rpc))
            out.append(r);
    }
    return out;
}

void TdsServer::clearRequests()
{
    QMutexLocker lock(&m_mutex);
    m_log.clear();
}

QString TdsServer::requestLog() const
{
    QStringList lines;
    for (const TdsRequest &r : requests())
        lines.append(r.summary());
    return lines.join(QLatin1Char('\n'));
}

int TdsServer::connectionCount() const
{
    return m_connections;
}

int TdsServer::acceptedLoginCount() const
{
    return m_acceptedLogins;
}

QString TdsServer::connectionString(const QString &database, const QString &password) const
{
    const TdsFixture f = fixture();
    return QStringLiteral("Driver={FreeTDS};Server=127.0.0.1;Port=%1;Database=%2;UID=%3;PWD={%4};TDS_Version=7.4;ClientCharset=UTF-8;")
        .arg(port())
        .arg(database.isEmpty() ? f.database : database, f.user,
             QString(password.isEmpty() ? f.password : password).replace(QLatin1Char('}'), QStringLiteral("}}")));
}

} // namespace bs
