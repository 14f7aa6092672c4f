#include "data/history/historydictionary.h"

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

HistoryDictionary::HistoryDictionary(const char *insertQuery, const char *selectIdQuery, const char *selectAllQuery)
    : m_insert(insertQuery), m_selectId(selectIdQuery), m_selectAll(selectAllQuery)
{
}

void HistoryDictionary::setConnection(const QString &connectionName)
{
    m_connection = connectionName;
    m_ids.clear();
    m_texts.clear();
}

qint64 HistoryDictionary::id(const QString &text, QString *error)
{
    if (const auto it = m_ids.constFind(text); it != m_ids.cend())
        return *it;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    // A null QString binds as SQL NULL, which the NOT NULL key column ignores (INSERT OR IGNORE)
    // and "= NULL" never finds: store it as the empty text it means (a part with no permission).
    const QString key = text.isNull() ? QStringLiteral("") : text;
    // INSERT OR IGNORE, then read the id back: another connection may have added the text already.
    QSqlQuery insert(db);
    insert.prepare(q(m_insert));
    insert.bindValue(QStringLiteral(":key"), key);
    QSqlQuery select(db);
    select.prepare(q(m_selectId));
    select.bindValue(QStringLiteral(":key"), key);
    if (!insert.exec() || !select.exec() || !select.next()) {
        if (error) {
            *error = insert.lastError().text() + select.lastError().text();
            if (error->isEmpty())
                *error = QStringLiteral("the history file's dictionary did not keep \"%1\"").arg(key.left(80));
        }
        return -1;
    }
    const qint64 id = select.value(0).toLongLong();
    m_ids.insert(text, id);
    m_texts.insert(id, text);
    return id;
}

QString HistoryDictionary::text(qint64 id)
{
    auto it = m_texts.constFind(id);
    if (it == m_texts.cend()) {
        reload();
        it = m_texts.constFind(id);
    }
    return it == m_texts.cend() ? QString() : *it;
}

QHash<qint64, QString> HistoryDictionary::all()
{
    reload();
    return m_texts;
}

void HistoryDictionary::forgetUncommitted()
{
    // The ids of a rolled-back transaction are gone; ask the file again.
    m_ids.clear();
    m_texts.clear();
}

void HistoryDictionary::reload()
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    if (!query.exec(q(m_selectAll)))
        return;
    m_texts.clear();
    m_ids.clear();
    while (query.next()) {
        const qint64 id = query.value(0).toLongLong();
        const QString text = query.value(1).toString();
        m_texts.insert(id, text);
        m_ids.insert(text, id);
    }
}

} // namespace bs
