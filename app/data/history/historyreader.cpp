#include "data/history/historyreader.h"

#include "data/history/historyblock.h"
#include "data/history/samplecodec.h"
#include "data/history/seriesbuilder.h"
#include "data/querylibrary.h"

#include <QDateTime>
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

constexpr qint64 None = std::numeric_limits<qint64>::max();
// Rows between two progress reports: often enough for a smooth bar, rare enough to cost nothing.
constexpr qint64 ProgressEvery = 2048;

qint64 scalar(QSqlQuery &query)
{
    return query.exec() && query.next() ? query.value(0).toLongLong() : 0;
}

QString utc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

// The rows of the blocks that overlap the range, one block decoded at a time.
class BlockRows
{
public:
    BlockRows(const QSqlDatabase &db, qint64 fromMs, qint64 toMs, const QSet<int> *onlyIds, QStringList *damage)
        : m_query(db), m_from(fromMs), m_to(toMs), m_onlyIds(onlyIds), m_damage(damage)
    {
        m_query.setForwardOnly(true);
        m_query.prepare(q("select_blocks"));
        m_query.bindValue(QStringLiteral(":from_ms"), fromMs);
        m_query.bindValue(QStringLiteral(":to_ms"), toMs);
    }
    bool start(QString *error)
    {
        if (!m_query.exec()) {
            *error = m_query.lastError().text();
            return false;
        }
        settle();
        return true;
    }
    qint64 time() const { return m_block ? m_block->timeAt(m_row) : None; }
    const HistoryBlock &block() const { return *m_block; }
    qsizetype row() const { return m_row; }
    void next()
    {
        ++m_row;
        settle();
    }
    /// A damaged block met since the last call: its start, to break the lines there.
    std::optional<qint64> takeDamagedStart() { return std::exchange(m_damagedStart, std::nullopt); }

private:
    // Moves to the next row inside [from, to], loading blocks as needed.
    void settle()
    {
        for (;;) {
            if (m_block) {
                while (m_row < m_block->rowCount() && m_block->timeAt(m_row) < m_from)
                    ++m_row;
                if (m_row < m_block->rowCount() && m_block->timeAt(m_row) <= m_to)
                    return;
                m_block.reset();
            }
            if (!m_query.next())
                return;
            QString why;
            m_block = HistoryBlock::decode(m_query.value(2).toByteArray(), m_onlyIds, &why);
            m_row = 0;
            if (!m_block) {
                const qint64 start = m_query.value(0).toLongLong();
                m_damage->append(QStringLiteral("%1 – %2: %3").arg(utc(start), utc(m_query.value(1).toLongLong()), why));
                if (!m_damagedStart)
                    m_damagedStart = std::max(start, m_from);
            }
        }
    }

    QSqlQuery m_query;
    qint64 m_from;
    qint64 m_to;
    const QSet<int> *m_onlyIds;
    QStringList *m_damage;
    std::optional<HistoryBlock> m_block;
    qsizetype m_row = 0;
    std::optional<qint64> m_damagedStart;
};

// A forward-only range query whose first column is the time.
class QueryRows
{
public:
    QueryRows(const QSqlDatabase &db, const char *name, qint64 fromMs, qint64 toMs) : m_query(db)
    {
        m_query.setForwardOnly(true);
        m_query.prepare(q(name));
        m_query.bindValue(QStringLiteral(":from_ms"), fromMs);
        m_query.bindValue(QStringLiteral(":to_ms"), toMs);
    }
    bool start(QString *error, bool bindLimit = false)
    {
        if (bindLimit)
            m_query.bindValue(QStringLiteral(":limit"), -1); // SQLite: no limit
        if (!m_query.exec()) {
            *error = m_query.lastError().text();
            return false;
        }
        next();
        return true;
    }
    qint64 time() const { return m_time; }
    QByteArray data() const { return m_query.value(1).toByteArray(); }
    void next() { m_time = m_query.isActive() && m_query.next() ? m_query.value(0).toLongLong() : None; }

private:
    QSqlQuery m_query;
    qint64 m_time = None;
};

} // namespace

HistoryReader::HistoryReader(const QString &connectionName, SeriesBuilder &builder)
    : m_connection(connectionName), m_builder(builder)
{
}

bool HistoryReader::read(qint64 fromMs, qint64 toMs, const Progress &progress)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery anyOld(db);
    anyOld.prepare(q("any_old_samples"));
    const bool withOld = scalar(anyOld) != 0;
    // The total for the progress bar: block samples plus head and old rows in the range.
    qint64 total = 0;
    {
        QSqlQuery count(db);
        count.prepare(q("count_block_samples_range"));
        count.bindValue(QStringLiteral(":from_ms"), fromMs);
        count.bindValue(QStringLiteral(":to_ms"), toMs);
        total += scalar(count);
        count.prepare(q("count_points"));
        count.bindValue(QStringLiteral(":from_ms"), fromMs);
        count.bindValue(QStringLiteral(":to_ms"), toMs);
        total += scalar(count);
        if (withOld) {
            count.prepare(q("count_samples"));
            count.bindValue(QStringLiteral(":from_ms"), fromMs);
            count.bindValue(QStringLiteral(":to_ms"), toMs);
            total += scalar(count);
        }
    }
    if (progress && !progress(0, total)) {
        m_cancelled = true;
        return false;
    }
    BlockRows blocks(db, fromMs, toMs, m_onlyIds, &m_damage);
    QueryRows head(db, "select_points", fromMs, toMs);
    QueryRows old(db, "select_samples_without_points", fromMs, toMs);
    if (!blocks.start(&m_error) || !head.start(&m_error) || (withOld && !old.start(&m_error, true)))
        return false;
    std::vector<SeriesPoints::IdPoint> points;
    qint64 done = 0;
    for (;;) {
        if (const auto damagedAt = blocks.takeDamagedStart())
            m_builder.appendGap(*damagedAt);
        const qint64 t = std::min({blocks.time(), head.time(), old.time()});
        if (t == None)
            break;
        if (head.time() == t) {
            const QByteArray data = head.data();
            // A row that does not decode (a newer format, or damaged) is skipped, not fatal.
            if (data.isEmpty())
                m_builder.appendGap(t);
            else
                m_builder.appendRow(t, data);
        } else if (blocks.time() == t) {
            const HistoryBlock &block = blocks.block();
            if (block.isGapAt(blocks.row())) {
                m_builder.appendGap(t);
            } else {
                points.clear();
                block.pointsAt(blocks.row(), &points);
                m_builder.appendPoints(t, points);
            }
        } else {
            const QByteArray data = old.data();
            if (data.isEmpty())
                m_builder.appendGap(t);
            else if (const auto s = SampleCodec::decode(data))
                m_builder.appendSample(*s);
        }
        // The same time in more than one place: the head is the newest word, then the blocks.
        if (head.time() == t)
            head.next();
        if (blocks.time() == t)
            blocks.next();
        if (old.time() == t)
            old.next();
        if (++done % ProgressEvery == 0 && progress && !progress(done, std::max(done, total))) {
            m_cancelled = true;
            return false;
        }
    }
    if (progress && !progress(done, done)) {
        m_cancelled = true;
        return false;
    }
    return true;
}

} // namespace bs
