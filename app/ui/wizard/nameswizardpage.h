#pragma once

#include <QWizardPage>

class QLabel;
class QLineEdit;
class QTreeWidget;

namespace bs {

class PatternWizard;
class ProblemLabel;

/// Page 2: database, schema, prefix and service-name root, with a live list of the objects
/// the install will create; names that already exist in the connected database are flagged.
class NamesWizardPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit NamesWizardPage(PatternWizard *wizard);

    void initializePage() override;
    bool isComplete() const override;

private:
    void readWidgets();
    void refreshList();

    PatternWizard *m_wizard;
    QLineEdit *m_database;
    QLineEdit *m_schema;
    QLineEdit *m_prefix;
    QLineEdit *m_serviceRoot;
    ProblemLabel *m_problems;
    QTreeWidget *m_objects;
    QLabel *m_conflictSummary;
    bool m_loading = false;
    bool m_hasErrors = false;
};

} // namespace bs
