#pragma once

#include "core/sim/scenario.h"

#include <QDialog>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QListWidget;

namespace bs {

/// File > Open Simulation Scenario: the scenarios shipped in the binary (:/scenarios) with their
/// descriptions, and a file picker for a scenario JSON of one's own. A file that does not load
/// shows the loader's error (with line and column) in the dialog, which stays open; the window
/// behind it is not touched until a scenario has loaded.
class ScenarioDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ScenarioDialog(QWidget *parent = nullptr);

    /// Loads a built-in name ("poison") or a file path; true and accept() when it loads, else the
    /// error is shown and kept in errorText().
    bool choose(const QString &nameOrPath);
    /// What was chosen and loaded (after accept()).
    const std::optional<sim::Scenario> &scenario() const { return m_scenario; }
    /// The built-in name ("demo") or the absolute file path that was chosen.
    QString chosenPath() const { return m_chosen; }
    bool isBuiltIn() const { return m_builtIn; }
    QString errorText() const;
    QListWidget *list() const { return m_list; }

private:
    void openFile();

    QListWidget *m_list = nullptr;
    QLabel *m_description = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    std::optional<sim::Scenario> m_scenario;
    QString m_chosen;
    bool m_builtIn = false;
};

} // namespace bs
