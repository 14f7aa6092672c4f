#pragma once

#include "core/ops/operation.h"
#include "data/ops/brokeroperations.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace bs {

class OperationPath;

/// The SSMS "Script" discipline for one operation: what it does and risks, the exact T-SQL the
/// server will receive (read-only; Copy takes it elsewhere), the values bound to it, the
/// permission check, then Run only after that explicit click. The result and the audit row
/// follow in the same dialog. A read-only profile or a missing permission disables Run and says why.
class OperationPreviewDialog : public QDialog
{
    Q_OBJECT
public:
    OperationPreviewDialog(OperationPath *path, const Operation &op, QWidget *parent = nullptr);

    QPushButton *runButton() const { return m_run; }
    QPlainTextEdit *statementView() const { return m_text; }
    QLabel *statusLabel() const { return m_status; }
    /// Set once the operation ran (or was refused): the result shown.
    std::optional<OperationResult> result() const { return m_result; }

Q_SIGNALS:
    void finished(const bs::OperationResult &result);

private:
    void onPermission(const PermissionResult &p);
    void run();

    OperationPath *m_path;
    Operation m_op;
    OperationStatement m_statement;
    QPlainTextEdit *m_text;
    QTableWidget *m_parameters;
    QLabel *m_status;
    QPushButton *m_run;
    QPushButton *m_copy;
    std::optional<OperationResult> m_result;
};

} // namespace bs
