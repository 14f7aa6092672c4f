#include "ui/wizard/nameswizardpage.h"

#include "core/sqlquote.h"
#include "ui/wizard/patternwizard.h"
#include "ui/wizard/problemlabel.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace bs {

namespace {

const QStringList NameFields{QStringLiteral("database"), QStringLiteral("schema"), QStringLiteral("prefix"),
                             QStringLiteral("serviceRoot")};

// Whether the object exists in the catalog: 1 yes, 0 no, -1 the catalog does not list that kind.
int existsIn(const BrokerCatalog &catalog, const PatternObject &object)
{
    const QString &kind = object.kind;
    if (kind == QLatin1String("message type")) {
        for (const MessageType &m : catalog.messageTypes) {
            if (m.name == object.name)
                return 1;
        }
        return 0;
    }
    if (kind == QLatin1String("contract"))
        return catalog.contractByName(object.name) ? 1 : 0;
    if (kind == QLatin1String("service"))
        return catalog.serviceByName(object.name) ? 1 : 0;
    if (kind == QLatin1String("queue"))
        return catalog.queueByName(object.schema, object.name) ? 1 : 0;
    if (kind == QLatin1String("procedure")) {
        // Activation procedures are known through the queues that name them.
        const QString quoted = quoteIdentifier(object.schema) + u'.' + quoteIdentifier(object.name);
        for (const Queue &q : catalog.queues) {
            if (q.activationProcedure.endsWith(quoted, Qt::CaseInsensitive))
                return 1;
        }
        return -1;
    }
    return -1;
}

} // namespace

NamesWizardPage::NamesWizardPage(PatternWizard *wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
{
    setTitle(tr("Name the objects"));
    setSubTitle(tr("Every name is bracket-quoted in the scripts. Broker object names (message types, contract, "
                   "services) start with the service root; tables, queues and procedures with the prefix."));

    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_database = new QLineEdit(this);
    m_database->setObjectName(QStringLiteral("database"));
    m_database->setPlaceholderText(tr("the current database (no USE statement)"));
    m_database->setToolTip(tr("The database to install into. Service Broker must be enabled in it "
                              "(sys.databases.is_broker_enabled)."));
    m_schema = new QLineEdit(this);
    m_schema->setObjectName(QStringLiteral("schema"));
    m_schema->setToolTip(tr("Schema of the queues, tables and procedures."));
    m_prefix = new QLineEdit(this);
    m_prefix->setObjectName(QStringLiteral("prefix"));
    m_prefix->setToolTip(tr("Starts every schema-scoped name: <prefix>TargetQueue, <prefix>TaskLog, <prefix>_Enqueue…"));
    m_serviceRoot = new QLineEdit(this);
    m_serviceRoot->setObjectName(QStringLiteral("serviceRoot"));
    m_serviceRoot->setToolTip(tr("Root of the message type, contract and service names, in the form "
                                 "//<organisation>/<prefix>, e.g. //Contoso/Orders. Service names are compared "
                                 "byte by byte, so case matters."));
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&Schema:"), m_schema);
    form->addRow(tr("Object &prefix:"), m_prefix);
    form->addRow(tr("Service &root:"), m_serviceRoot);
    layout->addLayout(form);

    m_problems = new ProblemLabel(this);
    m_problems->setObjectName(QStringLiteral("namesProblems"));
    layout->addWidget(m_problems);

    auto *listLabel = new QLabel(tr("Objects the install script &creates:"), this);
    m_objects = new QTreeWidget(this);
    m_objects->setObjectName(QStringLiteral("objectList"));
    m_objects->setColumnCount(3);
    m_objects->setHeaderLabels({tr("Object"), tr("Kind"), tr("In the connected database")});
    m_objects->setRootIsDecorated(false);
    m_objects->setUniformRowHeights(true);
    m_objects->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_objects->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_objects->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_objects->header()->setStretchLastSection(false);
    listLabel->setBuddy(m_objects);
    layout->addWidget(listLabel);
    layout->addWidget(m_objects, 1);
    m_conflictSummary = new QLabel(this);
    m_conflictSummary->setObjectName(QStringLiteral("conflictSummary"));
    m_conflictSummary->setWordWrap(true);
    m_conflictSummary->setTextFormat(Qt::PlainText);
    layout->addWidget(m_conflictSummary);

    setTabOrder(m_database, m_schema);
    setTabOrder(m_schema, m_prefix);
    setTabOrder(m_prefix, m_serviceRoot);
    setTabOrder(m_serviceRoot, m_objects);

    for (QLineEdit *edit : {m_database, m_schema, m_prefix, m_serviceRoot})
        connect(edit, &QLineEdit::textChanged, this, &NamesWizardPage::readWidgets);
    connect(m_wizard, &PatternWizard::optionsReplaced, this, &NamesWizardPage::initializePage);
}

void NamesWizardPage::initializePage()
{
    const PatternOptions &o = m_wizard->options();
    m_loading = true;
    m_database->setText(o.database);
    m_schema->setText(o.schema);
    m_prefix->setText(o.prefix);
    m_serviceRoot->setText(o.serviceRoot);
    m_loading = false;
    refreshList();
}

void NamesWizardPage::readWidgets()
{
    if (m_loading)
        return;
    PatternOptions o = m_wizard->options();
    o.database = m_database->text();
    o.schema = m_schema->text();
    o.prefix = m_prefix->text();
    o.serviceRoot = m_serviceRoot->text();
    m_wizard->updateOptions(o);
    refreshList();
}

bool NamesWizardPage::isComplete() const
{
    return !m_hasErrors;
}

void NamesWizardPage::refreshList()
{
    const PatternOptions &o = m_wizard->options();
    const bool wasErrors = m_hasErrors;
    m_hasErrors = m_problems->showProblems(validateOptions(o), NameFields);

    const BrokerCatalog &catalog = m_wizard->catalog();
    const QString connectedDb = catalog.database.databaseName;
    const bool comparable = !connectedDb.isEmpty()
        && (o.database.isEmpty() || o.database.compare(connectedDb, Qt::CaseInsensitive) == 0);

    m_objects->clear();
    int conflicts = 0;
    if (!m_hasErrors) {
        const QIcon warn = style()->standardIcon(QStyle::SP_MessageBoxWarning);
        for (const PatternObject &object : patternObjects(o)) {
            const QString display = object.schema.isEmpty()
                ? quoteIdentifier(object.name)
                : quoteIdentifier(object.schema) + u'.' + quoteIdentifier(object.name);
            auto *item = new QTreeWidgetItem(m_objects, {display, object.kind, QString()});
            const int exists = comparable ? existsIn(catalog, object) : -1;
            if (!comparable)
                item->setText(2, tr("not compared"));
            else if (exists == 1) {
                ++conflicts;
                item->setText(2, tr("exists already"));
                item->setIcon(2, warn);
                item->setToolTip(2, tr("An object with this name exists in %1. Broker objects are created with "
                                       "IF NOT EXISTS and would be left as they are: make sure it belongs to this "
                                       "installation, or choose other names.")
                                        .arg(connectedDb));
                item->setForeground(2, QColor(0x8a, 0x5a, 0x00));
            } else if (exists == 0) {
                item->setText(2, tr("new"));
            } else {
                item->setText(2, tr("not checked (not a broker object)"));
            }
        }
    }
    if (!comparable && connectedDb.isEmpty())
        m_conflictSummary->setText(tr("No database is connected, so existing objects cannot be checked."));
    else if (!comparable)
        m_conflictSummary->setText(tr("Connected to %1, installing into %2: existing objects are not checked.")
                                       .arg(connectedDb, o.database));
    else if (conflicts > 0)
        m_conflictSummary->setText(tr("\u26A0 %n object(s) exist already in %1. The install leaves existing broker "
                                      "objects as they are (IF NOT EXISTS): make sure they belong to this installation, "
                                      "or change the prefix or service root.",
                                      nullptr, conflicts)
                                       .arg(connectedDb));
    else
        m_conflictSummary->setText(tr("None of the broker objects exists in %1 yet.").arg(connectedDb));
    if (wasErrors != m_hasErrors)
        Q_EMIT completeChanged();
}

} // namespace bs
