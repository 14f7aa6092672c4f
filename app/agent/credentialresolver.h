#pragma once

#include "agent/agentconfig.h"

#include <QString>

namespace bs {

/// Reads a target's password from where its CredentialSpec says, with a clear error when it
/// cannot: an unset environment variable, a missing file, or a file that others may read (the
/// agent refuses a password file with any group or world permission bits, as ssh does with keys).
/// The keychain is asynchronous and read by AgentTarget through PasswordStore.
class CredentialResolver
{
public:
    struct Result
    {
        bool ok = false;
        QString password; ///< empty for None and Integrated
        QString error;
    };
    /// Environment, File, None and Integrated; Keychain answers "not synchronous" as an error.
    static Result resolve(const CredentialSpec &spec);
    /// True when `path` is a regular file without group or world permissions (POSIX); on
    /// systems without POSIX modes, true when it exists.
    static bool isPrivateFile(const QString &path, QString *error);
    /// The connection string with the password added (quoted as ODBC requires); unchanged
    /// when the password is empty.
    static QString withPassword(const QString &connection, const QString &password);
};

} // namespace bs
