#include "ui/health/healthpanel.h"

#include "core/check/healthreportwriter.h"
#include "ui/health/healthfindingsmodel.h"
#include "ui/sqlhighlighter.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardPaths>
#include <QTextBrowser>
#include <QTreeView>
#include <QVBoxLayout>

namespace bs {

HealthPanel::HealthPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new HealthFindingsModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_summary(new QLabel(tr("No check yet.")))
    , m_filter(new QLineEdit)
    , m_checkButton(new QPushButton(tr("Check now")))
    , m_tree(new QTreeView)
    , m_details(new QTextBrowser)
    , m_fix(new QPlainTextEdit)
    , m_copyButton(new QPushButton(tr("Copy")))
    , m_saveButton(new QPushButton(tr("Save report…")))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_tree->setModel(m_proxy);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(HealthFindingsModel::TitleColumn, QHeaderView::Stretch);
    m_tree->setToolTip(tr("What the health check found in the configuration, the procedures' code and the latest "
                          "sample. Select a finding to see why it matters and the fix."));
    m_filter->setPlaceholderText(tr("Filter findings (text, object or rule)"));
    m_filter->setClearButtonEnabled(true);
    m_checkButton->setToolTip(tr("Run the health check again on this source (F6)"));
    m_checkButton->setShortcut(QKeySequence(Qt::Key_F6));
    m_details->setOpenExternalLinks(false);
    m_fix->setReadOnly(true);
    m_fix->setPlaceholderText(tr("The fix as T-SQL, when there is one. Broker Studio never runs it: review, copy or save it."));
    m_fix->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    new SqlHighlighter(m_fix->document());
    m_copyButton->setToolTip(tr("Copy the selected finding with its fix"));
    m_saveButton->setToolTip(tr("Save the whole report as text, JSON, JUnit XML or SARIF"));
    m_copyButton->setEnabled(false);

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_checkButton);
    auto *detailsBox = new QWidget;
    auto *detailsLayout = new QVBoxLayout(detailsBox);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->addWidget(m_details, 2);
    detailsLayout->addWidget(m_fix, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_copyButton);
    buttons->addWidget(m_saveButton);
    detailsLayout->addLayout(buttons);
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_tree);
    split->addWidget(detailsBox);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_filter);
    layout->addWidget(split, 1);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        m_tree->expandAll();
    });
    connect(m_checkButton, &QPushButton::clicked, this, &HealthPanel::checkNow);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &HealthPanel::showDetails);
    connect(m_copyButton, &QPushButton::clicked, this, &HealthPanel::copyFinding);
    connect(m_saveButton, &QPushButton::clicked, this, &HealthPanel::saveReport);
}

// A check still running is cancelled with the tracker: it works on a copy of the input and its result is dropped.
HealthPanel::~HealthPanel() = default;

void HealthPanel::reset(const QString &sourceName)
{
    m_jobs.cancel(); // a check of the previous source must not show up here
    m_checking = false;
    m_sourceName = sourceName;
    m_input = HealthInput();
    m_hasCatalog = false;
    m_checkedWithSample = false;
    showReport(HealthReport());
    m_summary->setText(tr("Waiting for the catalog of %1…").arg(sourceName));
}

void HealthPanel::setCatalog(const BrokerCatalog &catalog)
{
    m_input.catalog = catalog;
    m_hasCatalog = true;
    checkNow();
}

void HealthPanel::setModules(const QList<SqlModule> &modules)
{
    m_input.facts.modules = modules;
    m_input.facts.modulesRead = !modules.isEmpty();
    m_input.analyses.reset();
}

void HealthPanel::setSample(const MonitorSample &sample)
{
    if (m_input.sample)
        m_input.previousSample = m_input.sample;
    m_input.sample = sample;
    if (m_hasCatalog && !m_checkedWithSample && !m_checking)
        checkNow();
}

void HealthPanel::checkNow()
{
    if (!m_hasCatalog || m_checking)
        return;
    m_checking = true;
    m_summary->setText(tr("Checking %1…").arg(m_sourceName));
    HealthInput input = m_input;
    input.now = input.sample && input.sample->time.isValid() ? input.sample->time : QDateTime::currentDateTimeUtc();
    if (input.sample)
        m_checkedWithSample = true;
    m_jobs.start([input](const JobContext &) { return HealthCheck::run(input); },
                 [this](const HealthReport &report) {
                     m_checking = false;
                     showReport(report);
                 });
}

void HealthPanel::showReport(const HealthReport &report)
{
    m_report = report;
    m_report.source = m_sourceName;
    m_model->setFindings(report.findings);
    m_tree->expandAll();
    emit findingsChanged(report.findings);
    m_summary->setText(report.rulesRun.isEmpty()
                           ? tr("No check yet.")
                           : tr("%1: %2 errors, %3 warnings, %4 advice (%5 cannot see)")
                                 .arg(m_sourceName)
                                 .arg(report.count(HealthSeverity::Error))
                                 .arg(report.count(HealthSeverity::Warning))
                                 .arg(report.count(HealthSeverity::Advice))
                                 .arg(report.cannotSeeCount()));
    showDetails();
    Q_EMIT checked();
}

void HealthPanel::showDetails()
{
    const HealthFinding *f = m_model->finding(m_proxy->mapToSource(m_tree->currentIndex()));
    m_copyButton->setEnabled(f != nullptr);
    if (!f) {
        m_details->setHtml(tr("<p>Select a finding to see what was seen, why it matters and the fix.</p>"));
        m_fix->clear();
        return;
    }
    QString html = QStringLiteral("<h3>%1</h3>").arg(f->title.toHtmlEscaped());
    if (!f->module.isEmpty() && f->line > 0)
        html += tr("<p><b>Where:</b> %1, line %2</p>").arg(f->module.toHtmlEscaped()).arg(f->line);
    html += tr("<p><b>Seen:</b> %1</p><p><b>Why it matters:</b> %2</p>").arg(f->seen.toHtmlEscaped(), f->why.toHtmlEscaped());
    if (!f->fixPattern.isEmpty())
        html += tr("<p><b>Fix:</b> generate the <i>%1</i> pattern (Tools › New Messaging Pattern…).</p>").arg(f->fixPattern.toHtmlEscaped());
    html += tr("<p><small>Rule %1</small></p>").arg(f->ruleId.toHtmlEscaped());
    m_details->setHtml(html);
    m_fix->setPlainText(f->fixSql);
    if (!f->objects.isEmpty())
        Q_EMIT objectsSelected(f->objects);
}

void HealthPanel::copyFinding()
{
    if (const HealthFinding *f = m_model->finding(m_proxy->mapToSource(m_tree->currentIndex())))
        QApplication::clipboard()->setText(HealthReportWriter::findingText(*f));
}

void HealthPanel::saveReport()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QString selected;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save health report"), folder + QStringLiteral("/health-report.txt"),
                                                      tr("Text (*.txt);;JSON (*.json);;JUnit XML (*.xml);;SARIF (*.sarif)"), &selected);
    if (path.isEmpty())
        return;
    HealthReportWriter::Format format = HealthReportWriter::Format::Text;
    if (path.endsWith(u".json"))
        format = HealthReportWriter::Format::Json;
    else if (path.endsWith(u".xml"))
        format = HealthReportWriter::Format::JUnit;
    else if (path.endsWith(u".sarif"))
        format = HealthReportWriter::Format::Sarif;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(HealthReportWriter::write(m_report, format)) < 0 || !file.commit())
        QMessageBox::warning(this, tr("Save health report"), tr("Cannot write %1: %2").arg(path, file.errorString()));
}

} // namespace bs
