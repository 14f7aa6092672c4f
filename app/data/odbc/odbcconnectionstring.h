#pragma once

#include "data/connectionprofile.h"

#include <QList>
#include <QString>

#include <utility>

namespace bs {

/// Which dialect of connection-string keywords a driver speaks.
enum class OdbcDriverFamily {
    Microsoft18, ///< ODBC Driver 18 for SQL Server and later: Encrypt yes/no/strict, encrypted by default
    Microsoft17, ///< ODBC Driver 17 (and 13, 11): Encrypt yes/no
    FreeTds,     ///< FreeTDS: Server=host;Port=n, Encryption=off/request/require, TDS_Version
    Other,       ///< unknown driver: Microsoft-style keywords without encryption options
};

/// Builds, parses and masks ODBC connection strings for SQL Server drivers. The one place where a
/// profile and a password become the text handed to SQLDriverConnect.
///
/// Quoting follows the ODBC rules of SQLDriverConnect (learn.microsoft.com/sql/odbc/reference/syntax/
/// sqldriverconnect-function, Comments): a value containing `;`, `{` or `}` (or leading/trailing
/// spaces) is enclosed in braces and every `}` inside it is doubled.
class OdbcConnectionString
{
public:
    using Pairs = QList<std::pair<QString, QString>>;

    /// Host, instance and port as typed in a "server" field (host, host\instance, host,port, tcp:host,port).
    struct ServerAddress
    {
        QString host;
        QString instance;
        int port = 0; ///< 0 = not given
    };

    static OdbcDriverFamily familyOf(const QString &driverName);
    /// What the driver supports, for enabling the dialog's options.
    static bool supportsStrictEncryption(OdbcDriverFamily family);
    static bool supportsTrustServerCertificate(OdbcDriverFamily family);

    /// A value as it must appear after `keyword=`: braced and escaped when needed.
    static QString quoteValue(const QString &value);
    static ServerAddress parseServer(const QString &server);

    /// The complete connection string for a profile; the password is used only for SQL logins.
    static QString build(const ConnectionProfile &profile, const QString &password);
    /// Splits a connection string into keyword/value pairs (braces removed, `}}` undoubled).
    /// Returns false and an error text for an unterminated brace.
    static bool parse(const QString &connectionString, Pairs *pairs, QString *error = nullptr);
    /// The value of a keyword (case-insensitive), or an empty string.
    static QString value(const QString &connectionString, const QString &keyword);
    /// The connection string with the password replaced, for display and logs.
    static QString masked(const QString &connectionString);
    /// The text to give QSqlDatabase::setDatabaseName() so that the QODBC plugin passes exactly
    /// this connection string to the driver manager (it prefixes "DSN=" to strings that name no
    /// DRIVER= or SERVER=). Returns an empty string, with a reason, for strings it cannot pass.
    /// FreeTDS strings get withFreeTdsDefaults().
    static QString forQodbc(const QString &connectionString, QString *error = nullptr);
    /// The TDS protocol version a FreeTDS connection string gets when it names none.
    static constexpr const char *DefaultTdsVersion = "7.4";
    /// A FreeTDS connection string (Driver= naming FreeTDS) without TDS_Version gets
    /// TDS_Version=7.4 (SQL Server 2012 and later): FreeTDS's "auto" can retry without end against
    /// a server that accepts TCP and never answers (issue #11). Other strings come back unchanged.
    /// *note (optional) says what was added, for the command line and the dialog.
    static QString withFreeTdsDefaults(const QString &connectionString, QString *note = nullptr);
    /// A short "server / database" label for a raw connection string.
    static QString describe(const QString &connectionString);
};

} // namespace bs
