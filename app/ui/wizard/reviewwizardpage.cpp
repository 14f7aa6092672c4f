#include "ui/wizard/reviewwizardpage.h"

#include "core/script/batchsplitter.h"
#include "core/script/patterndescriptor.h"
#include "core/sqlquote.h"
#include "ui/sqlhighlighter.h"
#include "ui/wizard/patternwizard.h"

#include <QFontDatabase>
#include <cmath>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace bs {

namespace {

QString summaryHtml(const PatternOptions &o, const Workload &w)
{
    const QLocale l;
    auto row = [](const QString &k, const QString &v) -> QString {
        return QStringLiteral("<tr><td style=\"padding-right:16px\"><b>") + k.toHtmlEscaped() + QStringLiteral("</b></td><td>")
            + v.toHtmlEscaped() + QStringLiteral("</td></tr>");
    };
    QString html = QStringLiteral("<table>");
    html += row(ReviewWizardPage::tr("Pattern"), patternTitle(o.pattern));
    html += row(ReviewWizardPage::tr("Database"), o.database.isEmpty() ? ReviewWizardPage::tr("(current database)") : o.database);
    html += row(ReviewWizardPage::tr("Schema"), o.schema);
    html += row(ReviewWizardPage::tr("Object prefix"), o.prefix);
    html += row(ReviewWizardPage::tr("Service root"), o.serviceRoot);
    html += row(ReviewWizardPage::tr("Message validation"), o.validateXml ? QStringLiteral("WELL_FORMED_XML") : QStringLiteral("NONE"));
    html += row(ReviewWizardPage::tr("Task delivery"), o.delivery == DeliveryMode::AtMostOnce
                                                           ? ReviewWizardPage::tr("at most once (RECEIVE committed before the task)")
                                                           : ReviewWizardPage::tr("in the receive transaction"));
    html += row(QStringLiteral("MAX_QUEUE_READERS"), l.toString(o.maxQueueReaders));
    html += row(ReviewWizardPage::tr("Receive timeout"), ReviewWizardPage::tr("%1 ms").arg(l.toString(o.receiveTimeoutMs)));
    html += row(ReviewWizardPage::tr("Messages per RECEIVE"),
                o.messagesPerReceive > 1 ? ReviewWizardPage::tr("up to %1 (RECEIVE TOP (%1) INTO a table variable)")
                                               .arg(l.toString(o.messagesPerReceive))
                                         : ReviewWizardPage::tr("1 (one message per RECEIVE)"));
    const PatternDescriptor &d = patternDescriptor(o.pattern);
    if (d.hasWindow)
        html += row(ReviewWizardPage::tr("Window (LIFETIME)"), ReviewWizardPage::tr("%1 s").arg(l.toString(o.windowSeconds)));
    if (d.hasDialogLifetime)
        html += row(ReviewWizardPage::tr("Dialog LIFETIME"), ReviewWizardPage::tr("%1 s").arg(l.toString(o.dialogLifetimeSeconds)));
    if (d.hasPool) {
        html += row(ReviewWizardPage::tr("Pool size"), l.toString(o.poolSize));
        html += row(ReviewWizardPage::tr("Recycle after"), ReviewWizardPage::tr("%1 messages or %2 s")
                                                                .arg(l.toString(o.recycleAfterMessages), l.toString(o.recycleAfterSeconds)));
    }
    html += row(ReviewWizardPage::tr("Log retention"), o.logRetentionDays == 0 ? ReviewWizardPage::tr("forever")
                                                                               : ReviewWizardPage::tr("%1 days").arg(o.logRetentionDays));
    html += row(ReviewWizardPage::tr("Cleanup"), ReviewWizardPage::tr("at most every %1 s").arg(l.toString(o.cleanupIntervalSeconds)));
    html += row(ReviewWizardPage::tr("Callers"), ReviewWizardPage::tr("members of the role %1 may run %2 only")
                                                     .arg(quoteIdentifier(o.prefix + QStringLiteral("Callers")),
                                                          o.prefix + QStringLiteral("_Enqueue")));
    html += row(ReviewWizardPage::tr("Uninstall"), o.uninstallKeepsLog ? ReviewWizardPage::tr("keeps the task log")
                                                                       : ReviewWizardPage::tr("drops everything"));
    html += QStringLiteral("</table>");

    const SteadyStateEstimate e = estimateSteadyState(o, w);
    html += QStringLiteral("<p>") + ReviewWizardPage::tr("What-if at %1 msg/s and %2 s per task: ")
                                        .arg(l.toString(w.messagesPerSecond, 'g', 6), l.toString(w.taskSeconds, 'g', 6)).toHtmlEscaped();
    html += (e.bounded ? ReviewWizardPage::tr("about %1 endpoints at steady state.").arg(l.toString(std::llround(e.endpoints)))
                       : ReviewWizardPage::tr("unbounded growth, about %1 endpoints per hour.").arg(l.toString(std::llround(e.growthPerHour))))
                .toHtmlEscaped()
        + QStringLiteral("</p>");
    html += QStringLiteral("<p>") + ReviewWizardPage::tr("Generator %1. Minimum SQL Server version: 2016 SP1.").arg(generatorVersion()).toHtmlEscaped()
        + QStringLiteral("</p>");
    return html;
}

} // namespace

ReviewWizardPage::ReviewWizardPage(PatternWizard *wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
{
    setTitle(tr("Review the scripts"));
    setSubTitle(tr("Read what will run. Nothing has been executed; the last page saves, copies or runs the install."));
    auto *layout = new QVBoxLayout(this);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("reviewError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b01e1e;"));
    m_error->setVisible(false);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("scriptTabs"));
    m_tabs->setDocumentMode(true);
    layout->addWidget(m_error);
    layout->addWidget(m_tabs, 1);
}

void ReviewWizardPage::initializePage()
{
    while (m_tabs->count() > 0) {
        QWidget *w = m_tabs->widget(0);
        m_tabs->removeTab(0);
        delete w;
    }
    const GeneratedScripts &scripts = m_wizard->scripts();
    m_ok = scripts.error.isEmpty() && !scripts.scripts.isEmpty();
    m_error->setVisible(!m_ok);
    m_error->setText(scripts.error);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (const GeneratedScript &s : scripts.scripts) {
        auto *edit = new QPlainTextEdit(m_tabs);
        edit->setObjectName(QStringLiteral("script_") + s.fileName);
        edit->setReadOnly(true);
        edit->setFont(mono);
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
        edit->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        new SqlHighlighter(edit->document());
        edit->setPlainText(s.text);
        const int batches = int(BatchSplitter::split(s.text).batches.size());
        edit->setToolTip(tr("%1: %n batch(es), %2 lines", nullptr, batches).arg(s.fileName).arg(s.text.count(u'\n') + 1));
        m_tabs->addTab(edit, s.fileName);
    }
    auto *summary = new QTextBrowser(m_tabs);
    summary->setObjectName(QStringLiteral("optionsSummary"));
    summary->setHtml(summaryHtml(m_wizard->options(), m_wizard->workload()));
    m_tabs->addTab(summary, tr("Options"));
    Q_EMIT completeChanged();
}

bool ReviewWizardPage::isComplete() const
{
    return m_ok;
}

} // namespace bs
