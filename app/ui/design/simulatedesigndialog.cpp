#include "ui/design/simulatedesigndialog.h"

#include "ui/wizard/problemlabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace bs {

namespace {

struct PatternChoice
{
    sim::PatternKind kind;
    const char *label;
    const char *tooltip;
};

// How the initiator and the target end their conversations: the patterns the simulator models
// (PATTERNS.md, SERVICE_BROKER.md §3).
const PatternChoice Patterns[] = {
    {sim::PatternKind::Naive, QT_TRANSLATE_NOOP("bs::SimulateDesignDialog", "Fire-and-forget (initiator ends after SEND)"),
     QT_TRANSLATE_NOOP("bs::SimulateDesignDialog",
                       "BEGIN DIALOG, SEND, END CONVERSATION at once. Errors from the target are lost, and each "
                       "target endpoint stays CLOSED with no security timestamp: a leak of one endpoint per message.")},
    {sim::PatternKind::Windowed, QT_TRANSLATE_NOOP("bs::SimulateDesignDialog", "Windowed fire-and-forget (dialog lifetime)"),
     QT_TRANSLATE_NOOP("bs::SimulateDesignDialog",
                       "The initiator does not end: the dialog's LIFETIME (the window) ends it. The target ends on "
                       "receipt; endpoints live at most the window, so the population is rate × window.")},
    {sim::PatternKind::TargetEndsFirst, QT_TRANSLATE_NOOP("bs::SimulateDesignDialog", "Target ends first"),
     QT_TRANSLATE_NOOP("bs::SimulateDesignDialog",
                       "The target ENDs after processing; the initiator's activation ends its side on the EndDialog "
                       "(and logs Error messages). Needs activation on the initiator queue.")},
    {sim::PatternKind::KeepFiring, QT_TRANSLATE_NOOP("bs::SimulateDesignDialog", "Keep-firing (pooled conversations)"),
     QT_TRANSLATE_NOOP("bs::SimulateDesignDialog",
                       "A pool of long-lived conversations reused for every message; an end-of-stream message closes "
                       "one when it is recycled. The population stays at the pool.")},
};

QDoubleSpinBox *spin(double min, double max, double value, int decimals, const QString &suffix, const QString &tip)
{
    auto *box = new QDoubleSpinBox;
    box->setRange(min, max);
    box->setDecimals(decimals);
    box->setValue(value);
    box->setSuffix(suffix);
    box->setToolTip(tip);
    return box;
}

} // namespace

SimulateDesignDialog::SimulateDesignDialog(const BrokerDesign &design, QWidget *parent)
    : QDialog(parent)
    , m_design(design)
    , m_pairs(DesignSimulation::pairs(design))
{
    setWindowTitle(tr("Simulate Design"));
    auto *intro = new QLabel(tr("Run the design in the simulator with one workload, and watch it in a monitor tab of "
                                "the main window: conversation population, queues, activation, leaks and alerts, as "
                                "for a database. Nothing is sent to a server."));
    intro->setWordWrap(true);

    m_pair = new QComboBox;
    m_pair->setToolTip(tr("Who begins the dialogs (the initiator service) and who receives them (the target service, "
                          "which must accept the contract)."));
    for (const DesignPair &p : std::as_const(m_pairs))
        m_pair->addItem(p.label());
    m_type = new QComboBox;
    m_type->setToolTip(tr("The message type the initiator SENDs: one the contract lets it send (SENT BY INITIATOR or ANY)."));
    m_endOfStream = new QComboBox;
    m_endOfStream->setToolTip(tr("Keep-firing: the message type that tells the target a pooled conversation is done, so "
                                 "that it ends its side (PATTERNS.md)."));
    m_pattern = new QComboBox;
    for (const PatternChoice &c : Patterns) {
        m_pattern->addItem(tr(c.label), int(c.kind));
        m_pattern->setItemData(m_pattern->count() - 1, tr(c.tooltip), Qt::ToolTipRole);
    }
    m_pattern->setToolTip(tr("How the initiator and the target end their conversations."));
    m_rate = spin(0.01, 100000, 20, 2, tr(" msg/s"), tr("Messages the initiator sends per second."));
    m_poisson = new QCheckBox(tr("Random arrivals (Poisson)"));
    m_poisson->setChecked(true);
    m_poisson->setToolTip(tr("On: arrivals at random, as independent callers make them. Off: evenly spaced."));
    m_task = spin(0.001, 3600, 0.05, 3, tr(" s"),
                  tr("Mean time the target's activation procedure spends on one message (exponential)."));
    m_pool = new QSpinBox;
    m_pool->setRange(1, 32767);
    m_pool->setValue(8);
    m_pool->setToolTip(tr("Keep-firing: pooled conversations. Keep it above the target queue's MAX_QUEUE_READERS, or "
                          "messages wait behind busy conversations."));
    m_window = spin(1, 7 * 86400, 3600, 0, tr(" s"), tr("Windowed fire-and-forget: the dialog LIFETIME."));
    m_hours = spin(0.05, 24 * 7, 2, 2, tr(" h"), tr("How much simulated time to run."));

    auto *form = new QFormLayout;
    form->addRow(tr("&Pair:"), m_pair);
    form->addRow(tr("Message &type:"), m_type);
    form->addRow(tr("&End of stream:"), m_endOfStream);
    form->addRow(tr("Pa&ttern:"), m_pattern);
    form->addRow(tr("&Rate:"), m_rate);
    form->addRow(QString(), m_poisson);
    form->addRow(tr("Task t&ime:"), m_task);
    form->addRow(tr("P&ool:"), m_pool);
    form->addRow(tr("&Window:"), m_window);
    form->addRow(tr("&Duration:"), m_hours);

    m_problems = new ProblemLabel;
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Simulate"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_problems);
    layout->addStretch();
    layout->addWidget(m_buttons);

    connect(m_pair, &QComboBox::currentIndexChanged, this, &SimulateDesignDialog::pairChanged);
    for (QComboBox *box : {m_type, m_endOfStream, m_pattern})
        connect(box, &QComboBox::currentIndexChanged, this, &SimulateDesignDialog::update);
    for (QDoubleSpinBox *box : {m_rate, m_task, m_window, m_hours})
        connect(box, &QDoubleSpinBox::valueChanged, this, &SimulateDesignDialog::update);
    connect(m_pool, &QSpinBox::valueChanged, this, &SimulateDesignDialog::update);
    connect(m_poisson, &QCheckBox::toggled, this, &SimulateDesignDialog::update);
    pairChanged();
}

QPushButton *SimulateDesignDialog::simulateButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void SimulateDesignDialog::pairChanged()
{
    const int i = m_pair->currentIndex();
    const QStringList types = i >= 0 && i < m_pairs.size() ? m_pairs.at(i).messageTypes : QStringList();
    for (QComboBox *box : {m_type, m_endOfStream}) {
        const QSignalBlocker block(box);
        box->clear();
        box->addItems(types);
    }
    // The second type the initiator may send is the likely end of stream (a keep-firing contract
    // has the task and its EndOfStream).
    if (types.size() > 1)
        m_endOfStream->setCurrentIndex(1);
    update();
}

DesignWorkload SimulateDesignDialog::workload() const
{
    DesignWorkload w;
    const int i = m_pair->currentIndex();
    if (i >= 0 && i < m_pairs.size()) {
        w.fromService = m_pairs.at(i).fromService;
        w.toService = m_pairs.at(i).toService;
        w.contract = m_pairs.at(i).contract;
    }
    w.messageType = m_type->currentText();
    w.endOfStreamType = m_endOfStream->currentText();
    w.options.pattern = sim::PatternKind(m_pattern->currentData().toInt());
    w.options.ratePerSecond = m_rate->value();
    w.options.poissonArrivals = m_poisson->isChecked();
    w.options.taskSeconds = m_task->value();
    w.options.poolSize = m_pool->value();
    w.options.windowSeconds = m_window->value();
    w.options.durationSeconds = m_hours->value() * 3600.0;
    // The monitor samples the simulated clock every second of it (the demo's interval).
    w.options.sampleIntervalSeconds = 1.0;
    return w;
}

void SimulateDesignDialog::update()
{
    const auto pattern = sim::PatternKind(m_pattern->currentData().toInt());
    m_endOfStream->setEnabled(pattern == sim::PatternKind::KeepFiring);
    m_pool->setEnabled(pattern == sim::PatternKind::KeepFiring);
    m_window->setEnabled(pattern == sim::PatternKind::Windowed);
    QList<OptionProblem> problems;
    if (m_pairs.isEmpty()) {
        m_result = {};
        problems.append({QString(), tr("The design has no pair to simulate: it needs a target service that accepts a "
                                       "contract the initiator can send on, and a queue for each service."),
                         false});
    } else {
        m_result = DesignSimulation::scenario(m_design, workload());
        if (!m_result.error.isEmpty())
            problems.append({QString(), m_result.error, false});
        for (const QString &w : std::as_const(m_result.warnings))
            problems.append({QString(), w, true});
    }
    m_problems->showProblems(problems);
    simulateButton()->setEnabled(m_result.scenario.has_value());
}

} // namespace bs
