#include "ui/aboutdialog.h"

#include "data/platforminfo.h"
#include "graph/graphvizversion.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QSysInfo>
#include <QVBoxLayout>

namespace bs {

namespace {

struct Component
{
    QString name;
    QString value;
};

QList<Component> components()
{
    const QString notFound = AboutDialog::tr("not found");
    QString qt = QString::fromLatin1(qVersion());
    // Built against one Qt, running on another: both matter when something misbehaves.
    if (qt != QLatin1String(QT_VERSION_STR))
        qt += AboutDialog::tr(" (built with %1)").arg(QLatin1String(QT_VERSION_STR));

    const QString dmVersion = PlatformInfo::odbcDriverManagerVersion();
    const QString odbc = dmVersion.isEmpty()
        ? notFound
        : AboutDialog::tr("%1 (%2)").arg(dmVersion, PlatformInfo::odbcDriverManagerLibrary());
    const QStringList drivers = PlatformInfo::odbcDrivers();
    const QStringList qtDrivers = PlatformInfo::qtSqlDrivers();
    const QString graphviz = graphvizVersion();

    return {
        {AboutDialog::tr("Qt"), qt},
        {AboutDialog::tr("ODBC driver manager"), odbc},
        {AboutDialog::tr("ODBC drivers"), drivers.isEmpty() ? AboutDialog::tr("none installed") : drivers.join(u", ")},
        {AboutDialog::tr("Qt SQL drivers"), qtDrivers.isEmpty() ? notFound : qtDrivers.join(u", ")},
        {AboutDialog::tr("Graphviz"), graphviz.isEmpty() ? notFound : graphviz},
        {AboutDialog::tr("System"), QSysInfo::prettyProductName() + u" (" + QSysInfo::currentCpuArchitecture() + u')'},
    };
}

} // namespace

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About Broker Studio"));
    const QIcon icon(QStringLiteral(":/icons/broker-studio.svg"));
    setWindowIcon(icon);

    auto *iconLabel = new QLabel(this);
    iconLabel->setPixmap(icon.pixmap(QSize(96, 96), devicePixelRatioF()));
    iconLabel->setAlignment(Qt::AlignTop);

    auto *title = new QLabel(this);
    title->setTextFormat(Qt::RichText);
    title->setText(u"<h2>" + tr("Broker Studio %1").arg(QStringLiteral(BS_VERSION)) + u"</h2><p>"
                   + tr("Design, monitor and simulate SQL Server Service Broker messaging.") + u"</p><p>"
                   + tr("Copyright © 2026 The Broker Studio developers.<br>"
                        "Released under the MIT licence: free to use, copy, modify and distribute, "
                        "without warranty.")
                   + u"</p><p><a href=\"https://github.com/broker-studio/broker-studio\">"
                   + tr("Project home page") + u"</a></p>");
    title->setWordWrap(true);
    title->setOpenExternalLinks(true);

    QString rows;
    for (const Component &c : components())
        rows += u"<tr><td style=\"padding-right:12px\"><b>" + c.name.toHtmlEscaped() + u"</b></td><td>"
            + c.value.toHtmlEscaped() + u"</td></tr>";
    m_components = new QLabel(this);
    m_components->setObjectName(QStringLiteral("components"));
    m_components->setTextFormat(Qt::RichText);
    m_components->setText(u"<table>" + rows + u"</table>");
    m_components->setWordWrap(true);
    m_components->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("&Copy versions"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyVersions"));
    connect(copy, &QPushButton::clicked, this,
            [] { QGuiApplication::clipboard()->setText(componentReport()); });
    QPushButton *aboutQt = buttons->addButton(tr("About &Qt"), QDialogButtonBox::HelpRole);
    connect(aboutQt, &QPushButton::clicked, qApp, &QApplication::aboutQt);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *text = new QVBoxLayout;
    text->addWidget(title);
    text->addWidget(m_components);
    text->addStretch();
    auto *top = new QHBoxLayout;
    top->addWidget(iconLabel);
    top->addSpacing(12);
    top->addLayout(text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buttons);
    resize(620, sizeHint().height());
}

AboutDialog::~AboutDialog() = default;

QString AboutDialog::componentReport()
{
    QString report = u"Broker Studio: " + QStringLiteral(BS_VERSION) + u'\n';
    for (const Component &c : components())
        report += c.name + u": " + c.value + u'\n';
    return report;
}

} // namespace bs
