#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <functional>

namespace bs {

/// Base of the monitor's sample tables: rows identified by a key (state + service pair, queue,
/// status, counter) and updated in place from each sample. A row whose key stays gets
/// dataChanged, a new key is inserted and a gone key removed, never a model reset, so the view's
/// selection, current row, scroll position and sorting (a QSortFilterProxyModel on SortRole)
/// survive every sample.
template<typename Row>
class KeyedTableModel : public QAbstractTableModel
{
public:
    /// Raw values for sorting (numbers as numbers, times as times); display text otherwise.
    static constexpr int SortRole = Qt::UserRole;
    /// The row's key (KeyRole on any column), for tests and for keeping selections.
    static constexpr int KeyRole = Qt::UserRole + 1;

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }

protected:
    /// Makes the rows equal to `fresh` (compared by `key`, in place), keeping the order of the rows
    /// that stay and appending the new ones.
    void setRows(const QList<Row> &fresh, const std::function<QString(const Row &)> &key)
    {
        QHash<QString, qsizetype> freshIndex;
        for (qsizetype i = 0; i < fresh.size(); ++i)
            freshIndex.insert(key(fresh[i]), i);
        for (qsizetype i = m_rows.size() - 1; i >= 0; --i) {
            if (freshIndex.contains(key(m_rows[i])))
                continue;
            beginRemoveRows({}, int(i), int(i));
            m_rows.removeAt(i);
            endRemoveRows();
        }
        QSet<QString> kept;
        for (qsizetype i = 0; i < m_rows.size(); ++i) {
            const QString k = key(m_rows[i]);
            kept.insert(k);
            const Row &update = fresh[freshIndex.value(k)];
            if (update == m_rows[i])
                continue;
            m_rows[i] = update;
            Q_EMIT dataChanged(index(int(i), 0), index(int(i), columnCount() - 1));
        }
        QList<Row> added;
        for (const Row &r : fresh) {
            if (!kept.contains(key(r)))
                added.append(r);
        }
        if (added.isEmpty())
            return;
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size() - 1));
        m_rows += added;
        endInsertRows();
    }

    QList<Row> m_rows;
};

} // namespace bs
