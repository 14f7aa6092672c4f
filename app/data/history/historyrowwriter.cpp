#include "data/history/historyrowwriter.h"

#include "data/history/historystore.h"
#include "data/history/samplecodec.h"
#include "data/history/seriespoints.h"
#include "data/querylibrary.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace bs {

namespace {

QString q(const char *name)
{
    return QueryLibrary::text(QStringLiteral("history.") + QLatin1String(name));
}

} // namespace

HistoryRowWriter::HistoryRowWriter()
    : m_keys("insert_series_key", "select_series_key_id", "select_series_keys")
    , m_strings("insert_string", "select_string_id", "select_strings")
{
}

void HistoryRowWriter::setConnection(const QString &connectionName)
{
    m_connection = connectionName;
    m_keys.setConnection(connectionName);
    m_strings.setConnection(connectionName);
}

qint64 HistoryRowWriter::slotOf(qint64 timeMs)
{
    const qint64 r = timeMs % HistoryStore::SnapshotIntervalMs;
    return timeMs - (r < 0 ? r + HistoryStore::SnapshotIntervalMs : r);
}

void HistoryRowWriter::forgetUncommitted()
{
    m_keys.forgetUncommitted();
    m_strings.forgetUncommitted();
}

bool HistoryRowWriter::writePoints(qint64 timeMs, const MonitorSample *sample)
{
    QByteArray data;
    if (sample) {
        std::vector<SeriesPoints::IdPoint> points;
        for (const SeriesPoints::Point &p : SeriesPoints::fromSample(*sample)) {
            const qint64 id = m_keys.id(p.key, &m_lastError);
            if (id < 0)
                return false;
            points.push_back({int(id), p.value});
        }
        data = SeriesPoints::encode(points);
    } else {
        data = QByteArray(""); // not a null QByteArray: the column is NOT NULL
    }
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(q("insert_points"));
    query.bindValue(QStringLiteral(":time_ms"), timeMs);
    query.bindValue(QStringLiteral(":data"), data);
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return false;
    }
    return true;
}

// Keeps the last sample of each 5-minute slot: a newer one in the same slot replaces it, an older one
// (written out of order) is not kept.
bool HistoryRowWriter::writeSnapshot(qint64 timeMs, const MonitorSample &sample)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    const qint64 slot = slotOf(timeMs);
    QSqlQuery later(db);
    later.prepare(q("snapshot_later_in_slot"));
    later.bindValue(QStringLiteral(":time_ms"), timeMs);
    later.bindValue(QStringLiteral(":slot_end_ms"), slot + HistoryStore::SnapshotIntervalMs);
    if (!later.exec() || !later.next()) {
        m_lastError = later.lastError().text();
        return false;
    }
    if (later.value(0).toBool())
        return true;
    bool interned = true;
    const QByteArray data = SampleCodec::encode(sample, [this, &interned](const QString &text) {
        const qint64 id = m_strings.id(text, &m_lastError);
        interned = interned && id >= 0;
        return id;
    });
    if (!interned)
        return false;
    QSqlQuery remove(db);
    remove.prepare(q("delete_snapshots_in_slot"));
    remove.bindValue(QStringLiteral(":slot_ms"), slot);
    remove.bindValue(QStringLiteral(":time_ms"), timeMs);
    QSqlQuery insert(db);
    insert.prepare(q("insert_snapshot"));
    insert.bindValue(QStringLiteral(":time_ms"), timeMs);
    insert.bindValue(QStringLiteral(":data"), data);
    if (!remove.exec() || !insert.exec()) {
        m_lastError = remove.lastError().text() + insert.lastError().text();
        return false;
    }
    return true;
}

bool HistoryRowWriter::writeRow(qint64 timeMs, const MonitorSample *sample, bool snapshot)
{
    if (!writePoints(timeMs, sample))
        return false;
    if (sample)
        return !snapshot || writeSnapshot(timeMs, *sample);
    // A gap replaces a sample of the same time, whole sample included.
    QSqlQuery remove(QSqlDatabase::database(m_connection, false));
    remove.prepare(q("delete_snapshot_at"));
    remove.bindValue(QStringLiteral(":time_ms"), timeMs);
    if (!remove.exec()) {
        m_lastError = remove.lastError().text();
        return false;
    }
    return true;
}

} // namespace bs
