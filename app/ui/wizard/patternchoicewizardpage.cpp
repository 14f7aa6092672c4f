#include "ui/wizard/patternchoicewizardpage.h"

#include "ui/wizard/patterndiagramwidget.h"
#include "ui/wizard/patternwizard.h"

#include <QButtonGroup>
#include <QDir>
#include <QFileDialog>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace bs {

namespace {

// The PATTERNS.md table, row by row, in words.
QString rowText(Pattern pattern)
{
    switch (pattern) {
    case Pattern::Windowed:
        return PatternChoiceWizardPage::tr(
            "For recurring batches: maintenance, refreshes, ETL. The sender ends its side right after SEND; "
            "every dialog lives for the window (LIFETIME). About <b>rate × window</b> endpoints are alive at "
            "steady state. Broker errors are dropped; task errors are logged by the target. Order: per message only.");
    case Pattern::KeepFiring:
        return PatternChoiceWizardPage::tr(
            "For a steady stream of small tasks. A pool of long-lived dialogs is reused; a dialog ends only when "
            "it is recycled, the target first. About <b>2 × pool</b> endpoints plus the recycled ones kept 30 min: "
            "bounded. Errors are logged by the initiator's activation. Order: FIFO per conversation.");
    case Pattern::TargetEndsFirst:
        return PatternChoiceWizardPage::tr(
            "The textbook baseline: one dialog per message; the target ends after the task, then the initiator. "
            "About <b>rate × 30 min</b> closed target endpoints (replay protection) plus those in flight. "
            "Errors are logged by the initiator's activation. Order: per message only.");
    case Pattern::NaiveTeaching:
        return PatternChoiceWizardPage::tr(
            "BEGIN, SEND, END with the default lifetime. The population grows by <b>rate × time</b> for "
            "68 years and errors vanish. Shown so you can recognise it; the wizard does not generate it.");
    }
    return QString();
}

} // namespace

PatternChoiceWizardPage::PatternChoiceWizardPage(PatternWizard *wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
    , m_group(new QButtonGroup(this))
{
    setTitle(tr("Choose a messaging pattern"));
    setSubTitle(tr("Each task message ends in a stored procedure call on the same server. The patterns differ "
                   "in who ends the conversation, and so in how many endpoints stay alive."));

    auto *layout = new QHBoxLayout(this);
    auto *choices = new QVBoxLayout;
    layout->addLayout(choices, 3);

    const struct
    {
        Pattern pattern;
        QString label;
        QString objectName;
    } rows[] = {
        {Pattern::Windowed, tr("&Windowed fire-and-forget"), QStringLiteral("patternWindowed")},
        {Pattern::KeepFiring, tr("&Keep-firing (conversation pool)"), QStringLiteral("patternKeepFiring")},
        {Pattern::TargetEndsFirst, tr("&Target ends first (dialog per message)"), QStringLiteral("patternTargetEndsFirst")},
    };
    for (const auto &row : rows) {
        auto *radio = new QRadioButton(row.label, this);
        radio->setObjectName(row.objectName);
        QFont f = radio->font();
        f.setBold(true);
        radio->setFont(f);
        auto *text = new QLabel(rowText(row.pattern), this);
        text->setWordWrap(true);
        text->setContentsMargins(22, 0, 0, 8);
        text->setTextFormat(Qt::RichText);
        m_group->addButton(radio, int(row.pattern));
        choices->addWidget(radio);
        choices->addWidget(text);
    }
    m_group->button(int(Pattern::Windowed))->setToolTip(
        tr("Fire-and-forget: the sender ends its side of the dialog right after SEND and never waits. "
           "LIFETIME bounds how long a dialog (and its endpoints) can live."));
    m_group->button(int(Pattern::KeepFiring))->setToolTip(
        tr("A pool of long-lived conversations. One queue reader can work on one conversation at a time, "
           "so the pool size is the parallelism. EndOfStream is the message that retires a conversation."));
    m_group->button(int(Pattern::TargetEndsFirst))->setToolTip(
        tr("The target ends the dialog after the task; an activation procedure on the initiator queue ends "
           "the sender's side on EndDialog and logs Error messages."));

    auto *avoid = new QGroupBox(tr("Avoid: naive fire-and-forget"), this);
    avoid->setObjectName(QStringLiteral("naiveWarning"));
    auto *avoidLayout = new QHBoxLayout(avoid);
    auto *naiveDiagram = new PatternDiagramWidget(avoid);
    naiveDiagram->setPattern(Pattern::NaiveTeaching);
    naiveDiagram->setPrefix(m_wizard->options().prefix);
    naiveDiagram->setMinimumSize(320, 140);
    naiveDiagram->setMaximumHeight(150);
    auto *naiveText = new QLabel(rowText(Pattern::NaiveTeaching), avoid);
    naiveText->setWordWrap(true);
    naiveText->setTextFormat(Qt::RichText);
    avoidLayout->addWidget(naiveText, 2);
    avoidLayout->addWidget(naiveDiagram, 3);
    choices->addWidget(avoid);
    choices->addStretch(1);

    auto *loadRow = new QHBoxLayout;
    m_load = new QPushButton(tr("&Load options…"), this);
    m_load->setObjectName(QStringLiteral("loadOptions"));
    m_load->setToolTip(tr("Reopen an options.json saved with generated scripts, to change and regenerate them."));
    m_loadStatus = new QLabel(this);
    m_loadStatus->setObjectName(QStringLiteral("loadStatus"));
    m_loadStatus->setWordWrap(true);
    loadRow->addWidget(m_load);
    loadRow->addWidget(m_loadStatus, 1);
    choices->addLayout(loadRow);

    auto *right = new QVBoxLayout;
    m_diagram = new PatternDiagramWidget(this);
    m_diagram->setObjectName(QStringLiteral("patternDiagram"));
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    right->addWidget(m_diagram);
    right->addWidget(m_summary);
    right->addStretch(1);
    layout->addLayout(right, 2);

    connect(m_group, &QButtonGroup::idClicked, this, [this](int id) { choose(Pattern(id)); });
    connect(m_load, &QPushButton::clicked, this, &PatternChoiceWizardPage::loadOptions);
    connect(m_wizard, &PatternWizard::optionsReplaced, this, &PatternChoiceWizardPage::refresh);
    // The diagrams name the real procedures: they follow the prefix typed on the Names page.
    connect(m_wizard, &PatternWizard::optionsChanged, this, [this, naiveDiagram] {
        m_diagram->setPrefix(m_wizard->options().prefix);
        naiveDiagram->setPrefix(m_wizard->options().prefix);
    });
}

void PatternChoiceWizardPage::initializePage()
{
    refresh();
}

void PatternChoiceWizardPage::refresh()
{
    const Pattern pattern = m_wizard->options().pattern;
    if (QAbstractButton *b = m_group->button(int(pattern)))
        b->setChecked(true);
    m_diagram->setPattern(pattern);
    m_diagram->setPrefix(m_wizard->options().prefix);
    m_summary->setText(tr("Default task delivery for this pattern: %1.")
                           .arg(m_wizard->options().delivery == DeliveryMode::AtMostOnce
                                    ? tr("at most once (the RECEIVE commits before the task runs)")
                                    : tr("in the receive transaction (strict order, redelivery after a crash)")));
}

void PatternChoiceWizardPage::choose(Pattern pattern)
{
    const PatternOptions current = m_wizard->options();
    if (current.pattern == pattern)
        return;
    // A new pattern starts from its own defaults; the names the user typed are kept.
    PatternOptions next = PatternOptions::defaults(pattern);
    next.database = current.database;
    next.schema = current.schema;
    next.prefix = current.prefix;
    next.serviceRoot = current.serviceRoot;
    next.maxQueueReaders = current.maxQueueReaders;
    next.poolSize = pattern == Pattern::KeepFiring ? current.maxQueueReaders : next.poolSize;
    m_wizard->setOptions(next);
}

void PatternChoiceWizardPage::loadOptions()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load options"), QString(), tr("Options (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (m_wizard->loadOptionsFile(path, &error)) {
        m_loadStatus->setStyleSheet(QString());
        m_loadStatus->setText(tr("Loaded %1.").arg(QDir::toNativeSeparators(path)));
    } else {
        m_loadStatus->setStyleSheet(QStringLiteral("color: #b01e1e;"));
        m_loadStatus->setText(error);
    }
}

} // namespace bs
