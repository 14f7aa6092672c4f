#pragma once

#include "data/connectionprofile.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace bs {

class ConnectionTester;
struct ConnectionTestResult;
class PasswordStore;
class Settings;

/// Asks where to connect: saved profiles, server or DSN, driver, authentication, encryption and
/// login timeout. "Test connection" and "Connect" run off the GUI thread with a busy state and a
/// Stop button; the driver's own error text is shown. On accept, profile() and password() say
/// what to open (for example with OdbcBrokerSource(profile(), password())).
class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    /// drivers: the ODBC drivers to offer; empty = ask the driver manager (OdbcDrivers::installed()).
    explicit ConnectionDialog(Settings &settings, QWidget *parent = nullptr, const QStringList &drivers = {});
    ~ConnectionDialog() override;

    ConnectionProfile profile() const;
    QString password() const;
    void setProfile(const ConnectionProfile &profile);
    void setPassword(const QString &password);

    /// The connection string the dialog would use, password included (never shown or logged).
    QString connectionString() const;
    /// The same with the password masked, as the preview shows it.
    QString maskedConnectionString() const;

    bool isBusy() const;
    /// The status line (the driver's text after a failed test).
    QString statusText() const;
    /// Advice for a driver's failure text (HTML), or empty when there is none.
    static QString failureHint(const QString &driverMessage);

public Q_SLOTS:
    /// Also stops a test in progress (Cancel, Escape, closing the window).
    void reject() override;
    void testConnection();
    void stopTest();

private:
    enum class Purpose { Test, Connect };

    void buildUi();
    void fillDrivers(const QStringList &drivers);
    void updateState();
    void updatePreview();
    void start(Purpose purpose);
    void onFinished(const ConnectionTestResult &result);
    void setStatus(const QString &text, const QString &color);
    void growToFit();
    void clearResult();
    void loadProfile(const QString &name);
    void saveProfile();
    void deleteProfile();
    void reloadProfileList(const QString &select);
    void setKeychainUnavailable(const QString &reason);

    Settings &m_settings;
    PasswordStore *m_store = nullptr;
    ConnectionTester *m_tester = nullptr;
    Purpose m_purpose = Purpose::Test;
    bool m_keychainAvailable = true;
    bool m_resultShown = false; ///< the status holds a test's result (cleared when a field is edited)

    QWidget *m_whereBox = nullptr;
    QWidget *m_whoBox = nullptr;
    QWidget *m_securityBox = nullptr;
    QComboBox *m_profiles = nullptr;
    QLineEdit *m_name = nullptr;
    QPushButton *m_saveProfile = nullptr;
    QPushButton *m_deleteProfile = nullptr;
    QRadioButton *m_useServer = nullptr;
    QRadioButton *m_useDsn = nullptr;
    QComboBox *m_driver = nullptr;
    QLineEdit *m_server = nullptr;
    QComboBox *m_dsn = nullptr;
    QLineEdit *m_database = nullptr;
    QComboBox *m_authentication = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QCheckBox *m_savePassword = nullptr;
    QLabel *m_keychainNote = nullptr;
    QLabel *m_passwordWarning = nullptr;
    QComboBox *m_encrypt = nullptr;
    QCheckBox *m_trust = nullptr;
    QCheckBox *m_readOnly = nullptr;
    QSpinBox *m_timeout = nullptr;
    QLineEdit *m_preview = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_test = nullptr;
    QPushButton *m_stop = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace bs
