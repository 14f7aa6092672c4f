#include "data/history/historystore.h"

#include "data/history/samplecodec.h"
#include "data/querylibrary.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>
#include <QVariant>

#include <array>

namespace bs {

namespace {

QString q(const char *name)
{
    return QueryLibrary::text(QStringLiteral("history.") + QLatin1String(name));
}

} // namespace

HistoryStore::HistoryStore()
    : m_connectionName(QStringLiteral("bs-history-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

HistoryStore::~HistoryStore()
{
    close();
}

QString HistoryStore::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/history");
}

QString HistoryStore::pathForProfile(const QString &profileKey, const QString &directory)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]+"));
    QString readable = profileKey;
    readable.replace(unsafe, QStringLiteral("_"));
    readable = readable.left(40);
    const QByteArray hash = QCryptographicHash::hash(profileKey.toUtf8(), QCryptographicHash::Sha1).toHex().left(12);
    const QString dir = directory.isEmpty() ? defaultDirectory() : directory;
    return dir + QLatin1Char('/') + readable + QLatin1Char('-') + QString::fromLatin1(hash) + QStringLiteral(".sqlite");
}

bool HistoryStore::open(const QString &path)
{
    close();
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(path);
    // A writer in another process (a second window) waits instead of failing at once.
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open()) {
        m_lastError = db.lastError().text();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        return false;
    }
    m_path = path;
    for (const char *name : {"journal_wal", "synchronous_normal", "create_meta", "create_samples", "create_alerts", "create_alerts_index"}) {
        if (!exec(QStringLiteral("history.") + QLatin1String(name))) {
            close();
            return false;
        }
    }
    QSqlQuery meta(db);
    meta.prepare(q("set_meta"));
    meta.bindValue(QStringLiteral(":key"), QStringLiteral("schema"));
    meta.bindValue(QStringLiteral(":value"), QStringLiteral("1"));
    meta.exec();
    return true;
}

bool HistoryStore::openProfile(const QString &profileKey)
{
    return open(pathForProfile(profileKey));
}

void HistoryStore::close()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool HistoryStore::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName) && QSqlDatabase::database(m_connectionName, false).isOpen();
}

bool HistoryStore::exec(const QString &queryName)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(QueryLibrary::text(queryName))) {
        m_lastError = queryName + QStringLiteral(": ") + query.lastError().text();
        return false;
    }
    return true;
}

bool HistoryStore::insertSample(qint64 timeMs, const MonitorSample *sample)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(q("insert_sample"));
    query.bindValue(QStringLiteral(":time_ms"), timeMs);
    if (sample) {
        const bool endpointsOk = sample->isAvailable(QStringLiteral("monitor.endpoints"));
        const QVariant null;
        query.bindValue(QStringLiteral(":endpoints"), endpointsOk ? QVariant(sample->endpointCount()) : null);
        query.bindValue(QStringLiteral(":leaked"), endpointsOk ? QVariant(sample->leakedClosedCount()) : null);
        query.bindValue(QStringLiteral(":never_expiring"), endpointsOk ? QVariant(sample->neverExpiringCount()) : null);
        query.bindValue(QStringLiteral(":transmission"), sample->transmissionQueueSize);
        query.bindValue(QStringLiteral(":data"), SampleCodec::encode(*sample));
    } else {
        for (const char *name : {":endpoints", ":leaked", ":never_expiring", ":transmission"})
            query.bindValue(QLatin1String(name), QVariant());
        query.bindValue(QStringLiteral(":data"), QByteArray(""));
    }
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return false;
    }
    return true;
}

bool HistoryStore::append(const MonitorSample &sample)
{
    return append(QList<MonitorSample>{sample});
}

bool HistoryStore::append(const QList<MonitorSample> &samples)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.isOpen()) {
        m_lastError = QStringLiteral("The history store is not open.");
        return false;
    }
    db.transaction();
    for (const MonitorSample &s : samples) {
        if (!insertSample(s.time.toMSecsSinceEpoch(), &s)) {
            db.rollback();
            return false;
        }
    }
    return db.commit();
}

bool HistoryStore::appendGap(const QDateTime &time)
{
    return insertSample(time.toMSecsSinceEpoch(), nullptr);
}

QList<MonitorSample> HistoryStore::samples(const QDateTime &from, const QDateTime &to) const
{
    QList<MonitorSample> result;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    query.prepare(q("select_samples"));
    query.bindValue(QStringLiteral(":from_ms"), from.toMSecsSinceEpoch());
    query.bindValue(QStringLiteral(":to_ms"), to.toMSecsSinceEpoch());
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return result;
    }
    while (query.next()) {
        // A row that does not decode (written by a newer format, or damaged) is skipped, not fatal.
        if (auto s = SampleCodec::decode(query.value(1).toByteArray()))
            result.append(std::move(*s));
    }
    return result;
}

MonitorSeries HistoryStore::series(const QDateTime &from, const QDateTime &to, qint64 gapThresholdMs) const
{
    MonitorSeries result(gapThresholdMs);
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    query.prepare(q("select_samples"));
    query.bindValue(QStringLiteral(":from_ms"), from.toMSecsSinceEpoch());
    query.bindValue(QStringLiteral(":to_ms"), to.toMSecsSinceEpoch());
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return result;
    }
    while (query.next()) {
        const QByteArray data = query.value(1).toByteArray();
        if (data.isEmpty()) {
            result.appendGap(QDateTime::fromMSecsSinceEpoch(query.value(0).toLongLong(), Qt::UTC));
            continue;
        }
        if (const auto s = SampleCodec::decode(data))
            result.append(*s);
    }
    return result;
}

MonitorSeries HistoryStore::overview(const QDateTime &from, const QDateTime &to, qint64 gapThresholdMs) const
{
    MonitorSeries result(gapThresholdMs);
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    query.prepare(q("select_overview"));
    query.bindValue(QStringLiteral(":from_ms"), from.toMSecsSinceEpoch());
    query.bindValue(QStringLiteral(":to_ms"), to.toMSecsSinceEpoch());
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return result;
    }
    static const std::array<QString, 4> keys{QStringLiteral("endpoints.total"), QStringLiteral("endpoints.leaked"),
                                             QStringLiteral("endpoints.neverExpiring"), QStringLiteral("transmission.size")};
    while (query.next()) {
        const qint64 t = query.value(0).toLongLong();
        if (query.value(5).toLongLong() == 0) {
            result.appendGap(QDateTime::fromMSecsSinceEpoch(t, Qt::UTC));
            continue;
        }
        for (int k = 0; k < 4; ++k) {
            // NULL: the endpoints could not be read for that sample, a gap in those lines.
            const QVariant v = query.value(k + 1);
            result.appendValue(keys[size_t(k)], t, v.isNull() ? TimeSeries::Gap : v.toDouble());
        }
    }
    return result;
}

qint64 HistoryStore::sampleCount() const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(q("sample_range")) || !query.next())
        return 0;
    return query.value(2).toLongLong();
}

std::optional<std::pair<QDateTime, QDateTime>> HistoryStore::timeRange() const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(q("sample_range")) || !query.next() || query.value(0).isNull())
        return std::nullopt;
    return std::pair{QDateTime::fromMSecsSinceEpoch(query.value(0).toLongLong(), Qt::UTC),
                     QDateTime::fromMSecsSinceEpoch(query.value(1).toLongLong(), Qt::UTC)};
}

qint64 HistoryStore::pruneBefore(const QDateTime &time)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    db.transaction();
    QSqlQuery samplesQuery(db);
    samplesQuery.prepare(q("delete_samples_before"));
    samplesQuery.bindValue(QStringLiteral(":before_ms"), time.toMSecsSinceEpoch());
    QSqlQuery alertsQuery(db);
    alertsQuery.prepare(q("delete_alerts_before"));
    alertsQuery.bindValue(QStringLiteral(":before_ms"), time.toMSecsSinceEpoch());
    // SQLite reports the rows changed by the connection's latest statement: read it at once.
    const bool samplesOk = samplesQuery.exec();
    const qint64 deleted = samplesOk ? samplesQuery.numRowsAffected() : 0;
    if (!samplesOk || !alertsQuery.exec()) {
        m_lastError = samplesQuery.lastError().text() + alertsQuery.lastError().text();
        db.rollback();
        return 0;
    }
    db.commit();
    return deleted;
}

qint64 HistoryStore::applyRetention(int days, const QDateTime &now)
{
    return pruneBefore(now.addDays(-std::max(1, days)));
}

bool HistoryStore::saveAlert(const AlertLogEntry &entry)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(q("upsert_alert"));
    query.bindValue(QStringLiteral(":alert_key"), entry.alert.key);
    query.bindValue(QStringLiteral(":kind"), alertKindName(entry.alert.kind));
    query.bindValue(QStringLiteral(":raised_ms"), entry.raised.toMSecsSinceEpoch());
    query.bindValue(QStringLiteral(":cleared_ms"), entry.cleared ? QVariant(entry.cleared->toMSecsSinceEpoch()) : QVariant());
    query.bindValue(QStringLiteral(":data"), SampleCodec::encodeAlert(entry.alert));
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return false;
    }
    return true;
}

QList<AlertLogEntry> HistoryStore::alerts(const QDateTime &from, const QDateTime &to) const
{
    QList<AlertLogEntry> result;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    query.prepare(q("select_alerts"));
    query.bindValue(QStringLiteral(":from_ms"), from.toMSecsSinceEpoch());
    query.bindValue(QStringLiteral(":to_ms"), to.toMSecsSinceEpoch());
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return result;
    }
    while (query.next()) {
        const auto alert = SampleCodec::decodeAlert(query.value(2).toByteArray());
        if (!alert)
            continue;
        AlertLogEntry e;
        e.alert = *alert;
        e.raised = QDateTime::fromMSecsSinceEpoch(query.value(0).toLongLong(), Qt::UTC);
        if (!query.value(1).isNull())
            e.cleared = QDateTime::fromMSecsSinceEpoch(query.value(1).toLongLong(), Qt::UTC);
        result.append(e);
    }
    return result;
}

QString HistoryStore::integrityCheck() const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(q("integrity_check"))) {
        m_lastError = query.lastError().text();
        return m_lastError;
    }
    QStringList lines;
    while (query.next())
        lines.append(query.value(0).toString());
    return lines.join(QLatin1Char('\n'));
}

} // namespace bs
