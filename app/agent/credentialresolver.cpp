#include "agent/credentialresolver.h"

#include "data/odbc/odbcconnectionstring.h"

#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace bs {

bool CredentialResolver::isPrivateFile(const QString &path, QString *error)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        *error = QStringLiteral("password file %1 does not exist").arg(path);
        return false;
    }
#ifdef Q_OS_UNIX
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0 || !S_ISREG(st.st_mode)) {
        *error = QStringLiteral("password file %1 is not a regular file").arg(path);
        return false;
    }
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        *error = QStringLiteral("password file %1 is readable or writable by group or others (mode %2); "
                                "the agent refuses it: chmod 600 %1")
                     .arg(path)
                     .arg(QString::number(st.st_mode & 07777, 8).rightJustified(4, QLatin1Char('0')));
        return false;
    }
#endif
    return true;
}

CredentialResolver::Result CredentialResolver::resolve(const CredentialSpec &spec)
{
    Result r;
    switch (spec.kind) {
    case CredentialSpec::Kind::None:
    case CredentialSpec::Kind::Integrated:
        r.ok = true;
        return r;
    case CredentialSpec::Kind::Environment:
        if (!qEnvironmentVariableIsSet(qPrintable(spec.value))) {
            r.error = QStringLiteral("environment variable %1 (the password) is not set").arg(spec.value);
            return r;
        }
        r.password = qEnvironmentVariable(qPrintable(spec.value));
        r.ok = true;
        return r;
    case CredentialSpec::Kind::File: {
        if (!isPrivateFile(spec.value, &r.error))
            return r;
        QFile file(spec.value);
        if (!file.open(QIODevice::ReadOnly)) {
            r.error = QStringLiteral("password file %1 cannot be read: %2").arg(spec.value, file.errorString());
            return r;
        }
        // The first line is the password; a trailing line break is what editors add.
        QString text = QString::fromUtf8(file.readAll());
        const qsizetype eol = text.indexOf(QLatin1Char('\n'));
        if (eol >= 0)
            text.truncate(eol);
        if (text.endsWith(QLatin1Char('\r')))
            text.chop(1);
        r.password = text;
        r.ok = true;
        return r;
    }
    case CredentialSpec::Kind::Keychain:
        r.error = QStringLiteral("the keychain is read asynchronously");
        return r;
    }
    return r;
}

QString CredentialResolver::withPassword(const QString &connection, const QString &password)
{
    if (password.isEmpty())
        return connection;
    QString out = connection;
    if (!out.endsWith(QLatin1Char(';')))
        out += QLatin1Char(';');
    return out + QStringLiteral("PWD=") + OdbcConnectionString::quoteValue(password) + QLatin1Char(';');
}

} // namespace bs
