#include "ui/design/migrationpreviewdialog.h"

#include "ui/sqlhighlighter.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QVBoxLayout>

namespace bs {

MigrationPreviewDialog::MigrationPreviewDialog(const DesignMigration &migration, QWidget *parent)
    : QDialog(parent), m_migration(migration)
{
    setWindowTitle(tr("Migration preview"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(migration.isEmpty()
                                 ? tr("The database already matches the design.")
                                 : tr("%n change(s) to make the database match the design; %1 of them destructive. "
                                      "Review the script: nothing runs from this window.", nullptr, int(migration.changes.size()))
                                       .arg(migration.destructiveCount()),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *split = new QSplitter(Qt::Vertical, this);
    m_differences = new QPlainTextEdit(migration.summary(), split);
    m_differences->setReadOnly(true);
    m_script = new QPlainTextEdit(migration.script, split);
    m_script->setReadOnly(true);
    m_script->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_script->setFont(QFont(QStringLiteral("monospace")));
    new SqlHighlighter(m_script->document());
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *save = buttons->addButton(tr("Save Script…"), QDialogButtonBox::ActionRole);
    m_deploy = buttons->addButton(tr("Deploy…"), QDialogButtonBox::ActionRole);
    m_deploy->setEnabled(false);
    m_deploy->setToolTip(tr("Runs through the operations path: preview, confirmation, audit"));
    connect(save, &QPushButton::clicked, this, &MigrationPreviewDialog::saveScript);
    connect(m_deploy, &QPushButton::clicked, this, [this] { emit deployRequested(m_migration.script); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(900, 640);
}

void MigrationPreviewDialog::setDeployBlockedReason(const QString &reason)
{
    const QString why = m_migration.isEmpty() ? tr("Nothing to deploy: the database already matches the design.") : reason;
    m_deploy->setEnabled(why.isEmpty());
    m_deploy->setToolTip(why.isEmpty() ? tr("Runs through the operations path: preview, confirmation, audit")
                                       : tr("Deploy is disabled: %1").arg(why));
}

void MigrationPreviewDialog::saveScript()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save migration script"), QStringLiteral("migration.sql"),
                                                      tr("T-SQL scripts (*.sql)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_migration.script.toUtf8()) < 0 || !file.commit())
        QMessageBox::warning(this, tr("Save migration script"), tr("Cannot write %1: %2").arg(path, file.errorString()));
}

} // namespace bs
