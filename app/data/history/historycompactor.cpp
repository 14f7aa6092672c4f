#include "data/history/historycompactor.h"

#include "data/history/historyblock.h"
#include "data/querylibrary.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <limits>
#include <map>

namespace bs {

namespace {

QString q(const char *name)
{
    return QueryLibrary::text(QStringLiteral("history.") + QLatin1String(name));
}

std::optional<qint64> headTimeFrom(const QSqlDatabase &db, qint64 fromMs)
{
    QSqlQuery query(db);
    query.prepare(q("head_first_time_from"));
    query.bindValue(QStringLiteral(":from_ms"), fromMs);
    if (!query.exec() || !query.next() || query.value(0).isNull())
        return std::nullopt;
    return query.value(0).toLongLong();
}

std::optional<qint64> headLastTime(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(q("head_last_time")) || !query.next() || query.value(0).isNull())
        return std::nullopt;
    return query.value(0).toLongLong();
}

// Writes the rows of one hour as its block, or deletes the block when no row is left.
bool writeBlock(const QSqlDatabase &db, qint64 startMs, const std::vector<HistoryBlock::Row> &rows, QString *error)
{
    QSqlQuery query(db);
    if (rows.empty()) {
        query.prepare(q("delete_block"));
        query.bindValue(QStringLiteral(":start_ms"), startMs);
    } else {
        qint64 samples = 0;
        std::optional<qint64> first;
        std::optional<qint64> last;
        for (const HistoryBlock::Row &r : rows) {
            if (r.gap)
                continue;
            ++samples;
            if (!first)
                first = r.timeMs;
            last = r.timeMs;
        }
        query.prepare(q("upsert_block"));
        query.bindValue(QStringLiteral(":start_ms"), startMs);
        query.bindValue(QStringLiteral(":end_ms"), startMs + HistoryCompactor::BlockMs);
        query.bindValue(QStringLiteral(":first_ms"), first ? QVariant(*first) : QVariant());
        query.bindValue(QStringLiteral(":last_ms"), last ? QVariant(*last) : QVariant());
        query.bindValue(QStringLiteral(":samples"), samples);
        query.bindValue(QStringLiteral(":data"), HistoryBlock::encode(rows));
    }
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

QString utc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

qint64 HistoryCompactor::blockStart(qint64 timeMs)
{
    // Floor division: times before 1970 are negative.
    const qint64 r = timeMs % BlockMs;
    return timeMs - (r < 0 ? r + BlockMs : r);
}

void HistoryCompactor::setConnection(const QString &connectionName)
{
    m_connection = connectionName;
    m_damaged.clear();
}

bool HistoryCompactor::compactHour(qint64 startMs, qint64 *rowsMoved, QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    const qint64 endMs = startMs + BlockMs - 1;
    std::map<qint64, HistoryBlock::Row> rows;
    {
        QSqlQuery existing(db);
        existing.prepare(q("select_block"));
        existing.bindValue(QStringLiteral(":start_ms"), startMs);
        if (!existing.exec()) {
            *error = existing.lastError().text();
            return false;
        }
        if (existing.next()) {
            const auto block = HistoryBlock::decode(existing.value(0).toByteArray());
            if (!block) {
                // Merging would lose the damaged block: its late rows stay readable in the head.
                m_damaged.insert(startMs);
                return true;
            }
            for (HistoryBlock::Row &r : block->rows())
                rows[r.timeMs] = std::move(r);
        }
    }
    {
        QSqlQuery head(db);
        head.setForwardOnly(true);
        head.prepare(q("select_points"));
        head.bindValue(QStringLiteral(":from_ms"), startMs);
        head.bindValue(QStringLiteral(":to_ms"), endMs);
        if (!head.exec()) {
            *error = head.lastError().text();
            return false;
        }
        while (head.next()) {
            HistoryBlock::Row r;
            r.timeMs = head.value(0).toLongLong();
            const QByteArray data = head.value(1).toByteArray();
            r.gap = data.isEmpty();
            ++*rowsMoved;
            // A head row that does not decode was never readable; the block does not keep it.
            if (r.gap || SeriesPoints::decode(data, &r.points))
                rows[r.timeMs] = std::move(r);
        }
    }
    std::vector<HistoryBlock::Row> ordered;
    ordered.reserve(rows.size());
    for (auto &[t, r] : rows)
        ordered.push_back(std::move(r));
    if (!writeBlock(db, startMs, ordered, error))
        return false;
    QSqlQuery remove(db);
    remove.prepare(q("delete_points_range"));
    remove.bindValue(QStringLiteral(":from_ms"), startMs);
    remove.bindValue(QStringLiteral(":to_ms"), endMs);
    if (!remove.exec()) {
        *error = remove.lastError().text();
        return false;
    }
    return true;
}

int HistoryCompactor::compactClosed(int limit, QString *error, const std::function<bool(qint64 rows)> &rowsMoved)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    int hours = 0;
    while (hours < limit) {
        const auto last = headLastTime(db);
        if (!last)
            break;
        // The oldest head row outside a damaged hour.
        std::optional<qint64> first = headTimeFrom(db, std::numeric_limits<qint64>::min());
        while (first && m_damaged.contains(blockStart(*first)))
            first = headTimeFrom(db, blockStart(*first) + BlockMs);
        if (!first || blockStart(*first) >= blockStart(*last))
            break;
        db.transaction();
        qint64 moved = 0;
        if (!compactHour(blockStart(*first), &moved, error)) {
            db.rollback();
            return -1;
        }
        if (!db.commit()) {
            *error = db.lastError().text();
            db.rollback();
            return -1;
        }
        ++hours;
        if (rowsMoved && !rowsMoved(moved))
            break;
    }
    return hours;
}

qint64 HistoryCompactor::closedHeadRows() const
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    const auto last = headLastTime(db);
    if (!last)
        return 0;
    QSqlQuery query(db);
    query.prepare(q("count_head_before"));
    query.bindValue(QStringLiteral(":before_ms"), blockStart(*last));
    return query.exec() && query.next() ? query.value(0).toLongLong() : 0;
}

qint64 HistoryCompactor::pruneBefore(qint64 beforeMs, QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery count(db);
    count.prepare(q("count_blocks_samples_before"));
    count.bindValue(QStringLiteral(":before_ms"), beforeMs);
    QSqlQuery remove(db);
    remove.prepare(q("delete_blocks_before"));
    remove.bindValue(QStringLiteral(":before_ms"), beforeMs);
    if (!count.exec() || !count.next() || !remove.exec()) {
        *error = count.lastError().text() + remove.lastError().text();
        return -1;
    }
    qint64 deleted = count.value(0).toLongLong();
    // The hour across the limit keeps its rows from the limit on.
    QSqlQuery straddling(db);
    straddling.prepare(q("select_blocks_straddling"));
    straddling.bindValue(QStringLiteral(":before_ms"), beforeMs);
    if (!straddling.exec()) {
        *error = straddling.lastError().text();
        return -1;
    }
    std::vector<std::pair<qint64, QByteArray>> cut;
    while (straddling.next())
        cut.push_back({straddling.value(0).toLongLong(), straddling.value(2).toByteArray()});
    straddling.finish();
    for (const auto &[start, data] : cut) {
        const auto block = HistoryBlock::decode(data);
        if (!block)
            continue;
        std::vector<HistoryBlock::Row> kept;
        for (HistoryBlock::Row &r : block->rows()) {
            if (r.timeMs >= beforeMs)
                kept.push_back(std::move(r));
            else if (!r.gap)
                ++deleted;
        }
        if (!writeBlock(db, start, kept, error))
            return -1;
    }
    return deleted;
}

QStringList HistoryCompactor::checkBlocks() const
{
    QStringList problems;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    if (!query.exec(q("select_block_data")))
        return {query.lastError().text()};
    while (query.next()) {
        QString why;
        if (!HistoryBlock::decode(query.value(2).toByteArray(), nullptr, &why))
            problems.append(QStringLiteral("block %1 – %2: %3")
                                .arg(utc(query.value(0).toLongLong()), utc(query.value(1).toLongLong()), why));
    }
    return problems;
}

} // namespace bs
