#include "ui/wizard/patternwizard.h"

#include "core/design/patterndesign.h"
#include "core/script/patterndescriptor.h"

#include "ui/wizard/finishwizardpage.h"
#include "ui/wizard/nameswizardpage.h"
#include "ui/wizard/patternchoicewizardpage.h"
#include "ui/wizard/reviewwizardpage.h"
#include "ui/wizard/tuningwizardpage.h"

#include <QFile>
#include <QMetaMethod>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace bs {

PatternWizard::PatternWizard(const BrokerCatalog &catalog, QWidget *parent)
    : QWizard(parent)
    , m_catalog(catalog)
    , m_options(PatternOptions::defaults(Pattern::Windowed))
{
    setWindowTitle(tr("Service Broker Pattern Wizard"));
    setObjectName(QStringLiteral("patternWizard"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoCancelButtonOnLastPage, true);
    setOption(QWizard::HaveHelpButton, false);

    setPage(PatternPageId, new PatternChoiceWizardPage(this));
    setPage(NamesPageId, new NamesWizardPage(this));
    setPage(TuningPageId, new TuningWizardPage(this));
    setPage(ReviewPageId, new ReviewWizardPage(this));
    setPage(FinishPageId, new FinishWizardPage(this));
    setStartId(PatternPageId);
    resize(980, 720);
}

PatternWizard::~PatternWizard() = default;

void PatternWizard::setConnectedDatabase(const QString &database)
{
    PatternOptions next = m_options;
    next.database = database;
    setOptions(next);
}

void PatternWizard::setConnectionProfiles(const QList<ConnectionProfile> &profiles, const QString &current)
{
    m_profiles = profiles;
    m_currentProfile = current;
}

void PatternWizard::setExecutorFactory(std::function<ScriptRunner::ExecutorFactory(const QString &)> factory)
{
    m_executorFactory = std::move(factory);
}

ScriptRunner::ExecutorFactory PatternWizard::executorFactory(const QString &connectionString) const
{
    if (m_executorFactory)
        return m_executorFactory(connectionString);
    return ScriptRunner::odbcFactory(connectionString);
}

void PatternWizard::updateOptions(const PatternOptions &options)
{
    if (options == m_options)
        return;
    m_options = options;
    m_scriptsValid = false;
    Q_EMIT optionsChanged();
}

void PatternWizard::setOptions(const PatternOptions &options)
{
    m_options = options;
    m_scriptsValid = false;
    Q_EMIT optionsReplaced();
    Q_EMIT optionsChanged();
}

void PatternWizard::setWorkload(const Workload &workload)
{
    m_workload = workload;
    Q_EMIT workloadChanged();
}

bool PatternWizard::loadOptionsFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject()) {
        *error = tr("%1 is not an options file: %2").arg(path, parseError.errorString());
        return false;
    }
    QString why;
    const std::optional<PatternOptions> loaded = optionsFromJson(doc.object(), &why);
    if (!loaded) {
        *error = tr("%1: %2").arg(path, why);
        return false;
    }
    if (!patternDescriptor(loaded->pattern).installable) {
        *error = tr("%1 describes the naive fire-and-forget teaching script, which the wizard does not "
                    "generate for installation.")
                     .arg(path);
        return false;
    }
    setOptions(*loaded);
    return true;
}

const GeneratedScripts &PatternWizard::scripts()
{
    if (!m_scriptsValid) {
        m_scripts = generateScripts(m_options);
        m_scriptsValid = true;
    }
    return m_scripts;
}

bool PatternWizard::requestDesign(QString *error)
{
    const DdlImportResult r = PatternDesign::fromOptions(m_options);
    if (!r.ok()) {
        QStringList lines;
        for (const DdlImportError &e : r.errors)
            lines.append(e.toString());
        *error = lines.join(QLatin1Char('\n'));
        return false;
    }
    Q_EMIT designRequested(r.design);
    return true;
}

bool PatternWizard::canOpenDesign() const
{
    return isSignalConnected(QMetaMethod::fromSignal(&PatternWizard::designRequested));
}

} // namespace bs
