#pragma once

#include "core/check/healthcheck.h"
#include "core/jobs/jobtracker.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTextBrowser;
class QTreeView;

namespace bs {

class HealthFindingsModel;

/// The Health panel of the current source: runs the health check (off the GUI thread) over the
/// source's catalog, module definitions and latest sample, and shows the findings grouped by
/// severity with a filter, the details of the selected one (what was seen, why it matters, the
/// fix as T-SQL or a pattern), Copy and Save. Selecting a finding announces its objects so the
/// explorer, graph and properties select them.
class HealthPanel : public QWidget
{
    Q_OBJECT
public:
    explicit HealthPanel(QWidget *parent = nullptr);
    ~HealthPanel() override;

    /// Forgets the previous source's input and findings.
    void reset(const QString &sourceName);
    /// A new catalog checks again.
    void setCatalog(const BrokerCatalog &catalog);
    /// Module definitions (from a simulation's scenario; a server's are read by `check --connection`).
    void setModules(const QList<SqlModule> &modules);
    /// The latest sample, for the runtime rules; the first one after a catalog checks again.
    void setSample(const MonitorSample &sample);

    const HealthReport &report() const { return m_report; }
    HealthFindingsModel *model() const { return m_model; }
    /// True while a check runs.
    bool isChecking() const { return m_checking; }

public Q_SLOTS:
    void checkNow();

Q_SIGNALS:
    void objectsSelected(const QList<bs::ObjectRef> &objects);
    void checked();
    /// The findings of the latest check (empty after reset()), for the graph's badges.
    void findingsChanged(const QList<bs::HealthFinding> &findings);

private:
    void showReport(const HealthReport &report);
    void showDetails();
    void copyFinding();
    void saveReport();

    HealthInput m_input;
    bool m_hasCatalog = false;
    bool m_checkedWithSample = false;
    bool m_checking = false; ///< from checkNow until its result is shown
    QString m_sourceName;
    HealthReport m_report;
    JobTracker m_jobs{this};
    HealthFindingsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLabel *m_summary;
    QLineEdit *m_filter;
    QPushButton *m_checkButton;
    QTreeView *m_tree;
    QTextBrowser *m_details;
    QPlainTextEdit *m_fix;
    QPushButton *m_copyButton;
    QPushButton *m_saveButton;
};

} // namespace bs
