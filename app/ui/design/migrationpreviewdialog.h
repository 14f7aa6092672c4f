#pragma once

#include "core/design/designdiff.h"

#include <QDialog>

class QPlainTextEdit;
class QPushButton;

namespace bs {

/// Compare with current database: the differences object by object, then the migration script,
/// read-only. Nothing runs from here: "Deploy…" hands the script to the operations path (preview,
/// confirm, audit) through deployRequested, and stays disabled while nothing is connected to it.
class MigrationPreviewDialog : public QDialog
{
    Q_OBJECT

public:
    MigrationPreviewDialog(const DesignMigration &migration, QWidget *parent = nullptr);
    QPlainTextEdit *differencesView() const { return m_differences; }
    QPlainTextEdit *scriptView() const { return m_script; }
    QPushButton *deployButton() const { return m_deploy; }
    /// Enables "Deploy…" when `reason` is empty; otherwise it stays disabled and says why (a
    /// read-only profile, the simulator, nothing connected).
    void setDeployBlockedReason(const QString &reason);

signals:
    void deployRequested(const QString &script);

private:
    void saveScript();

    DesignMigration m_migration;
    QPlainTextEdit *m_differences = nullptr;
    QPlainTextEdit *m_script = nullptr;
    QPushButton *m_deploy = nullptr;
};

} // namespace bs
