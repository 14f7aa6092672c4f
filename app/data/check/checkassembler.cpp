#include "data/check/checkassembler.h"

#include <QDateTime>

namespace bs {

namespace {

const QString qFacts = QStringLiteral("check.database_facts");
const QString qModules = QStringLiteral("check.modules");
const QString qSharedGuid = QStringLiteral("check.shared_broker_guid");
const QString qActivation = QStringLiteral("check.queue_activation");
const QString qCertificates = QStringLiteral("check.certificates");

bool isNull(const QVariant &v)
{
    return !v.isValid() || v.isNull();
}

std::optional<bool> optBool(const QVariant &v)
{
    if (isNull(v))
        return std::nullopt;
    if (v.metaType().id() == QMetaType::QString) {
        const QString s = v.toString().trimmed();
        return s == QLatin1String("1") || s.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
    }
    return v.toInt() != 0 || v.toBool();
}

// SQL Server datetime has no zone; these columns hold UTC.
QDateTime utc(const QVariant &v)
{
    if (isNull(v))
        return {};
    QDateTime t = v.metaType().id() == QMetaType::QDateTime ? v.toDateTime() : QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    if (!t.isValid())
        return {};
    t.setTimeSpec(Qt::UTC);
    return t;
}

// Records a failed query as a part the check could not see.
bool failed(const CatalogAssembler::Results &results, const QString &query, const QString &view, CheckFacts *facts)
{
    const auto it = results.constFind(query);
    if (it == results.constEnd()) {
        facts->unavailable.append({query, QStringLiteral("The query was not run."), QString()});
        return true;
    }
    if (!it->failed)
        return false;
    const bool permission = CatalogAssembler::isPermissionError(*it);
    facts->unavailable.append({query, it->errorText.isEmpty() ? QStringLiteral("%1 could not be read.").arg(view) : it->errorText,
                               permission ? QStringLiteral("VIEW DEFINITION") : QString()});
    return true;
}

} // namespace

QStringList CheckAssembler::queryNames()
{
    return {qFacts, qModules, qSharedGuid, qActivation, qCertificates};
}

CheckFacts CheckAssembler::assemble(const CatalogAssembler::Results &results)
{
    CheckFacts facts;
    if (!failed(results, qFacts, QStringLiteral("HAS_PERMS_BY_NAME"), &facts) && !results.value(qFacts).rows.isEmpty()) {
        const QueryResult &r = results.value(qFacts);
        facts.canViewDefinition = optBool(r.value(0, QStringLiteral("can_view_definition")));
        facts.hasMasterKey = optBool(r.value(0, QStringLiteral("has_master_key")));
    }
    const bool blind = facts.canViewDefinition == std::optional<bool>(false);
    if (!failed(results, qModules, QStringLiteral("sys.sql_modules"), &facts)) {
        const QueryResult &r = results.value(qModules);
        facts.modulesRead = true;
        for (qsizetype i = 0; i < r.rows.size(); ++i) {
            SqlModule m;
            m.objectId = r.value(i, QStringLiteral("object_id")).toInt();
            m.schema = r.value(i, QStringLiteral("schema_name")).toString();
            m.name = r.value(i, QStringLiteral("name")).toString();
            m.type = r.value(i, QStringLiteral("type")).toString().trimmed();
            const QVariant definition = r.value(i, QStringLiteral("definition"));
            m.isVisible = !isNull(definition);
            m.definition = m.isVisible ? definition.toString() : QString();
            m.isEncrypted = optBool(r.value(i, QStringLiteral("is_encrypted"))).value_or(false);
            facts.modules.append(m);
        }
        if (blind)
            facts.unavailable.append({qModules,
                                      QStringLiteral("Without VIEW DEFINITION on the database, procedures, triggers and "
                                                     "functions the login has no permission on are not listed, and the "
                                                     "definitions of the others may be NULL."),
                                      QStringLiteral("VIEW DEFINITION")});
    }
    if (!failed(results, qSharedGuid, QStringLiteral("sys.databases"), &facts)) {
        facts.sharedGuidRead = true;
        const QueryResult &r = results.value(qSharedGuid);
        for (qsizetype i = 0; i < r.rows.size(); ++i)
            facts.databasesSharingBrokerGuid.append(r.value(i, QStringLiteral("name")).toString());
    }
    if (!failed(results, qActivation, QStringLiteral("sys.service_queues"), &facts)) {
        const QueryResult &r = results.value(qActivation);
        for (qsizetype i = 0; i < r.rows.size(); ++i) {
            QueueActivationFacts a;
            a.queueId = r.value(i, QStringLiteral("object_id")).toInt();
            a.procedureExists = optBool(r.value(i, QStringLiteral("procedure_exists")));
            a.executeAsPrincipalExists = optBool(r.value(i, QStringLiteral("execute_as_exists")));
            // Metadata visibility hides what the login may not see: "not found" then proves nothing.
            if (blind && a.procedureExists == std::optional<bool>(false))
                a.procedureExists.reset();
            if (blind && a.executeAsPrincipalExists == std::optional<bool>(false))
                a.executeAsPrincipalExists.reset();
            facts.activation.insert(a.queueId, a);
        }
    }
    if (!failed(results, qCertificates, QStringLiteral("sys.certificates"), &facts)) {
        facts.certificatesRead = true;
        const QueryResult &r = results.value(qCertificates);
        for (qsizetype i = 0; i < r.rows.size(); ++i) {
            CertificateInfo c;
            c.id = r.value(i, QStringLiteral("certificate_id")).toInt();
            c.name = r.value(i, QStringLiteral("name")).toString();
            const QVariant principal = r.value(i, QStringLiteral("principal_id"));
            if (!isNull(principal))
                c.principalId = principal.toInt();
            c.principalName = r.value(i, QStringLiteral("principal_name")).toString();
            c.startDate = utc(r.value(i, QStringLiteral("start_date")));
            c.expiryDate = utc(r.value(i, QStringLiteral("expiry_date")));
            c.isActiveForBeginDialog = optBool(r.value(i, QStringLiteral("is_active_for_begin_dialog"))).value_or(false);
            facts.certificates.append(c);
        }
        if (blind)
            facts.unavailable.append({qCertificates,
                                      QStringLiteral("Without VIEW DEFINITION only certificates the login owns or has a "
                                                     "permission on are listed."),
                                      QStringLiteral("VIEW DEFINITION")});
    }
    return facts;
}

} // namespace bs
