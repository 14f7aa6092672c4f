#include "data/odbc/guardedconnection.h"

#include "data/odbc/odbccatalogreader.h"
#include "data/odbc/odbcconnectionstring.h"
#include "data/odbchandle.h"

#include <QAtomicInt>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include <sql.h>
#include <sqlext.h>
#include <unistd.h>

namespace bs {

namespace {

// The process-wide registry of worker threads (leaked on purpose: it must outlive every static).
std::atomic<int> s_callsInProgress{0};
std::atomic<int> s_abandoned{0};
QAtomicInt s_serial;
std::once_flag s_exitGuardOnce;

#if defined(__GLIBC__)
void exitGuard(int status, void *)
{
    // A worker still inside the driver would have its connection freed under it by Qt SQL's global
    // connection list, destroyed after this handler (it was created before the handler was
    // registered). End the process here instead, with the status main() returned.
    if (s_callsInProgress.load() > 0) {
        std::fflush(nullptr);
        ::_exit(status);
    }
}
#endif

/// Registered after the first QSqlDatabase::addDatabase(), so that it runs before Qt SQL's global
/// connection list is destroyed at exit (exit handlers run in reverse order of registration).
void installExitGuard()
{
#if defined(__GLIBC__)
    std::call_once(s_exitGuardOnce, [] { ::on_exit(exitGuard, nullptr); });
#endif
}

/// Counts a driver call for the exit guard.
struct CallScope
{
    CallScope() { ++s_callsInProgress; }
    ~CallScope() { --s_callsInProgress; }
};

} // namespace

struct GuardedWorker
{
    std::mutex mutex;
    std::condition_variable cv;
    std::function<void()> job;
    quint64 posted = 0;
    quint64 finished = 0;
    bool quit = false;
    bool threadDone = false;
    bool abandoned = false;
    bool cancelled = false;
    StatementSlot slot;
    QString connectionName;
    std::thread thread;
};

namespace {

void closeConnection(const QString &name)
{
    if (!QSqlDatabase::contains(name))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

void workerLoop(const std::shared_ptr<GuardedWorker> &w)
{
    std::unique_lock lock(w->mutex);
    for (;;) {
        w->cv.wait(lock, [&] { return bool(w->job) || w->quit; });
        if (w->job) {
            std::function<void()> job = std::move(w->job);
            w->job = nullptr;
            lock.unlock();
            {
                CallScope call;
                job();
            }
            lock.lock();
            ++w->finished;
            w->cv.notify_all();
            continue;
        }
        break;
    }
    lock.unlock();
    {
        CallScope call;
        closeConnection(w->connectionName);
    }
    lock.lock();
    w->threadDone = true;
    if (w->abandoned)
        --s_abandoned;
    w->cv.notify_all();
}

quint64 post(GuardedWorker *w, std::function<void()> job)
{
    w->slot.reset();
    std::lock_guard lock(w->mutex);
    w->cancelled = false;
    w->job = std::move(job);
    w->cv.notify_all();
    return ++w->posted;
}

QList<QVariantList> readRows(QSqlQuery &query, int columns)
{
    QList<QVariantList> rows;
    while (query.next()) {
        QVariantList row;
        row.reserve(columns);
        for (int i = 0; i < columns; ++i)
            row.append(query.value(i));
        rows.append(row);
    }
    return rows;
}

QueryResult failureOf(const QSqlQuery &query)
{
    return QueryResult::failure(OdbcCatalogReader::driverMessage(query.lastError()), query.lastError().nativeErrorCode());
}

/// Clears the slot before the query (declared earlier) frees its statement handle.
struct SlotScope
{
    StatementSlot &slot;
    ~SlotScope() { slot.clear(); }
};

} // namespace

// --- StatementSlot ---------------------------------------------------------------------------

bool StatementSlot::set(void *statementHandle)
{
    std::lock_guard lock(m_mutex);
    m_statement = statementHandle;
    m_cancelSent = false;
    return !m_cancelRequested;
}

void StatementSlot::clear()
{
    std::lock_guard lock(m_mutex);
    m_statement = nullptr;
}

void StatementSlot::cancel()
{
    std::lock_guard lock(m_mutex);
    m_cancelRequested = true;
    if (m_statement && !m_cancelSent) {
        m_cancelSent = true;
        SQLCancel(static_cast<SQLHSTMT>(m_statement));
    }
}

bool StatementSlot::cancelRequested() const
{
    std::lock_guard lock(m_mutex);
    return m_cancelRequested;
}

void StatementSlot::reset()
{
    std::lock_guard lock(m_mutex);
    m_cancelRequested = false;
}

// --- GuardedConnection -----------------------------------------------------------------------

GuardedConnection::GuardedConnection(QString connectionString, QString serverLabel, QString driver)
    : m_connectionString(std::move(connectionString))
    , m_serverLabel(std::move(serverLabel))
    , m_driver(std::move(driver))
{
}

GuardedConnection::~GuardedConnection()
{
    close();
}

int GuardedConnection::abandonedThreadCount()
{
    return s_abandoned.load();
}

int GuardedConnection::callsInProgress()
{
    return s_callsInProgress.load();
}

QString GuardedConnection::noAnswerText(const QString &server, int seconds, bool connecting,
                                        const QString &connectionString)
{
    QString text = connecting
        ? QStringLiteral("No answer from server %1 within %2 s; the driver did not give up — the connection attempt "
                         "was abandoned (it may finish in the background).")
        : QStringLiteral("No answer from server %1 within %2 s; the driver did not give up after the statement was "
                         "cancelled — the connection was abandoned and will be opened again.");
    text = text.arg(server).arg(seconds);
    const QString driverName = OdbcConnectionString::value(connectionString, QStringLiteral("Driver"));
    if (connecting && OdbcConnectionString::familyOf(driverName) == OdbcDriverFamily::FreeTds
        && OdbcConnectionString::value(connectionString, QStringLiteral("TDS_Version")).isEmpty())
        text += QStringLiteral(" FreeTDS without TDS_Version can retry without end: add TDS_Version=7.4.");
    else if (connecting)
        text += QStringLiteral(" Check that a SQL Server listens at this address and port.");
    return text;
}

std::shared_ptr<GuardedWorker> GuardedConnection::worker(bool create)
{
    std::lock_guard lock(m_mutex);
    if (!m_worker && create) {
        auto w = std::make_shared<GuardedWorker>();
        w->connectionName = QStringLiteral("bs-guarded-%1").arg(s_serial.fetchAndAddRelaxed(1));
        w->thread = std::thread([w] { workerLoop(w); });
        m_worker = w;
    }
    return m_worker;
}

void GuardedConnection::abandon(const std::shared_ptr<GuardedWorker> &w)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_worker == w) {
            m_worker.reset();
            m_open = false;
        }
    }
    {
        std::lock_guard lock(w->mutex);
        w->quit = true;
        if (!w->threadDone && !w->abandoned) {
            w->abandoned = true;
            ++s_abandoned;
        }
        w->cv.notify_all();
    }
    // Never joined: the thread ends by itself if the driver ever returns.
    if (w->thread.joinable())
        w->thread.detach();
}

void GuardedConnection::close()
{
    std::shared_ptr<GuardedWorker> w;
    {
        std::lock_guard lock(m_mutex);
        w.swap(m_worker);
        m_open = false;
    }
    if (!w)
        return;
    std::unique_lock lock(w->mutex);
    w->quit = true;
    w->cv.notify_all();
    const bool done = w->cv.wait_for(lock, std::chrono::milliseconds(m_closeWaitMs), [&] { return w->threadDone; });
    lock.unlock();
    if (done) {
        if (w->thread.joinable())
            w->thread.join();
        return;
    }
    abandon(w);
}

bool GuardedConnection::isOpen() const
{
    std::lock_guard lock(m_mutex);
    return m_open;
}

bool GuardedConnection::open(int loginTimeoutSeconds, const QString &connectOptions, QString *error)
{
    close();
    const std::shared_ptr<GuardedWorker> w = worker(true);
    auto result = std::make_shared<std::pair<bool, QString>>(false, QString());
    const int timeout = std::max(1, loginTimeoutSeconds);
    QString options = connectOptions;
    if (m_driver == QLatin1String("QODBC") && !options.contains(QLatin1String("SQL_ATTR_LOGIN_TIMEOUT"))) {
        options.prepend(QStringLiteral("SQL_ATTR_LOGIN_TIMEOUT=%1%2").arg(timeout).arg(options.isEmpty() ? QString() : QStringLiteral(";")));
    }
    const quint64 ticket = post(w.get(), [name = w->connectionName, driver = m_driver, cs = m_connectionString,
                                          options, result] {
        QSqlDatabase db = QSqlDatabase::addDatabase(driver, name);
        installExitGuard();
        if (!db.isValid()) {
            result->second = QStringLiteral("Qt's SQL driver %1 is not installed.").arg(driver);
            return;
        }
        db.setDatabaseName(cs);
        db.setConnectOptions(options);
        if (!db.open()) {
            result->second = OdbcCatalogReader::driverMessage(db.lastError());
            if (result->second.isEmpty())
                result->second = QStringLiteral("The ODBC driver refused the connection without a message.");
            return;
        }
        result->first = true;
    });
    QString why;
    const Outcome outcome = wait(w, ticket, timeout * 1000 + m_slackMs, true, timeout, &why);
    if (outcome != Outcome::Ok) {
        if (error)
            *error = why;
        if (outcome != Outcome::Abandoned)
            close();
        return false;
    }
    if (!result->first) {
        if (error)
            *error = result->second;
        close();
        return false;
    }
    std::lock_guard lock(m_mutex);
    m_open = true;
    return true;
}

GuardedConnection::Outcome GuardedConnection::run(Work work, int timeoutSeconds, QString *error)
{
    const std::shared_ptr<GuardedWorker> w = worker(false);
    if (!w || !isOpen()) {
        if (error)
            *error = QStringLiteral("The connection to %1 is not open.").arg(m_serverLabel);
        return Outcome::Abandoned;
    }
    GuardedWorker *raw = w.get();
    const quint64 ticket = post(raw, [raw, work = std::move(work)] {
        QSqlDatabase db = QSqlDatabase::database(raw->connectionName, false);
        work(db, raw->slot);
    });
    const int timeout = std::max(1, timeoutSeconds);
    return wait(w, ticket, timeout * 1000 + m_slackMs, false, timeout, error);
}

GuardedConnection::Outcome GuardedConnection::wait(const std::shared_ptr<GuardedWorker> &w, quint64 ticket,
                                                   int deadlineMs, bool connecting, int timeoutSeconds, QString *error)
{
    using namespace std::chrono;
    std::unique_lock lock(w->mutex);
    auto done = [&] { return w->finished >= ticket; };
    const bool woke = w->cv.wait_for(lock, milliseconds(deadlineMs), [&] { return done() || w->cancelled; });
    if (woke && done())
        return w->cancelled ? Outcome::Cancelled : Outcome::Ok;
    const bool cancelledByUser = woke;
    if (!connecting) {
        // The statement is cancelled on the server (SQLCancel sends an attention); give the driver
        // a moment to return with the cancellation.
        lock.unlock();
        w->slot.cancel();
        lock.lock();
        if (w->cv.wait_for(lock, milliseconds(m_graceMs), done)) {
            if (error) {
                *error = cancelledByUser ? QStringLiteral("Cancelled.")
                                         : QStringLiteral("No answer from server %1 within %2 s: the statement was "
                                                          "cancelled.")
                                               .arg(m_serverLabel)
                                               .arg(timeoutSeconds);
            }
            return cancelledByUser ? Outcome::Cancelled : Outcome::TimedOut;
        }
    }
    lock.unlock();
    abandon(w);
    if (error) {
        *error = cancelledByUser && connecting
            ? QStringLiteral("Cancelled; the connection attempt to %1 was abandoned.").arg(m_serverLabel)
            : noAnswerText(m_serverLabel, timeoutSeconds, connecting, m_connectionString);
    }
    return Outcome::Abandoned;
}

void GuardedConnection::cancel()
{
    const std::shared_ptr<GuardedWorker> w = worker(false);
    if (!w)
        return;
    {
        std::lock_guard lock(w->mutex);
        if (w->finished >= w->posted)
            return; // nothing running
        w->cancelled = true;
        w->cv.notify_all();
    }
    w->slot.cancel();
}

QList<QueryResult> GuardedConnection::queryAll(const QString &text, int timeoutSeconds, Outcome *outcome)
{
    auto results = std::make_shared<QList<QueryResult>>();
    QString why;
    const Outcome o = run(
        [text, timeoutSeconds, results](QSqlDatabase &db, StatementSlot &slot) {
            QSqlQuery query(db);
            SlotScope scope{slot};
            query.setForwardOnly(true);
            // The driver's own timeout goes on the prepared statement's handle, before it runs:
            // QODBC keeps that handle for exec() (a no-op with other Qt SQL drivers).
            if (!query.prepare(text)) {
                results->append(failureOf(query));
                return;
            }
            setOdbcQueryTimeout(query, timeoutSeconds);
            if (!slot.set(odbcStatementHandle(query))) {
                results->append(QueryResult::failure(QStringLiteral("Cancelled."), QStringLiteral("HY008")));
                return;
            }
            if (!query.exec()) {
                results->append(failureOf(query));
                return;
            }
            do {
                QueryResult r;
                const QSqlRecord record = query.record();
                if (record.isEmpty() && !query.lastError().isValid())
                    continue; // a statement without a result set (SET, or a row count)
                for (int i = 0; i < record.count(); ++i)
                    r.columns.append(record.fieldName(i));
                r.rows = readRows(query, int(record.count()));
                if (query.lastError().isValid()) {
                    results->append(failureOf(query));
                    return;
                }
                results->append(r);
            } while (query.nextResult());
            // An error raised by a later statement of the batch surfaces here.
            if (query.lastError().isValid())
                results->append(failureOf(query));
        },
        timeoutSeconds, &why);
    if (outcome)
        *outcome = o;
    if (o == Outcome::Ok)
        return *results;
    // 08S01 (communication link failure) for an abandoned connection: callers reconnect on class 08.
    const QString state = o == Outcome::Abandoned ? QStringLiteral("08S01")
        : o == Outcome::Cancelled                 ? QStringLiteral("HY008")
                                                  : QStringLiteral("HYT00");
    return {QueryResult::failure(why, state)};
}

QueryResult GuardedConnection::query(const QString &text, int timeoutSeconds, Outcome *outcome)
{
    const QList<QueryResult> all = queryAll(text, timeoutSeconds, outcome);
    if (all.isEmpty())
        return QueryResult::failure(QStringLiteral("The statement returned no result."));
    // A failure anywhere in the batch is the statement's failure.
    for (const QueryResult &r : all) {
        if (r.failed)
            return r;
    }
    return all.constFirst();
}

} // namespace bs
