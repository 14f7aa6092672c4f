#pragma once

#include "core/catalog.h"
#include "core/design/brokerdesign.h"
#include "core/sim/scenario.h"

#include <QHash>
#include <QMainWindow>

#include <functional>
#include <optional>

class QLineEdit;
class QListWidget;
class QToolButton;

namespace bs {

class BrokerGraphView;
class DesignAutosave;
class DesignCanvas;
class DesignDocument;
struct RecoverableDesign;
class DesignPropertyEditor;

/// The broker designer: the graph drawn from a design and made editable. A palette adds objects,
/// the canvas (DesignCanvas) moves, multi-selects, connects by dragging and finds, the property
/// editor changes and connects them, Delete removes the selection (with what depends on it named
/// first), Ctrl+Z / Ctrl+Shift+Z undo and redo everything, the issues list validates as you edit.
/// File: New, Open (a design file or a .sql script), Save, Design from Current Database, Compare
/// with Current Database (a migration preview; "Deploy…" emits deployRequested, which
/// DesignLauncher hands to the operations path). Closing with unsaved changes asks first; an
/// autosave (DesignAutosave) is offered back after a crash.
class DesignWindow : public QMainWindow
{
    Q_OBJECT

public:
    /// `currentCatalog` gives the catalog of the main window's current database, if any.
    explicit DesignWindow(std::function<std::optional<BrokerCatalog>()> currentCatalog = {}, QWidget *parent = nullptr);
    ~DesignWindow() override;

    DesignDocument *document() const { return m_document; }
    DesignAutosave *autosave() const { return m_autosave; }
    BrokerGraphView *canvas() const { return m_canvas; }
    /// The editing on the canvas: positions, moves, multi-select, drag to connect, find.
    DesignCanvas *designCanvas() const { return m_designCanvas; }
    DesignPropertyEditor *propertyEditor() const { return m_properties; }
    QListWidget *issuesList() const { return m_issues; }
    QLineEdit *paletteName() const { return m_paletteName; }
    /// The palette button that adds an object of `kind` named by paletteName().
    QToolButton *paletteButton(ObjectKind kind) const { return m_paletteButtons.value(int(kind)); }
    QAction *undoAction() const { return m_undo; }
    QAction *redoAction() const { return m_redo; }
    QAction *deleteAction() const { return m_delete; }

    /// Selects an object on the canvas and in the property editor.
    void selectObject(const DesignRef &ref);
    DesignRef selectedObject() const;
    bool openFile(const QString &path, QString *error);
    bool saveTo(const QString &path, QString *error);
    void designFromCatalog(const BrokerCatalog &catalog);
    /// Replaces the design with `design`, untitled and unsaved (a pattern from the wizard).
    void setDesign(const BrokerDesign &design);
    /// Asks whether to restore the newest autosave a crashed session left (Restore, Discard, Later).
    void offerRecovery();
    /// Puts a left-over autosave in this window, unsaved, and deletes the old autosave file.
    bool restore(const RecoverableDesign &recovered);
    /// The migration from `catalog` to the design, as the preview shows it.
    class MigrationPreviewDialog *compareWith(const BrokerCatalog &catalog);
    /// Asks to save unsaved changes; false when the user cancels.
    bool maybeSave();
    /// Why the current database cannot take a deployment now (read-only profile, the simulator);
    /// empty when it can. Asked each time a migration preview opens.
    void setDeployBlockedReason(std::function<QString()> reason) { m_deployBlocked = std::move(reason); }

    /// Design › Simulate… (Ctrl+R): the dialog that attaches a workload to a pair (shown, deleted
    /// on close); accepting it emits simulateRequested.
    class SimulateDesignDialog *simulate();
    QAction *simulateAction() const { return m_simulate; }

signals:
    /// "Deploy…" in the migration preview: the script for the operations path.
    void deployRequested(const QString &script);
    /// "Simulate": the design with its workload, for the main window to run in a monitor tab.
    void simulateRequested(const bs::sim::Scenario &scenario);

protected:
    void closeEvent(QCloseEvent *event) override;
    void connectNotify(const QMetaMethod &signal) override;

private:
    void createActions();
    void createPalette();
    void addFromPalette(ObjectKind kind);
    void refresh();
    void updateTitle();
    void deleteSelected();
    void newDesign();
    void openWithDialog();
    bool save();
    bool saveAs();
    void compareWithCurrent();
    void exportDdl();

    std::function<std::optional<BrokerCatalog>()> m_currentCatalog;
    std::function<QString()> m_deployBlocked;
    DesignDocument *m_document = nullptr;
    DesignAutosave *m_autosave = nullptr;
    BrokerGraphView *m_canvas = nullptr;
    DesignCanvas *m_designCanvas = nullptr;
    std::optional<BrokerDesign> m_drawnDesign; ///< the design the canvas was last laid out for
    DesignPropertyEditor *m_properties = nullptr;
    QListWidget *m_issues = nullptr;
    QLineEdit *m_paletteName = nullptr;
    QHash<int, QToolButton *> m_paletteButtons;
    QHash<ObjectRef, DesignRef> m_ids;
    DesignRef m_pendingSelection;
    QAction *m_undo = nullptr;
    QAction *m_redo = nullptr;
    QAction *m_delete = nullptr;
    QAction *m_simulate = nullptr;
};

} // namespace bs
