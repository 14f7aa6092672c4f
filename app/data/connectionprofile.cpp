#include "data/connectionprofile.h"

namespace bs {

namespace {

// Settings keys of one profile; the values are words, not enum numbers, so a reordered enum
// cannot silently change a saved profile.
const QString kName = QStringLiteral("name");
const QString kMode = QStringLiteral("mode");
const QString kDriver = QStringLiteral("driver");
const QString kDsn = QStringLiteral("dsn");
const QString kServer = QStringLiteral("server");
const QString kDatabase = QStringLiteral("database");
const QString kAuthentication = QStringLiteral("authentication");
const QString kUserName = QStringLiteral("userName");
const QString kSavePassword = QStringLiteral("savePassword");
const QString kEncrypt = QStringLiteral("encrypt");
const QString kTrust = QStringLiteral("trustServerCertificate");
const QString kLoginTimeout = QStringLiteral("loginTimeoutSeconds");
const QString kReadOnly = QStringLiteral("readOnly");

QString encryptWord(EncryptMode mode)
{
    switch (mode) {
    case EncryptMode::Optional:
        return QStringLiteral("optional");
    case EncryptMode::Mandatory:
        return QStringLiteral("mandatory");
    case EncryptMode::Strict:
        return QStringLiteral("strict");
    }
    return QStringLiteral("mandatory");
}

EncryptMode encryptFromWord(const QString &word)
{
    if (word == QLatin1String("optional"))
        return EncryptMode::Optional;
    if (word == QLatin1String("strict"))
        return EncryptMode::Strict;
    return EncryptMode::Mandatory;
}

} // namespace

QString ConnectionProfile::displayName() const
{
    const QString where = mode == ConnectionMode::Dsn ? dsn : server;
    if (database.isEmpty())
        return where;
    return where + QStringLiteral(" / ") + database;
}

QString ConnectionProfile::keychainKey() const
{
    // Independent of the profile's label, so renaming a profile keeps its password.
    const QString where = mode == ConnectionMode::Dsn ? QStringLiteral("dsn:") + dsn : server;
    return userName + QLatin1Char('@') + where;
}

QVariantMap ConnectionProfile::toMap() const
{
    return {
        {kName, name},
        {kMode, mode == ConnectionMode::Dsn ? QStringLiteral("dsn") : QStringLiteral("server")},
        {kDriver, driver},
        {kDsn, dsn},
        {kServer, server},
        {kDatabase, database},
        {kAuthentication,
         authentication == Authentication::Integrated ? QStringLiteral("integrated") : QStringLiteral("sql")},
        {kUserName, userName},
        {kSavePassword, savePassword},
        {kEncrypt, encryptWord(encrypt)},
        {kTrust, trustServerCertificate},
        {kLoginTimeout, loginTimeoutSeconds},
        {kReadOnly, readOnly},
    };
}

ConnectionProfile ConnectionProfile::fromMap(const QVariantMap &map)
{
    ConnectionProfile p;
    p.name = map.value(kName).toString();
    p.mode = map.value(kMode).toString() == QLatin1String("dsn") ? ConnectionMode::Dsn : ConnectionMode::Server;
    p.driver = map.value(kDriver).toString();
    p.dsn = map.value(kDsn).toString();
    p.server = map.value(kServer).toString();
    p.database = map.value(kDatabase).toString();
    p.authentication = map.value(kAuthentication).toString() == QLatin1String("integrated")
        ? Authentication::Integrated
        : Authentication::SqlLogin;
    p.userName = map.value(kUserName).toString();
    p.savePassword = map.value(kSavePassword).toBool();
    p.encrypt = encryptFromWord(map.value(kEncrypt).toString());
    p.trustServerCertificate = map.value(kTrust).toBool();
    p.loginTimeoutSeconds = map.value(kLoginTimeout, 15).toInt();
    p.readOnly = map.value(kReadOnly).toBool();
    if (p.loginTimeoutSeconds <= 0)
        p.loginTimeoutSeconds = 15;
    return p;
}

} // namespace bs
