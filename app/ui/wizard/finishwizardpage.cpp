#include "ui/wizard/finishwizardpage.h"

#include "core/script/batchsplitter.h"
#include "core/script/scriptwriter.h"
#include "data/odbc/odbcconnectionstring.h"
#include "data/passwordstore.h"
#include "data/runner/scriptrunner.h"
#include "ui/wizard/patternwizard.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace bs {

namespace {

const QString InstallFile = QStringLiteral("install.sql");

} // namespace

FinishWizardPage::FinishWizardPage(PatternWizard *wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
{
    setTitle(tr("Save or run"));
    setSubTitle(tr("Save the scripts with their options, copy the install script, or run it on a server. "
                   "Nothing runs until you press Run."));
    auto *layout = new QVBoxLayout(this);

    auto *saveBox = new QGroupBox(tr("Save to a folder"), this);
    auto *saveLayout = new QVBoxLayout(saveBox);
    auto *folderRow = new QHBoxLayout;
    auto *folderLabel = new QLabel(tr("F&older:"), saveBox);
    m_folder = new QLineEdit(saveBox);
    m_folder->setObjectName(QStringLiteral("folder"));
    m_folder->setToolTip(tr("The scripts (install, uninstall, usage, monitor) and options.json are written here; "
                            "options.json reopens them in this wizard or with broker-studio generate."));
    folderLabel->setBuddy(m_folder);
    auto *browse = new QPushButton(tr("Bro&wse…"), saveBox);
    m_save = new QPushButton(tr("&Save scripts"), saveBox);
    m_save->setObjectName(QStringLiteral("saveButton"));
    folderRow->addWidget(folderLabel);
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    folderRow->addWidget(m_save);
    saveLayout->addLayout(folderRow);
    auto *copyRow = new QHBoxLayout;
    m_copy = new QPushButton(tr("&Copy install script"), saveBox);
    m_copy->setObjectName(QStringLiteral("copyButton"));
    m_copy->setToolTip(tr("Copies install.sql to the clipboard, to paste into SSMS or sqlcmd."));
    m_saveStatus = new QLabel(saveBox);
    m_saveStatus->setObjectName(QStringLiteral("saveStatus"));
    m_saveStatus->setWordWrap(true);
    m_saveStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_openDesign = new QPushButton(tr("Open as &design"), saveBox);
    m_openDesign->setObjectName(QStringLiteral("openDesignButton"));
    m_openDesign->setToolTip(tr("Opens the pattern's message types, contracts, queues and services in a new designer "
                                "window, as a starting point to change; nothing is saved or run."));
    copyRow->addWidget(m_copy);
    copyRow->addWidget(m_openDesign);
    copyRow->addWidget(m_saveStatus, 1);
    saveLayout->addLayout(copyRow);
    layout->addWidget(saveBox);

    auto *runBox = new QGroupBox(tr("Run the install script on a server"), this);
    auto *runLayout = new QVBoxLayout(runBox);
    auto *connForm = new QFormLayout;
    m_profile = new QComboBox(runBox);
    m_profile->setObjectName(QStringLiteral("connectionProfile"));
    m_profile->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_profile->setMinimumContentsLength(24);
    m_profile->setToolTip(tr("A connection saved in File > Connect. The runner opens its own connection and runs "
                             "install.sql batch by batch (split at GO lines); the first failing batch stops it."));
    connForm->addRow(tr("Connec&tion:"), m_profile);
    auto *passwordRow = new QHBoxLayout;
    m_password = new QLineEdit(runBox);
    m_password->setObjectName(QStringLiteral("runPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setToolTip(tr("Used for this run only: never shown, saved or logged."));
    m_passwordNote = new QLabel(runBox);
    m_passwordNote->setObjectName(QStringLiteral("passwordNote"));
    m_passwordNote->setWordWrap(true);
    passwordRow->addWidget(m_password, 1);
    passwordRow->addWidget(m_passwordNote, 1);
    auto *passwordLabel = new QLabel(tr("&Password:"), runBox);
    passwordLabel->setBuddy(m_password);
    connForm->addRow(passwordLabel, passwordRow);
    runLayout->addLayout(connForm);
    auto *runRow = new QHBoxLayout;
    m_run = new QPushButton(tr("&Run install.sql"), runBox);
    m_run->setObjectName(QStringLiteral("runButton"));
    m_cancel = new QPushButton(tr("Cance&l run"), runBox);
    m_cancel->setObjectName(QStringLiteral("cancelRunButton"));
    m_cancel->setToolTip(tr("Stops before the next batch; the batch on the server finishes first."));
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(runBox);
    m_progress->setObjectName(QStringLiteral("runProgress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    runRow->addWidget(m_run);
    runRow->addWidget(m_cancel);
    runRow->addWidget(m_progress, 1);
    runLayout->addLayout(runRow);
    m_result = new QPlainTextEdit(runBox);
    m_result->setObjectName(QStringLiteral("runResult"));
    m_result->setReadOnly(true);
    m_result->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_result->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_result->setPlaceholderText(tr("The outcome of the run appears here: the server's message, the failing batch "
                                    "and its line in install.sql."));
    runLayout->addWidget(m_result, 1);
    m_saveLog = new QPushButton(tr("Save run lo&g…"), runBox);
    m_saveLog->setObjectName(QStringLiteral("saveLogButton"));
    m_saveLog->setEnabled(false);
    runLayout->addWidget(m_saveLog, 0, Qt::AlignRight);
    layout->addWidget(runBox, 1);

    connect(browse, &QPushButton::clicked, this, &FinishWizardPage::browse);
    connect(m_save, &QPushButton::clicked, this, &FinishWizardPage::save);
    connect(m_copy, &QPushButton::clicked, this, &FinishWizardPage::copyInstall);
    connect(m_openDesign, &QPushButton::clicked, this, [this] {
        QString error;
        m_saveStatus->setText(m_wizard->requestDesign(&error) ? tr("Opened in a new designer window.")
                                                              : tr("Cannot make a design: %1").arg(error));
    });
    connect(m_run, &QPushButton::clicked, this, &FinishWizardPage::runInstall);
    connect(m_saveLog, &QPushButton::clicked, this, &FinishWizardPage::saveLog);
    connect(m_profile, &QComboBox::currentIndexChanged, this, [this] {
        // A password typed for one login is not offered to another.
        m_password->clear();
        updateRunState();
    });
    connect(m_password, &QLineEdit::textChanged, this, &FinishWizardPage::updateRunState);
}

FinishWizardPage::~FinishWizardPage() = default;

void FinishWizardPage::initializePage()
{
    if (!isRunning()) {
        // The same splitter as the runner, so the count before a run is the count it will report.
        const BatchSplit split = BatchSplitter::split(installScript());
        m_installBatches = split.ok() ? int(split.batches.size()) : 0;
        m_progress->setRange(0, qMax(m_installBatches, 1));
        m_progress->setValue(0);
        m_progress->setFormat(m_installBatches == 1 ? tr("1 batch to run")
                                                    : tr("%1 batches to run").arg(m_installBatches));
    }
    m_openDesign->setVisible(m_wizard->canOpenDesign());
    if (m_profile->count() == 0)
        fillProfiles();
    updateRunState();
    m_saveStatus->clear();
}

void FinishWizardPage::fillProfiles()
{
    const QSignalBlocker block(m_profile);
    m_profile->clear();
    for (const ConnectionProfile &p : m_wizard->connectionProfiles())
        m_profile->addItem(tr("%1 — %2").arg(p.name, p.displayName()), p.name);
    // Only the connected database's own profile is preselected: guessing another could install
    // on the wrong server.
    const int current = m_profile->findData(m_wizard->currentProfileName());
    m_profile->setCurrentIndex(current);
    m_profile->setEnabled(m_profile->count() > 0);
    m_profile->setPlaceholderText(m_profile->count() == 0 ? tr("No saved connection: save one in File > Connect")
                                                          : tr("Choose a saved connection"));
}

std::optional<ConnectionProfile> FinishWizardPage::selectedProfile() const
{
    const QString name = m_profile->currentData().toString();
    for (const ConnectionProfile &p : m_wizard->connectionProfiles()) {
        if (p.name == name)
            return p;
    }
    return std::nullopt;
}

void FinishWizardPage::updateRunState()
{
    const std::optional<ConnectionProfile> p = selectedProfile();
    const bool busy = isRunning() || !m_pendingKey.isEmpty();
    const bool needsPassword = p && p->needsPassword();
    m_password->setEnabled(needsPassword && !busy);
    if (!p)
        m_passwordNote->clear();
    else if (!needsPassword)
        m_passwordNote->setText(tr("Not needed: integrated login."));
    else if (p->savePassword)
        m_passwordNote->setText(tr("Leave empty to use the keychain's."));
    else
        m_passwordNote->setText(tr("Asked each time; not stored."));
    m_profile->setEnabled(m_profile->count() > 0 && !busy);
    m_run->setEnabled(p.has_value() && !busy && m_installBatches > 0);
}

QString FinishWizardPage::installScript()
{
    for (const GeneratedScript &s : m_wizard->scripts().scripts) {
        if (s.fileName == InstallFile)
            return s.text;
    }
    return QString();
}

bool FinishWizardPage::isComplete() const
{
    return !isRunning();
}

bool FinishWizardPage::isRunning() const
{
    return m_runner && m_runner->isRunning();
}

bool FinishWizardPage::saveTo(const QString &folder, QString *error)
{
    // The same writer as `broker-studio generate`, so both produce identical files.
    *error = ScriptWriter::write(folder, m_wizard->options(), m_wizard->scripts());
    return error->isEmpty();
}

void FinishWizardPage::browse()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Save scripts to"), m_folder->text());
    if (!dir.isEmpty())
        m_folder->setText(dir);
}

void FinishWizardPage::save()
{
    if (m_folder->text().trimmed().isEmpty()) {
        browse();
        if (m_folder->text().trimmed().isEmpty())
            return;
    }
    QString error;
    if (saveTo(m_folder->text().trimmed(), &error)) {
        m_saveStatus->setStyleSheet(QString());
        m_saveStatus->setText(tr("Saved %n script(s) and options.json to %1.", nullptr, int(m_wizard->scripts().scripts.size()))
                                  .arg(QDir::toNativeSeparators(m_folder->text().trimmed())));
    } else {
        m_saveStatus->setStyleSheet(QStringLiteral("color: #b01e1e;"));
        m_saveStatus->setText(error);
    }
}

void FinishWizardPage::copyInstall()
{
    for (const GeneratedScript &s : m_wizard->scripts().scripts) {
        if (s.fileName == InstallFile) {
            QApplication::clipboard()->setText(s.text);
            m_saveStatus->setStyleSheet(QString());
            m_saveStatus->setText(tr("install.sql copied to the clipboard."));
            return;
        }
    }
}

void FinishWizardPage::runInstall()
{
    if (isRunning() || !m_pendingKey.isEmpty())
        return;
    const std::optional<ConnectionProfile> p = selectedProfile();
    if (!p)
        return;
    if (!p->needsPassword() || !m_password->text().isEmpty()) {
        startRun(*p, p->needsPassword() ? m_password->text() : QString());
        return;
    }
    if (!p->savePassword) {
        askForPassword(tr("Type the password of %1 for %2 to run install.sql. It is used for this run only.")
                           .arg(p->userName, p->displayName()));
        return;
    }
    if (!m_store) {
        m_store = new PasswordStore(this);
        connect(m_store, &PasswordStore::passwordRead, this, [this](const QString &key, const QString &password) {
            if (key != m_pendingKey)
                return;
            m_pendingKey.clear();
            const std::optional<ConnectionProfile> selected = selectedProfile();
            if (selected && selected->keychainKey() == key)
                startRun(*selected, password);
            else
                updateRunState();
        });
        connect(m_store, &PasswordStore::passwordMissing, this, [this](const QString &key) {
            if (key != m_pendingKey)
                return;
            m_pendingKey.clear();
            askForPassword(tr("The keychain holds no password for this connection. Type it to run install.sql."));
        });
        connect(m_store, &PasswordStore::failed, this, [this](const QString &key, const QString &message) {
            if (key != m_pendingKey)
                return;
            m_pendingKey.clear();
            askForPassword(tr("The keychain could not be read (%1). Type the password to run install.sql.").arg(message));
        });
    }
    m_pendingKey = p->keychainKey();
    m_result->setPlainText(tr("Reading the password of %1 from the keychain…").arg(p->displayName()));
    updateRunState();
    m_store->read(m_pendingKey);
}

void FinishWizardPage::askForPassword(const QString &why)
{
    m_result->setPlainText(why);
    updateRunState();
    m_password->setFocus();
}

void FinishWizardPage::startRun(const ConnectionProfile &profile, const QString &password)
{
    const QString script = installScript();
    if (script.isEmpty())
        return;

    delete m_runner;
    // Built here, in memory, for the runner only: never put into a widget, setting or log.
    m_runner = new ScriptRunner(m_wizard->executorFactory(OdbcConnectionString::build(profile, password)), this);
    connect(m_runner, &ScriptRunner::started, this, [this](int count) {
        m_progress->setRange(0, qMax(count, 1));
        m_progress->setValue(0);
        m_progress->setFormat(tr("%v of %m batches"));
    });
    connect(m_runner, &ScriptRunner::batchStarted, this, [this](int index, int count, int line) {
        m_result->setPlainText(tr("Running batch %1 of %2 (install.sql line %3)…").arg(index + 1).arg(count).arg(line));
    });
    connect(m_runner, &ScriptRunner::progress, m_progress, &QProgressBar::setValue);
    connect(m_runner, &ScriptRunner::finished, this, &FinishWizardPage::runFinished);
    connect(m_cancel, &QPushButton::clicked, m_runner, &ScriptRunner::cancel);

    m_result->clear();
    m_saveLog->setEnabled(false);
    m_cancel->setEnabled(true);
    m_runner->start(script, InstallFile);
    updateRunState();
    Q_EMIT completeChanged();
}

void FinishWizardPage::runFinished(const RunReport &report)
{
    m_report = report;
    m_cancel->setEnabled(false);
    updateRunState();
    m_saveLog->setEnabled(!report.log.isEmpty() || report.outcome != RunReport::Outcome::Succeeded);
    QString text;
    switch (report.outcome) {
    case RunReport::Outcome::Succeeded:
        text = tr("install.sql ran: all %n batch(es) succeeded.", nullptr, report.batchCount);
        break;
    case RunReport::Outcome::Failed:
        text = tr("install.sql stopped at batch %1 of %2.\n\nServer message (error %3): %4\n\nLine %5 of install.sql "
                  "(line %6 of the batch that starts at line %7):\n\n")
                   .arg(report.failedBatchIndex + 1)
                   .arg(report.batchCount)
                   .arg(report.failure.errorNumber)
                   .arg(report.failure.message)
                   .arg(report.failedScriptLine)
                   .arg(qMax(report.failure.line, 1))
                   .arg(report.failedBatch.startLine);
        {
            // The batch with line numbers of the whole script, the failing line marked.
            const QStringList lines = report.failedBatch.text.split(u'\n');
            for (int i = 0; i < lines.size(); ++i) {
                const int scriptLine = report.failedBatch.startLine + i;
                text += (scriptLine == report.failedScriptLine ? QStringLiteral("> ") : QStringLiteral("  "))
                    + QStringLiteral("%1  ").arg(scriptLine, 5) + lines.at(i) + u'\n';
            }
        }
        break;
    case RunReport::Outcome::Cancelled:
    case RunReport::Outcome::ConnectionFailed:
    case RunReport::Outcome::ScriptInvalid:
        text = report.message;
        break;
    }
    m_result->setPlainText(text);
    Q_EMIT completeChanged();
}

void FinishWizardPage::saveLog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save run log"), QStringLiteral("install-run-log.sql"),
                                                      tr("SQL log (*.sql);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!m_report.saveLog(path, &error))
        m_result->appendPlainText(tr("\nCould not save the log: %1").arg(error));
}

} // namespace bs
