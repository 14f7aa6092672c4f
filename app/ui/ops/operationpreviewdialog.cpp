#include "ui/ops/operationpreviewdialog.h"

#include "core/ops/operationregistry.h"
#include "data/ops/operationpath.h"
#include "ui/sqlhighlighter.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace bs {

OperationPreviewDialog::OperationPreviewDialog(OperationPath *path, const Operation &op, QWidget *parent)
    : QDialog(parent)
    , m_path(path)
    , m_op(op)
    , m_statement(OperationPath::prepare(op))
{
    const OperationSpec &spec = OperationRegistry::spec(op.kind);
    setWindowTitle(tr("%1 — preview").arg(spec.title));
    resize(760, 560);
    auto *layout = new QVBoxLayout(this);

    auto *summary = new QLabel(QStringLiteral("<b>%1</b><br>%2").arg(OperationRegistry::summary(op).toHtmlEscaped(),
                                                                     OperationRegistry::effect(op).toHtmlEscaped()));
    summary->setWordWrap(true);
    summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(summary);
    if (const QString warningText = OperationRegistry::warning(op); !warningText.isEmpty()) {
        auto *warning = new QLabel(tr("⚠ %1").arg(warningText));
        warning->setObjectName(QStringLiteral("warning"));
        warning->setWordWrap(true);
        warning->setStyleSheet(QStringLiteral("QLabel { color: #a33; font-weight: bold; }"));
        layout->addWidget(warning);
    }

    layout->addWidget(new QLabel(tr("The exact statement the server receives (read-only; copy it to change it elsewhere):")));
    m_text = new QPlainTextEdit;
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlainText(m_statement.isValid() ? m_statement.text : m_statement.error);
    new SqlHighlighter(m_text->document());
    layout->addWidget(m_text, 2);

    m_parameters = new QTableWidget(int(m_statement.parameters.size()), 3);
    m_parameters->setHorizontalHeaderLabels({tr("Parameter"), tr("Type"), tr("Value (bound, not in the text)")});
    m_parameters->verticalHeader()->hide();
    m_parameters->horizontalHeader()->setStretchLastSection(true);
    m_parameters->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int i = 0; i < m_statement.parameters.size(); ++i) {
        const OperationParameter &p = m_statement.parameters.at(i);
        m_parameters->setItem(i, 0, new QTableWidgetItem(p.name));
        m_parameters->setItem(i, 1, new QTableWidgetItem(p.sqlType));
        const QString value = p.value.typeId() == QMetaType::QString ? p.value.toString() : p.displayValue();
        m_parameters->setItem(i, 2, new QTableWidgetItem(QStringLiteral("%1   (%2)").arg(value, p.label)));
    }
    m_parameters->setVisible(!m_statement.parameters.isEmpty());
    m_parameters->setMaximumHeight(30 + 26 * int(m_statement.parameters.size()));
    layout->addWidget(m_parameters);

    auto *doc = new QLabel(tr("Documentation: <a href=\"%1\">%1</a>").arg(spec.documentation.toHtmlEscaped()));
    doc->setOpenExternalLinks(true);
    layout->addWidget(doc);

    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    auto *buttons = new QDialogButtonBox;
    m_copy = buttons->addButton(tr("Copy T-SQL"), QDialogButtonBox::ActionRole);
    m_run = buttons->addButton(tr("Run on %1").arg(path->operations() ? path->operations()->identity().server : QString()),
                               QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Close);
    m_run->setAutoDefault(false);
    m_run->setDefault(false);
    m_run->setEnabled(false);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_statement.text + QLatin1Char('\n') + m_statement.parameterText());
    });
    connect(m_run, &QPushButton::clicked, this, &OperationPreviewDialog::run);

    const QString blocked = path->blockedReason(op.kind);
    if (!m_statement.isValid()) {
        m_status->setText(tr("Cannot run: %1").arg(m_statement.error));
    } else if (!blocked.isEmpty()) {
        m_status->setText(tr("Run is disabled: %1").arg(blocked));
        m_run->setToolTip(blocked);
    } else {
        m_status->setText(tr("Checking permission (%1)…").arg(OperationRegistry::permission(op).describe()));
        path->checkPermission(op, this, [this](const PermissionResult &p) { onPermission(p); });
    }
}

void OperationPreviewDialog::onPermission(const PermissionResult &p)
{
    if (!p.error.isEmpty()) {
        m_status->setText(tr("The permission could not be checked (%1); the server will decide.").arg(p.error));
        m_run->setEnabled(true);
    } else if (!p.granted) {
        m_status->setText(tr("Run is disabled: your login lacks %1.").arg(p.missing));
        m_run->setToolTip(m_status->text());
    } else {
        m_status->setText(tr("Permission checked. Nothing has been sent yet: Run sends the statement above."));
        m_run->setEnabled(true);
    }
}

void OperationPreviewDialog::run()
{
    m_run->setEnabled(false);
    m_status->setText(tr("Running…"));
    m_path->execute(m_op, m_statement, this, [this](const OperationResult &r) {
        m_result = r;
        m_status->setText(r.ok ? tr("Done in %1 ms: %2 (audited)").arg(r.elapsedMs).arg(r.message)
                               : tr("Failed: %1%2 (audited)").arg(r.message, r.errorNumber ? tr(" [error %1]").arg(r.errorNumber) : QString()));
        m_status->setStyleSheet(r.ok ? QString() : QStringLiteral("QLabel { color: #a33; }"));
        Q_EMIT finished(r);
    });
}

} // namespace bs
