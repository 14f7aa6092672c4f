#pragma once

#include "data/connectionprofile.h"
#include "data/runner/runreport.h"

#include <QWizardPage>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace bs {

class PasswordStore;
class PatternWizard;
class ScriptRunner;

/// Page 5: save the scripts and options.json to a folder, copy the install script, or run it
/// on a saved connection profile (batch by batch on a worker thread, with progress and cancel).
/// Running happens only when the user presses "Run install.sql". The password comes from the
/// keychain (profiles that save it) or from the page's password field; the connection string
/// is built in memory for the run and never shown.
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
    /// Starts running install.sql on the selected profile: with the typed password, else the
    /// keychain's (profiles that save it), else it asks for the password and does not start.
    void runInstall();
    bool isRunning() const;
    /// Batches of install.sql (GO-separated, as the runner will run them); 0 if it cannot be split.
    int installBatchCount() const { return m_installBatches; }
    /// The report of the last run (empty before the first).
    const RunReport &lastReport() const { return m_report; }

private:
    void browse();
    void save();
    void copyInstall();
    void runFinished(const RunReport &report);
    void saveLog();
    void fillProfiles();
    void updateRunState();
    void startRun(const ConnectionProfile &profile, const QString &password);
    void askForPassword(const QString &why);
    std::optional<ConnectionProfile> selectedProfile() const;
    QString installScript();

    PatternWizard *m_wizard;
    QLineEdit *m_folder;
    QPushButton *m_save;
    QLabel *m_saveStatus;
    QPushButton *m_copy;
    QPushButton *m_openDesign;
    QComboBox *m_profile;
    QLineEdit *m_password;
    QLabel *m_passwordNote;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QPlainTextEdit *m_result;
    QPushButton *m_saveLog;
    ScriptRunner *m_runner = nullptr;
    PasswordStore *m_store = nullptr;
    QString m_pendingKey; ///< keychain key being read for a run; empty when none
    int m_installBatches = 0;
    RunReport m_report;
};

} // namespace bs
