#include "data/history/historystore.h"

#include "core/series/serieskey.h"

#include "data/history/historyconverter.h"
#include "data/history/historyreader.h"
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
#include <QSqlRecord>
#include <QStandardPaths>
#include <QUuid>
#include <QVariant>

#include <limits>

namespace bs {

namespace {

QString q(const char *name)
{
    return QueryLibrary::text(QStringLiteral("history.") + QLatin1String(name));
}

const QString SchemaKey = QStringLiteral("schema");
const QString Cancelled = QStringLiteral("cancelled");
const QString NotOpen = QStringLiteral("The history store is not open.");
constexpr qint64 Earliest = std::numeric_limits<qint64>::min();
constexpr qint64 Latest = std::numeric_limits<qint64>::max();

// The first row's columns of a statement without parameters or with a :before_ms.
QList<QVariant> firstRow(const QSqlDatabase &db, const char *name, std::optional<qint64> beforeMs = std::nullopt)
{
    QSqlQuery query(db);
    query.prepare(q(name));
    if (beforeMs)
        query.bindValue(QStringLiteral(":before_ms"), *beforeMs);
    QList<QVariant> row;
    if (query.exec() && query.next()) {
        for (int i = 0; i < query.record().count(); ++i)
            row.append(query.value(i));
    }
    return row;
}

// Prepares a statement with :from_ms and :to_ms, forward only, and runs it; false with `error` set.
bool execRange(QSqlQuery &query, const char *name, const QDateTime &from, const QDateTime &to, QString *error)
{
    query.setForwardOnly(true);
    query.prepare(q(name));
    query.bindValue(QStringLiteral(":from_ms"), from.toMSecsSinceEpoch());
    query.bindValue(QStringLiteral(":to_ms"), to.toMSecsSinceEpoch());
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

qint64 scalar(const QSqlDatabase &db, const char *name, std::optional<qint64> beforeMs = std::nullopt)
{
    const QList<QVariant> row = firstRow(db, name, beforeMs);
    return row.isEmpty() ? 0 : row.first().toLongLong();
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
    {
        // Scoped: close() below must be able to remove the connection when a statement fails.
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
    }
    m_path = path;
    m_writer.setConnection(m_connectionName);
    m_compactor.setConnection(m_connectionName);
    // page_size first: it only counts before the first table of a new file.
    for (const char *name : {"page_size", "journal_wal", "synchronous_normal", "create_meta", "create_samples",
                             "create_alerts", "create_alerts_index", "create_series_keys", "create_points", "create_blocks",
                             "create_snapshots", "create_strings"}) {
        if (!exec(name)) {
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

// Schema 1 and 2 rows stay where they are (in `samples`, readable) until convertOldRows(); opening
// only updates the marker and drops schema 2's bookkeeping of them, so it stays quick.
bool HistoryStore::upgradeSchema()
{
    const auto schema = meta(SchemaKey);
    if (schema && schema->toInt() >= SchemaVersion)
        return true;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    db.transaction();
    const bool ok = deleteMeta(QStringLiteral("old_rows_from_ms")) && deleteMeta(QStringLiteral("old_rows_to_ms"))
        && setMeta(SchemaKey, QString::number(SchemaVersion));
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

bool HistoryStore::exec(const char *name)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(q(name))) {
        m_lastError = QLatin1String(name) + QStringLiteral(": ") + query.lastError().text();
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
        m_lastError = NotOpen;
        return false;
    }
    db.transaction();
    for (qsizetype i = 0; i < samples.size(); ++i) {
        const qint64 t = samples[i].time.toMSecsSinceEpoch();
        // In an import, a sample followed by a later one of the same slot would be replaced at once.
        const bool replaced = i + 1 < samples.size() && HistoryRowWriter::slotOf(samples[i + 1].time.toMSecsSinceEpoch()) == HistoryRowWriter::slotOf(t)
            && samples[i + 1].time.toMSecsSinceEpoch() > t;
        if (!m_writer.writeRow(t, &samples[i], !replaced)) {
            m_lastError = m_writer.lastError();
            db.rollback();
            m_writer.forgetUncommitted();
            return false;
        }
    }
    if (!db.commit()) {
        m_lastError = db.lastError().text();
        db.rollback();
        m_writer.forgetUncommitted();
        return false;
    }
    // One closed hour per live append keeps each append short; an import compacts all at once.
    compactAfterAppend(samples.size() == 1 ? 1 : std::numeric_limits<int>::max());
    return true;
}

void HistoryStore::compactAfterAppend(int limit)
{
    // Rows of schema 1 and 2 use the head as their chart rows until converted: leave it alone then.
    if (scalar(QSqlDatabase::database(m_connectionName, false), "any_old_samples") != 0)
        return;
    // The sample is stored whatever happens here: a failed compaction is retried at the next append.
    QString error;
    m_compactor.compactClosed(limit, &error);
}

bool HistoryStore::appendGap(const QDateTime &time)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.isOpen()) {
        m_lastError = NotOpen;
        return false;
    }
    db.transaction();
    if (!m_writer.writeRow(time.toMSecsSinceEpoch(), nullptr, false) || !db.commit()) {
        m_lastError = m_writer.lastError().isEmpty() ? db.lastError().text() : m_writer.lastError();
        db.rollback();
        return false;
    }
    return true;
}

QList<MonitorSample> HistoryStore::samples(const QDateTime &from, const QDateTime &to) const
{
    QList<MonitorSample> result;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    // Snapshots and not yet converted old rows, merged by time (a snapshot wins a tie).
    QList<std::pair<qint64, MonitorSample>> found;
    const auto lookup = [this](qint64 id) { return m_writer.strings().text(id); };
    for (const char *name : {"select_snapshots", "select_samples"}) {
        QSqlQuery query(db);
        if (!execRange(query, name, from, to, &m_lastError))
            return result;
        while (query.next()) {
            // A row that does not decode (written by a newer format, or damaged) is skipped, not fatal.
            if (auto s = SampleCodec::decode(query.value(1).toByteArray(), lookup))
                found.append({query.value(0).toLongLong(), std::move(*s)});
        }
    }
    std::stable_sort(found.begin(), found.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    for (qsizetype i = 0; i < found.size(); ++i) {
        if (i == 0 || found[i].first != found[i - 1].first)
            result.append(std::move(found[i].second));
    }
    return result;
}

std::optional<MonitorSample> HistoryStore::latestSample() const
{
    const auto range = timeRange();
    if (!range)
        return std::nullopt;
    const QList<MonitorSample> last = samples(range->second, range->second);
    if (last.isEmpty())
        return std::nullopt;
    return last.last();
}

MonitorSeries HistoryStore::series(const QDateTime &from, const QDateTime &to, qint64 gapThresholdMs) const
{
    return read(from, to, gapThresholdMs, {}, {});
}

MonitorSeries HistoryStore::series(const QDateTime &from, const QDateTime &to, qint64 gapThresholdMs,
                                   const std::function<bool(qint64 done, qint64 total)> &progress) const
{
    return read(from, to, gapThresholdMs, {}, progress);
}

MonitorSeries HistoryStore::overview(const QDateTime &from, const QDateTime &to, qint64 gapThresholdMs) const
{
    static const QSet<QString> keys{SeriesKey::endpointsTotal().toString(), SeriesKey::endpointsLeaked().toString(),
                                    SeriesKey::neverExpiring().toString(), SeriesKey::transmissionSize().toString()};
    return read(from, to, gapThresholdMs, keys, {});
}

MonitorSeries HistoryStore::read(const QDateTime &from, const QDateTime &to, qint64 gapThresholdMs, const QSet<QString> &onlyKeys,
                                 const std::function<bool(qint64, qint64)> &progress) const
{
    m_lastError.clear();
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.isOpen()) {
        m_lastError = NotOpen;
        return MonitorSeries(gapThresholdMs);
    }
    // One read transaction: the dictionary, blocks, head and old rows come from one snapshot,
    // even while another connection appends or compacts.
    const bool snapshot = db.transaction();
    SeriesBuilder builder(gapThresholdMs);
    builder.setOnlyKeys(onlyKeys);
    QSet<int> onlyIds;
    const QHash<qint64, QString> keys = m_writer.keys().all();
    for (auto it = keys.cbegin(); it != keys.cend(); ++it) {
        builder.setKey(int(it.key()), it.value());
        if (onlyKeys.contains(it.value()))
            onlyIds.insert(int(it.key()));
    }
    HistoryReader reader(m_connectionName, builder);
    // The overview also needs endpoints.total, which it has: it tells a sample with endpoints read.
    if (!onlyKeys.isEmpty())
        reader.setOnlyIds(&onlyIds);
    const bool ok = reader.read(from.toMSecsSinceEpoch(), to.toMSecsSinceEpoch(), progress);
    if (snapshot)
        db.commit();
    if (reader.cancelled()) {
        m_lastError = Cancelled;
        return MonitorSeries(gapThresholdMs);
    }
    if (!ok) {
        m_lastError = reader.error();
        return MonitorSeries(gapThresholdMs);
    }
    if (!reader.damage().isEmpty())
        m_lastError = QStringLiteral("Damaged history left out of the charts (the rest is shown): %1")
                          .arg(reader.damage().join(QStringLiteral("; ")));
    return builder.take();
}

qint64 HistoryStore::sampleCount() const
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    const QList<QVariant> blocks = firstRow(db, "blocks_summary");
    const QList<QVariant> head = firstRow(db, "head_summary");
    qint64 count = (blocks.size() > 2 ? blocks[2].toLongLong() : 0) + (head.size() > 2 ? head[2].toLongLong() : 0);
    // Old rows count once: through their chart row in the head, or else as a sample.
    if (hasOldRows())
        count += scalar(db, "count_old_samples_without_points", Latest);
    return count;
}

std::optional<std::pair<QDateTime, QDateTime>> HistoryStore::timeRange() const
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    std::optional<qint64> first;
    std::optional<qint64> last;
    const auto take = [&](const QVariant &lo, const QVariant &hi) {
        if (!lo.isNull())
            first = first ? std::min(*first, lo.toLongLong()) : lo.toLongLong();
        if (!hi.isNull())
            last = last ? std::max(*last, hi.toLongLong()) : hi.toLongLong();
    };
    for (const char *name : {"blocks_summary", "head_summary"}) {
        const QList<QVariant> row = firstRow(db, name);
        if (row.size() > 1)
            take(row[0], row[1]);
    }
    if (hasOldRows()) {
        const QList<QVariant> lo = firstRow(db, "sample_first_time");
        const QList<QVariant> hi = firstRow(db, "sample_last_time");
        take(lo.isEmpty() ? QVariant() : lo[0], hi.isEmpty() ? QVariant() : hi[0]);
    }
    if (!first || !last)
        return std::nullopt;
    return std::pair{QDateTime::fromMSecsSinceEpoch(*first, Qt::UTC), QDateTime::fromMSecsSinceEpoch(*last, Qt::UTC)};
}

qint64 HistoryStore::pruneBefore(const QDateTime &time)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    const qint64 before = time.toMSecsSinceEpoch();
    db.transaction();
    qint64 deleted = m_compactor.pruneBefore(before, &m_lastError);
    bool ok = deleted >= 0;
    if (ok) {
        deleted += scalar(db, "count_head_samples_before", before);
        if (hasOldRows())
            deleted += scalar(db, "count_old_samples_without_points", before);
    }
    for (const char *name : {"delete_points_before", "delete_samples_before", "delete_snapshots_before", "delete_alerts_before"}) {
        if (!ok)
            break;
        QSqlQuery query(db);
        query.prepare(q(name));
        query.bindValue(QStringLiteral(":before_ms"), before);
        ok = query.exec();
        if (!ok)
            m_lastError = query.lastError().text();
    }
    if (!ok || !db.commit()) {
        db.rollback();
        return 0;
    }
    // The freed pages stay in the file and take the next days' rows: at the retention limit the
    // file keeps its size instead of growing.
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
    if (!execRange(query, "select_alerts", from, to, &m_lastError))
        return result;
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

bool HistoryStore::hasOldRows() const
{
    return scalar(QSqlDatabase::database(m_connectionName, false), "any_old_samples") != 0;
}

qint64 HistoryStore::convertOldRows(const std::function<bool(qint64 done, qint64 total)> &progress, int batch)
{
    if (!isOpen())
        return 0;
    HistoryConverter converter(m_connectionName, m_writer, m_compactor);
    const qint64 converted = converter.convert(progress, batch);
    if (converted < 0)
        m_lastError = converter.lastError();
    return converted;
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
    const QStringList blocks = m_compactor.checkBlocks();
    if (!blocks.isEmpty()) {
        if (lines == QStringList{QStringLiteral("ok")})
            lines.clear();
        lines += blocks;
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace bs
