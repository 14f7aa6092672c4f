#include "data/monitor/monitorpoller.h"

#include "data/monitor/sampleassembler.h"
#include "data/odbc/odbcconnectionstring.h"
#include "data/querylibrary.h"

#include <QThread>
#include <QTimer>

#include <algorithm>

namespace bs {

MonitorPoller::MonitorPoller(QString connectionString, QObject *parent)
    : QObject(parent)
    , m_connectionString(std::move(connectionString))
    , m_connection(std::make_unique<GuardedConnection>(m_connectionString, OdbcConnectionString::describe(m_connectionString)))
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

int MonitorPoller::partBackoffRounds(int timeouts)
{
    if (timeouts <= 1)
        return 1;
    return std::min(1 << std::min(timeouts - 1, 10), MaxPartBackoffRounds);
}

bool MonitorPoller::isTimeout(const QString &nativeCode, const QString &message)
{
    if (nativeCode == QLatin1String("HYT00") || nativeCode == QLatin1String("1222"))
        return true;
    const QString m = message.toLower();
    return m.contains(QLatin1String("timeout expired")) || m.contains(QLatin1String("lock request time out"));
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

void MonitorPoller::setDriver(const QString &driver)
{
    m_driver = driver;
    // The one-batch sample is T-SQL (sp_executesql, TRY...CATCH): other drivers read part by part.
    m_batchedRounds = m_batched = driver == QLatin1String("QODBC");
    m_connection = std::make_unique<GuardedConnection>(m_connectionString, OdbcConnectionString::describe(m_connectionString),
                                                       driver);
}

void MonitorPoller::abortRound()
{
    m_aborting = true;
    m_connection->cancel();
}

void MonitorPoller::retire()
{
    m_retired = true;
    abortRound();
}

void MonitorPoller::setIntervalMs(int ms)
{
    m_intervalMs = clampInterval(ms);
    // Between rounds (not while reconnecting), a shorter interval takes effect at once, but never
    // below what the server time share allows after the last round.
    const qint64 effective = m_policy.stretchedIntervalMs(m_intervalMs, m_lastRoundMs, MaxIntervalMs);
    if (m_timer && m_timer->isActive() && m_failures == 0 && m_timer->remainingTime() > effective)
        m_timer->start(int(effective));
}

QString MonitorPoller::queryText(const QString &name) const
{
    const auto it = m_queryOverrides.constFind(name);
    return it != m_queryOverrides.cend() ? *it : QueryLibrary::text(name);
}

bool MonitorPoller::connectDatabase(QString *error)
{
    closeDatabase();
    // Connect and every statement run on the guarded connection's thread with a deadline of ours
    // (GuardedConnection): a driver that ignores its timeouts cannot hold this thread for longer.
    const QString options = m_driver == QLatin1String("QODBC")
        ? QStringLiteral("SQL_ATTR_CONNECTION_TIMEOUT=%1").arg(m_queryTimeoutSeconds)
        : QString();
    if (!m_connection->open(m_queryTimeoutSeconds, options, error))
        return false;
    m_connected = true;
    return true;
}

void MonitorPoller::closeDatabase()
{
    m_connection->close();
    m_connected = false;
}

void MonitorPoller::start()
{
    if (m_running || m_retired)
        return;
    m_running = true;
    m_aborting = false;
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

void MonitorPoller::censusNow()
{
    m_census.requestCensus();
    sampleNow();
}

void MonitorPoller::round()
{
    if (!m_running || m_inRound || m_retired || QThread::currentThread()->isInterruptionRequested())
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
        m_batched = m_batchedRounds; // a new connection (or server) may run the one-batch sample again
        Q_EMIT statusChanged(tr("Connected"));
    }

    SampleAssembler assembler(started);
    assembler.setCatalog(m_catalog);
    // The parts due this round: not missing, not sitting out a backoff, the census parts only
    // when the census rule (or "Census now") says so.
    const bool census = m_census.decide(started, m_intervalMs);
    QStringList due;
    for (const QString &name : SampleAssembler::queryNames()) {
        if (queryText(name).isEmpty()) {
            assembler.addFailure(name, tr("The query %1 is missing from this build.").arg(name));
            continue;
        }
        if (!census && (name == CensusScheduler::EndpointsPart || name == CensusScheduler::TransmissionPart))
            continue; // marked "not due" on the sample below (CensusScheduler::dropBreakdown)
        PartBackoff &backoff = m_partBackoff[name];
        if (backoff.skipRounds > 0) {
            --backoff.skipRounds;
            assembler.addFailure(name, tr("Not read this round: it timed out %n time(s) in a row; it is tried again "
                                          "in %1 round(s) so as not to add to a struggling server's load.",
                                          nullptr, backoff.timeouts)
                                           .arg(backoff.skipRounds + 1));
            continue;
        }
        due.append(name);
    }
    QString lost;
    bool stopped = false;
    // One round trip for every due part when the connection can (sql/sample/batch.sql); what the
    // batch did not answer is read one statement per part.
    const QStringList rest = m_batched && due.size() > 1 ? readBatch(due, assembler, &lost, &stopped) : due;
    for (const QString &name : rest) {
        if (stopped || !lost.isEmpty() || QThread::currentThread()->isInterruptionRequested() || !m_running
            || m_aborting)
            break;
        GuardedConnection::Outcome outcome = GuardedConnection::Outcome::Ok;
        const QueryResult result = m_connection->query(queryText(name), m_queryTimeoutSeconds, &outcome);
        ++m_statementsSent;
        takePart(name, result, outcome, assembler, &lost, &stopped);
    }
    m_inRound = false;
    if (!m_running || m_aborting || QThread::currentThread()->isInterruptionRequested())
        return;
    if (!lost.isEmpty()) {
        closeDatabase();
        Q_EMIT sampleMissed(started, lost);
        Q_EMIT roundFinished(clock.elapsed());
        scheduleReconnect(lost);
        return;
    }
    MonitorSample sample = assembler.finish(m_previous ? &*m_previous : nullptr);
    if (!census)
        m_census.dropBreakdown(sample, m_intervalMs);
    m_census.note(sample, census, started);
    m_previous = sample;
    Q_EMIT sampleReady(sample);
    Q_EMIT roundFinished(clock.elapsed());
    scheduleNext(clock.elapsed());
}

QStringList MonitorPoller::readBatch(const QStringList &parts, SampleAssembler &assembler, QString *lost, bool *stopped)
{
    const QString batch = SampleAssembler::batchText(parts, [this](const QString &name) { return queryText(name); });
    if (batch.isEmpty()) {
        m_batched = false;
        return parts;
    }
    GuardedConnection::Outcome outcome = GuardedConnection::Outcome::Ok;
    const QList<QueryResult> sets = m_connection->queryAll(batch, m_queryTimeoutSeconds, &outcome);
    ++m_statementsSent;
    if (!sets.isEmpty() && sets.constLast().failed) {
        const QueryResult &failure = sets.constLast();
        if (outcome == GuardedConnection::Outcome::Cancelled) {
            *stopped = true;
            return {};
        }
        if (outcome == GuardedConnection::Outcome::Abandoned || isConnectionLost(failure.nativeCode, failure.errorText)
            || !m_connection->isOpen()) {
            *lost = failure.errorText;
            return {};
        }
        // The batch as a whole failed (it timed out, or this driver or server cannot run it):
        // from now on one statement per part, so that one slow part stays its own problem.
        m_batched = false;
        Q_EMIT statusChanged(tr("Reading part by part from now on: the one-batch sample failed (%1)")
                                 .arg(failure.errorText));
        if (isTimeout(failure.nativeCode, failure.errorText)) {
            for (const QString &name : parts)
                takePart(name, failure, outcome, assembler, lost, stopped);
            return {};
        }
        return parts;
    }
    const QHash<QString, QueryResult> byPart = SampleAssembler::splitBatchResults(sets, parts);
    QStringList missing;
    for (const QString &name : parts) {
        const auto it = byPart.constFind(name);
        if (it == byPart.cend())
            missing.append(name);
        else
            takePart(name, *it, outcome, assembler, lost, stopped);
    }
    if (!missing.isEmpty())
        m_batched = false; // an answer without every part: this driver does not read them all
    return missing;
}

void MonitorPoller::takePart(const QString &name, const QueryResult &result, GuardedConnection::Outcome outcome,
                             SampleAssembler &assembler, QString *lost, bool *stopped)
{
    if (outcome == GuardedConnection::Outcome::Cancelled) {
        *stopped = true; // abortRound(): the round is being stopped
        return;
    }
    PartBackoff &backoff = m_partBackoff[name];
    if (result.failed && isTimeout(result.nativeCode, result.errorText)) {
        ++backoff.timeouts;
        backoff.skipRounds = partBackoffRounds(backoff.timeouts);
    } else {
        backoff = {};
    }
    if (!result.failed) {
        assembler.addRows(name, result.rowMaps(true));
        return;
    }
    if (outcome == GuardedConnection::Outcome::Abandoned || isConnectionLost(result.nativeCode, result.errorText)
        || !m_connection->isOpen()) {
        *lost = result.errorText;
        return;
    }
    assembler.addFailure(name, result.errorText, result.nativeCode);
}

void MonitorPoller::scheduleNext(qint64 elapsedMs)
{
    // Measured from the start of the round, and stretched so that sampling takes at most the
    // server time share (SamplingPolicy): a slow round never starts the next one at once.
    m_lastRoundMs = elapsedMs;
    m_effectiveIntervalMs = m_policy.stretchedIntervalMs(m_intervalMs, elapsedMs, MaxIntervalMs);
    const qint64 wait = std::max<qint64>(0, m_effectiveIntervalMs - elapsedMs);
    const QString text = m_policy.describeTimeShare(m_intervalMs, m_effectiveIntervalMs, elapsedMs);
    Q_EMIT statusChanged(text.left(1).toUpper() + text.mid(1));
    Q_EMIT samplingPaced(m_intervalMs, m_effectiveIntervalMs, elapsedMs);
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
