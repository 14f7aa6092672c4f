#include "data/history/historystore.h"

#include "core/series/serieskey.h"

#include "data/history/samplecodec.h"
#include "data/history/seriesbuilder.h"
#include "data/history/seriespoints.h"
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

const QString SchemaKey = QStringLiteral("schema");
// The time range of rows that may lack a points row (written by schema 1); absent when none.
const QString OldFromKey = QStringLiteral("old_rows_from_ms");
const QString OldToKey = QStringLiteral("old_rows_to_ms");
const QString Cancelled = QStringLiteral("cancelled");
// Rows between two progress reports: often enough for a smooth bar, rare enough to cost nothing.
constexpr qint64 ProgressEvery = 2048;

void bindRange(QSqlQuery &query, qint64 fromMs, qint64 toMs)
{
    query.bindValue(QStringLiteral(":from_ms"), fromMs);
    query.bindValue(QStringLiteral(":to_ms"), toMs);
}

qint64 countRows(const QSqlDatabase &db, const char *name, qint64 fromMs, qint64 toMs)
{
    QSqlQuery query(db);
    query.prepare(q(name));
    bindRange(query, fromMs, toMs);
    if (!query.exec() || !query.next())
        return 0;
    return query.value(0).toLongLong();
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
    m_keyIds.clear();
    for (const char *name : {"page_size", "journal_wal", "synchronous_normal", "create_meta", "create_samples", "create_alerts",
                             "create_alerts_index", "create_series_keys", "create_points"}) {
        if (!exec(QStringLiteral("history.") + QLatin1String(name))) {
            close();
            return false;
        }
    }
    if (!upgradeSchema()) {
        close();
        return false;
    }
    return true;
}

std::optional<QString> HistoryStore::meta(const QString &key) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(q("get_meta"));
    query.bindValue(QStringLiteral(":key"), key);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return query.value(0).toString();
}

bool HistoryStore::setMeta(const QString &key, const QString &value)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(q("set_meta"));
    query.bindValue(QStringLiteral(":key"), key);
    query.bindValue(QStringLiteral(":value"), value);
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return false;
    }
    return true;
}

std::optional<std::pair<qint64, qint64>> HistoryStore::oldRowRange() const
{
    const auto from = meta(OldFromKey);
    const auto to = meta(OldToKey);
    if (!from || !to)
        return std::nullopt;
    return std::pair{from->toLongLong(), to->toLongLong()};
}

bool HistoryStore::hasOldRows() const
{
    return oldRowRange().has_value();
}

// Schema 1 (or an older version that wrote into a schema-2 file and reset the marker to 1):
// note which rows may lack points rows, so series() reads them by decoding the samples. Nothing
// is rewritten here, so opening stays quick whatever the size of the file.
bool HistoryStore::upgradeSchema()
{
    const auto schema = meta(SchemaKey);
    if (schema && schema->toInt() >= SchemaVersion)
        return true;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    db.transaction();
    bool ok = true;
    std::optional<std::pair<qint64, qint64>> range;
    {
        QSqlQuery any(db);
        const bool hadPoints = any.exec(q("any_points")) && any.next() && any.value(0).toBool();
        any.finish();
        if (hadPoints)
            ok = exec(QStringLiteral("history.delete_orphan_points"));
        QSqlQuery missing(db);
        if (ok) {
            // Without any points row every sample is old: the two ends are two rowid lookups, not a scan.
            ok = missing.exec(q(hadPoints ? "samples_without_points_range" : "samples_first_last"));
            if (!ok)
                m_lastError = missing.lastError().text();
            else if (missing.next() && !missing.value(0).isNull())
                range = std::pair{missing.value(0).toLongLong(), missing.value(1).toLongLong()};
        }
    }
    if (ok && range) {
        if (const auto previous = oldRowRange())
            range = std::pair{std::min(range->first, previous->first), std::max(range->second, previous->second)};
        ok = setMeta(OldFromKey, QString::number(range->first)) && setMeta(OldToKey, QString::number(range->second));
    }
    ok = ok && setMeta(SchemaKey, QString::number(SchemaVersion));
    if (!ok) {
        db.rollback();
        return false;
    }
    return db.commit();
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
    return insertPoints(timeMs, sample);
}

int HistoryStore::keyId(const QString &key)
{
    if (const auto it = m_keyIds.constFind(key); it != m_keyIds.cend())
        return *it;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    // INSERT OR IGNORE, then read the id back: another connection may have added the key already.
    QSqlQuery insert(db);
    insert.prepare(q("insert_series_key"));
    insert.bindValue(QStringLiteral(":key"), key);
    QSqlQuery select(db);
    select.prepare(q("select_series_key_id"));
    select.bindValue(QStringLiteral(":key"), key);
    if (!insert.exec() || !select.exec() || !select.next()) {
        m_lastError = insert.lastError().text() + select.lastError().text();
        return -1;
    }
    const int id = select.value(0).toInt();
    m_keyIds.insert(key, id);
    return id;
}

bool HistoryStore::insertPoints(qint64 timeMs, const MonitorSample *sample)
{
    QByteArray data;
    if (sample) {
        std::vector<SeriesPoints::IdPoint> points;
        for (const SeriesPoints::Point &p : SeriesPoints::fromSample(*sample)) {
            const int id = keyId(p.key);
            if (id < 0)
                return false;
            points.push_back({id, p.value});
        }
        data = SeriesPoints::encode(points);
    } else {
        data = QByteArray(""); // not a null QByteArray: the column is NOT NULL
    }
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(q("insert_points"));
    query.bindValue(QStringLiteral(":time_ms"), timeMs);
    query.bindValue(QStringLiteral(":data"), data);
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
            // Ids handed out in the rolled-back transaction are gone; ask the file again.
            m_keyIds.clear();
            return false;
        }
    }
    return db.commit();
}

bool HistoryStore::appendGap(const QDateTime &time)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.isOpen()) {
        m_lastError = QStringLiteral("The history store is not open.");
        return false;
    }
    db.transaction();
    if (!insertSample(time.toMSecsSinceEpoch(), nullptr)) {
        db.rollback();
        return false;
    }
    return db.commit();
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
    return series(from, to, gapThresholdMs, {});
}

MonitorSeries HistoryStore::series(const QDateTime &from, const QDateTime &to, qint64 gapThresholdMs,
                                   const std::function<bool(qint64 done, qint64 total)> &progress) const
{
    m_lastError.clear();
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.isOpen()) {
        m_lastError = QStringLiteral("The history store is not open.");
        return MonitorSeries(gapThresholdMs);
    }
    const qint64 fromMs = from.toMSecsSinceEpoch();
    const qint64 toMs = to.toMSecsSinceEpoch();
    // One read transaction: the dictionary, the old-row marker and the rows come from one
    // snapshot, even while another connection appends.
    const bool snapshot = db.transaction();
    SeriesBuilder builder(gapThresholdMs);
    bool cancelled = false;
    {
        QSqlQuery keys(db);
        keys.setForwardOnly(true);
        if (keys.exec(q("select_series_keys"))) {
            while (keys.next())
                builder.setKey(keys.value(0).toInt(), keys.value(1).toString());
        }
        const auto old = oldRowRange();
        const bool withOldRows = old && old->first <= toMs && old->second >= fromMs;
        const qint64 total = countRows(db, withOldRows ? "count_samples" : "count_points", fromMs, toMs);
        cancelled = progress && !progress(0, total);
        QSqlQuery query(db);
        query.setForwardOnly(true);
        query.prepare(q(withOldRows ? "select_samples_or_points" : "select_points"));
        bindRange(query, fromMs, toMs);
        if (!cancelled && !query.exec())
            m_lastError = query.lastError().text();
        qint64 done = 0;
        while (!cancelled && query.isActive() && query.next()) {
            const qint64 t = query.value(0).toLongLong();
            const QVariant points = query.value(1);
            if (withOldRows && points.isNull()) {
                // A row from before schema 2: decode the whole sample, as the old path did.
                const QByteArray data = query.value(2).toByteArray();
                if (data.isEmpty())
                    builder.appendGap(t);
                else if (const auto s = SampleCodec::decode(data))
                    builder.appendSample(*s);
            } else {
                const QByteArray data = points.toByteArray();
                // A row that does not decode (a newer format, or damaged) is skipped, not fatal.
                if (data.isEmpty())
                    builder.appendGap(t);
                else
                    builder.appendRow(t, data);
            }
            if (++done % ProgressEvery == 0 && progress)
                cancelled = !progress(done, total);
        }
        if (!cancelled && progress && m_lastError.isEmpty())
            cancelled = !progress(done, std::max(done, total));
    }
    if (snapshot)
        db.commit();
    if (cancelled) {
        m_lastError = Cancelled;
        return MonitorSeries(gapThresholdMs);
    }
    return builder.take();
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
    static const std::array<QString, 4> keys{SeriesKey::endpointsTotal().toString(), SeriesKey::endpointsLeaked().toString(),
                                             SeriesKey::neverExpiring().toString(), SeriesKey::transmissionSize().toString()};
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
    // Old rows may lack points rows; then only the samples table knows.
    const bool old = hasOldRows();
    if (!query.exec(q(old ? "sample_range" : "count_sample_points")) || !query.next())
        return 0;
    return query.value(old ? 2 : 0).toLongLong();
}

std::optional<std::pair<QDateTime, QDateTime>> HistoryStore::timeRange() const
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery first(db);
    QSqlQuery last(db);
    if (!first.exec(q("sample_first_time")) || !first.next() || !last.exec(q("sample_last_time")) || !last.next())
        return std::nullopt;
    return std::pair{QDateTime::fromMSecsSinceEpoch(first.value(0).toLongLong(), Qt::UTC),
                     QDateTime::fromMSecsSinceEpoch(last.value(0).toLongLong(), Qt::UTC)};
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
    QSqlQuery pointsQuery(db);
    pointsQuery.prepare(q("delete_points_before"));
    pointsQuery.bindValue(QStringLiteral(":before_ms"), time.toMSecsSinceEpoch());
    // SQLite reports the rows changed by the connection's latest statement: read it at once.
    const bool samplesOk = samplesQuery.exec();
    const qint64 deleted = samplesOk ? samplesQuery.numRowsAffected() : 0;
    if (!samplesOk || !alertsQuery.exec() || !pointsQuery.exec()) {
        m_lastError = samplesQuery.lastError().text() + alertsQuery.lastError().text() + pointsQuery.lastError().text();
        db.rollback();
        return 0;
    }
    // Old rows that retention removed need no decoding any more.
    bool ok = true;
    if (const auto old = oldRowRange(); old && old->second < time.toMSecsSinceEpoch())
        ok = deleteMeta(OldFromKey) && deleteMeta(OldToKey);
    else if (old && old->first < time.toMSecsSinceEpoch())
        ok = setMeta(OldFromKey, QString::number(time.toMSecsSinceEpoch()));
    if (!ok) {
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

bool HistoryStore::deleteMeta(const QString &key)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(q("delete_meta"));
    query.bindValue(QStringLiteral(":key"), key);
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return false;
    }
    return true;
}

qint64 HistoryStore::convertOldRows(const std::function<bool(qint64 done, qint64 total)> &progress, int batch)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    auto range = oldRowRange();
    if (!db.isOpen() || !range)
        return 0;
    batch = std::max(1, batch);
    const qint64 total = countRows(db, "count_samples", range->first, range->second);
    qint64 done = 0;
    for (;;) {
        db.transaction();
        // Read the batch first, then write: no insert into points while a SELECT on it is open.
        QList<std::pair<qint64, QByteArray>> rows;
        {
            QSqlQuery select(db);
            select.setForwardOnly(true);
            select.prepare(q("select_samples_without_points"));
            bindRange(select, range->first, range->second);
            select.bindValue(QStringLiteral(":limit"), batch);
            if (!select.exec()) {
                m_lastError = select.lastError().text();
                db.rollback();
                return -1;
            }
            while (select.next())
                rows.append({select.value(0).toLongLong(), select.value(1).toByteArray()});
        }
        bool ok = true;
        for (const auto &[t, data] : std::as_const(rows)) {
            if (data.isEmpty()) {
                ok = insertPoints(t, nullptr);
            } else if (const auto s = SampleCodec::decode(data)) {
                ok = insertPoints(t, &*s);
            }
            // A sample that does not decode gets no points row; series() skipped it before too.
            if (!ok)
                break;
        }
        const bool finished = rows.size() < batch;
        if (ok) {
            if (finished) {
                ok = deleteMeta(OldFromKey) && deleteMeta(OldToKey);
            } else {
                range->first = rows.last().first + 1;
                ok = setMeta(OldFromKey, QString::number(range->first));
            }
        }
        if (!ok || !db.commit()) {
            if (m_lastError.isEmpty())
                m_lastError = db.lastError().text();
            db.rollback();
            m_keyIds.clear();
            return -1;
        }
        done += rows.size();
        if (progress && !progress(done, finished ? done : std::max(done, total)))
            break;
        if (finished)
            break;
    }
    return done;
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
