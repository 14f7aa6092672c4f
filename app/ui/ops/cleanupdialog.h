#pragma once

#include "core/catalog.h"
#include "core/ops/cleanupplan.h"
#include "data/ops/cleanupjournal.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace bs {

class CleanupRunner;
class OperationPath;

/// The guided leak cleanup (docs/operations.md): the plan (pair, states with what each means,
/// lifetime horizon, batch, pause), the dry run with per-state actions and skips, the exact batch
/// statement, then the run with progress, rate, ETA, pause / resume / cancel and the summary with
/// the advice to fix the cause. The work runs through CleanupRunner; nothing blocks the GUI.
/// When the history file keeps an unfinished run for this server and database (cancelled,
/// failed, or cut by a crash), the dialog offers to resume it or to start over (discarding it,
/// after a confirmation that says what that means); a new run waits for that choice.
class CleanupDialog : public QDialog
{
    Q_OBJECT
public:
    CleanupDialog(OperationPath *path, const BrokerCatalog &catalog, const CleanupPlan &initial, QWidget *parent = nullptr);
    ~CleanupDialog() override;

    CleanupPlan plan() const;
    CleanupRunner *runner() const { return m_runner; }

    QPushButton *dryRunButton() const { return m_dryRun; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *pauseButton() const { return m_pause; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPlainTextEdit *planView() const { return m_planText; }
    QPlainTextEdit *statementView() const { return m_statement; }
    QLabel *progressLabel() const { return m_progressText; }
    QLabel *summaryLabel() const { return m_summary; }
    /// The unfinished run offered for resumption, if any.
    const std::optional<CleanupRun> &unfinishedRun() const { return m_unfinished; }
    QLabel *resumeLabel() const { return m_resumeText; }
    QPushButton *resumeButton() const { return m_resumeButton; }
    QPushButton *startOverButton() const { return m_startOver; }

private:
    void startDryRun();
    void startRun();
    void togglePause();
    void planEdited();
    void updateButtons();
    void showProgress();
    void runFinished();
    void refreshUnfinished();
    void resumeRun();
    void startOver();
    void setPlan(const CleanupPlan &plan);

    QPointer<OperationPath> m_path;
    BrokerCatalog m_catalog;
    CleanupRunner *m_runner;
    QLineEdit *m_local;
    QLineEdit *m_far;
    QLabel *m_queue;
    QCheckBox *m_cd;
    QCheckBox *m_di;
    QCheckBox *m_do;
    QSpinBox *m_horizon;
    QSpinBox *m_batch;
    QSpinBox *m_pauseMs;
    QPushButton *m_dryRun;
    QPushButton *m_run;
    QPushButton *m_pause;
    QPushButton *m_cancel;
    QPlainTextEdit *m_planText;
    QPlainTextEdit *m_statement;
    QProgressBar *m_progress;
    QLabel *m_progressText;
    QLabel *m_summary;
    QLabel *m_blocked;
    QWidget *m_resumeBox;
    QLabel *m_resumeText;
    QPushButton *m_resumeButton;
    QPushButton *m_startOver;
    std::optional<CleanupRun> m_unfinished;
    std::optional<CleanupDryRun> m_dry;
    bool m_dryRunning = false;
};

} // namespace bs
