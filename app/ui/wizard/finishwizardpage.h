#pragma once

#include "data/runner/runreport.h"

#include <QWizardPage>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace bs {

class PatternWizard;
class ScriptRunner;

/// Page 5: save the scripts and options.json to a folder, copy the install script, or run it
/// on a connection (batch by batch on a worker thread, with progress and cancel). Running
/// happens only when the user presses "Run install.sql".
class FinishWizardPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit FinishWizardPage(PatternWizard *wizard);
    ~FinishWizardPage() override;

    void initializePage() override;
    bool isComplete() const override;

    /// Writes every script and options.json into `folder` (created if missing) with
    /// ScriptWriter, atomically per file: the same bytes as `broker-studio generate`.
    bool saveTo(const QString &folder, QString *error);
    /// Starts running install.sql on the connection string in the page's field.
    void runInstall();
    bool isRunning() const;
    /// The report of the last run (empty before the first).
    const RunReport &lastReport() const { return m_report; }

private:
    void browse();
    void save();
    void copyInstall();
    void runFinished(const RunReport &report);
    void saveLog();

    PatternWizard *m_wizard;
    QLineEdit *m_folder;
    QPushButton *m_save;
    QLabel *m_saveStatus;
    QPushButton *m_copy;
    QLineEdit *m_connection;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QPlainTextEdit *m_result;
    QPushButton *m_saveLog;
    ScriptRunner *m_runner = nullptr;
    RunReport m_report;
};

} // namespace bs
