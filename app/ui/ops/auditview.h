#pragma once

#include "data/ops/auditlog.h"

#include <QColor>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QTableWidget;

namespace bs {

class OperationPath;

/// The audit of operations for the current connection: newest first, with the statement as
/// sent, each outcome in its own colour with what it means, a filter by outcome; Export writes
/// the rows shown as CSV.
class AuditView : public QWidget
{
    Q_OBJECT
public:
    explicit AuditView(QWidget *parent = nullptr);

    void setPath(OperationPath *path);
    QTableWidget *table() const { return m_table; }
    /// "All outcomes", then one entry per outcome (its name as item data).
    QComboBox *outcomeFilter() const { return m_filter; }
    /// The outcomes an audit row can have, in the filter's order: succeeded, failed, refused,
    /// started, cancelled, discarded (the last three from leak cleanup runs).
    static QStringList outcomes();
    /// What an outcome means (the cell's tooltip, the filter's).
    static QString outcomeMeaning(const QString &outcome);
    /// The outcome cell's text colour.
    static QColor outcomeColor(const QString &outcome);
    /// Writes the rows shown as CSV; false with *error.
    bool exportTo(const QString &fileName, QString *error) const;

public Q_SLOTS:
    void reload();

private:
    QPointer<OperationPath> m_path;
    QList<AuditRecord> m_records;
    QTableWidget *m_table;
    QComboBox *m_filter;
    QLabel *m_info;
};

} // namespace bs
