#include "core/design/designvalidator.h"

#include "core/check/healthrules.h"
#include "core/design/designddlwriter.h"
#include "core/sqlquote.h"

namespace bs {

namespace {

DesignRule rule(const char16_t *id, const QString &title, HealthSeverity severity,
                std::function<QList<DesignIssue>(const BrokerDesign &)> check)
{
    return {QString::fromUtf16(id), title, severity, std::move(check)};
}

QList<DesignIssue> servicesOnMissingQueues(const BrokerDesign &d)
{
    QList<DesignIssue> out;
    for (const DesignService &s : d.services) {
        if (s.queueName.isEmpty() || !d.queue(s.queueSchema, s.queueName))
            out.append({u"service-queue-missing"_qs, HealthSeverity::Error, {ObjectKind::Service, s.name, {}},
                        QStringLiteral("Service %1 is on no queue of the design (CREATE SERVICE needs ON QUEUE)").arg(quoteIdentifier(s.name))});
    }
    return out;
}

QList<DesignIssue> missingReferences(const BrokerDesign &d)
{
    QList<DesignIssue> out;
    for (const DesignService &s : d.services) {
        for (const QString &c : s.contracts) {
            if (!isBuiltInBrokerName(c) && !d.contract(c))
                out.append({u"reference-missing"_qs, HealthSeverity::Error, {ObjectKind::Service, s.name, {}},
                            QStringLiteral("Service %1 accepts contract %2, which is not in the design").arg(quoteIdentifier(s.name), quoteIdentifier(c))});
        }
    }
    for (const DesignContract &c : d.contracts) {
        for (const DesignUsage &u : c.usages) {
            if (!isBuiltInBrokerName(u.messageType) && !d.messageType(u.messageType))
                out.append({u"reference-missing"_qs, HealthSeverity::Error, {ObjectKind::Contract, c.name, {}},
                            QStringLiteral("Contract %1 uses message type %2, which is not in the design")
                                .arg(quoteIdentifier(c.name), quoteIdentifier(u.messageType))});
        }
    }
    return out;
}

/// Every object the DDL writer cannot write, with its reason (a contract without message types,
/// activation without a procedure, VALID_XML without a collection, a binding without its user, …).
QList<DesignIssue> unwritable(const BrokerDesign &d)
{
    QList<DesignIssue> out;
    for (const DesignRef &ref : d.objects()) {
        const QString why = DesignDdlWriter::unwritableReason(d, ref);
        if (!why.isEmpty())
            out.append({u"incomplete-object"_qs, HealthSeverity::Error, ref, ref.display() + QStringLiteral(": ") + why});
    }
    return out;
}

QList<DesignIssue> readersWithoutActivation(const BrokerDesign &d)
{
    QList<DesignIssue> out;
    for (const DesignQueue &q : d.queues) {
        if (q.activation && q.activation->status && q.activation->maxQueueReaders == 0)
            out.append({u"activation-no-readers"_qs, HealthSeverity::Warning, {ObjectKind::Queue, q.name, q.schema},
                        QStringLiteral("Activation of %1 is on with MAX_QUEUE_READERS = 0: nothing is ever started").arg(q.qualifiedName())});
    }
    return out;
}

} // namespace

const QList<DesignRule> &DesignValidator::rules()
{
    static const QList<DesignRule> list = {
        rule(u"service-queue-missing", QStringLiteral("Service on no queue"), HealthSeverity::Error, servicesOnMissingQueues),
        rule(u"reference-missing", QStringLiteral("Reference to an object not in the design"), HealthSeverity::Error, missingReferences),
        rule(u"incomplete-object", QStringLiteral("Object missing a required clause"), HealthSeverity::Error, unwritable),
        rule(u"activation-no-readers", QStringLiteral("Activation with no readers"), HealthSeverity::Warning, readersWithoutActivation),
    };
    return list;
}

QStringList DesignValidator::healthRuleIds()
{
    QStringList ids;
    for (const HealthRule &r : HealthRules::all()) {
        if (r.reads == HealthReads(HealthRead::Catalog))
            ids.append(r.id);
    }
    return ids;
}

QList<DesignIssue> DesignValidator::validate(const BrokerDesign &design)
{
    QList<DesignIssue> out;
    for (const DesignRule &r : rules())
        out += r.check(design);
    // The health rules that read only the catalog see the design as a catalog.
    HealthInput input;
    QHash<ObjectRef, DesignRef> ids;
    input.catalog = design.toCatalog(&ids);
    input.now = QDateTime::currentDateTimeUtc();
    const HealthSettings settings;
    for (const HealthRule &r : HealthRules::all()) {
        if (r.reads != HealthReads(HealthRead::Catalog))
            continue;
        for (const HealthFinding &f : r.check(input, settings)) {
            DesignRef ref;
            for (const ObjectRef &o : f.objects) {
                if (ids.contains(o)) {
                    ref = ids.value(o);
                    break;
                }
            }
            if (ref.isValid())
                out.append({f.ruleId.isEmpty() ? r.id : f.ruleId, f.severity, ref, f.title});
        }
    }
    return out;
}

} // namespace bs
