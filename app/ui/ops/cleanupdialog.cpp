#include "ui/ops/cleanupdialog.h"

#include "data/ops/cleanuprunner.h"
#include "data/ops/operationpath.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace bs {

CleanupDialog::CleanupDialog(OperationPath *path, const BrokerCatalog &catalog, const CleanupPlan &initial, QWidget *parent)
    : QDialog(parent)
    , m_path(path)
    , m_catalog(catalog)
    , m_runner(new CleanupRunner(path, this))
{
    setWindowTitle(tr("Guided Leak Cleanup"));
    m_local = new QLineEdit(initial.localService, this);
    m_far = new QLineEdit(initial.farService, this);
    m_queue = new QLabel(this);
    m_cd = new QCheckBox(tr("CD: CLOSED, security timestamp never set → END CONVERSATION … WITH CLEANUP"), this);
    m_di = new QCheckBox(tr("DI: disconnected inbound → END CONVERSATION"), this);
    m_do = new QCheckBox(tr("DO: disconnected outbound → END CONVERSATION"), this);
    m_cd->setToolTip(cleanupStateExplanation(CleanupState::CD));
    m_di->setToolTip(cleanupStateExplanation(CleanupState::DI));
    m_do->setToolTip(cleanupStateExplanation(CleanupState::DO));
    m_cd->setChecked(initial.closed);
    m_di->setChecked(initial.disconnectedInbound);
    m_do->setChecked(initial.disconnectedOutbound);
    m_horizon = new QSpinBox(this);
    m_horizon->setRange(0, std::numeric_limits<int>::max());
    m_horizon->setSuffix(tr(" s"));
    m_horizon->setValue(int(initial.minLifetimeLeftSeconds));
    m_horizon->setToolTip(tr("Endpoints whose lifetime ends within this many seconds are left alone: the server removes "
                             "them. SQL Server keeps no creation time for an endpoint, so its age cannot be filtered on."));
    m_batch = new QSpinBox(this);
    m_batch->setRange(1, CleanupPlan::MaxBatchSize);
    m_batch->setValue(initial.batchSize);
    m_batch->setToolTip(tr("Handles ended per transaction."));
    m_pauseMs = new QSpinBox(this);
    m_pauseMs->setRange(0, 600000);
    m_pauseMs->setSuffix(tr(" ms"));
    m_pauseMs->setValue(initial.pauseMs);
    m_pauseMs->setToolTip(tr("A pause between batches so that the server keeps serving its applications."));

    auto *form = new QFormLayout;
    form->addRow(tr("Local service:"), m_local);
    form->addRow(tr("Far service:"), m_far);
    form->addRow(tr("Queue (skip check):"), m_queue);
    auto *states = new QVBoxLayout;
    states->addWidget(m_cd);
    states->addWidget(m_di);
    states->addWidget(m_do);
    form->addRow(tr("States:"), states);
    form->addRow(tr("Leave if lifetime ends within:"), m_horizon);
    form->addRow(tr("Batch size:"), m_batch);
    form->addRow(tr("Pause between batches:"), m_pauseMs);

    m_planText = new QPlainTextEdit(this);
    m_planText->setReadOnly(true);
    m_planText->setPlaceholderText(tr("Run the dry run to see how many endpoints match and what happens to each."));
    m_statement = new QPlainTextEdit(this);
    m_statement->setReadOnly(true);
    m_statement->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_statement->setToolTip(tr("The exact statement each batch runs; only @P1, the last handle of the previous batch, changes."));
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 100);
    m_progressText = new QLabel(this);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Room for the summary's lines (removed, skipped and why, refused, the advice) without a scroll.
    m_summary->setMinimumHeight(m_summary->fontMetrics().lineSpacing() * 7);
    m_summary->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_blocked = new QLabel(this);
    m_blocked->setWordWrap(true);
    m_resumeBox = new QWidget(this);
    m_resumeBox->setObjectName(QStringLiteral("resumeBox"));
    m_resumeBox->setStyleSheet(QStringLiteral("#resumeBox { background: #fff4e0; border: 1px solid #e0b060; }"));
    m_resumeBox->setAttribute(Qt::WA_StyledBackground);
    m_resumeText = new QLabel(m_resumeBox);
    m_resumeText->setWordWrap(true);
    m_resumeButton = new QPushButton(m_resumeBox);
    m_startOver = new QPushButton(tr("&Start Over…"), m_resumeBox);
    auto *resumeLayout = new QVBoxLayout(m_resumeBox);
    resumeLayout->addWidget(m_resumeText);
    auto *resumeButtons = new QHBoxLayout;
    resumeButtons->addWidget(m_resumeButton);
    resumeButtons->addWidget(m_startOver);
    resumeButtons->addStretch();
    resumeLayout->addLayout(resumeButtons);
    m_resumeBox->hide();

    m_dryRun = new QPushButton(tr("&Dry Run"), this);
    m_run = new QPushButton(tr("&Run Cleanup"), this);
    m_pause = new QPushButton(tr("&Pause"), this);
    m_cancel = new QPushButton(tr("&Cancel Run"), this);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_dryRun, m_run, m_pause, m_cancel})
        buttons->addWidget(b);
    buttons->addStretch();
    buttons->addWidget(close);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_resumeBox);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Plan (dry run):"), this));
    layout->addWidget(m_planText, 1);
    layout->addWidget(new QLabel(tr("Statement of every batch:"), this));
    layout->addWidget(m_statement, 2);
    layout->addWidget(m_progress);
    layout->addWidget(m_progressText);
    layout->addWidget(m_summary);
    layout->addWidget(m_blocked);
    layout->addLayout(buttons);
    resize(860, 820);

    connect(m_dryRun, &QPushButton::clicked, this, &CleanupDialog::startDryRun);
    connect(m_run, &QPushButton::clicked, this, &CleanupDialog::startRun);
    connect(m_pause, &QPushButton::clicked, this, &CleanupDialog::togglePause);
    connect(m_cancel, &QPushButton::clicked, m_runner, &CleanupRunner::cancel);
    connect(m_resumeButton, &QPushButton::clicked, this, &CleanupDialog::resumeRun);
    connect(m_startOver, &QPushButton::clicked, this, &CleanupDialog::startOver);
    for (QLineEdit *e : {m_local, m_far})
        connect(e, &QLineEdit::textChanged, this, &CleanupDialog::planEdited);
    for (QCheckBox *c : {m_cd, m_di, m_do})
        connect(c, &QCheckBox::toggled, this, &CleanupDialog::planEdited);
    for (QSpinBox *s : {m_horizon, m_batch, m_pauseMs})
        connect(s, &QSpinBox::valueChanged, this, &CleanupDialog::planEdited);
    connect(m_runner, &CleanupRunner::progressChanged, this, &CleanupDialog::showProgress);
    connect(m_runner, &CleanupRunner::stateChanged, this, &CleanupDialog::updateButtons);
    connect(m_runner, &CleanupRunner::finished, this, &CleanupDialog::runFinished);
    planEdited();
    refreshUnfinished();
}

CleanupDialog::~CleanupDialog() = default;

CleanupPlan CleanupDialog::plan() const
{
    CleanupPlan p;
    p.localService = m_local->text().trimmed();
    p.farService = m_far->text().trimmed();
    p.queue = CleanupPlan::queueOfService(m_catalog, p.localService);
    p.closed = m_cd->isChecked();
    p.disconnectedInbound = m_di->isChecked();
    p.disconnectedOutbound = m_do->isChecked();
    p.minLifetimeLeftSeconds = m_horizon->value();
    p.batchSize = m_batch->value();
    p.pauseMs = m_pauseMs->value();
    return p;
}

void CleanupDialog::setPlan(const CleanupPlan &p)
{
    m_local->setText(p.localService);
    m_far->setText(p.farService);
    m_cd->setChecked(p.closed);
    m_di->setChecked(p.disconnectedInbound);
    m_do->setChecked(p.disconnectedOutbound);
    m_horizon->setValue(int(p.minLifetimeLeftSeconds));
    m_batch->setValue(p.batchSize);
    m_pauseMs->setValue(p.pauseMs);
}

void CleanupDialog::refreshUnfinished()
{
    m_unfinished = m_runner->unfinished();
    m_resumeBox->setVisible(m_unfinished.has_value());
    if (m_unfinished) {
        const CleanupRun &run = *m_unfinished;
        const QString when = QLocale().toString(run.startedUtc.toLocalTime(), QLocale::ShortFormat);
        m_resumeText->setText(tr("<b>An unfinished cleanup run</b> of %1 on this database (%2, %3): %4<br>%5<br>"
                                 "Resume it where it stopped, or start over with a new plan.")
                                  .arg(when.toHtmlEscaped(), cleanupRunStatusName(run.status), run.doneText(),
                                       run.plan.summary().toHtmlEscaped(), run.message.toHtmlEscaped()));
        m_resumeButton->setText(tr("&Resume the run of %1 (%2)").arg(when, run.doneText()));
    }
    updateButtons();
}

void CleanupDialog::resumeRun()
{
    if (!m_unfinished)
        return;
    const CleanupRun run = *m_unfinished;
    setPlan(run.plan); // what runs is the kept plan: the form shows it
    m_summary->clear();
    if (!m_runner->resume(run)) {
        m_summary->setText(m_runner->lastError());
        return;
    }
    m_unfinished.reset();
    m_resumeBox->hide();
    updateButtons();
}

void CleanupDialog::startOver()
{
    if (!m_unfinished)
        return;
    const CleanupRun &run = *m_unfinished;
    // The preview of discarding: what it means, before it is done.
    QMessageBox confirm(QMessageBox::Warning, tr("Start Over"),
                        tr("Discard cleanup run %1 (%2)?").arg(run.id).arg(run.doneText()), QMessageBox::Cancel, this);
    confirm.setObjectName(QStringLiteral("startOverConfirm"));
    confirm.setInformativeText(tr("The run of %1 — %2 — will not be offered for resumption again. What it already ended "
                                  "stays ended; the history file keeps the run, marked discarded, and the audit records "
                                  "this. A new run starts from the first handle after a new dry run.")
                                   .arg(QLocale().toString(run.startedUtc.toLocalTime(), QLocale::ShortFormat), run.plan.summary()));
    QPushButton *discard = confirm.addButton(tr("&Discard and Start Over"), QMessageBox::DestructiveRole);
    confirm.setDefaultButton(QMessageBox::Cancel);
    confirm.exec();
    if (confirm.clickedButton() != discard)
        return;
    if (!m_runner->discard(run)) {
        m_summary->setText(m_runner->lastError());
        return;
    }
    m_summary->setText(tr("Run %1 discarded. Run the dry run of the new plan, then Run Cleanup.").arg(run.id));
    refreshUnfinished();
}

void CleanupDialog::planEdited()
{
    // A changed plan needs a new dry run before it can run.
    m_dry.reset();
    const CleanupPlan p = plan();
    m_queue->setText(p.queue.isValid() ? p.queue.displayName() : tr("(no local service of that name in the catalog)"));
    const QString problem = p.validate();
    m_statement->setPlainText(problem.isEmpty() ? CleanupStatements::batch(p, QUuid()).text : problem);
    m_planText->clear();
    updateButtons();
}

void CleanupDialog::startDryRun()
{
    if (!m_path || !m_path->operations())
        return;
    m_dryRunning = true;
    updateButtons();
    const CleanupPlan p = plan();
    m_planText->setPlainText(tr("Counting…"));
    m_path->operations()->cleanupCount(p, this, [this, p](const CleanupDryRun &dry) {
        m_dryRunning = false;
        if (p == plan()) {
            m_dry = dry;
            m_planText->setPlainText(dry.error.isEmpty() ? dry.describe(p) : tr("The dry run failed: %1").arg(dry.error));
        }
        updateButtons();
    });
}

void CleanupDialog::startRun()
{
    if (!m_dry || !m_dry->error.isEmpty())
        return;
    m_summary->clear();
    if (!m_runner->start(plan(), m_dry->counts.matching()))
        m_summary->setText(m_runner->lastError());
    updateButtons();
}

void CleanupDialog::togglePause()
{
    if (m_runner->state() == CleanupRunner::State::Paused)
        m_runner->resumeAfterPause();
    else
        m_runner->pause();
}

void CleanupDialog::showProgress()
{
    const CleanupProgress p = m_runner->progress();
    m_progress->setValue(p.percent());
    m_progressText->setText(p.text());
}

void CleanupDialog::runFinished()
{
    const CleanupRun &run = m_runner->run();
    QString text = run.status == CleanupRunStatus::Done ? tr("Finished.") : m_runner->lastError();
    text += QLatin1Char('\n') + m_runner->summary();
    m_summary->setText(text);
    m_dry.reset(); // the population changed: count again before another run
    refreshUnfinished(); // a cancelled or failed run is offered back at once
}

void CleanupDialog::updateButtons()
{
    const CleanupRunner::State state = m_runner->state();
    const bool active = state == CleanupRunner::State::Running || state == CleanupRunner::State::Paused;
    const QString blocked = m_path ? m_path->writesBlockedReason() : tr("No connection.");
    const bool planOk = plan().validate().isEmpty();
    m_dryRun->setEnabled(planOk && !active && !m_dryRunning);
    m_run->setEnabled(blocked.isEmpty() && planOk && !active && !m_unfinished && m_dry && m_dry->error.isEmpty()
                      && m_dry->counts.toEnd() > 0);
    m_run->setToolTip(!blocked.isEmpty() ? blocked
                      : m_unfinished   ? tr("An unfinished run is kept for this database: resume it or start over first.")
                      : !m_dry         ? tr("Run the dry run first: it shows what the cleanup will do.")
                                       : tr("Runs the statement shown, batch after batch, each in its own transaction."));
    for (QPushButton *b : {m_resumeButton, m_startOver}) {
        b->setEnabled(blocked.isEmpty() && !active);
        b->setToolTip(blocked);
    }
    m_blocked->setText(blocked.isEmpty() ? QString() : tr("Writes are disabled: %1").arg(blocked));
    m_pause->setEnabled(active);
    m_pause->setText(state == CleanupRunner::State::Paused ? tr("&Resume") : tr("&Pause"));
    m_cancel->setEnabled(active);
    for (QWidget *w : std::initializer_list<QWidget *>{m_local, m_far, m_cd, m_di, m_do, m_horizon, m_batch, m_pauseMs})
        w->setEnabled(!active);
}

} // namespace bs
