#include "ui/design/designwindow.h"

#include "core/design/designautosave.h"
#include "core/design/designddlparser.h"
#include "core/design/designddlwriter.h"
#include "core/design/designdiff.h"
#include "core/design/designdocument.h"
#include "ui/design/designpropertyeditor.h"
#include "ui/design/migrationpreviewdialog.h"

#include <QCloseEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QMetaMethod>
#include <QPushButton>
#include <QSaveFile>
#include <QStatusBar>
#include <QUndoStack>

// The designer's file side: New, Open, Save, Export, Compare (the migration and its deploy), and
// the autosave offered back after a crash.

namespace bs {

bool DesignWindow::maybeSave()
{
    if (!m_document->isModified())
        return true;
    const auto answer = QMessageBox::warning(this, tr("Unsaved design"), tr("The design has changes that are not saved."),
                                             QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void DesignWindow::closeEvent(QCloseEvent *event)
{
    if (maybeSave()) {
        m_autosave->clear(); // saved or discarded: nothing to offer back
        event->accept();
    } else {
        event->ignore();
    }
}

void DesignWindow::setDesign(const BrokerDesign &design)
{
    m_document->reset({design, {}});
    // Not saved anywhere yet: the title says so, closing asks, the autosave keeps it.
    m_document->undoStack()->resetClean();
    m_properties->setObject({});
}

bool DesignWindow::restore(const RecoverableDesign &recovered)
{
    m_document->reset(recovered.file, recovered.originalPath);
    m_document->undoStack()->resetClean();
    m_properties->setObject({});
    m_autosave->writeNow(); // this window's autosave takes over before the old one goes
    if (!DesignAutosave::discard(recovered.autosavePath)) {
        statusBar()->showMessage(tr("Restored, but the old autosave %1 could not be removed.").arg(recovered.autosavePath), 8000);
        return false;
    }
    statusBar()->showMessage(tr("Restored the design autosaved at %1; it is not saved yet.")
                                 .arg(QLocale().toString(recovered.savedUtc.toLocalTime(), QLocale::ShortFormat)), 8000);
    return true;
}

void DesignWindow::offerRecovery()
{
    QStringList problems;
    const QList<RecoverableDesign> left = DesignAutosave::leftOver(&problems);
    if (!problems.isEmpty())
        statusBar()->showMessage(tr("Unreadable autosave files left in place: %1").arg(problems.join(QStringLiteral("; "))), 8000);
    if (left.isEmpty() || m_document->isModified())
        return;
    const RecoverableDesign &r = left.first();
    const QString name = r.originalPath.isEmpty() ? tr("an untitled design") : QFileInfo(r.originalPath).fileName();
    QMessageBox box(QMessageBox::Question, tr("Recover design"),
                    tr("A designer closed without saving (Broker Studio ended unexpectedly). Its design, %1 with %n object(s), "
                       "was autosaved at %2.", nullptr, r.file.design.objectCount())
                        .arg(name, QLocale().toString(r.savedUtc.toLocalTime(), QLocale::ShortFormat)),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("recoverDesign"));
    box.setInformativeText(tr("Restore opens it here, unsaved. Discard deletes the autosave. Later keeps it for the next designer."));
    QPushButton *restoreButton = box.addButton(tr("&Restore"), QMessageBox::AcceptRole);
    QPushButton *discardButton = box.addButton(tr("&Discard"), QMessageBox::DestructiveRole);
    box.addButton(tr("&Later"), QMessageBox::RejectRole);
    box.setDefaultButton(restoreButton);
    box.exec();
    if (box.clickedButton() == restoreButton)
        restore(r);
    else if (box.clickedButton() == discardButton)
        DesignAutosave::discard(r.autosavePath);
}

void DesignWindow::newDesign()
{
    if (maybeSave()) {
        m_document->reset({});
        m_properties->setObject({});
    }
}

bool DesignWindow::openFile(const QString &path, QString *error)
{
    if (path.endsWith(QLatin1String(".sql"), Qt::CaseInsensitive)) {
        QFile in(path);
        if (!in.open(QIODevice::ReadOnly)) {
            *error = tr("Cannot read %1: %2").arg(path, in.errorString());
            return false;
        }
        const DdlImportResult r = DesignDdlParser::parse(QString::fromUtf8(in.readAll()));
        if (!r.ok()) {
            QStringList lines;
            for (const DdlImportError &e : r.errors)
                lines.append(e.toString());
            *error = lines.join(u'\n');
            return false;
        }
        // A script is imported, not edited in place: saving asks for a design file.
        m_document->reset({r.design, {}});
        statusBar()->showMessage(tr("%1 objects from %2; %3 other statements skipped")
                                     .arg(r.design.objectCount()).arg(QFileInfo(path).fileName()).arg(r.skipped.size()));
        return true;
    }
    const auto file = DesignFileFormat::load(path, error);
    if (!file)
        return false;
    m_document->reset(*file, path);
    return true;
}

void DesignWindow::openWithDialog()
{
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open design"), QString(),
                                                      tr("Designs and scripts (*.json *.sql);;Design files (*.json);;T-SQL scripts (*.sql)"));
    QString error;
    if (!path.isEmpty() && !openFile(path, &error))
        QMessageBox::warning(this, tr("Open design"), error);
}

bool DesignWindow::saveTo(const QString &path, QString *error)
{
    const bool ok = m_document->save(path, error);
    updateTitle();
    return ok;
}

bool DesignWindow::save()
{
    if (m_document->path().isEmpty())
        return saveAs();
    QString error;
    if (!saveTo(m_document->path(), &error)) {
        QMessageBox::warning(this, tr("Save design"), error);
        return false;
    }
    return true;
}

bool DesignWindow::saveAs()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Save design"), QStringLiteral("design.json"), tr("Design files (*.json)"));
    if (path.isEmpty())
        return false;
    if (!path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        path += QStringLiteral(".json");
    QString error;
    if (!saveTo(path, &error)) {
        QMessageBox::warning(this, tr("Save design"), error);
        return false;
    }
    return true;
}

void DesignWindow::designFromCatalog(const BrokerCatalog &catalog)
{
    m_document->reset({BrokerDesign::fromCatalog(catalog), {}});
    m_properties->setObject({});
}

MigrationPreviewDialog *DesignWindow::compareWith(const BrokerCatalog &catalog)
{
    const DesignMigration m = DesignDiff::diff(BrokerDesign::fromCatalog(catalog), m_document->design(),
                                               catalog.database.serverName + QStringLiteral(" / ") + catalog.database.databaseName,
                                               windowTitle().remove(QStringLiteral("[*]")));
    auto *dialog = new MigrationPreviewDialog(m, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QString blocked;
    if (!isSignalConnected(QMetaMethod::fromSignal(&DesignWindow::deployRequested)))
        blocked = tr("no database connection can take it (open one from the main window).");
    else if (m_deployBlocked)
        blocked = m_deployBlocked();
    dialog->setDeployBlockedReason(blocked);
    connect(dialog, &MigrationPreviewDialog::deployRequested, this, &DesignWindow::deployRequested);
    return dialog;
}

void DesignWindow::compareWithCurrent()
{
    const auto catalog = m_currentCatalog ? m_currentCatalog() : std::nullopt;
    if (!catalog) {
        QMessageBox::information(this, tr("Compare with current database"), tr("No database is open in the main window."));
        return;
    }
    compareWith(*catalog)->open();
}

void DesignWindow::exportDdl()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export DDL"), QStringLiteral("broker.sql"), tr("T-SQL scripts (*.sql)"));
    if (path.isEmpty())
        return;
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(DesignDdlWriter::write(m_document->design()).toUtf8()) < 0 || !out.commit())
        QMessageBox::warning(this, tr("Export DDL"), tr("Cannot write %1: %2").arg(path, out.errorString()));
}

} // namespace bs
