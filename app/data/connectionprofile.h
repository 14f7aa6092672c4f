#pragma once

#include <QMetaType>
#include <QString>
#include <QVariantMap>

namespace bs {

/// How the connection names its server: host and driver, or an ODBC data source (DSN).
enum class ConnectionMode { Server, Dsn };

/// SQL Server login (user and password) or the operating system's identity (Kerberos on Linux).
enum class Authentication { SqlLogin, Integrated };

/// TLS for the connection, in the words of Microsoft's ODBC Driver 18 (Optional, Mandatory, Strict).
/// Each driver spells it differently; OdbcConnectionString maps it.
enum class EncryptMode { Optional, Mandatory, Strict };

/// A saved way to reach one database: everything but the password, which lives in the keychain
/// (PasswordStore) or is asked for each time.
struct ConnectionProfile
{
    QString name; ///< the user's label; the key under which the profile is saved
    ConnectionMode mode = ConnectionMode::Server;
    QString driver; ///< ODBC driver name as registered with the driver manager
    QString dsn;
    QString server; ///< host, host\instance or host,port
    QString database;
    Authentication authentication = Authentication::SqlLogin;
    QString userName;
    bool savePassword = false; ///< keep the password in the keychain (never in settings)
    EncryptMode encrypt = EncryptMode::Mandatory;
    bool trustServerCertificate = false;
    int loginTimeoutSeconds = 15;
    /// Browse only: every write action (operations, cleanup) is disabled with the reason.
    bool readOnly = false;

    /// "server / database" (or "DSN name / database") for titles and tabs.
    QString displayName() const;
    /// The account name under which the keychain keeps this profile's password.
    QString keychainKey() const;
    bool needsPassword() const { return authentication == Authentication::SqlLogin; }

    QVariantMap toMap() const;
    static ConnectionProfile fromMap(const QVariantMap &map);

    bool operator==(const ConnectionProfile &) const = default;
};

} // namespace bs

Q_DECLARE_METATYPE(bs::ConnectionProfile)
