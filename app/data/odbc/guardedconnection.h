#pragma once

#include "data/odbc/queryresult.h"

#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>

class QSqlDatabase;

namespace bs {

struct GuardedWorker;

/// Where a running statement's ODBC handle is published, so that another thread can cancel it:
/// SQLCancel is the one ODBC function documented as callable from a second thread on a statement
/// that is executing synchronously (learn.microsoft.com/sql/odbc/reference/syntax/sqlcancel-function,
/// "Canceling Functions in Multithread Applications"). The owner of the handle clears the slot
/// before it frees the handle; cancel() holds the same lock, so it never sees a freed handle.
class StatementSlot
{
public:
    /// Publishes the handle; false when a cancel was asked for before it (do not execute then).
    bool set(void *statementHandle);
    void clear();
    /// SQLCancel on the published handle (if any), once per statement; later set() calls return
    /// false. A second SQLCancel could land after the driver returned, while the driver manager
    /// reads the statement's diagnostics, and FreeTDS then resets them under it (a crash seen in
    /// tst_guardedconnection): a user's cancel followed by our deadline sends one attention only.
    void cancel();
    bool cancelRequested() const;
    /// Forgets an earlier cancel, before the next call.
    void reset();

private:
    mutable std::mutex m_mutex;
    void *m_statement = nullptr;
    bool m_cancelRequested = false;
    bool m_cancelSent = false; ///< SQLCancel already called on m_statement
};

/// One database connection whose every blocking call (connect, statement, disconnect) runs on a
/// thread of its own and is waited for with a deadline of ours, whether or not the ODBC driver
/// honours SQL_ATTR_LOGIN_TIMEOUT and SQL_ATTR_QUERY_TIMEOUT (FreeTDS without TDS_Version loops for
/// minutes on a server that accepts TCP and never answers; issue #11).
///
/// - A connect not back by its login timeout plus a second is abandoned at once (there is no
///   statement handle to cancel).
/// - A statement not back by its timeout plus a second is cancelled (SQLCancel); if it is still not
///   back after a short grace, the connection is abandoned.
/// - Abandoned: the worker thread is left to finish on its own (never joined; it closes its
///   connection if the driver ever returns); the process-wide registry counts it and, at exit,
///   ends the process before static destructors could pull the driver from under it.
///
/// Use it from one thread (any thread but the GUI thread: calls block for up to their deadline);
/// cancel() may be called from any thread. Everything a call's work captures must be captured by
/// value: after an abandon, the work may still run while the caller has moved on.
class GuardedConnection
{
public:
    enum class Outcome {
        Ok,        ///< the call returned (it may still carry the driver's error)
        TimedOut,  ///< cancelled at our deadline; the connection is still usable
        Cancelled, ///< cancel() was called; the connection is still usable
        Abandoned, ///< the driver did not return: connection abandoned, open() again to reconnect
    };

    /// `connectionString` is what QSqlDatabase::setDatabaseName() takes (OdbcConnectionString::forQodbc);
    /// `serverLabel` names the server in error texts.
    GuardedConnection(QString connectionString, QString serverLabel, QString driver = QStringLiteral("QODBC"));
    /// Closes on the worker thread, waiting at most closeWaitMs; never longer.
    ~GuardedConnection();
    GuardedConnection(const GuardedConnection &) = delete;
    GuardedConnection &operator=(const GuardedConnection &) = delete;

    /// Connects within loginTimeoutSeconds (plus slack). `connectOptions` go to setConnectOptions()
    /// (SQL_ATTR_LOGIN_TIMEOUT is added for QODBC). false with the driver's or our text.
    bool open(int loginTimeoutSeconds, const QString &connectOptions, QString *error);
    void close();
    bool isOpen() const;

    /// Runs `work` on the connection's thread with its QSqlDatabase and the statement slot, waiting
    /// until timeoutSeconds (plus slack) have passed. The work must publish its statement handle in
    /// the slot around the execution (see query()).
    using Work = std::function<void(QSqlDatabase &db, StatementSlot &slot)>;
    Outcome run(Work work, int timeoutSeconds, QString *error);

    /// A query with SQL_ATTR_QUERY_TIMEOUT and our deadline: every result set it returns, in order
    /// (QSqlQuery::nextResult); results without columns (a SET, a row count) are skipped. On a
    /// failure the list ends with one failed QueryResult.
    QList<QueryResult> queryAll(const QString &text, int timeoutSeconds, Outcome *outcome = nullptr);
    /// The first result set of queryAll().
    QueryResult query(const QString &text, int timeoutSeconds, Outcome *outcome = nullptr);

    /// Thread-safe: cancels the running statement (SQLCancel); the waiting call returns Cancelled,
    /// or abandons the connection when the driver does not return within the grace period.
    void cancel();

    /// Slack added to the driver's timeouts before our deadline, and the grace after SQLCancel.
    void setSlackMs(int ms) { m_slackMs = ms; }
    void setGraceMs(int ms) { m_graceMs = ms; }
    void setCloseWaitMs(int ms) { m_closeWaitMs = ms; }
    QString serverLabel() const { return m_serverLabel; }

    /// "No answer from server X within N s; the driver did not give up — …".
    static QString noAnswerText(const QString &server, int seconds, bool connecting, const QString &connectionString);

    /// Worker threads abandoned inside a driver call and not yet returned (process-wide).
    static int abandonedThreadCount();
    /// Worker threads currently inside a driver call (process-wide).
    static int callsInProgress();

private:
    Outcome wait(const std::shared_ptr<GuardedWorker> &worker, quint64 ticket, int deadlineMs, bool connecting,
                 int timeoutSeconds, QString *error);
    std::shared_ptr<GuardedWorker> worker(bool create);
    void abandon(const std::shared_ptr<GuardedWorker> &worker);

    QString m_connectionString;
    QString m_serverLabel;
    QString m_driver;
    int m_slackMs = 1000;
    int m_graceMs = 2000;
    int m_closeWaitMs = 1000;
    mutable std::mutex m_mutex;
    std::shared_ptr<GuardedWorker> m_worker;
    bool m_open = false;
};

} // namespace bs
