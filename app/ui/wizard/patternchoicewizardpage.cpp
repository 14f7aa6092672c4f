#include "ui/wizard/patternchoicewizardpage.h"

#include "core/script/patterndescriptor.h"
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

    // One radio button per pattern the wizard generates, in the descriptor table's order.
    const PatternDescriptor *warning = nullptr;
    for (const PatternDescriptor &d : patternDescriptors()) {
        if (!d.installable) {
            warning = &d;
            continue;
        }
        auto *radio = new QRadioButton(patternText(d.presentation.choiceLabel), this);
        radio->setObjectName(QLatin1String(d.presentation.choiceObjectName));
        radio->setToolTip(patternText(d.presentation.tooltip));
        QFont f = radio->font();
        f.setBold(true);
        radio->setFont(f);
        auto *text = new QLabel(patternText(d.presentation.summary), this);
        text->setWordWrap(true);
        text->setContentsMargins(22, 0, 0, 8);
        text->setTextFormat(Qt::RichText);
        m_group->addButton(radio, int(d.pattern));
        choices->addWidget(radio);
        choices->addWidget(text);
    }

    // The pattern it does not generate is shown as a warning, so that it can be recognised.
    if (warning) {
        auto *avoid = new QGroupBox(tr("Avoid: %1").arg(patternText(warning->presentation.choiceLabel).toLower()), this);
        avoid->setObjectName(QStringLiteral("naiveWarning"));
        avoid->setToolTip(patternText(warning->presentation.tooltip));
        auto *avoidLayout = new QHBoxLayout(avoid);
        m_warningDiagram = new PatternDiagramWidget(avoid);
        m_warningDiagram->setPattern(warning->pattern);
        m_warningDiagram->setPrefix(m_wizard->options().prefix);
        m_warningDiagram->setMinimumSize(320, 140);
        m_warningDiagram->setMaximumHeight(150);
        auto *text = new QLabel(patternText(warning->presentation.summary), avoid);
        text->setWordWrap(true);
        text->setTextFormat(Qt::RichText);
        avoidLayout->addWidget(text, 2);
        avoidLayout->addWidget(m_warningDiagram, 3);
        choices->addWidget(avoid);
    }
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
    connect(m_wizard, &PatternWizard::optionsChanged, this, [this] {
        m_diagram->setPrefix(m_wizard->options().prefix);
        if (m_warningDiagram)
            m_warningDiagram->setPrefix(m_wizard->options().prefix);
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
    next.poolSize = patternDescriptor(pattern).hasPool ? current.maxQueueReaders : next.poolSize;
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
