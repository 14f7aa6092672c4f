#include "data/odbc/odbcconnectionstring.h"

#include <QRegularExpression>

namespace bs {

namespace {

const QString kApplicationName = QStringLiteral("Broker Studio");

void append(QString &out, const QString &keyword, const QString &value)
{
    out += keyword + QLatin1Char('=') + OdbcConnectionString::quoteValue(value) + QLatin1Char(';');
}

int microsoftVersion(const QString &driverName)
{
    static const QRegularExpression re(QStringLiteral("^ODBC Driver (\\d+) for SQL Server$"),
                                       QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(driverName.trimmed());
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

// Microsoft's drivers: Encrypt=yes|no, and from Driver 18 also strict
// (learn.microsoft.com/sql/connect/odbc/major-version-differences).
QString microsoftEncrypt(EncryptMode mode, OdbcDriverFamily family)
{
    switch (mode) {
    case EncryptMode::Optional:
        return QStringLiteral("no");
    case EncryptMode::Mandatory:
        return QStringLiteral("yes");
    case EncryptMode::Strict:
        return family == OdbcDriverFamily::Microsoft18 ? QStringLiteral("strict") : QStringLiteral("yes");
    }
    return QStringLiteral("yes");
}

// FreeTDS: Encryption=off|request|require (freetds.conf(5) "encryption"; FreeTDS 1.3 has no strict).
QString freeTdsEncryption(EncryptMode mode)
{
    return mode == EncryptMode::Optional ? QStringLiteral("request") : QStringLiteral("require");
}

} // namespace

OdbcDriverFamily OdbcConnectionString::familyOf(const QString &driverName)
{
    const int version = microsoftVersion(driverName);
    if (version >= 18)
        return OdbcDriverFamily::Microsoft18;
    if (version > 0)
        return OdbcDriverFamily::Microsoft17;
    if (driverName.contains(QLatin1String("FreeTDS"), Qt::CaseInsensitive)
        || driverName.contains(QLatin1String("tdsodbc"), Qt::CaseInsensitive))
        return OdbcDriverFamily::FreeTds;
    return OdbcDriverFamily::Other;
}

bool OdbcConnectionString::supportsStrictEncryption(OdbcDriverFamily family)
{
    return family == OdbcDriverFamily::Microsoft18;
}

bool OdbcConnectionString::supportsTrustServerCertificate(OdbcDriverFamily family)
{
    return family == OdbcDriverFamily::Microsoft18 || family == OdbcDriverFamily::Microsoft17;
}

QString OdbcConnectionString::quoteValue(const QString &value)
{
    const bool needsBraces = value.contains(QLatin1Char(';')) || value.contains(QLatin1Char('{'))
        || value.contains(QLatin1Char('}')) || value.startsWith(QLatin1Char(' '))
        || value.endsWith(QLatin1Char(' '));
    if (!needsBraces)
        return value;
    QString escaped = value;
    escaped.replace(QLatin1Char('}'), QStringLiteral("}}"));
    return QLatin1Char('{') + escaped + QLatin1Char('}');
}

OdbcConnectionString::ServerAddress OdbcConnectionString::parseServer(const QString &server)
{
    ServerAddress a;
    QString s = server.trimmed();
    if (s.startsWith(QLatin1String("tcp:"), Qt::CaseInsensitive))
        s = s.mid(4);
    const qsizetype comma = s.lastIndexOf(QLatin1Char(','));
    if (comma >= 0) {
        bool ok = false;
        const int port = s.mid(comma + 1).trimmed().toInt(&ok);
        if (ok && port > 0 && port < 65536) {
            a.port = port;
            s = s.left(comma).trimmed();
        }
    }
    const qsizetype slash = s.indexOf(QLatin1Char('\\'));
    if (slash >= 0) {
        a.instance = s.mid(slash + 1).trimmed();
        s = s.left(slash).trimmed();
    }
    a.host = s;
    return a;
}

QString OdbcConnectionString::build(const ConnectionProfile &profile, const QString &password)
{
    QString out;
    const bool integrated = profile.authentication == Authentication::Integrated;

    if (profile.mode == ConnectionMode::Dsn) {
        // The DSN carries driver, server and encryption; only what the user typed overrides it.
        append(out, QStringLiteral("DSN"), profile.dsn);
        if (!profile.database.isEmpty())
            append(out, QStringLiteral("Database"), profile.database);
        if (integrated) {
            out += QStringLiteral("Trusted_Connection=yes;");
        } else {
            append(out, QStringLiteral("UID"), profile.userName);
            append(out, QStringLiteral("PWD"), password);
        }
        return out;
    }

    const OdbcDriverFamily family = familyOf(profile.driver);
    const ServerAddress address = parseServer(profile.server);
    // The driver name is always braced: names like "ODBC Driver 18 for SQL Server" contain spaces.
    QString driver = profile.driver;
    driver.replace(QLatin1Char('}'), QStringLiteral("}}"));
    out += QStringLiteral("Driver={") + driver + QStringLiteral("};");

    if (family == OdbcDriverFamily::FreeTds) {
        // FreeTDS: "Server" is a host (or host\instance); the port is its own keyword, and an
        // instance and a port are alternatives (userguide/OdbcConnAttr.html, freetds.conf(5)).
        QString host = address.host;
        if (!address.instance.isEmpty() && address.port == 0)
            host += QLatin1Char('\\') + address.instance;
        append(out, QStringLiteral("Server"), host);
        if (address.port > 0)
            out += QStringLiteral("Port=%1;").arg(address.port);
    } else {
        // Microsoft: Server=host, host\instance or host,port (the port wins over the instance).
        QString server = address.host;
        if (!address.instance.isEmpty())
            server += QLatin1Char('\\') + address.instance;
        if (address.port > 0)
            server += QLatin1Char(',') + QString::number(address.port);
        append(out, QStringLiteral("Server"), server);
    }
    if (!profile.database.isEmpty())
        append(out, QStringLiteral("Database"), profile.database);
    if (integrated) {
        out += QStringLiteral("Trusted_Connection=yes;");
    } else {
        append(out, QStringLiteral("UID"), profile.userName);
        append(out, QStringLiteral("PWD"), password);
    }

    switch (family) {
    case OdbcDriverFamily::Microsoft18:
    case OdbcDriverFamily::Microsoft17:
        out += QStringLiteral("Encrypt=") + microsoftEncrypt(profile.encrypt, family) + QLatin1Char(';');
        out += QStringLiteral("TrustServerCertificate=")
            + (profile.trustServerCertificate ? QStringLiteral("yes") : QStringLiteral("no")) + QLatin1Char(';');
        break;
    case OdbcDriverFamily::FreeTds:
        // 7.4 is the protocol of SQL Server 2012 and later; FreeTDS's compiled-in default may be older,
        // and its "auto" can retry without end against a server that does not answer (issue #11).
        out += QStringLiteral("TDS_Version=%1;").arg(QLatin1String(DefaultTdsVersion));
        out += QStringLiteral("Encryption=") + freeTdsEncryption(profile.encrypt) + QLatin1Char(';');
        // FreeTDS reads Unicode columns into this client charset; UTF-8 keeps every identifier.
        out += QStringLiteral("ClientCharset=UTF-8;");
        break;
    case OdbcDriverFamily::Other:
        break;
    }
    // APP names us in sys.dm_exec_sessions.program_name, so a DBA can see who is connected.
    append(out, QStringLiteral("APP"), kApplicationName);
    return out;
}

bool OdbcConnectionString::parse(const QString &connectionString, Pairs *pairs, QString *error)
{
    Pairs result;
    const QString &s = connectionString;
    qsizetype i = 0;
    const qsizetype n = s.size();
    while (i < n) {
        while (i < n && (s.at(i) == QLatin1Char(';') || s.at(i).isSpace()))
            ++i;
        if (i >= n)
            break;
        const qsizetype eq = s.indexOf(QLatin1Char('='), i);
        if (eq < 0) {
            if (error)
                *error = QStringLiteral("\"%1\" has no '='").arg(s.mid(i));
            return false;
        }
        const QString key = s.mid(i, eq - i).trimmed();
        i = eq + 1;
        QString value;
        if (i < n && s.at(i) == QLatin1Char('{')) {
            ++i;
            bool closed = false;
            while (i < n) {
                if (s.at(i) == QLatin1Char('}')) {
                    if (i + 1 < n && s.at(i + 1) == QLatin1Char('}')) {
                        value += QLatin1Char('}');
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                value += s.at(i);
                ++i;
            }
            if (!closed) {
                if (error)
                    *error = QStringLiteral("the value of %1 has no closing '}'").arg(key);
                return false;
            }
            while (i < n && s.at(i) != QLatin1Char(';'))
                ++i;
        } else {
            const qsizetype semi = s.indexOf(QLatin1Char(';'), i);
            const qsizetype end = semi < 0 ? n : semi;
            value = s.mid(i, end - i).trimmed();
            i = end;
        }
        result.append({key, value});
    }
    if (pairs)
        *pairs = result;
    return true;
}

QString OdbcConnectionString::value(const QString &connectionString, const QString &keyword)
{
    Pairs pairs;
    if (!parse(connectionString, &pairs))
        return {};
    for (const auto &[key, value] : pairs) {
        if (key.compare(keyword, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString OdbcConnectionString::masked(const QString &connectionString)
{
    Pairs pairs;
    if (!parse(connectionString, &pairs))
        return QStringLiteral("(unreadable connection string)");
    QString out;
    for (const auto &[key, value] : pairs) {
        const bool secret = key.compare(QLatin1String("PWD"), Qt::CaseInsensitive) == 0
            || key.compare(QLatin1String("Password"), Qt::CaseInsensitive) == 0;
        if (key.compare(QLatin1String("Driver"), Qt::CaseInsensitive) == 0)
            out += key + QStringLiteral("={") + QString(value).replace(QLatin1Char('}'), QStringLiteral("}}"))
                + QStringLiteral("};");
        else
            append(out, key, secret ? QStringLiteral("********") : value);
    }
    return out;
}

QString OdbcConnectionString::forQodbc(const QString &connectionString, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return QString();
    };
    // Qt 6.4's QODBC reads any string containing ".dsn" as a file DSN (it prefixes FILEDSN=),
    // whatever else the string says; such a string cannot be passed through it.
    if (connectionString.contains(QLatin1String(".dsn"), Qt::CaseInsensitive))
        return fail(QStringLiteral("Qt's ODBC plugin treats any connection string containing \".dsn\" as a file "
                                   "DSN; remove \".dsn\" from the values (for example the password)."));
    if (connectionString.contains(QLatin1String("DRIVER="), Qt::CaseInsensitive)
        || connectionString.contains(QLatin1String("SERVER="), Qt::CaseInsensitive))
        return withFreeTdsDefaults(connectionString);
    Pairs pairs;
    QString parseError;
    if (!parse(connectionString, &pairs, &parseError))
        return fail(parseError);
    qsizetype dsnIndex = -1;
    for (qsizetype i = 0; i < pairs.size(); ++i) {
        if (pairs.at(i).first.compare(QLatin1String("DSN"), Qt::CaseInsensitive) == 0) {
            dsnIndex = i;
            break;
        }
    }
    if (dsnIndex < 0)
        return fail(QStringLiteral("the connection string names no DRIVER, SERVER or DSN"));
    // QODBC puts "DSN=" in front of such a string, so hand it everything after "DSN=",
    // with the data source first.
    QString out = quoteValue(pairs.at(dsnIndex).second) + QLatin1Char(';');
    for (qsizetype i = 0; i < pairs.size(); ++i) {
        if (i != dsnIndex)
            append(out, pairs.at(i).first, pairs.at(i).second);
    }
    return out;
}

QString OdbcConnectionString::withFreeTdsDefaults(const QString &connectionString, QString *note)
{
    Pairs pairs;
    if (!parse(connectionString, &pairs))
        return connectionString;
    bool freeTds = false;
    for (const auto &[key, value] : pairs) {
        if (key.compare(QLatin1String("TDS_Version"), Qt::CaseInsensitive) == 0)
            return connectionString;
        if (key.compare(QLatin1String("Driver"), Qt::CaseInsensitive) == 0)
            freeTds = familyOf(value) == OdbcDriverFamily::FreeTds;
    }
    if (!freeTds)
        return connectionString;
    if (note) {
        *note = QStringLiteral("FreeTDS: no TDS_Version given, using TDS_Version=%1 (SQL Server 2012 and later); "
                               "without it FreeTDS can retry without end on a server that does not answer.")
                    .arg(QLatin1String(DefaultTdsVersion));
    }
    QString out = connectionString.trimmed();
    if (!out.isEmpty() && !out.endsWith(QLatin1Char(';')))
        out += QLatin1Char(';');
    return out + QStringLiteral("TDS_Version=%1;").arg(QLatin1String(DefaultTdsVersion));
}

QString OdbcConnectionString::describe(const QString &connectionString)
{
    QString where = value(connectionString, QStringLiteral("Server"));
    const QString port = value(connectionString, QStringLiteral("Port"));
    if (!where.isEmpty() && !port.isEmpty())
        where += QLatin1Char(',') + port;
    if (where.isEmpty())
        where = value(connectionString, QStringLiteral("DSN"));
    if (where.isEmpty())
        where = QStringLiteral("ODBC");
    const QString database = value(connectionString, QStringLiteral("Database"));
    return database.isEmpty() ? where : where + QStringLiteral(" / ") + database;
}

} // namespace bs
