#include "ui/health/healthfindingsmodel.h"

#include <QApplication>
#include <QStyle>

namespace bs {

namespace {

constexpr int GroupCount = 3;

QString groupTitle(int group, int count)
{
    switch (HealthSeverity(group)) {
    case HealthSeverity::Error: return HealthFindingsModel::tr("Errors (%1)").arg(count);
    case HealthSeverity::Warning: return HealthFindingsModel::tr("Warnings (%1)").arg(count);
    case HealthSeverity::Advice: return HealthFindingsModel::tr("Advice (%1)").arg(count);
    }
    return {};
}

QIcon severityIcon(int group)
{
    const QStyle *style = QApplication::style();
    switch (HealthSeverity(group)) {
    case HealthSeverity::Error: return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case HealthSeverity::Warning: return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case HealthSeverity::Advice: return style->standardIcon(QStyle::SP_MessageBoxInformation);
    }
    return {};
}

} // namespace

HealthFindingsModel::HealthFindingsModel(QObject *parent) : QAbstractItemModel(parent), m_groups(GroupCount) { }

void HealthFindingsModel::setFindings(const QList<HealthFinding> &findings)
{
    beginResetModel();
    m_findings = findings;
    m_groups = QList<QList<int>>(GroupCount);
    for (int i = 0; i < m_findings.size(); ++i)
        m_groups[int(m_findings.at(i).severity)].append(i);
    endResetModel();
}

const HealthFinding *HealthFindingsModel::finding(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() == 0)
        return nullptr;
    const int group = int(index.internalId()) - 1;
    return &m_findings.at(m_groups.at(group).at(index.row()));
}

QModelIndex HealthFindingsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (!parent.isValid())
        return row < GroupCount ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0 || row >= m_groups.at(parent.row()).size())
        return {};
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex HealthFindingsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId()) - 1, 0, quintptr(0));
}

int HealthFindingsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return GroupCount;
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    return int(m_groups.at(parent.row()).size());
}

int HealthFindingsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant HealthFindingsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const HealthFinding *f = finding(index);
    if (!f) {
        if (role == Qt::DisplayRole && index.column() == TitleColumn)
            return groupTitle(index.row(), int(m_groups.at(index.row()).size()));
        if (role == Qt::DecorationRole && index.column() == TitleColumn)
            return severityIcon(index.row());
        if (role == SeverityRole)
            return index.row();
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TitleColumn: return f->cannotSee ? tr("%1 (cannot see)").arg(f->title) : f->title;
        case SubjectColumn: return f->module.isEmpty() || f->line <= 0 ? f->subject : tr("%1, line %2").arg(f->module).arg(f->line);
        case RuleColumn: return f->ruleId;
        default: return {};
        }
    case Qt::ToolTipRole:
        return f->seen;
    case FindingRole:
        return QVariant::fromValue(*f);
    case SeverityRole:
        return int(f->severity);
    default:
        return {};
    }
}

QVariant HealthFindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TitleColumn: return tr("Finding");
    case SubjectColumn: return tr("Object");
    case RuleColumn: return tr("Rule");
    default: return {};
    }
}

} // namespace bs
