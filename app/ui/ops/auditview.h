#pragma once

#include "data/ops/auditlog.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace bs {

class OperationPath;

/// The audit of operations for the current connection: newest first, with the statement as
/// sent; Export writes CSV.
class AuditView : public QWidget
{
    Q_OBJECT
public:
    explicit AuditView(QWidget *parent = nullptr);

    void setPath(OperationPath *path);
    QTableWidget *table() const { return m_table; }
    /// Writes the rows shown as CSV; false with *error.
    bool exportTo(const QString &fileName, QString *error) const;

public Q_SLOTS:
    void reload();

private:
    QPointer<OperationPath> m_path;
    QList<AuditRecord> m_records;
    QTableWidget *m_table;
    QLabel *m_info;
};

} // namespace bs
