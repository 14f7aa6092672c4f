#include "ui/wizard/tuningwizardpage.h"

#include "core/script/patterndescriptor.h"

#include "core/script/whatif.h"
#include "ui/wizard/patternwizard.h"
#include "ui/wizard/problemlabel.h"
#include "ui/wizard/whatifsimulationwidget.h"

#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace bs {

namespace {

const QStringList TuningFields{
    QStringLiteral("pattern"),         QStringLiteral("validateXml"),          QStringLiteral("delivery"),
    QStringLiteral("maxQueueReaders"), QStringLiteral("receiveTimeoutMs"),     QStringLiteral("windowSeconds"),
    QStringLiteral("dialogLifetimeSeconds"), QStringLiteral("messagesPerReceive"),
    QStringLiteral("poolSize"),        QStringLiteral("recycleAfterMessages"), QStringLiteral("recycleAfterSeconds"),
    QStringLiteral("logRetentionDays"), QStringLiteral("cleanupIntervalSeconds"), QStringLiteral("uninstallKeepsLog"),
};

QString duration(double seconds)
{
    const QLocale l;
    if (seconds < 120)
        return QObject::tr("%1 s").arg(l.toString(std::ceil(seconds), 'f', 0));
    if (seconds < 7200)
        return QObject::tr("%1 min").arg(l.toString(seconds / 60.0, 'f', 1));
    return QObject::tr("%1 h").arg(l.toString(seconds / 3600.0, 'f', 1));
}

} // namespace

TuningWizardPage::TuningWizardPage(PatternWizard *wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
{
    setTitle(tr("Tune the pattern"));
    setSubTitle(tr("Defaults follow the pattern. Hover over an option for what it does in Service Broker terms."));

    auto *layout = new QHBoxLayout(this);
    auto *left = new QVBoxLayout;
    layout->addLayout(left, 1);

    auto *optionsBox = new QGroupBox(tr("Options"), this);
    m_form = new QFormLayout(optionsBox);
    m_form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);

    m_validation = new QComboBox(optionsBox);
    m_validation->setObjectName(QStringLiteral("validateXml"));
    m_validation->addItem(QStringLiteral("WELL_FORMED_XML"), true);
    m_validation->addItem(QStringLiteral("NONE"), false);
    m_validation->setToolTip(tr("VALIDATION of the task message type. WELL_FORMED_XML makes the target's broker "
                                "reject a body that is not XML; the generated _Enqueue always builds the body with "
                                "FOR XML."));
    m_form->addRow(tr("Message &validation:"), m_validation);

    auto *delivery = new QWidget(optionsBox);
    auto *deliveryLayout = new QVBoxLayout(delivery);
    deliveryLayout->setContentsMargins(0, 0, 0, 0);
    m_atMostOnce = new QRadioButton(tr("At &most once — for long jobs"), delivery);
    m_atMostOnce->setObjectName(QStringLiteral("deliveryAtMostOnce"));
    m_atMostOnce->setToolTip(tr("The target commits the RECEIVE before it runs the task: a failing task cannot "
                                "roll the message back, so it can never poison the queue, and no transaction stays "
                                "open during long work. A crash mid-task loses that run (the log shows 'running')."));
    m_inReceive = new QRadioButton(tr("In the receive &transaction — for short tasks"), delivery);
    m_inReceive->setObjectName(QStringLiteral("deliveryInReceive"));
    m_inReceive->setToolTip(tr("The task runs inside the RECEIVE transaction: strict order per conversation and "
                               "redelivery after a crash. Failures are logged and the message consumed, so they never "
                               "reach the poison-message limit of five rollbacks."));
    auto *deliveryGroup = new QButtonGroup(delivery);
    deliveryGroup->addButton(m_atMostOnce);
    deliveryGroup->addButton(m_inReceive);
    deliveryLayout->addWidget(m_atMostOnce);
    deliveryLayout->addWidget(m_inReceive);
    m_form->addRow(tr("Task delivery:"), delivery);

    // Ranges are wider than the valid values so that validateOptions() explains a bad one.
    m_readers = addSpin(m_form, tr("MAX_QUEUE_R&EADERS:"), QStringLiteral("maxQueueReaders"), 0, 99999, QString(),
                        tr("MAX_QUEUE_READERS of the target queue's activation: how many copies of the activation "
                           "procedure may run at once (1–32767). Activation starts at most one more about every 5 s "
                           "while messages wait."));
    m_timeout = addSpin(m_form, tr("Receive time&out:"), QStringLiteral("receiveTimeoutMs"), 0, std::numeric_limits<int>::max(),
                        tr(" ms"),
                        tr("TIMEOUT of WAITFOR (RECEIVE …) in the activation loop: an idle reader exits after this "
                           "long with an empty queue."));
    m_messagesPerReceive = addSpin(
        m_form, tr("Messages per &RECEIVE:"), QStringLiteral("messagesPerReceive"), 0, 99999, QString(),
        tr("RECEIVE TOP (n) of the target's activation procedure: one RECEIVE and one COMMIT for up to n messages, "
           "handled one by one in the same transaction (1 = one at a time). A RECEIVE returns one conversation "
           "group only, so it batches the many tasks of a keep-firing conversation, not one-dialog-per-task "
           "patterns. A failing task is undone to its own savepoint; only a doomed transaction rolls the batch "
           "back (1–%1).").arg(MaxMessagesPerReceive));
    m_window = addSpin(m_form, tr("&Window:"), QStringLiteral("windowSeconds"), 0, std::numeric_limits<int>::max(), tr(" s"),
                       tr("LIFETIME of each dialog, in seconds. A message not received within the window is lost "
                          "with its dialog (error -8489) and marked 'expired' by _Cleanup; closed endpoints are "
                          "reclaimed when it ends instead of in 68 years."));
    m_lifetime = addSpin(m_form, tr("Dialog &lifetime:"), QStringLiteral("dialogLifetimeSeconds"), 0,
                         std::numeric_limits<int>::max(), tr(" s"),
                         tr("LIFETIME of each dialog, in seconds. If the target never answers (unreachable, queue "
                            "disabled), both endpoints error out with -8489 after this long, the initiator logs "
                            "the task as 'expired' and ends its side, instead of the endpoints living 68 years."));
    m_pool = addSpin(m_form, tr("&Pool size:"), QStringLiteral("poolSize"), 0, 999999, tr(" conversations"),
                     tr("Number of long-lived conversations. One reader works on one conversation at a time, so "
                        "the pool size is the parallelism (default: MAX_QUEUE_READERS)."));
    m_recycleMessages = addSpin(m_form, tr("Recycle after N messa&ges:"), QStringLiteral("recycleAfterMessages"), 0,
                                std::numeric_limits<int>::max(), QString(),
                                tr("After this many messages a pooled conversation is retired: the sender sends "
                                   "EndOfStream, the target ends the dialog first, and a new one is opened."));
    m_recycleSeconds = addSpin(m_form, tr("… or after T secon&ds:"), QStringLiteral("recycleAfterSeconds"), 0,
                               std::numeric_limits<int>::max(), tr(" s"),
                               tr("Retire a pooled conversation after this many seconds, whichever limit comes "
                                  "first. Each recycle leaves a closed target endpoint for 30 minutes."));
    m_retention = addSpin(m_form, tr("&Log retention:"), QStringLiteral("logRetentionDays"), -1, 36500, tr(" days"),
                          tr("Task log rows older than this are deleted by _Cleanup; 0 keeps the log forever."));
    m_cleanupInterval = addSpin(m_form, tr("Cleanup at most ever&y:"), QStringLiteral("cleanupIntervalSeconds"), 0,
                                MaxCleanupIntervalSeconds, tr(" s"),
                                tr("_Enqueue runs _Cleanup (log retention, expired windowed tasks) at most this "
                                   "often, never on every call: the task log is the installation's busiest table. "
                                   "An Agent job can run it with @force = 1 instead."));
    m_keepLog = new QCheckBox(tr("Uninstall &keeps the task log"), optionsBox);
    m_keepLog->setObjectName(QStringLiteral("uninstallKeepsLog"));
    m_keepLog->setToolTip(tr("The uninstall script drops every object except the TaskLog table."));
    m_form->addRow(QString(), m_keepLog);
    left->addWidget(optionsBox);

    // The explanation of the option being edited, so it is visible without hovering.
    m_help = new QLabel(tr("Move to an option to see what it does."), this);
    m_help->setObjectName(QStringLiteral("optionHelp"));
    m_help->setWordWrap(true);
    m_help->setFrameShape(QFrame::StyledPanel);
    m_help->setMargin(6);
    m_help->setMinimumHeight(m_help->fontMetrics().lineSpacing() * 4 + 12);
    m_help->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    left->addWidget(m_help);
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *, QWidget *now) {
        if (now && isAncestorOf(now) && !now->toolTip().isEmpty())
            m_help->setText(now->toolTip());
    });

    m_problems = new ProblemLabel(this);
    m_problems->setObjectName(QStringLiteral("tuningProblems"));
    left->addWidget(m_problems);
    left->addStretch(1);

    auto *whatIf = new QGroupBox(tr("What if…"), this);
    whatIf->setObjectName(QStringLiteral("whatIf"));
    auto *whatIfLayout = new QVBoxLayout(whatIf);
    m_whatIfForm = new QFormLayout;
    m_rate = new QDoubleSpinBox(whatIf);
    m_rate->setObjectName(QStringLiteral("rate"));
    m_rate->setRange(0.001, 1000000);
    m_rate->setDecimals(3);
    m_rate->setSuffix(tr(" msg/s"));
    m_rate->setToolTip(tr("Steady arrival rate λ of task messages."));
    m_task = new QDoubleSpinBox(whatIf);
    m_task->setObjectName(QStringLiteral("taskSeconds"));
    m_task->setRange(0.001, 86400);
    m_task->setDecimals(3);
    m_task->setSuffix(tr(" s"));
    m_task->setToolTip(tr("How long one task (the called procedure) runs."));
    m_batch = new QSpinBox(whatIf);
    m_batch->setObjectName(QStringLiteral("batchSize"));
    m_batch->setRange(1, std::numeric_limits<int>::max());
    m_batch->setSuffix(tr(" messages"));
    m_batch->setGroupSeparatorShown(true);
    m_batch->setToolTip(tr("Messages one run of the batch job enqueues at once; the last of them waits longest."));
    m_receiveCost = new QDoubleSpinBox(whatIf);
    m_receiveCost->setObjectName(QStringLiteral("receiveSeconds"));
    m_receiveCost->setRange(0, 60);
    m_receiveCost->setDecimals(4);
    m_receiveCost->setSingleStep(0.001);
    m_receiveCost->setSuffix(tr(" s"));
    m_receiveCost->setToolTip(tr("What one RECEIVE transaction costs besides its tasks: the RECEIVE itself and the log "
                                 "flush of its COMMIT (often a few milliseconds). Messages per RECEIVE shares it among "
                                 "the messages of a batch; 0 counts it in the task time."));
    m_whatIfForm->addRow(tr("&Arrival rate:"), m_rate);
    m_whatIfForm->addRow(tr("Task t&ime:"), m_task);
    m_whatIfForm->addRow(tr("Batch si&ze:"), m_batch);
    m_whatIfForm->addRow(tr("RECEIVE + COMMIT &cost:"), m_receiveCost);
    whatIfLayout->addLayout(m_whatIfForm);

    m_endpoints = new QLabel(whatIf);
    m_endpoints->setObjectName(QStringLiteral("whatIfEndpoints"));
    m_endpoints->setWordWrap(true);
    m_throughput = new QLabel(whatIf);
    m_throughput->setObjectName(QStringLiteral("whatIfThroughput"));
    m_throughput->setWordWrap(true);
    m_formula = new QLabel(whatIf);
    m_formula->setObjectName(QStringLiteral("whatIfFormula"));
    m_formula->setWordWrap(true);
    QFont formulaFont = m_formula->font();
    formulaFont.setItalic(true);
    m_formula->setFont(formulaFont);
    m_windowAdvice = new QLabel(whatIf);
    m_windowAdvice->setObjectName(QStringLiteral("windowAdvice"));
    m_windowAdvice->setWordWrap(true);
    m_windowAdvice->setTextFormat(Qt::RichText);
    m_useSuggested = new QPushButton(tr("&Use suggested window"), whatIf);
    m_useSuggested->setObjectName(QStringLiteral("useSuggestedWindow"));
    whatIfLayout->addWidget(m_endpoints);
    whatIfLayout->addWidget(m_throughput);
    whatIfLayout->addWidget(m_formula);
    whatIfLayout->addSpacing(8);
    whatIfLayout->addWidget(m_windowAdvice);
    whatIfLayout->addWidget(m_useSuggested, 0, Qt::AlignLeft);
    m_simulation = new WhatIfSimulationWidget(whatIf);
    m_simulation->setObjectName(QStringLiteral("whatIfSimulation"));
    whatIfLayout->addWidget(m_simulation, 1);
    connect(m_simulation, &WhatIfSimulationWidget::requested, this,
            [this] { m_simulation->simulate(m_wizard->options(), m_wizard->workload()); });
    layout->addWidget(whatIf, 1);

    connect(m_validation, &QComboBox::currentIndexChanged, this, &TuningWizardPage::readWidgets);
    connect(m_atMostOnce, &QRadioButton::toggled, this, &TuningWizardPage::readWidgets);
    connect(m_keepLog, &QCheckBox::toggled, this, &TuningWizardPage::readWidgets);
    for (QSpinBox *spin : {m_readers, m_timeout, m_messagesPerReceive, m_window, m_lifetime, m_pool, m_recycleMessages,
                           m_recycleSeconds, m_retention, m_cleanupInterval})
        connect(spin, &QSpinBox::valueChanged, this, &TuningWizardPage::readWidgets);
    connect(m_rate, &QDoubleSpinBox::valueChanged, this, &TuningWizardPage::readWorkload);
    connect(m_task, &QDoubleSpinBox::valueChanged, this, &TuningWizardPage::readWorkload);
    connect(m_batch, &QSpinBox::valueChanged, this, &TuningWizardPage::readWorkload);
    connect(m_receiveCost, &QDoubleSpinBox::valueChanged, this, &TuningWizardPage::readWorkload);
    connect(m_useSuggested, &QPushButton::clicked, this, [this] {
        if (m_suggestedWindow > 0)
            m_window->setValue(m_suggestedWindow);
    });
    connect(m_wizard, &PatternWizard::optionsReplaced, this, &TuningWizardPage::initializePage);
}

QSpinBox *TuningWizardPage::addSpin(QFormLayout *form, const QString &label, const QString &objectName, int min, int max,
                                    const QString &suffix, const QString &tip)
{
    auto *spin = new QSpinBox(this);
    spin->setObjectName(objectName);
    spin->setRange(min, max);
    spin->setSuffix(suffix);
    spin->setToolTip(tip);
    spin->setGroupSeparatorShown(true);
    spin->setMinimumWidth(150);
    form->addRow(label, spin);
    return spin;
}

void TuningWizardPage::initializePage()
{
    const PatternOptions &o = m_wizard->options();
    const Workload &w = m_wizard->workload();
    m_loading = true;
    m_validation->setCurrentIndex(o.validateXml ? 0 : 1);
    m_atMostOnce->setChecked(o.delivery == DeliveryMode::AtMostOnce);
    m_inReceive->setChecked(o.delivery == DeliveryMode::InReceiveTransaction);
    m_readers->setValue(o.maxQueueReaders);
    m_timeout->setValue(o.receiveTimeoutMs);
    m_messagesPerReceive->setValue(o.messagesPerReceive);
    m_window->setValue(o.windowSeconds);
    m_lifetime->setValue(o.dialogLifetimeSeconds);
    m_pool->setValue(o.poolSize);
    m_recycleMessages->setValue(o.recycleAfterMessages);
    m_recycleSeconds->setValue(o.recycleAfterSeconds);
    m_retention->setValue(o.logRetentionDays);
    m_cleanupInterval->setValue(o.cleanupIntervalSeconds);
    m_keepLog->setChecked(o.uninstallKeepsLog);
    m_rate->setValue(w.messagesPerSecond);
    m_task->setValue(w.taskSeconds);
    m_batch->setValue(w.batchSize);
    m_receiveCost->setValue(w.receiveSeconds);
    const PatternDescriptor &d = patternDescriptor(o.pattern);
    const bool windowed = d.hasWindow;
    const bool pool = d.hasPool;
    m_form->setRowVisible(m_window, windowed);
    m_form->setRowVisible(m_lifetime, d.hasDialogLifetime);
    m_form->setRowVisible(m_pool, pool);
    m_form->setRowVisible(m_recycleMessages, pool);
    m_form->setRowVisible(m_recycleSeconds, pool);
    m_whatIfForm->setRowVisible(m_batch, windowed);
    m_windowAdvice->setVisible(windowed);
    m_useSuggested->setVisible(windowed);
    m_loading = false;
    refresh();
}

void TuningWizardPage::readWidgets()
{
    if (m_loading)
        return;
    PatternOptions o = m_wizard->options();
    o.validateXml = m_validation->currentData().toBool();
    o.delivery = m_atMostOnce->isChecked() ? DeliveryMode::AtMostOnce : DeliveryMode::InReceiveTransaction;
    o.maxQueueReaders = m_readers->value();
    o.receiveTimeoutMs = m_timeout->value();
    o.messagesPerReceive = m_messagesPerReceive->value();
    o.windowSeconds = m_window->value();
    o.dialogLifetimeSeconds = m_lifetime->value();
    o.poolSize = m_pool->value();
    o.recycleAfterMessages = m_recycleMessages->value();
    o.recycleAfterSeconds = m_recycleSeconds->value();
    o.logRetentionDays = m_retention->value();
    o.cleanupIntervalSeconds = m_cleanupInterval->value();
    o.uninstallKeepsLog = m_keepLog->isChecked();
    m_wizard->updateOptions(o);
    refresh();
}

void TuningWizardPage::readWorkload()
{
    if (m_loading)
        return;
    Workload w;
    w.messagesPerSecond = m_rate->value();
    w.taskSeconds = m_task->value();
    w.batchSize = m_batch->value();
    w.receiveSeconds = m_receiveCost->value();
    m_wizard->setWorkload(w);
    refresh();
}

bool TuningWizardPage::isComplete() const
{
    return !m_hasErrors;
}

void TuningWizardPage::refresh()
{
    const PatternOptions &o = m_wizard->options();
    const Workload &w = m_wizard->workload();
    const QList<OptionProblem> problems = validateOptions(o);
    const bool wasErrors = m_hasErrors;
    m_hasErrors = m_problems->showProblems(problems, TuningFields);
    // Problems on fields of other pages (names) stop the wizard there, not here.

    const QLocale l;
    const SteadyStateEstimate e = estimateSteadyState(o, w);
    if (e.bounded) {
        m_endpoints->setText(tr("<b>≈ %1 conversation endpoints</b> alive at steady state.")
                                 .arg(l.toString(std::round(e.endpoints), 'f', 0)));
    } else {
        m_endpoints->setText(tr("<b>Unbounded:</b> the endpoint population grows by about %1 per hour.")
                                 .arg(l.toString(std::round(e.growthPerHour), 'f', 0)));
    }
    QString tp = tr("Throughput ≈ %1 tasks/s; the %2 reader(s) can run up to %3 tasks/s.")
                     .arg(l.toString(e.throughputPerSecond, 'g', 4))
                     .arg(e.parallelReaders)
                     .arg(l.toString(e.capacityPerSecond, 'g', 4));
    if (e.overloaded)
        tp += QLatin1Char(' ') + tr("<span style=\"color:#b01e1e\">Messages arrive faster than they are processed: "
                                    "the queue grows without limit. Add readers%1 or shorten the tasks.</span>")
                                     .arg(patternDescriptor(o.pattern).hasPool ? tr(" and conversations") : QString());
    if (patternDescriptor(o.pattern).hasPool)
        tp += QLatin1Char(' ') + tr("Each conversation is recycled about every %1.").arg(duration(e.recycleIntervalSeconds));
    m_throughput->setText(tp);
    m_formula->setText(tr("Formula (PATTERNS.md): %1").arg(e.formula));

    if (patternDescriptor(o.pattern).hasWindow) {
        const WindowAdvice a = adviseWindow(o, w);
        m_suggestedWindow = a.suggestedSeconds;
        QString text = tr("A batch of %1 needs about <b>%2</b> (batch ÷ readers × task time + 5 s ramp-up per extra "
                          "reader). Suggested window: <b>%3 s</b> (%4).")
                           .arg(l.toString(w.batchSize), duration(a.minimumSeconds), l.toString(a.suggestedSeconds),
                                duration(a.suggestedSeconds));
        if (a.tooShort)
            text += QStringLiteral("<br><span style=\"color:#b01e1e\">&#9888; ") + a.message.toHtmlEscaped() + QStringLiteral("</span>");
        else if (a.belowSuggested)
            text += QStringLiteral("<br><span style=\"color:#8a5a00\">&#9888; ") + a.message.toHtmlEscaped() + QStringLiteral("</span>");
        m_windowAdvice->setText(text);
        m_useSuggested->setEnabled(o.windowSeconds != a.suggestedSeconds);
    }
    m_simulation->setEnabled(!m_hasErrors);
    m_simulation->markStale();
    if (wasErrors != m_hasErrors)
        Q_EMIT completeChanged();
}

} // namespace bs
