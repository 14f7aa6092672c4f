#include "data/history/historyconverter.h"

#include "data/history/historycompactor.h"
#include "data/history/historyrowwriter.h"
#include "data/history/samplecodec.h"
#include "data/querylibrary.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <limits>
#include <optional>

namespace bs {

namespace {

QString q(const char *name)
{
    return QueryLibrary::text(QStringLiteral("history.") + QLatin1String(name));
}

qint64 count(const QSqlDatabase &db, const char *name)
{
    QSqlQuery query(db);
    query.prepare(q(name));
    query.bindValue(QStringLiteral(":before_ms"), std::numeric_limits<qint64>::max());
    return query.exec() && query.next() ? query.value(0).toLongLong() : 0;
}

} // namespace

HistoryConverter::HistoryConverter(const QString &connectionName, HistoryRowWriter &writer, HistoryCompactor &compactor)
    : m_connection(connectionName), m_writer(writer), m_compactor(compactor)
{
}

bool HistoryConverter::run(const char *name)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    return query.exec(q(name));
}

// One transaction: the next `batch` old rows get their chart rows (when the head has none) and,
// for the last sample of each 5-minute slot, a snapshot; then they leave `samples`.
qint64 HistoryConverter::convertBatch(int batch, bool *finished)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    struct OldRow
    {
        qint64 time;
        QByteArray data;
        bool hasPoints;
    };
    QList<OldRow> rows;
    db.transaction();
    {
        QSqlQuery select(db);
        select.setForwardOnly(true);
        select.prepare(q("select_old_samples"));
        select.bindValue(QStringLiteral(":limit"), batch);
        if (!select.exec()) {
            m_lastError = select.lastError().text();
            db.rollback();
            return -1;
        }
        while (select.next())
            rows.append({select.value(0).toLongLong(), select.value(1).toByteArray(), select.value(2).toBool()});
    }
    *finished = rows.size() < batch;
    if (rows.isEmpty()) {
        db.commit();
        return 0;
    }
    // The time of the next sample after each row decides whether it is the last of its slot.
    std::optional<qint64> next;
    {
        QSqlQuery after(db);
        after.prepare(q("next_old_sample_time"));
        after.bindValue(QStringLiteral(":time_ms"), rows.last().time);
        if (after.exec() && after.next() && !after.value(0).isNull())
            next = after.value(0).toLongLong();
    }
    bool ok = true;
    for (qsizetype i = rows.size() - 1; ok && i >= 0; --i) {
        const OldRow &row = rows[i];
        if (row.data.isEmpty()) {
            ok = row.hasPoints || m_writer.writePoints(row.time, nullptr);
            continue;
        }
        const bool keep = !next || HistoryRowWriter::slotOf(*next) != HistoryRowWriter::slotOf(row.time);
        next = row.time;
        if (row.hasPoints && !keep)
            continue;
        // A sample that does not decode gets no chart row; series() skipped it before too.
        const auto sample = SampleCodec::decode(row.data);
        if (!sample)
            continue;
        ok = (row.hasPoints || m_writer.writePoints(row.time, &*sample)) && (!keep || m_writer.writeSnapshot(row.time, *sample));
    }
    QSqlQuery remove(db);
    remove.prepare(q("delete_old_samples_through"));
    remove.bindValue(QStringLiteral(":to_ms"), rows.last().time);
    if (ok && !remove.exec())
        m_lastError = remove.lastError().text();
    if (!ok || !remove.isActive() || !db.commit()) {
        if (m_lastError.isEmpty())
            m_lastError = db.lastError().text();
        db.rollback();
        m_writer.forgetUncommitted();
        return -1;
    }
    return rows.size();
}

qint64 HistoryConverter::convert(const std::function<bool(qint64 done, qint64 total)> &progress, int batch)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.isOpen())
        return 0;
    batch = std::max(1, batch);
    const qint64 oldRows = count(db, "count_old_samples");
    // Old rows without chart rows join the head before it is compacted: count them there too.
    const qint64 total = oldRows + m_compactor.closedHeadRows() + count(db, "count_old_samples_without_points");
    if (total == 0)
        return 0;
    qint64 converted = 0;
    qint64 done = 0;
    bool finished = oldRows == 0;
    while (!finished) {
        const qint64 n = convertBatch(batch, &finished);
        if (n < 0)
            return -1;
        converted += n;
        done += n;
        if (progress && !progress(done, std::max(done, total)))
            return converted;
    }
    bool stopped = false;
    QString error;
    const int hours = m_compactor.compactClosed(std::numeric_limits<int>::max(), &error, [&](qint64 rows) {
        done += rows;
        stopped = progress && !progress(done, std::max(done, total));
        return !stopped;
    });
    if (hours < 0) {
        m_lastError = error;
        return -1;
    }
    // The old rows' pages are free now: give them back once. A writer on another connection waits
    // for it (busy timeout); if it cannot run now, the pages are simply reused by later appends.
    if (converted > 0 && !stopped)
        run("vacuum");
    if (progress && !stopped)
        progress(done, done);
    return converted;
}

} // namespace bs
