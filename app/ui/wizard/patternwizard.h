#pragma once

#include "core/catalog.h"
#include "core/design/brokerdesign.h"
#include "core/script/patternoptions.h"
#include "core/script/whatif.h"
#include "data/connectionprofile.h"
#include "data/runner/scriptrunner.h"

#include <QWizard>

#include <functional>

namespace bs {

/// The pattern wizard (issue 5): pattern, names, tuning with what-if, review, finish (save,
/// copy or run the install). Nothing is executed on a server except by the explicit "Run"
/// button of the last page.
///
/// Integration: `auto *w = new PatternWizard(currentCatalog, mainWindow);`
/// `if (connected) w->setConnectedDatabase(currentCatalog.database.databaseName);`
/// `w->setConnectionProfiles(settings.connectionProfiles(), currentProfileName);`
/// `w->setAttribute(Qt::WA_DeleteOnClose); w->show();`
/// The wizard never receives a connection string: "Run" uses a saved profile, and the password
/// comes from the keychain or from a password field at run time.
class PatternWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId { PatternPageId, NamesPageId, TuningPageId, ReviewPageId, FinishPageId };

    /// catalog: the broker objects shown (a connected database, the demo), to flag name conflicts
    /// (may be empty). The install's database starts empty ("the current database", no USE).
    explicit PatternWizard(const BrokerCatalog &catalog, QWidget *parent = nullptr);
    ~PatternWizard() override;

    /// The database of a live connection: the install defaults to `USE` it. Only for a server the
    /// user is connected to, never a simulation's or a snapshot's name (a demo database does not
    /// exist on any server).
    void setConnectedDatabase(const QString &database);

    /// The saved connection profiles (no passwords) the Finish page offers for "Run"; the one named
    /// `current` (the connected database's profile) is preselected.
    void setConnectionProfiles(const QList<ConnectionProfile> &profiles, const QString &current = QString());
    const QList<ConnectionProfile> &connectionProfiles() const { return m_profiles; }
    QString currentProfileName() const { return m_currentProfile; }
    /// Replaces how the runner reaches the server (default: QODBC on the connection string).
    /// Tests use it for an in-process fake; the factory receives the connection string that the
    /// Finish page builds in memory from the profile and the password (it is never shown).
    void setExecutorFactory(std::function<ScriptRunner::ExecutorFactory(const QString &)> factory);
    ScriptRunner::ExecutorFactory executorFactory(const QString &connectionString) const;

    const BrokerCatalog &catalog() const { return m_catalog; }
    const PatternOptions &options() const { return m_options; }
    /// Changes the options from a page; emits optionsChanged.
    void updateOptions(const PatternOptions &options);
    /// Replaces the options (loaded file, new pattern); pages reload their widgets.
    void setOptions(const PatternOptions &options);
    const Workload &workload() const { return m_workload; }
    void setWorkload(const Workload &workload);

    /// Reads an options.json written by this wizard or the command line.
    bool loadOptionsFile(const QString &path, QString *error);
    /// The scripts for the current options (generated on demand, cached until they change).
    const GeneratedScripts &scripts();
    /// "Open as design" on the Finish page: the pattern's broker objects as a design
    /// (PatternDesign), handed to designRequested; false with *error when it cannot be made.
    bool requestDesign(QString *error);
    /// Whether anything receives designRequested (the main window's designers): the Finish page
    /// offers "Open as design" only then.
    bool canOpenDesign() const;

Q_SIGNALS:
    void optionsChanged();
    /// The whole option set was replaced: pages refresh every widget.
    void optionsReplaced();
    void workloadChanged();
    /// The pattern as a design, for a new designer window (connected by the main window).
    void designRequested(const bs::BrokerDesign &design);

private:
    BrokerCatalog m_catalog;
    PatternOptions m_options;
    Workload m_workload;
    GeneratedScripts m_scripts;
    bool m_scriptsValid = false;
    QList<ConnectionProfile> m_profiles;
    QString m_currentProfile;
    std::function<ScriptRunner::ExecutorFactory(const QString &)> m_executorFactory;
};

} // namespace bs
