#pragma once

#include "core/check/healthfinding.h"

#include <QAbstractItemModel>

namespace bs {

/// The findings of one health check as a tree: severity groups (Errors, Warnings, Advice) with
/// their findings below, columns Finding / Object / Rule. Each finding row carries the finding
/// (FindingRole) so views show its details and select its objects.
class HealthFindingsModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Role { FindingRole = Qt::UserRole + 1, SeverityRole };
    enum Column { TitleColumn, SubjectColumn, RuleColumn, ColumnCount };

    explicit HealthFindingsModel(QObject *parent = nullptr);

    void setFindings(const QList<HealthFinding> &findings);
    const QList<HealthFinding> &findings() const { return m_findings; }
    /// The finding at an index, or nullptr for a group row.
    const HealthFinding *finding(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    // Group g holds the indexes into m_findings of its severity; the internal id of a finding row
    // is its group + 1, of a group row 0.
    QList<HealthFinding> m_findings;
    QList<QList<int>> m_groups; // by HealthSeverity
};

} // namespace bs
