#include "data/ops/cleanupjournal.h"

#include "data/querylibrary.h"

#include <QLocale>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace bs {

namespace {

QString q(const char *name)
{
    return QueryLibrary::text(QStringLiteral("audit.") + QLatin1String(name));
}

QString handleText(const QUuid &handle)
{
    return handle.isNull() ? QStringLiteral("") : handle.toString(QUuid::WithoutBraces).toUpper();
}

QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

void bindRun(QSqlQuery &query, const CleanupRun &r)
{
    query.bindValue(QStringLiteral(":updated_utc"), r.updatedUtc.toUTC().toString(Qt::ISODateWithMs));
    query.bindValue(QStringLiteral(":status"), cleanupRunStatusName(r.status));
    query.bindValue(QStringLiteral(":last_handle"), handleText(r.lastHandle));
    query.bindValue(QStringLiteral(":total"), r.total);
    query.bindValue(QStringLiteral(":batches"), r.batches);
    query.bindValue(QStringLiteral(":examined"), r.totals.examined);
    query.bindValue(QStringLiteral(":ended_with_cleanup"), r.totals.endedWithCleanup);
    query.bindValue(QStringLiteral(":ended"), r.totals.ended);
    query.bindValue(QStringLiteral(":failed"), r.totals.failed);
    query.bindValue(QStringLiteral(":skipped_queued"), r.totals.skippedQueued);
    query.bindValue(QStringLiteral(":skipped_transmission"), r.totals.skippedTransmission);
    query.bindValue(QStringLiteral(":skipped_expiring"), r.totals.skippedExpiring);
    query.bindValue(QStringLiteral(":skipped_stamp_set"), r.totals.skippedStampSet);
    query.bindValue(QStringLiteral(":message"), notNull(r.message));
}

} // namespace

QString cleanupRunStatusName(CleanupRunStatus status)
{
    switch (status) {
    case CleanupRunStatus::Running: return QStringLiteral("running");
    case CleanupRunStatus::Paused: return QStringLiteral("paused");
    case CleanupRunStatus::Cancelled: return QStringLiteral("cancelled");
    case CleanupRunStatus::Failed: return QStringLiteral("failed");
    case CleanupRunStatus::Done: return QStringLiteral("done");
    case CleanupRunStatus::Discarded: return QStringLiteral("discarded");
    }
    return QString();
}

std::optional<CleanupRunStatus> cleanupRunStatusFromName(const QString &name)
{
    for (CleanupRunStatus s : {CleanupRunStatus::Running, CleanupRunStatus::Paused, CleanupRunStatus::Cancelled,
                               CleanupRunStatus::Failed, CleanupRunStatus::Done, CleanupRunStatus::Discarded}) {
        if (cleanupRunStatusName(s) == name)
            return s;
    }
    return std::nullopt;
}

void CleanupRun::add(const CleanupBatchResult &b)
{
    ++batches;
    totals.examined += b.examined;
    totals.endedWithCleanup += b.endedWithCleanup;
    totals.ended += b.ended;
    totals.failed += b.failed;
    totals.skippedQueued += b.skippedQueued;
    totals.skippedTransmission += b.skippedTransmission;
    totals.skippedExpiring += b.skippedExpiring;
    totals.skippedStampSet += b.skippedStampSet;
    if (!b.lastFailure.isEmpty())
        totals.lastFailure = b.lastFailure;
    if (!b.lastHandle.isNull())
        lastHandle = b.lastHandle;
}

QString CleanupRun::doneText() const
{
    const QLocale english(QLocale::English);
    return QStringLiteral("%1 of %2 done").arg(english.toString(totals.examined), english.toString(total));
}

CleanupJournal::CleanupJournal()
    : m_db(QStringLiteral("bs-cleanup-"))
{
}

CleanupJournal::~CleanupJournal() = default;

bool CleanupJournal::open(const QString &path)
{
    return m_db.open(path, q("create_cleanup_run"), &m_lastError);
}

void CleanupJournal::close()
{
    m_db.close();
}

bool CleanupJournal::insert(CleanupRun &run)
{
    if (!isOpen()) {
        m_lastError = QStringLiteral("The history file is not open.");
        return false;
    }
    QSqlQuery query(QSqlDatabase::database(m_db.name(), false));
    query.prepare(q("insert_cleanup_run"));
    query.bindValue(QStringLiteral(":started_utc"), run.startedUtc.toUTC().toString(Qt::ISODateWithMs));
    query.bindValue(QStringLiteral(":server"), notNull(run.server));
    query.bindValue(QStringLiteral(":database_name"), notNull(run.database));
    query.bindValue(QStringLiteral(":plan"), QString::fromUtf8(run.plan.toJson()));
    bindRun(query, run);
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return false;
    }
    run.id = query.lastInsertId().toLongLong();
    return true;
}

bool CleanupJournal::update(const CleanupRun &run)
{
    if (!isOpen()) {
        m_lastError = QStringLiteral("The history file is not open.");
        return false;
    }
    QSqlQuery query(QSqlDatabase::database(m_db.name(), false));
    query.prepare(q("update_cleanup_run"));
    bindRun(query, run);
    query.bindValue(QStringLiteral(":id"), run.id);
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return false;
    }
    return true;
}

QList<CleanupRun> CleanupJournal::runs(int limit) const
{
    QList<CleanupRun> out;
    if (!isOpen())
        return out;
    QSqlQuery query(QSqlDatabase::database(m_db.name(), false));
    query.prepare(q("select_cleanup_runs"));
    query.bindValue(QStringLiteral(":limit"), limit);
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return out;
    }
    while (query.next()) {
        const auto plan = CleanupPlan::fromJson(query.value(5).toString().toUtf8());
        const auto status = cleanupRunStatusFromName(query.value(6).toString());
        if (!plan || !status)
            continue; // a row this version cannot read is left alone, never resumed
        CleanupRun r;
        r.id = query.value(0).toLongLong();
        r.startedUtc = QDateTime::fromString(query.value(1).toString(), Qt::ISODateWithMs);
        r.updatedUtc = QDateTime::fromString(query.value(2).toString(), Qt::ISODateWithMs);
        r.server = query.value(3).toString();
        r.database = query.value(4).toString();
        r.plan = *plan;
        r.status = *status;
        r.lastHandle = QUuid::fromString(query.value(7).toString());
        r.total = query.value(8).toLongLong();
        r.batches = query.value(9).toLongLong();
        r.totals.examined = query.value(10).toLongLong();
        r.totals.endedWithCleanup = query.value(11).toLongLong();
        r.totals.ended = query.value(12).toLongLong();
        r.totals.failed = query.value(13).toLongLong();
        r.totals.skippedQueued = query.value(14).toLongLong();
        r.totals.skippedTransmission = query.value(15).toLongLong();
        r.totals.skippedExpiring = query.value(16).toLongLong();
        r.totals.skippedStampSet = query.value(17).toLongLong();
        r.message = query.value(18).toString();
        out.append(r);
    }
    return out;
}

std::optional<CleanupRun> CleanupJournal::unfinished(const QString &server, const QString &database) const
{
    for (const CleanupRun &r : runs()) {
        if (r.server == server && r.database == database)
            return r.isResumable() ? std::optional<CleanupRun>(r) : std::nullopt;
    }
    return std::nullopt;
}

} // namespace bs
