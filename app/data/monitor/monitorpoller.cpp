#include "data/monitor/monitorpoller.h"

#include "data/monitor/sampleassembler.h"
#include "data/odbchandle.h"
#include "data/querylibrary.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QSqlResult>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <algorithm>

namespace bs {

namespace {

QList<QVariantMap> readRows(QSqlQuery &query)
{
    QList<QVariantMap> rows;
    while (query.next()) {
        const QSqlRecord rec = query.record();
        QVariantMap row;
        for (int i = 0; i < rec.count(); ++i)
            row.insert(rec.fieldName(i).toLower(), rec.value(i));
        rows.append(row);
    }
    return rows;
}

} // namespace

MonitorPoller::MonitorPoller(QString connectionString, QObject *parent)
    : QObject(parent)
    , m_connectionString(std::move(connectionString))
    , m_connectionName(QStringLiteral("bs-monitor-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

MonitorPoller::~MonitorPoller()
{
    closeDatabase();
}

int MonitorPoller::clampInterval(int ms)
{
    return std::clamp(ms, MinIntervalMs, MaxIntervalMs);
}

int MonitorPoller::backoffSeconds(int failures)
{
    if (failures <= 1)
        return 1;
    const int exponent = std::min(failures - 1, 6);
    return std::min(1 << exponent, MaxBackoffSeconds);
}

bool MonitorPoller::isConnectionLost(const QString &nativeCode, const QString &message)
{
    if (nativeCode.startsWith(QLatin1String("08")))
        return true;
    const QString m = message.toLower();
    return m.contains(QLatin1String("communication link failure")) || m.contains(QLatin1String("connection is closed"))
        || m.contains(QLatin1String("connection is busy")) || m.contains(QLatin1String("not connected"))
        || m.contains(QLatin1String("server has gone away"));
}

void MonitorPoller::setIntervalMs(int ms)
{
    m_intervalMs = clampInterval(ms);
}

QString MonitorPoller::queryText(const QString &name) const
{
    const auto it = m_queryOverrides.constFind(name);
    return it != m_queryOverrides.cend() ? *it : QueryLibrary::text(name);
}

bool MonitorPoller::connectDatabase(QString *error)
{
    closeDatabase();
    QSqlDatabase db = QSqlDatabase::addDatabase(m_driver, m_connectionName);
    db.setDatabaseName(m_connectionString);
    if (m_driver == QLatin1String("QODBC"))
        db.setConnectOptions(QStringLiteral("SQL_ATTR_LOGIN_TIMEOUT=%1;SQL_ATTR_CONNECTION_TIMEOUT=%1").arg(m_queryTimeoutSeconds));
    if (!db.open()) {
        *error = db.lastError().text();
        return false;
    }
    m_connected = true;
    return true;
}

void MonitorPoller::closeDatabase()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connected = false;
}

void MonitorPoller::start()
{
    if (m_running)
        return;
    m_running = true;
    m_failures = 0;
    if (!m_timer) {
        m_timer = new QTimer(this);
        m_timer->setSingleShot(true);
        connect(m_timer, &QTimer::timeout, this, &MonitorPoller::round);
    }
    round();
}

void MonitorPoller::stop()
{
    m_running = false;
    if (m_timer)
        m_timer->stop();
    closeDatabase();
    m_previous.reset();
    Q_EMIT statusChanged(tr("Stopped"));
}

void MonitorPoller::sampleNow()
{
    if (m_running && !m_inRound) {
        m_timer->stop();
        round();
    }
}

void MonitorPoller::round()
{
    if (!m_running || m_inRound || QThread::currentThread()->isInterruptionRequested())
        return;
    m_inRound = true;
    // Stamped before the interval starts counting, so that two client-clock stamps are never
    // closer than the schedule (less the coarse timer's 5 %), however late this thread runs.
    const QDateTime started = QDateTime::currentDateTimeUtc();
    QElapsedTimer clock;
    clock.start();

    if (!m_connected) {
        Q_EMIT statusChanged(tr("Connecting…"));
        QString error;
        if (!connectDatabase(&error)) {
            m_inRound = false;
            Q_EMIT sampleMissed(started, error);
            Q_EMIT roundFinished(clock.elapsed());
            scheduleReconnect(error);
            return;
        }
        m_failures = 0;
        m_previous.reset(); // rates across a reconnect could span a server restart
        Q_EMIT statusChanged(tr("Connected"));
    }

    SampleAssembler assembler(started);
    assembler.setCatalog(m_catalog);
    QString lost;
    {
    // Scoped so that no handle to the connection is alive when a lost connection is removed.
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    for (const QString &name : SampleAssembler::queryNames()) {
        if (QThread::currentThread()->isInterruptionRequested() || !m_running)
            break;
        const QString text = queryText(name);
        if (text.isEmpty()) {
            assembler.addFailure(name, tr("The query %1 is missing from this build.").arg(name));
            continue;
        }
        QSqlQuery query(db);
        query.setForwardOnly(true);
        bool ok = query.prepare(text);
        if (ok) {
            // QODBC keeps the prepared statement's handle for exec(), so the timeout set in
            // between applies to this execution (a no-op with drivers other than QODBC).
            setOdbcQueryTimeout(query, m_queryTimeoutSeconds);
            ok = query.exec();
        }
        if (!ok) {
            const QSqlError e = query.lastError();
            if (isConnectionLost(e.nativeErrorCode(), e.text()) || !db.isOpen()) {
                lost = e.text();
                break;
            }
            assembler.addFailure(name, e.text(), e.nativeErrorCode());
            continue;
        }
        assembler.addRows(name, readRows(query));
    }
    }
    m_inRound = false;
    if (!m_running || QThread::currentThread()->isInterruptionRequested())
        return;
    if (!lost.isEmpty()) {
        closeDatabase();
        Q_EMIT sampleMissed(started, lost);
        Q_EMIT roundFinished(clock.elapsed());
        scheduleReconnect(lost);
        return;
    }
    MonitorSample sample = assembler.finish(m_previous ? &*m_previous : nullptr);
    m_previous = sample;
    Q_EMIT sampleReady(sample);
    Q_EMIT roundFinished(clock.elapsed());
    scheduleNext(clock.elapsed());
}

void MonitorPoller::scheduleNext(qint64 elapsedMs)
{
    // Measured from the start of the round; a round longer than the interval starts the next at once.
    const qint64 wait = std::max<qint64>(0, m_intervalMs - elapsedMs);
    Q_EMIT statusChanged(tr("Sampling every %1 s (last round %2 ms)").arg(m_intervalMs / 1000.0).arg(elapsedMs));
    m_timer->start(int(wait));
}

void MonitorPoller::scheduleReconnect(const QString &reason)
{
    ++m_failures;
    const int seconds = backoffSeconds(m_failures);
    Q_EMIT statusChanged(tr("Reconnecting in %1 s: %2").arg(seconds).arg(reason));
    m_timer->start(seconds * 1000);
}

} // namespace bs
