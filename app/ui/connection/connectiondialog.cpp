#include "ui/connection/connectiondialog.h"

#include "data/odbc/connectiontester.h"
#include "data/odbc/odbcconnectionstring.h"
#include "data/odbc/odbcdrivers.h"
#include "data/passwordstore.h"
#include "data/settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QScreen>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace bs {

namespace {

// A key that is never written: reading it tells whether a keychain service answers at all.
const QString kKeychainProbe = QStringLiteral("availability-probe");

QString encryptTip()
{
    return ConnectionDialog::tr(
        "<p><b>Optional</b>: TLS only when the server demands it (FreeTDS: <i>request</i>, use if available).</p>"
        "<p><b>Mandatory</b>: always TLS; the login fails if it cannot be encrypted. ODBC Driver 18 does this "
        "by default and then validates the server certificate.</p>"
        "<p><b>Strict</b>: TDS 8.0, TLS before any login traffic, the certificate is always validated. Needs "
        "SQL Server 2022 or later and ODBC Driver 18.</p>");
}

} // namespace

ConnectionDialog::ConnectionDialog(Settings &settings, QWidget *parent, const QStringList &drivers)
    : QDialog(parent)
    , m_settings(settings)
    , m_store(new PasswordStore(this))
    , m_tester(new ConnectionTester(this))
{
    setWindowTitle(tr("Connect to SQL Server"));
    buildUi();
    fillDrivers(drivers.isEmpty() ? OdbcDrivers::installed() : drivers);
    for (const QString &dsn : OdbcDrivers::dataSources())
        m_dsn->addItem(dsn);

    connect(m_tester, &ConnectionTester::finished, this, &ConnectionDialog::onFinished);
    connect(m_tester, &ConnectionTester::busyChanged, this, &ConnectionDialog::updateState);
    connect(m_store, &PasswordStore::passwordRead, this, [this](const QString &key, const QString &pw) {
        if (key == profile().keychainKey() && m_password->text().isEmpty())
            m_password->setText(pw);
    });
    connect(m_store, &PasswordStore::failed, this, [this](const QString &, const QString &message) {
        if (!m_store->isAvailable())
            setKeychainUnavailable(message);
    });

    reloadProfileList(m_settings.lastConnectionProfile());
    if (m_profiles->currentIndex() > 0)
        loadProfile(m_profiles->currentText());
    m_store->read(kKeychainProbe);
    updateState();
}

ConnectionDialog::~ConnectionDialog() = default;

void ConnectionDialog::buildUi()
{
    auto *layout = new QVBoxLayout(this);

    // Saved profiles.
    auto *profileRow = new QHBoxLayout;
    m_profiles = new QComboBox;
    m_profiles->setObjectName(QStringLiteral("profiles"));
    m_profiles->setToolTip(tr("Saved connections. Passwords are never part of a profile."));
    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("profileName"));
    m_name->setPlaceholderText(tr("Profile name"));
    m_saveProfile = new QPushButton(tr("&Save"));
    m_saveProfile->setObjectName(QStringLiteral("saveProfile"));
    m_saveProfile->setToolTip(tr("Save these settings under the profile name (without the password)."));
    m_deleteProfile = new QPushButton(tr("&Delete"));
    m_deleteProfile->setObjectName(QStringLiteral("deleteProfile"));
    auto *profileLabel = new QLabel(tr("Pro&file:"));
    profileLabel->setBuddy(m_profiles);
    profileRow->addWidget(profileLabel);
    profileRow->addWidget(m_profiles, 1);
    profileRow->addWidget(m_name, 1);
    profileRow->addWidget(m_saveProfile);
    profileRow->addWidget(m_deleteProfile);
    layout->addLayout(profileRow);

    // Where.
    auto *where = new QGroupBox(tr("Server"));
    m_whereBox = where;
    auto *whereForm = new QFormLayout(where);
    m_useServer = new QRadioButton(tr("Server &and driver"));
    m_useDsn = new QRadioButton(tr("&ODBC data source (DSN)"));
    m_useServer->setChecked(true);
    auto *modeRow = new QHBoxLayout;
    modeRow->addWidget(m_useServer);
    modeRow->addWidget(m_useDsn);
    modeRow->addStretch();
    m_useServer->setObjectName(QStringLiteral("useServer"));
    m_useDsn->setObjectName(QStringLiteral("useDsn"));
    whereForm->addRow(tr("Connect with:"), modeRow);
    m_driver = new QComboBox;
    m_driver->setObjectName(QStringLiteral("driver"));
    m_driver->setToolTip(tr(
        "ODBC drivers registered with the driver manager (odbcinst -q -d). Preferred: ODBC Driver 18 for "
        "SQL Server, then 17, then FreeTDS."));
    whereForm->addRow(tr("ODBC d&river:"), m_driver);
    m_server = new QLineEdit;
    m_server->setObjectName(QStringLiteral("server"));
    m_server->setPlaceholderText(tr("host, host\\instance or host,port"));
    m_server->setToolTip(tr(
        "<p><b>host</b> (default port 1433), <b>host\\instance</b> (found through SQL Server Browser, UDP 1434) "
        "or <b>host,port</b>.</p><p>Microsoft's drivers get Server=host,port; FreeTDS gets Server=host;Port=n.</p>"));
    whereForm->addRow(tr("Ser&ver:"), m_server);
    m_dsn = new QComboBox;
    m_dsn->setObjectName(QStringLiteral("dsn"));
    m_dsn->setEditable(true);
    m_dsn->setToolTip(tr("A data source defined in odbc.ini (odbcinst -q -s lists them). "
                                     "It supplies driver, server and encryption settings."));
    whereForm->addRow(tr("Data source na&me:"), m_dsn);
    m_database = new QLineEdit;
    m_database->setObjectName(QStringLiteral("database"));
    m_database->setPlaceholderText(tr("the login's default database"));
    m_database->setToolTip(tr("The database whose Service Broker objects are read."));
    whereForm->addRow(tr("Data&base:"), m_database);
    layout->addWidget(where);

    // Who.
    auto *who = new QGroupBox(tr("Authentication"));
    m_whoBox = who;
    auto *whoForm = new QFormLayout(who);
    m_authentication = new QComboBox;
    m_authentication->setObjectName(QStringLiteral("authentication"));
    m_authentication->addItem(tr("SQL Server login"));
    m_authentication->addItem(tr("Integrated (Kerberos / Windows)"));
    m_authentication->setToolTip(tr(
        "<p><b>SQL Server login</b>: user name and password checked by SQL Server.</p>"
        "<p><b>Integrated</b>: Trusted_Connection=yes. On Linux and macOS this uses your Kerberos ticket "
        "(run kinit first); on Windows, your Windows logon.</p>"));
    whoForm->addRow(tr("A&uthentication:"), m_authentication);
    m_user = new QLineEdit;
    m_user->setObjectName(QStringLiteral("user"));
    whoForm->addRow(tr("&Login:"), m_user);
    m_password = new QLineEdit;
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    whoForm->addRow(tr("Pass&word:"), m_password);
    m_passwordWarning = new QLabel(tr(
        "This password contains '}'. FreeTDS 1.3 does not undo the ODBC escaping of '}', so the login "
        "will fail with this driver; use Microsoft's ODBC Driver 18 or change the password."));
    m_passwordWarning->setObjectName(QStringLiteral("passwordWarning"));
    m_passwordWarning->setWordWrap(true);
    m_passwordWarning->setStyleSheet(QStringLiteral("color: #a4262c;"));
    m_passwordWarning->setVisible(false);
    whoForm->addRow(QString(), m_passwordWarning);
    m_savePassword = new QCheckBox(tr("Remember the password in the system &keychain"));
    m_savePassword->setObjectName(QStringLiteral("savePassword"));
    m_savePassword->setToolTip(tr(
        "Stored by the operating system's keychain (Secret Service or KWallet, macOS Keychain, Windows "
        "Credential Manager). Never written to Broker Studio's settings or logs."));
    whoForm->addRow(QString(), m_savePassword);
    m_keychainNote = new QLabel;
    m_keychainNote->setObjectName(QStringLiteral("keychainNote"));
    m_keychainNote->setWordWrap(true);
    m_keychainNote->hide();
    whoForm->addRow(QString(), m_keychainNote);
    layout->addWidget(who);

    // Security and time.
    auto *security = new QGroupBox(tr("Encryption and timeout"));
    m_securityBox = security;
    auto *securityForm = new QFormLayout(security);
    m_encrypt = new QComboBox;
    m_encrypt->setObjectName(QStringLiteral("encrypt"));
    m_encrypt->addItem(tr("Optional"));
    m_encrypt->addItem(tr("Mandatory"));
    m_encrypt->addItem(tr("Strict (TDS 8.0)"));
    m_encrypt->setCurrentIndex(1);
    m_encrypt->setToolTip(encryptTip());
    securityForm->addRow(tr("&Encrypt:"), m_encrypt);
    m_trust = new QCheckBox(tr("&Trust the server certificate without validating it"));
    m_trust->setObjectName(QStringLiteral("trustServerCertificate"));
    m_trust->setToolTip(tr(
        "<p>TrustServerCertificate=yes: traffic is still encrypted, but the certificate is not checked against "
        "trusted authorities, so a man-in-the-middle cannot be ruled out. Prefer a trusted certificate on the "
        "server. Ignored with Strict.</p><p>FreeTDS has no such switch: it validates only when a CA file is "
        "configured in freetds.conf.</p>"));
    securityForm->addRow(QString(), m_trust);
    m_timeout = new QSpinBox;
    m_timeout->setObjectName(QStringLiteral("loginTimeout"));
    m_timeout->setRange(1, 300);
    m_timeout->setValue(15);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setToolTip(tr(
        "How long to wait for the server to accept the login (SQL_ATTR_LOGIN_TIMEOUT). A test reports within "
        "this time; an unreachable host fails when it runs out. Broker Studio gives up a second later whatever "
        "the driver does, so a server that accepts the connection and never answers cannot hang it."));
    m_readOnly = new QCheckBox(tr("Read-onl&y: browse and monitor, never write"));
    m_readOnly->setObjectName(QStringLiteral("readOnly"));
    m_readOnly->setToolTip(tr("Every operation (END CONVERSATION, ALTER QUEUE, cleanup) is disabled for this profile, "
                              "whatever the login's permissions."));
    // On the timeout's row: the dialog keeps its height for the notes and the error block.
    auto *timeoutRow = new QHBoxLayout;
    timeoutRow->addWidget(m_timeout);
    timeoutRow->addSpacing(16);
    timeoutRow->addWidget(m_readOnly);
    timeoutRow->addStretch(1);
    auto *timeoutLabel = new QLabel(tr("Login t&imeout:"));
    timeoutLabel->setBuddy(m_timeout);
    securityForm->addRow(timeoutLabel, timeoutRow);
    layout->addWidget(security);

    m_preview = new QLineEdit;
    m_preview->setObjectName(QStringLiteral("preview"));
    m_preview->setReadOnly(true);
    m_preview->setToolTip(tr("The ODBC connection string that will be used (password masked)."));
    auto *previewForm = new QFormLayout;
    previewForm->addRow(tr("Connection strin&g:"), m_preview);
    layout->addLayout(previewForm);

    // Test, busy state and result.
    auto *testRow = new QHBoxLayout;
    m_test = new QPushButton(tr("Test co&nnection"));
    m_test->setObjectName(QStringLiteral("test"));
    m_test->setToolTip(tr("Log in and read the database's broker flags, without opening it."));
    m_stop = new QPushButton(tr("Sto&p"));
    m_stop->setObjectName(QStringLiteral("stop"));
    m_stop->setToolTip(tr(
        "Stop waiting. A connect in progress cannot be aborted inside the driver: it ends in the background "
        "and its result is ignored."));
    m_busy = new QProgressBar;
    m_busy->setObjectName(QStringLiteral("busy"));
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setMaximumHeight(14);
    testRow->addWidget(m_test);
    testRow->addWidget(m_stop);
    testRow->addWidget(m_busy, 1);
    // Keeps the buttons at their natural width while the busy bar is hidden.
    testRow->addStretch();
    layout->addLayout(testRow);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setMinimumHeight(40);
    m_status->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_status);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("connect"));
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] { start(Purpose::Connect); });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);
    connect(m_test, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_stop, &QPushButton::clicked, this, &ConnectionDialog::stopTest);
    connect(m_saveProfile, &QPushButton::clicked, this, &ConnectionDialog::saveProfile);
    connect(m_deleteProfile, &QPushButton::clicked, this, &ConnectionDialog::deleteProfile);
    connect(m_profiles, &QComboBox::activated, this, [this](int index) {
        if (index > 0)
            loadProfile(m_profiles->itemText(index));
    });
    for (QLineEdit *edit : {m_name, m_server, m_database, m_user, m_password})
        connect(edit, &QLineEdit::textChanged, this, &ConnectionDialog::updateState);
    for (QComboBox *combo : {m_driver, m_authentication, m_encrypt, m_dsn})
        connect(combo, &QComboBox::currentTextChanged, this, &ConnectionDialog::updateState);
    connect(m_dsn, &QComboBox::editTextChanged, this, &ConnectionDialog::updateState);
    for (QAbstractButton *b : {static_cast<QAbstractButton *>(m_useServer), static_cast<QAbstractButton *>(m_useDsn),
                               static_cast<QAbstractButton *>(m_trust), static_cast<QAbstractButton *>(m_savePassword)})
        connect(b, &QAbstractButton::toggled, this, &ConnectionDialog::updateState);
    connect(m_timeout, &QSpinBox::valueChanged, this, &ConnectionDialog::updateState);
    // A result describes the fields as they were tested; once the user changes one it no longer applies.
    for (QLineEdit *edit : {m_name, m_server, m_database, m_user, m_password})
        connect(edit, &QLineEdit::textEdited, this, &ConnectionDialog::clearResult);
    for (QComboBox *combo : {m_profiles, m_driver, m_authentication, m_encrypt, m_dsn})
        connect(combo, &QComboBox::activated, this, &ConnectionDialog::clearResult);
    connect(m_dsn, &QComboBox::editTextChanged, this, &ConnectionDialog::clearResult);
    for (QAbstractButton *b : {static_cast<QAbstractButton *>(m_useServer), static_cast<QAbstractButton *>(m_useDsn),
                               static_cast<QAbstractButton *>(m_trust), static_cast<QAbstractButton *>(m_savePassword)})
        connect(b, &QAbstractButton::clicked, this, &ConnectionDialog::clearResult);
    connect(m_timeout, &QSpinBox::valueChanged, this, &ConnectionDialog::clearResult);
    resize(620, sizeHint().height());
}

void ConnectionDialog::fillDrivers(const QStringList &drivers)
{
    m_driver->clear();
    m_driver->addItems(drivers);
    const QString preferred = OdbcDrivers::preferred(drivers);
    if (!preferred.isEmpty())
        m_driver->setCurrentText(preferred);
    if (drivers.isEmpty())
        setStatus(tr("No ODBC driver is registered with the driver manager. Install Microsoft's "
                                 "ODBC Driver 18 for SQL Server or FreeTDS (tdsodbc)."),
                  QStringLiteral("#b00020"));
}

ConnectionProfile ConnectionDialog::profile() const
{
    ConnectionProfile p;
    p.name = m_name->text().trimmed();
    p.mode = m_useDsn->isChecked() ? ConnectionMode::Dsn : ConnectionMode::Server;
    p.driver = m_driver->currentText();
    p.dsn = m_dsn->currentText().trimmed();
    p.server = m_server->text().trimmed();
    p.database = m_database->text().trimmed();
    p.authentication = m_authentication->currentIndex() == 1 ? Authentication::Integrated : Authentication::SqlLogin;
    p.userName = m_user->text().trimmed();
    p.savePassword = m_savePassword->isChecked() && m_keychainAvailable;
    p.encrypt = static_cast<EncryptMode>(m_encrypt->currentIndex());
    p.trustServerCertificate = m_trust->isChecked();
    p.loginTimeoutSeconds = m_timeout->value();
    p.readOnly = m_readOnly->isChecked();
    return p;
}

QString ConnectionDialog::password() const
{
    return m_password->text();
}

void ConnectionDialog::setProfile(const ConnectionProfile &p)
{
    m_name->setText(p.name);
    (p.mode == ConnectionMode::Dsn ? m_useDsn : m_useServer)->setChecked(true);
    if (!p.driver.isEmpty()) {
        if (m_driver->findText(p.driver) < 0)
            m_driver->addItem(p.driver);
        m_driver->setCurrentText(p.driver);
    }
    m_dsn->setCurrentText(p.dsn);
    m_server->setText(p.server);
    m_database->setText(p.database);
    m_authentication->setCurrentIndex(p.authentication == Authentication::Integrated ? 1 : 0);
    m_user->setText(p.userName);
    m_savePassword->setChecked(p.savePassword);
    m_encrypt->setCurrentIndex(static_cast<int>(p.encrypt));
    m_trust->setChecked(p.trustServerCertificate);
    m_timeout->setValue(p.loginTimeoutSeconds);
    m_readOnly->setChecked(p.readOnly);
    updateState();
}

void ConnectionDialog::setPassword(const QString &password)
{
    m_password->setText(password);
}

QString ConnectionDialog::connectionString() const
{
    return OdbcConnectionString::build(profile(), password());
}

QString ConnectionDialog::maskedConnectionString() const
{
    return OdbcConnectionString::masked(connectionString());
}

bool ConnectionDialog::isBusy() const
{
    return m_tester->isBusy();
}

QString ConnectionDialog::statusText() const
{
    return m_status->text();
}

void ConnectionDialog::updateState()
{
    const bool dsn = m_useDsn->isChecked();
    const bool busy = m_tester->isBusy();
    const OdbcDriverFamily family = OdbcConnectionString::familyOf(m_driver->currentText());
    m_driver->setEnabled(!dsn);
    m_server->setEnabled(!dsn);
    m_dsn->setEnabled(dsn);
    const bool sqlLogin = m_authentication->currentIndex() == 0;
    m_user->setEnabled(sqlLogin);
    m_password->setEnabled(sqlLogin);
    m_passwordWarning->setVisible(!dsn && sqlLogin && family == OdbcDriverFamily::FreeTds
                                  && m_password->text().contains(QLatin1Char('}')));
    m_savePassword->setEnabled(sqlLogin && m_keychainAvailable);
    // A DSN carries its own encryption settings; each driver supports only some of ours.
    m_encrypt->setEnabled(!dsn && family != OdbcDriverFamily::Other);
    if (auto *model = qobject_cast<QStandardItemModel *>(m_encrypt->model())) {
        if (QStandardItem *strict = model->item(static_cast<int>(EncryptMode::Strict)))
            strict->setEnabled(OdbcConnectionString::supportsStrictEncryption(family));
    }
    if (m_encrypt->currentIndex() == static_cast<int>(EncryptMode::Strict)
        && !OdbcConnectionString::supportsStrictEncryption(family))
        m_encrypt->setCurrentIndex(static_cast<int>(EncryptMode::Mandatory));
    m_trust->setEnabled(!dsn && OdbcConnectionString::supportsTrustServerCertificate(family)
                        && m_encrypt->currentIndex() != static_cast<int>(EncryptMode::Strict));
    const bool complete = dsn ? !m_dsn->currentText().trimmed().isEmpty()
                              : !m_server->text().trimmed().isEmpty() && m_driver->count() > 0;
    // What is being tested or opened must stay what the fields show: nothing is editable meanwhile.
    for (QWidget *w : {static_cast<QWidget *>(m_whereBox), static_cast<QWidget *>(m_whoBox),
                       static_cast<QWidget *>(m_securityBox), static_cast<QWidget *>(m_profiles),
                       static_cast<QWidget *>(m_name)})
        w->setEnabled(!busy);
    m_test->setEnabled(complete && !busy);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(complete && !busy);
    m_stop->setEnabled(busy);
    m_busy->setVisible(busy);
    m_saveProfile->setEnabled(!busy && !m_name->text().trimmed().isEmpty());
    m_deleteProfile->setEnabled(!busy && m_settings.connectionProfile(m_name->text().trimmed()).has_value());
    updatePreview();
}

void ConnectionDialog::updatePreview()
{
    m_preview->setText(maskedConnectionString());
    m_preview->setCursorPosition(0);
    QString tip = tr("The ODBC connection string that will be used (password masked).");
    if (OdbcConnectionString::familyOf(m_driver->currentText()) == OdbcDriverFamily::FreeTds && m_useServer->isChecked())
        tip += tr("\n\nFreeTDS gets TDS_Version=%1 (SQL Server 2012 and later): without it FreeTDS can retry "
                  "without end against a server that does not answer.")
                   .arg(QLatin1String(OdbcConnectionString::DefaultTdsVersion));
    m_preview->setToolTip(tip);
}

void ConnectionDialog::reject()
{
    m_tester->cancel();
    QDialog::reject();
}

void ConnectionDialog::testConnection()
{
    start(Purpose::Test);
}

void ConnectionDialog::start(Purpose purpose)
{
    m_purpose = purpose;
    m_resultShown = false;
    const ConnectionProfile p = profile();
    setStatus(tr("Connecting to %1 (login timeout %2 s)…").arg(p.displayName().toHtmlEscaped()).arg(
                  p.loginTimeoutSeconds),
              QString());
    m_tester->start(connectionString(), p.loginTimeoutSeconds);
    updateState();
}

void ConnectionDialog::stopTest()
{
    if (!m_tester->isBusy())
        return;
    m_tester->cancel();
    setStatus(tr("Stopped. The abandoned attempt finishes in the background and is ignored."),
              QString());
    m_resultShown = true;
    updateState();
}

void ConnectionDialog::onFinished(const ConnectionTestResult &result)
{
    updateState();
    if (!result.ok) {
        // A refused port fails in milliseconds: "after 0.0 s" would read as if nothing was tried.
        const QString when = result.elapsedMs < 10 ? tr("immediately")
            : result.elapsedMs < 1000             ? tr("after %1 ms").arg(result.elapsedMs)
                                                  : tr("after %1 s").arg(double(result.elapsedMs) / 1000.0, 0, 'f', 1);
        QString text = tr("<b>Connection failed</b> %1:<br>%2")
                           .arg(when)
                           .arg(result.message.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
        const QString hint = failureHint(result.message);
        if (!hint.isEmpty())
            text += QStringLiteral("<br><br>") + hint;
        setStatus(text, QStringLiteral("#b00020"));
        m_resultShown = true;
        return;
    }
    const DatabaseBrokerInfo &db = result.database;
    QString text = tr("<b>Connected</b> to %1, database %2 (SQL Server %3) in %4 s.")
                       .arg(db.serverName.toHtmlEscaped(), db.databaseName.toHtmlEscaped(),
                            db.productVersion.toHtmlEscaped())
                       .arg(double(result.elapsedMs) / 1000.0, 0, 'f', 1);
    text += db.isBrokerEnabled ? tr(" Service Broker is enabled.")
                               : tr(" <b>Service Broker is disabled</b> in this database.");
    setStatus(text, db.isBrokerEnabled ? QStringLiteral("#1b5e20") : QStringLiteral("#8a5a00"));
    m_resultShown = true;
    if (m_purpose != Purpose::Connect)
        return;
    const ConnectionProfile p = profile();
    if (!p.name.isEmpty()) {
        m_settings.saveConnectionProfile(p);
        m_settings.setLastConnectionProfile(p.name);
    }
    if (p.needsPassword()) {
        if (p.savePassword)
            m_store->write(p.keychainKey(), password());
        else
            m_store->remove(p.keychainKey());
    }
    accept();
}

QString ConnectionDialog::failureHint(const QString &driverMessage)
{
    // FreeTDS's text when no TDS server answered at the address (its error 20009).
    if (driverMessage.contains(QLatin1String("Adaptive Server is unavailable or does not exist"), Qt::CaseInsensitive))
        return tr("<b>Hint:</b> nothing answered at that address. Check the host name and the port (default 1433). "
                  "FreeTDS does not resolve a named instance (host\\instance) unless SQL Server Browser answers on "
                  "UDP 1434, so prefer host,port. Check that the server accepts TCP/IP connections (SQL Server "
                  "Configuration Manager) and that no firewall blocks the port.");
    // unixODBC's IM002: the DSN is not in odbc.ini (user or system).
    if (driverMessage.contains(QLatin1String("Data source name not found"), Qt::CaseInsensitive))
        return tr("<b>Hint:</b> no ODBC data source of that name is registered. Check its spelling and the list "
                  "from <tt>odbcinst -q -s</tt> (user and system odbc.ini), or connect with <i>Server and "
                  "driver</i> instead.");
    // Our own deadline (GuardedConnection): something accepted the connection but did not answer.
    if (driverMessage.startsWith(QLatin1String("No answer from server")))
        return tr("<b>Hint:</b> something accepted the connection at that address but never answered as SQL "
                  "Server does. Check that the port belongs to SQL Server (not another service or a proxy), and "
                  "that the server is not paused or overloaded.");
    if (driverMessage.contains(QLatin1String("Login failed"), Qt::CaseInsensitive))
        return tr("<b>Hint:</b> the server answered and refused the login. Check the login name and the password, "
                  "that the server allows SQL Server authentication (mixed mode), and that the login may open this "
                  "database; the server's error log says which (error 18456 and its state).");
    return QString();
}

void ConnectionDialog::clearResult()
{
    if (!m_resultShown || m_tester->isBusy())
        return;
    m_resultShown = false;
    setStatus(QString(), QString());
}

void ConnectionDialog::setStatus(const QString &text, const QString &color)
{
    m_status->setStyleSheet(color.isEmpty() ? QString() : QStringLiteral("color: %1;").arg(color));
    m_status->setText(text);
    growToFit();
}

void ConnectionDialog::growToFit()
{
    // Wrapped labels (the status block, the keychain note, the password warning) need the height
    // their text takes at this width; without it the layout squashes them to a line. Grow the
    // dialog instead, up to the screen's height.
    if (!layout())
        return;
    layout()->activate();
    int needed = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width()) : sizeHint().height();
    if (const QScreen *s = screen())
        needed = qMin(needed, s->availableGeometry().height());
    if (needed > height())
        resize(width(), needed);
}

void ConnectionDialog::reloadProfileList(const QString &select)
{
    m_profiles->clear();
    m_profiles->addItem(tr("(new connection)"));
    for (const ConnectionProfile &p : m_settings.connectionProfiles())
        m_profiles->addItem(p.name);
    const int index = m_profiles->findText(select);
    m_profiles->setCurrentIndex(index > 0 ? index : 0);
}

void ConnectionDialog::loadProfile(const QString &name)
{
    const std::optional<ConnectionProfile> p = m_settings.connectionProfile(name);
    if (!p)
        return;
    m_password->clear();
    setProfile(*p);
    if (p->needsPassword() && p->savePassword && m_keychainAvailable)
        m_store->read(p->keychainKey());
}

void ConnectionDialog::saveProfile()
{
    const ConnectionProfile p = profile();
    if (p.name.isEmpty())
        return;
    m_settings.saveConnectionProfile(p);
    if (p.needsPassword() && p.savePassword && !password().isEmpty())
        m_store->write(p.keychainKey(), password());
    reloadProfileList(p.name);
    updateState();
}

void ConnectionDialog::deleteProfile()
{
    const ConnectionProfile p = profile();
    m_settings.removeConnectionProfile(p.name);
    if (p.needsPassword())
        m_store->remove(p.keychainKey());
    reloadProfileList(QString());
    updateState();
}

void ConnectionDialog::setKeychainUnavailable(const QString &reason)
{
    m_keychainAvailable = false;
    m_savePassword->setChecked(false);
    m_keychainNote->setText(
        tr("No keychain service is available, so passwords are not saved: you will be asked for the "
                       "password each time."));
    m_keychainNote->setToolTip(tr("The keychain said: %1").arg(reason));
    m_keychainNote->setStyleSheet(QStringLiteral("color: #8a5a00;"));
    m_keychainNote->show();
    growToFit();
    updateState();
}

} // namespace bs
