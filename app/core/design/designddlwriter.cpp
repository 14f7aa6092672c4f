#include "core/design/designddlwriter.h"

#include "core/sqlquote.h"

#include <QStringList>

// Syntax followed, statement by statement:
//   CREATE MESSAGE TYPE          https://learn.microsoft.com/sql/t-sql/statements/create-message-type-transact-sql
//   CREATE CONTRACT              https://learn.microsoft.com/sql/t-sql/statements/create-contract-transact-sql
//   CREATE QUEUE                 https://learn.microsoft.com/sql/t-sql/statements/create-queue-transact-sql
//   CREATE SERVICE               https://learn.microsoft.com/sql/t-sql/statements/create-service-transact-sql
//   CREATE ROUTE                 https://learn.microsoft.com/sql/t-sql/statements/create-route-transact-sql
//   CREATE REMOTE SERVICE BINDING https://learn.microsoft.com/sql/t-sql/statements/create-remote-service-binding-transact-sql
// Existence tests read sys.service_message_types, sys.service_contracts, sys.services, sys.routes and
// sys.remote_service_bindings by name (their `name` columns, SERVICE_BROKER.md §1) and OBJECT_ID(…, 'SQ')
// for queues (https://learn.microsoft.com/sql/t-sql/functions/object-id-transact-sql).

namespace bs {

namespace {

QString authorization(const QString &owner)
{
    return owner.isEmpty() ? QString() : QStringLiteral(" AUTHORIZATION ") + quoteIdentifier(owner);
}

QString onOff(bool on)
{
    return on ? QStringLiteral("ON") : QStringLiteral("OFF");
}

QString catalogExists(const QString &view, const QString &name)
{
    return QStringLiteral("NOT EXISTS (SELECT 1 FROM ") + view + QStringLiteral(" WHERE name = ") + quoteLiteral(name)
           + QLatin1Char(')');
}

} // namespace

QString DesignDdlWriter::notExistsCondition(const DesignRef &ref)
{
    switch (ref.kind) {
    case ObjectKind::MessageType: return catalogExists(QStringLiteral("sys.service_message_types"), ref.name);
    case ObjectKind::Contract: return catalogExists(QStringLiteral("sys.service_contracts"), ref.name);
    case ObjectKind::Queue:
        return QStringLiteral("OBJECT_ID(")
               + quoteLiteral(quoteIdentifier(ref.schema) + QLatin1Char('.') + quoteIdentifier(ref.name))
               + QStringLiteral(", N'SQ') IS NULL");
    case ObjectKind::Service: return catalogExists(QStringLiteral("sys.services"), ref.name);
    case ObjectKind::Route: return catalogExists(QStringLiteral("sys.routes"), ref.name);
    case ObjectKind::RemoteServiceBinding: return catalogExists(QStringLiteral("sys.remote_service_bindings"), ref.name);
    default: return {};
    }
}

QString DesignDdlWriter::createMessageType(const DesignMessageType &m)
{
    QString s = QStringLiteral("CREATE MESSAGE TYPE ") + quoteIdentifier(m.name) + authorization(m.owner)
                + QStringLiteral(" VALIDATION = ") + messageValidationKeyword(m.validation);
    if (m.validation == MessageValidation::ValidXml)
        s += QStringLiteral(" WITH SCHEMA COLLECTION ") + quoteMultipartName(m.schemaCollection);
    return s + QLatin1Char(';');
}

QString DesignDdlWriter::createContract(const DesignContract &c, const QString &indent)
{
    QStringList usages;
    for (const DesignUsage &u : c.usages)
        usages.append(quoteIdentifier(u.messageType) + QStringLiteral(" SENT BY ") + sentByKeyword(u.sentBy));
    return QStringLiteral("CREATE CONTRACT ") + quoteIdentifier(c.name) + authorization(c.owner) + QLatin1Char('\n') + indent
           + QStringLiteral("    (") + usages.join(QStringLiteral(",\n") + indent + QStringLiteral("     ")) + QStringLiteral(");");
}

QString DesignDdlWriter::activationClause(const DesignActivation &a)
{
    QString executeAs;
    switch (a.executeAs) {
    case ExecuteAs::Self: executeAs = QStringLiteral("SELF"); break;
    case ExecuteAs::Owner: executeAs = QStringLiteral("OWNER"); break;
    case ExecuteAs::User: executeAs = quoteLiteral(a.executeAsUser); break;
    }
    return QStringLiteral("ACTIVATION (STATUS = ") + onOff(a.status) + QStringLiteral(", PROCEDURE_NAME = ")
           + quoteMultipartName(a.procedure) + QStringLiteral(", MAX_QUEUE_READERS = ") + QString::number(a.maxQueueReaders)
           + QStringLiteral(", EXECUTE AS ") + executeAs + QLatin1Char(')');
}

QString DesignDdlWriter::createQueue(const DesignQueue &q, const QString &indent)
{
    QStringList options{QStringLiteral("STATUS = ") + onOff(q.status), QStringLiteral("RETENTION = ") + onOff(q.retention)};
    if (q.activation)
        options.append(activationClause(*q.activation));
    options.append(QStringLiteral("POISON_MESSAGE_HANDLING (STATUS = ") + onOff(q.poisonMessageHandling) + QLatin1Char(')'));
    return QStringLiteral("CREATE QUEUE ") + q.qualifiedName() + QLatin1Char('\n') + indent + QStringLiteral("    WITH ")
           + options.join(QStringLiteral(",\n") + indent + QStringLiteral("         ")) + QLatin1Char(';');
}

QString DesignDdlWriter::createService(const DesignService &s)
{
    QString out = QStringLiteral("CREATE SERVICE ") + quoteIdentifier(s.name) + authorization(s.owner)
                  + QStringLiteral(" ON QUEUE ") + quoteIdentifier(s.queueSchema) + QLatin1Char('.')
                  + quoteIdentifier(s.queueName);
    if (!s.contracts.isEmpty()) {
        QStringList contracts;
        for (const QString &c : s.contracts)
            contracts.append(quoteIdentifier(c));
        out += QStringLiteral(" (") + contracts.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    return out + QLatin1Char(';');
}

QString DesignDdlWriter::createRoute(const DesignRoute &r, const QString &indent)
{
    QStringList options;
    if (!r.serviceName.isEmpty())
        options.append(QStringLiteral("SERVICE_NAME = ") + quoteLiteral(r.serviceName));
    if (!r.brokerInstance.isEmpty())
        options.append(QStringLiteral("BROKER_INSTANCE = ") + quoteLiteral(r.brokerInstance));
    if (r.lifetimeSeconds)
        options.append(QStringLiteral("LIFETIME = ") + QString::number(*r.lifetimeSeconds));
    options.append(QStringLiteral("ADDRESS = ") + quoteLiteral(r.address));
    if (!r.mirrorAddress.isEmpty())
        options.append(QStringLiteral("MIRROR_ADDRESS = ") + quoteLiteral(r.mirrorAddress));
    return QStringLiteral("CREATE ROUTE ") + quoteIdentifier(r.name) + authorization(r.owner) + QLatin1Char('\n') + indent
           + QStringLiteral("    WITH ") + options.join(QStringLiteral(",\n") + indent + QStringLiteral("         "))
           + QLatin1Char(';');
}

QString DesignDdlWriter::createBinding(const DesignBinding &b)
{
    return QStringLiteral("CREATE REMOTE SERVICE BINDING ") + quoteIdentifier(b.name) + authorization(b.owner)
           + QStringLiteral(" TO SERVICE ") + quoteLiteral(b.serviceName) + QStringLiteral(" WITH USER = ")
           + quoteIdentifier(b.user) + QStringLiteral(", ANONYMOUS = ") + onOff(b.anonymous) + QLatin1Char(';');
}

QString DesignDdlWriter::unwritableReason(const BrokerDesign &design, const DesignRef &ref)
{
    switch (ref.kind) {
    case ObjectKind::MessageType: {
        const DesignMessageType *m = design.messageType(ref.name);
        if (m && m->validation == MessageValidation::ValidXml && m->schemaCollection.isEmpty())
            return QStringLiteral("VALID_XML needs the name of its XML schema collection (the catalog gives only "
                                  "xml_collection_id)");
        return {};
    }
    case ObjectKind::Contract: {
        const DesignContract *c = design.contract(ref.name);
        if (c && c->usages.isEmpty())
            return QStringLiteral("a contract needs at least one message type");
        return {};
    }
    case ObjectKind::Queue: {
        const DesignQueue *q = design.queue(ref.schema, ref.name);
        if (q && q->activation && q->activation->procedure.isEmpty())
            return QStringLiteral("ACTIVATION needs PROCEDURE_NAME");
        return {};
    }
    case ObjectKind::Service: {
        const DesignService *s = design.service(ref.name);
        if (s && s->queueName.isEmpty())
            return QStringLiteral("a service needs a queue (ON QUEUE)");
        return {};
    }
    case ObjectKind::Route: {
        const DesignRoute *r = design.route(ref.name);
        if (r && r->address.isEmpty())
            return QStringLiteral("a route needs an ADDRESS");
        return {};
    }
    case ObjectKind::RemoteServiceBinding: {
        const DesignBinding *b = design.binding(ref.name);
        if (b && b->user.isEmpty())
            return QStringLiteral("WITH USER is required and not known (sys.remote_service_bindings has only "
                                  "remote_principal_id)");
        if (b && b->serviceName.isEmpty())
            return QStringLiteral("TO SERVICE is required");
        return {};
    }
    default:
        return {};
    }
}

QString DesignDdlWriter::write(const BrokerDesign &design, const Options &options)
{
    QString out;
    if (options.header) {
        out += QStringLiteral("-- Service Broker objects of ")
               + (design.databaseName.isEmpty() ? QStringLiteral("a design") : commentText(design.databaseName))
               + QStringLiteral(", written by Broker Studio.\n"
                                "-- Order: message types, contracts, queues, services, routes, remote service bindings.\n");
        if (options.ifNotExists)
            out += QStringLiteral("-- Re-runnable: each object is created only when it does not exist yet; existing objects are "
                                  "not changed (use a migration script for that).\n");
        out += QLatin1Char('\n');
    }
    static const QList<QPair<ObjectKind, QString>> sections = {
        {ObjectKind::MessageType, QStringLiteral("Message types")},
        {ObjectKind::Contract, QStringLiteral("Contracts")},
        {ObjectKind::Queue, QStringLiteral("Queues")},
        {ObjectKind::Service, QStringLiteral("Services")},
        {ObjectKind::Route, QStringLiteral("Routes")},
        {ObjectKind::RemoteServiceBinding, QStringLiteral("Remote service bindings")},
    };
    const QList<DesignRef> objects = design.objects();
    for (const auto &[kind, title] : sections) {
        bool first = true;
        for (int i = 0; i < objects.size(); ++i) {
            const DesignRef &ref = objects.at(i);
            if (ref.kind != kind)
                continue;
            if (first) {
                out += QStringLiteral("-- ") + title + QLatin1Char('\n');
                first = false;
            }
            const QString why = unwritableReason(design, ref);
            if (!why.isEmpty()) {
                out += QStringLiteral("-- NOT WRITTEN: ") + commentText(ref.display()) + QStringLiteral(": ") + why
                       + QStringLiteral(".\n");
                continue;
            }
            const QString indent = options.ifNotExists ? QStringLiteral("    ") : QString();
            QString statement;
            switch (kind) {
            case ObjectKind::MessageType: statement = createMessageType(*design.messageType(ref.name)); break;
            case ObjectKind::Contract: statement = createContract(*design.contract(ref.name), indent); break;
            case ObjectKind::Queue: statement = createQueue(*design.queue(ref.schema, ref.name), indent); break;
            case ObjectKind::Service: statement = createService(*design.service(ref.name)); break;
            case ObjectKind::Route: statement = createRoute(*design.route(ref.name), indent); break;
            case ObjectKind::RemoteServiceBinding: statement = createBinding(*design.binding(ref.name)); break;
            default: break;
            }
            if (kind == ObjectKind::Route) {
                const DesignRoute *r = design.route(ref.name);
                if (r->expires && !r->lifetimeSeconds)
                    out += QStringLiteral("-- ") + commentText(ref.display()) + QStringLiteral(" expires at ")
                           + r->expires->toString(Qt::ISODate)
                           + QStringLiteral(" (UTC) in its catalog; set LIFETIME in seconds if it should expire.\n");
            }
            if (options.ifNotExists) {
                out += QStringLiteral("IF ") + notExistsCondition(ref) + QLatin1Char('\n');
                out += QStringLiteral("    ") + statement + QLatin1Char('\n');
            } else {
                out += statement + QLatin1Char('\n');
            }
        }
        if (!first)
            out += QLatin1Char('\n');
    }
    return out;
}

} // namespace bs
