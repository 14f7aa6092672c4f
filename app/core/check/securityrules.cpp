// Routing and dialog-security rules: routes, remote service bindings, certificates and the
// database master key (the ENCRYPTION part of ssbdiagnose's CONFIGURATION report).
#include "core/check/healthrules.h"
#include "core/check/moduleanalysis.h"
#include "core/sqlquote.h"

#include <QSet>

namespace bs {

namespace {

const QString CreateRouteDoc = QStringLiteral("learn.microsoft.com/sql/t-sql/statements/create-route-transact-sql");
const QString BindingDoc = QStringLiteral("learn.microsoft.com/sql/t-sql/statements/create-remote-service-binding-transact-sql");
const QString CertificatesDoc = QStringLiteral("learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-certificates-transact-sql");
const QString SsbDiagnoseDoc = QStringLiteral("learn.microsoft.com/sql/tools/ssbdiagnose/ssbdiagnose-utility-service-broker");

ThresholdSpec routeExpirySpec()
{
    return {QStringLiteral("checkRouteExpiryDays"), QStringLiteral("Route expiry warning"), QStringLiteral("days"), 0,
            3650, 30, 0, QStringLiteral("Days before a route's LIFETIME ends that the check warns about it.")};
}

ThresholdSpec certificateExpirySpec()
{
    return {QStringLiteral("checkCertificateExpiryDays"), QStringLiteral("Certificate expiry warning"),
            QStringLiteral("days"), 0, 3650, 30, 0,
            QStringLiteral("Days before a dialog-security certificate's expiry_date that the check warns about it.")};
}

bool isLocalAddress(const QString &address)
{
    return address.compare(QStringLiteral("LOCAL"), Qt::CaseInsensitive) == 0;
}

bool isTcpAddress(const QString &address)
{
    return address.startsWith(QStringLiteral("TCP://"), Qt::CaseInsensitive);
}

// The services this database talks to that are not its own: far services of its endpoints and
// literal TO SERVICE names in its modules.
QSet<QString> remoteServices(const HealthInput &in)
{
    QSet<QString> out;
    if (in.sample) {
        for (const EndpointGroup &g : in.sample->endpoints)
            out.insert(g.farService);
    }
    for (const ModuleAnalysis &a : *moduleAnalyses(in)) {
        for (const ModuleAnalysis::Dialog &d : a.dialogs) {
            if (!d.toService.isEmpty())
                out.insert(d.toService);
        }
    }
    for (const Service &s : in.catalog.services)
        out.remove(s.name);
    out.remove(QString());
    return out;
}

QList<HealthFinding> routeMissing(const HealthInput &in, const HealthSettings &)
{
    // A route without SERVICE_NAME and ADDRESS = 'LOCAL' (AutoCreatedLocal) sends every unknown
    // name to this instance; with none, a name no route matches cannot be delivered.
    bool wildcardLocal = false;
    QSet<QString> routed;
    for (const Route &r : in.catalog.routes) {
        if (r.remoteServiceName.isEmpty() && isLocalAddress(r.address))
            wildcardLocal = true;
        routed.insert(r.remoteServiceName);
    }
    if (wildcardLocal || in.catalog.routes.isEmpty())
        return {}; // an empty list may be metadata visibility: nothing to conclude
    QList<HealthFinding> out;
    QStringList names = remoteServices(in).values();
    names.sort();
    for (const QString &name : names) {
        if (routed.contains(name))
            continue;
        HealthFinding f;
        f.severity = HealthSeverity::Error;
        f.subject = name;
        f.title = QStringLiteral("No route to %1").arg(name);
        f.objects = {{ObjectKind::Database, 0}};
        f.seen = QStringLiteral("Conversations go to %1, which is not a service of this database, and no route names it "
                                "(and there is no AutoCreatedLocal-style route for every name).").arg(name);
        f.why = QStringLiteral("Service Broker finds the destination of a service name through sys.routes; with no "
                               "matching route the messages wait in sys.transmission_queue until the dialog's lifetime "
                               "ends (%1).").arg(CreateRouteDoc);
        f.fixSql = QStringLiteral("-- Replace the address with the target instance's Service Broker endpoint:\n"
                                  "CREATE ROUTE %1 WITH SERVICE_NAME = %2, ADDRESS = N'TCP://target-host:4022';\n")
                       .arg(quoteIdentifier(QStringLiteral("RouteTo_") + name.left(100)), quoteLiteral(name));
        out.append(f);
    }
    return out;
}

QList<HealthFinding> routeExpiry(const HealthInput &in, const HealthSettings &settings)
{
    const qint64 warnDays = qint64(settings.value(routeExpirySpec()));
    QList<HealthFinding> out;
    for (const Route &r : in.catalog.routes) {
        if (!r.lifetime || !in.now.isValid())
            continue;
        const qint64 secondsLeft = in.now.secsTo(*r.lifetime);
        if (secondsLeft > warnDays * 86400)
            continue;
        const bool expired = secondsLeft <= 0;
        HealthFinding f;
        f.severity = expired ? HealthSeverity::Error : HealthSeverity::Warning;
        f.subject = r.name;
        f.objects = {{ObjectKind::Route, r.id}};
        f.title = expired ? QStringLiteral("Route %1 has expired").arg(r.name)
                          : QStringLiteral("Route %1 expires in %2 days").arg(r.name).arg(secondsLeft / 86400);
        f.seen = QStringLiteral("sys.routes.lifetime = %1 (UTC) for %2.")
                     .arg(r.lifetime->toString(Qt::ISODate), r.remoteServiceName.isEmpty() ? QStringLiteral("every service") : r.remoteServiceName);
        f.why = QStringLiteral("A route is used only until its LIFETIME ends; after that the broker ignores it and "
                               "messages for its service wait in sys.transmission_queue (%1).").arg(CreateRouteDoc);
        f.fixSql = QStringLiteral("-- ALTER ROUTE cannot clear LIFETIME: set a new one, or create the route again without it.\n"
                                  "ALTER ROUTE %1 WITH LIFETIME = 31536000;\n").arg(quoteIdentifier(r.name));
        out.append(f);
    }
    return out;
}

QList<HealthFinding> routeTransport(const HealthInput &in, const HealthSettings &)
{
    QList<HealthFinding> out;
    for (const Route &r : in.catalog.routes) {
        if (r.address.compare(QStringLiteral("TRANSPORT"), Qt::CaseInsensitive) != 0)
            continue;
        HealthFinding f;
        f.severity = HealthSeverity::Advice;
        f.subject = r.name;
        f.objects = {{ObjectKind::Route, r.id}};
        f.title = QStringLiteral("Route %1 uses ADDRESS = 'TRANSPORT'").arg(r.name);
        f.seen = QStringLiteral("sys.routes.address = TRANSPORT.");
        f.why = QStringLiteral("A TRANSPORT route takes the network address from the service name itself, so it works "
                               "only for services named like an address (tcp://host:port/…); for any other name the "
                               "messages cannot be routed and wait in sys.transmission_queue (%1).").arg(CreateRouteDoc);
        out.append(f);
    }
    return out;
}

QList<HealthFinding> bindingWithoutCertificate(const HealthInput &in, const HealthSettings &)
{
    if (!in.facts.certificatesRead)
        return {};
    QList<HealthFinding> out;
    for (const RemoteServiceBinding &b : in.catalog.remoteServiceBindings) {
        if (!b.remotePrincipalId)
            continue;
        bool has = false;
        for (const CertificateInfo &c : in.facts.certificates)
            has = has || c.principalId == b.remotePrincipalId;
        if (has)
            continue;
        HealthFinding f;
        f.severity = HealthSeverity::Error;
        f.subject = b.name;
        f.objects = {{ObjectKind::RemoteServiceBinding, b.id}};
        f.title = QStringLiteral("Remote service binding %1 has no certificate").arg(b.name);
        f.seen = QStringLiteral("No row of sys.certificates belongs to the binding's user (principal_id %1).").arg(*b.remotePrincipalId);
        f.why = QStringLiteral("Dialog security encrypts for the remote service with the public key of a certificate "
                               "owned by the binding's user; without one, dialogs to %1 with ENCRYPTION = ON fail (%2).")
                    .arg(b.remoteServiceName, BindingDoc);
        f.fixSql = QStringLiteral("-- Import the target database's certificate (public key only) for the binding's user:\n"
                                  "SELECT name FROM sys.database_principals WHERE principal_id = %1;\n")
                       .arg(*b.remotePrincipalId);
        out.append(f);
    }
    return out;
}

QList<HealthFinding> certificateExpiry(const HealthInput &in, const HealthSettings &settings)
{
    if (!in.facts.certificatesRead || !in.now.isValid())
        return {};
    const qint64 warnDays = qint64(settings.value(certificateExpirySpec()));
    QSet<int> bindingUsers;
    for (const RemoteServiceBinding &b : in.catalog.remoteServiceBindings) {
        if (b.remotePrincipalId)
            bindingUsers.insert(*b.remotePrincipalId);
    }
    QList<HealthFinding> out;
    for (const CertificateInfo &c : in.facts.certificates) {
        const bool forBinding = c.principalId && bindingUsers.contains(*c.principalId);
        if (!forBinding && !c.isActiveForBeginDialog)
            continue; // not a Service Broker certificate
        const qint64 secondsLeft = in.now.secsTo(c.expiryDate);
        if (!c.expiryDate.isValid() || secondsLeft > warnDays * 86400)
            continue;
        const bool expired = secondsLeft <= 0;
        HealthFinding f;
        f.severity = expired ? HealthSeverity::Error : HealthSeverity::Warning;
        f.subject = c.name;
        f.objects = {{ObjectKind::Database, 0}};
        for (const RemoteServiceBinding &b : in.catalog.remoteServiceBindings) {
            if (b.remotePrincipalId == c.principalId)
                f.objects.append({ObjectKind::RemoteServiceBinding, b.id});
        }
        f.title = expired ? QStringLiteral("Certificate %1 has expired").arg(c.name)
                          : QStringLiteral("Certificate %1 expires in %2 days").arg(c.name).arg(secondsLeft / 86400);
        f.seen = QStringLiteral("sys.certificates.expiry_date = %1 (UTC); %2.")
                     .arg(c.expiryDate.toString(Qt::ISODate),
                          forBinding ? QStringLiteral("it belongs to the user of a remote service binding")
                                     : QStringLiteral("it is ACTIVE FOR BEGIN_DIALOG"));
        f.why = QStringLiteral("Dialog security authenticates each side with these certificates (%1). Replace a "
                               "certificate before expiry_date on both sides: create the new one, send its public key to "
                               "the other side, then drop the old one. Whether an expired certificate stops running "
                               "dialogs at once is not documented [U]; new dialogs are the risk.").arg(CertificatesDoc);
        f.fixSql = QStringLiteral("-- Certificates of this database and when they expire:\n"
                                  "SELECT name, principal_id, start_date, expiry_date, is_active_for_begin_dialog\n"
                                  "FROM sys.certificates ORDER BY expiry_date;\n");
        out.append(f);
    }
    return out;
}

QList<HealthFinding> masterKeyMissing(const HealthInput &in, const HealthSettings &)
{
    if (in.facts.hasMasterKey != std::optional<bool>(false))
        return {};
    bool remote = !in.catalog.remoteServiceBindings.isEmpty();
    for (const Route &r : in.catalog.routes)
        remote = remote || isTcpAddress(r.address);
    if (!remote)
        return {};
    HealthFinding f;
    f.severity = HealthSeverity::Error;
    f.subject = quoteIdentifier(in.catalog.database.databaseName);
    f.objects = {{ObjectKind::Database, 0}};
    f.title = QStringLiteral("No database master key, but dialogs leave the instance");
    f.seen = QStringLiteral("sys.symmetric_keys has no ##MS_DatabaseMasterKey## while routes or remote service bindings "
                            "lead to other instances.");
    f.why = QStringLiteral("Dialog security (ENCRYPTION = ON, the default of BEGIN DIALOG) to another instance needs "
                           "the database master key to protect its session keys; ssbdiagnose reports it as error 1102 "
                           "\"The master key was not found\" (%1). Within one instance, or with ENCRYPTION = OFF, no "
                           "master key is needed.").arg(SsbDiagnoseDoc);
    f.fixSql = QStringLiteral("-- Choose a strong password and keep it with the database's backups:\n"
                              "CREATE MASTER KEY ENCRYPTION BY PASSWORD = N'<strong password>';\n");
    return {f};
}

HealthRule rule(const char16_t *id, const QString &title, HealthSeverity severity, HealthReads reads, const QString &reference,
                HealthRule::Check check)
{
    return HealthRule::make(id, title, HealthRuleCategory::Configuration, severity, reads, reference, std::move(check));
}

} // namespace

QList<HealthRule> securityRules()
{
    HealthRule expiry = rule(u"route-expiry", QStringLiteral("Route expired or expiring"), HealthSeverity::Error,
                             HealthRead::Catalog, CreateRouteDoc, routeExpiry);
    expiry.thresholds = {routeExpirySpec()};
    HealthRule certificates = rule(u"certificate-expiry", QStringLiteral("Dialog-security certificate expired or expiring"),
                                   HealthSeverity::Error, HealthRead::Catalog | HealthRead::Certificates, CertificatesDoc,
                                   certificateExpiry);
    certificates.thresholds = {certificateExpirySpec()};
    return {
        rule(u"route-missing", QStringLiteral("No route to a remote service"), HealthSeverity::Error,
             HealthRead::Catalog | HealthRead::Modules | HealthRead::Sample, CreateRouteDoc, routeMissing),
        expiry,
        rule(u"route-transport", QStringLiteral("Route with ADDRESS = 'TRANSPORT'"), HealthSeverity::Advice,
             HealthRead::Catalog, CreateRouteDoc, routeTransport),
        rule(u"binding-without-certificate", QStringLiteral("Remote service binding without a certificate"),
             HealthSeverity::Error, HealthRead::Catalog | HealthRead::Certificates, BindingDoc, bindingWithoutCertificate),
        certificates,
        rule(u"master-key-missing", QStringLiteral("Database master key missing where dialog security needs one"),
             HealthSeverity::Error, HealthRead::Catalog | HealthRead::DatabaseProperties, SsbDiagnoseDoc, masterKeyMissing),
    };
}

} // namespace bs
