#pragma once

#include <QWizardPage>

class QLabel;
class QTabWidget;

namespace bs {

class PatternWizard;

/// Page 4: the generated install, uninstall, usage and monitor scripts, one read-only
/// highlighted tab each, and a summary of the options they were generated from.
class ReviewWizardPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit ReviewWizardPage(PatternWizard *wizard);

    void initializePage() override;
    bool isComplete() const override;

private:
    PatternWizard *m_wizard;
    QTabWidget *m_tabs;
    QLabel *m_error;
    bool m_ok = false;
};

} // namespace bs
