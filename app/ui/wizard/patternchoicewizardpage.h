#pragma once

#include "core/script/patternoptions.h"

#include <QWizardPage>

class QButtonGroup;
class QLabel;
class QPushButton;

namespace bs {

class PatternDiagramWidget;
class PatternWizard;

/// Page 1: choose windowed, keep-firing or target-ends-first, each with its PATTERNS.md row
/// in words and a diagram; the naive pattern is shown only as the thing to avoid. Also
/// "Load options…" to reopen a saved options.json.
class PatternChoiceWizardPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit PatternChoiceWizardPage(PatternWizard *wizard);

    void initializePage() override;

private:
    void choose(Pattern pattern);
    void loadOptions();
    void refresh();

    PatternWizard *m_wizard;
    QButtonGroup *m_group;
    PatternDiagramWidget *m_diagram;
    /// The pattern the wizard does not generate, drawn as a warning (null when every pattern is offered).
    PatternDiagramWidget *m_warningDiagram = nullptr;
    QLabel *m_summary;
    QLabel *m_loadStatus;
    QPushButton *m_load;
};

} // namespace bs
