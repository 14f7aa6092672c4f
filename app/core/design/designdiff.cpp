#include "core/design/designdiff.h"

#include "core/design/designddlwriter.h"
#include "core/sqlquote.h"

#include <algorithm>

// Statements and what they do to running conversations:
//   ALTER MESSAGE TYPE   https://learn.microsoft.com/sql/t-sql/statements/alter-message-type-transact-sql
//   ALTER QUEUE          https://learn.microsoft.com/sql/t-sql/statements/alter-queue-transact-sql
//   ALTER SERVICE        https://learn.microsoft.com/sql/t-sql/statements/alter-service-transact-sql
//                        (DROP CONTRACT sends an error on the service's conversations that use it;
//                        ON QUEUE moves the service's messages to the new queue)
//   ALTER ROUTE          https://learn.microsoft.com/sql/t-sql/statements/alter-route-transact-sql
//   ALTER REMOTE SERVICE BINDING https://learn.microsoft.com/sql/t-sql/statements/alter-remote-service-binding-transact-sql
//   DROP QUEUE           https://learn.microsoft.com/sql/t-sql/statements/drop-queue-transact-sql
//   DROP SERVICE         https://learn.microsoft.com/sql/t-sql/statements/drop-service-transact-sql
//                        (the service's conversations end with an error)
//   DROP CONTRACT / DROP MESSAGE TYPE / DROP ROUTE / DROP REMOTE SERVICE BINDING: same folder.
// There is no ALTER CONTRACT: a contract whose message types change is dropped and created again.

namespace bs {

QString designChangeActionName(DesignChange::Action action)
{
    switch (action) {
    case DesignChange::Action::Create: return QStringLiteral("create");
    case DesignChange::Action::Alter: return QStringLiteral("alter");
    case DesignChange::Action::Recreate: return QStringLiteral("drop and create");
    case DesignChange::Action::Drop: return QStringLiteral("drop");
    }
    return {};
}

int DesignMigration::destructiveCount() const
{
    return int(std::count_if(changes.cbegin(), changes.cend(), [](const DesignChange &c) { return !c.warnings.isEmpty(); }));
}

QString DesignMigration::summary() const
{
    if (changes.isEmpty())
        return QStringLiteral("No differences.\n");
    QString out;
    for (const DesignChange &c : changes) {
        out += designChangeActionName(c.action) + QLatin1Char(' ') + c.ref.display() + QLatin1Char('\n');
        for (const QString &d : c.differences)
            out += QStringLiteral("    ") + d + QLatin1Char('\n');
        for (const QString &w : c.warnings)
            out += QStringLiteral("    WARNING: ") + w + QLatin1Char('\n');
    }
    return out;
}

namespace {

QString onOff(bool on) { return on ? QStringLiteral("ON") : QStringLiteral("OFF"); }

QString change(const QString &what, const QString &from, const QString &to)
{
    return QStringLiteral("%1: %2 → %3").arg(what, from.isEmpty() ? QStringLiteral("(none)") : from,
                                            to.isEmpty() ? QStringLiteral("(none)") : to);
}

QString validationText(const DesignMessageType &m)
{
    return messageValidationKeyword(m.validation)
           + (m.validation == MessageValidation::ValidXml ? QStringLiteral(" WITH SCHEMA COLLECTION ") + m.schemaCollection : QString());
}

QString usagesText(const DesignContract &c)
{
    QStringList parts;
    for (const DesignUsage &u : c.usages)
        parts.append(quoteIdentifier(u.messageType) + QStringLiteral(" SENT BY ") + sentByKeyword(u.sentBy));
    return parts.join(u", "_qs);
}

QString activationText(const std::optional<DesignActivation> &a)
{
    return a ? DesignDdlWriter::activationClause(*a) : QString();
}

// The order of a contract's message types means nothing to SQL Server.
bool sameUsages(QList<DesignUsage> a, QList<DesignUsage> b)
{
    auto byName = [](const DesignUsage &x, const DesignUsage &y) { return x.messageType < y.messageType; };
    std::sort(a.begin(), a.end(), byName);
    std::sort(b.begin(), b.end(), byName);
    return a == b;
}

// [SalesOps].[dbo].[P] (the catalog's three-part name) and [dbo].[P] are the same procedure.
bool sameActivation(std::optional<DesignActivation> a, std::optional<DesignActivation> b)
{
    if (a)
        a->procedure = procedureKey(a->procedure);
    if (b)
        b->procedure = procedureKey(b->procedure);
    return a == b;
}

QString queueRef(const QString &schema, const QString &name)
{
    return quoteIdentifier(schema) + QLatin1Char('.') + quoteIdentifier(name);
}

// Script order: each step runs in its phase, objects in dependency order within it.
enum Phase {
    MessageTypes,
    ContractsPrepare, // ALTER SERVICE … DROP CONTRACT for contracts dropped or created again
    Contracts,
    Queues,
    Services,
    Routes,
    Bindings,
    DropBindings,
    DropRoutes,
    DropServices,
    DropQueues,
    DropContracts,
    DropMessageTypes,
};

struct Step
{
    Phase phase;
    int order; ///< the change it belongs to
    QString sql;
    QString warning;
};

class Differ
{
public:
    Differ(const BrokerDesign &from, const BrokerDesign &to) : m_from(from), m_to(to) {}

    DesignMigration run()
    {
        messageTypes();
        contracts();
        queues();
        services();
        routes();
        bindings();
        DesignMigration m;
        std::stable_sort(m_steps.begin(), m_steps.end(), [](const Step &a, const Step &b) { return a.phase < b.phase; });
        for (const Step &s : m_steps)
            m_changes[s.order].statements.append(s.sql);
        m.changes = m_changes;
        m.script = script(m);
        return m;
    }

private:
    int begin(const DesignRef &ref, DesignChange::Action action)
    {
        m_changes.append({ref, action, {}, {}, {}});
        return int(m_changes.size() - 1);
    }
    void step(int change, Phase phase, const QString &sql, const QString &warning = {})
    {
        m_steps.append({phase, change, sql, warning});
        if (!warning.isEmpty() && !m_changes[change].warnings.contains(warning))
            m_changes[change].warnings.append(warning);
    }
    void create(int change, Phase phase, const QString &unwritable, const QString &sql)
    {
        if (unwritable.isEmpty())
            step(change, phase, sql);
        else
            step(change, phase, QStringLiteral("-- NOT WRITTEN: ") + commentText(m_changes[change].ref.display())
                                    + QStringLiteral(": ") + unwritable + QLatin1Char('.'),
                 QStringLiteral("cannot be created: ") + unwritable);
    }

    void messageTypes()
    {
        for (const DesignMessageType &m : m_to.messageTypes) {
            const DesignRef ref{ObjectKind::MessageType, m.name, {}};
            const DesignMessageType *old = m_from.messageType(m.name);
            if (!old) {
                create(begin(ref, DesignChange::Action::Create), MessageTypes, DesignDdlWriter::unwritableReason(m_to, ref),
                       DesignDdlWriter::createMessageType(m));
            } else if (old->validation != m.validation || old->schemaCollection != m.schemaCollection) {
                const int c = begin(ref, DesignChange::Action::Alter);
                m_changes[c].differences.append(change(QStringLiteral("VALIDATION"), validationText(*old), validationText(m)));
                if (m.validation == MessageValidation::ValidXml && m.schemaCollection.isEmpty()) {
                    create(c, MessageTypes, DesignDdlWriter::unwritableReason(m_to, ref), {});
                } else {
                    QString sql = DesignDdlWriter::createMessageType(DesignMessageType{m.name, {}, m.validation, m.schemaCollection});
                    sql.replace(0, 6, QStringLiteral("ALTER")); // same clause, ALTER MESSAGE TYPE name VALIDATION = …
                    step(c, MessageTypes, sql);
                }
            }
            ownerChange(ref, old ? old->owner : QString(), m.owner, QStringLiteral("MESSAGE TYPE"));
        }
        for (const DesignMessageType &m : m_from.messageTypes) {
            if (!m_to.messageType(m.name)) {
                const int c = begin({ObjectKind::MessageType, m.name, {}}, DesignChange::Action::Drop);
                step(c, DropMessageTypes, QStringLiteral("DROP MESSAGE TYPE ") + quoteIdentifier(m.name) + QLatin1Char(';'));
            }
        }
    }

    // ALTER AUTHORIZATION (https://learn.microsoft.com/sql/t-sql/statements/alter-authorization-transact-sql)
    // only when both sides name an owner: a catalog read does not give owners' names.
    void ownerChange(const DesignRef &ref, const QString &from, const QString &to, const QString &classKeyword)
    {
        if (from.isEmpty() || to.isEmpty() || from == to)
            return;
        const int c = begin(ref, DesignChange::Action::Alter);
        m_changes[c].differences.append(change(QStringLiteral("AUTHORIZATION"), from, to));
        step(c, ref.kind == ObjectKind::Contract ? Contracts : MessageTypes,
             QStringLiteral("ALTER AUTHORIZATION ON ") + classKeyword + QStringLiteral("::") + quoteIdentifier(ref.name)
                 + QStringLiteral(" TO ") + quoteIdentifier(to) + QLatin1Char(';'));
    }

    void dropContractFromServices(int change, const QString &contract)
    {
        for (const DesignService &s : m_from.services) {
            if (s.contracts.contains(contract)) {
                step(change, ContractsPrepare,
                     QStringLiteral("ALTER SERVICE ") + quoteIdentifier(s.name) + QStringLiteral(" (DROP CONTRACT ")
                         + quoteIdentifier(contract) + QStringLiteral(");"),
                     QStringLiteral("conversations of %1 on this contract receive an error").arg(quoteIdentifier(s.name)));
                m_contractsTakenOff[s.name].append(contract);
            }
        }
    }

    void contracts()
    {
        for (const DesignContract &ct : m_to.contracts) {
            const DesignRef ref{ObjectKind::Contract, ct.name, {}};
            const DesignContract *old = m_from.contract(ct.name);
            if (!old) {
                create(begin(ref, DesignChange::Action::Create), Contracts, DesignDdlWriter::unwritableReason(m_to, ref),
                       DesignDdlWriter::createContract(ct));
            } else if (!sameUsages(old->usages, ct.usages)) {
                const int c = begin(ref, DesignChange::Action::Recreate);
                m_changes[c].differences.append(change(QStringLiteral("message types"), usagesText(*old), usagesText(ct)));
                dropContractFromServices(c, ct.name);
                step(c, Contracts, QStringLiteral("DROP CONTRACT ") + quoteIdentifier(ct.name) + QLatin1Char(';'),
                     QStringLiteral("T-SQL has no ALTER CONTRACT: the contract is dropped and created again"));
                create(c, Contracts, DesignDdlWriter::unwritableReason(m_to, ref), DesignDdlWriter::createContract(ct));
            }
            ownerChange(ref, old ? old->owner : QString(), ct.owner, QStringLiteral("CONTRACT"));
        }
        for (const DesignContract &ct : m_from.contracts) {
            if (!m_to.contract(ct.name)) {
                const int c = begin({ObjectKind::Contract, ct.name, {}}, DesignChange::Action::Drop);
                dropContractFromServices(c, ct.name);
                step(c, DropContracts, QStringLiteral("DROP CONTRACT ") + quoteIdentifier(ct.name) + QLatin1Char(';'));
            }
        }
    }

    void queues()
    {
        for (const DesignQueue &q : m_to.queues) {
            const DesignRef ref{ObjectKind::Queue, q.name, q.schema};
            const DesignQueue *old = m_from.queue(q.schema, q.name);
            if (!old) {
                create(begin(ref, DesignChange::Action::Create), Queues, DesignDdlWriter::unwritableReason(m_to, ref),
                       DesignDdlWriter::createQueue(q));
                continue;
            }
            QStringList options;
            QStringList differences;
            if (old->status != q.status) {
                differences.append(change(QStringLiteral("STATUS"), onOff(old->status), onOff(q.status)));
                options.append(QStringLiteral("STATUS = ") + onOff(q.status));
            }
            if (old->retention != q.retention) {
                differences.append(change(QStringLiteral("RETENTION"), onOff(old->retention), onOff(q.retention)));
                options.append(QStringLiteral("RETENTION = ") + onOff(q.retention));
            }
            if (!sameActivation(old->activation, q.activation)) {
                differences.append(change(QStringLiteral("ACTIVATION"), activationText(old->activation), activationText(q.activation)));
                options.append(q.activation ? DesignDdlWriter::activationClause(*q.activation) : QStringLiteral("ACTIVATION (DROP)"));
            }
            if (old->poisonMessageHandling != q.poisonMessageHandling) {
                differences.append(change(QStringLiteral("POISON_MESSAGE_HANDLING"), onOff(old->poisonMessageHandling),
                                          onOff(q.poisonMessageHandling)));
                options.append(QStringLiteral("POISON_MESSAGE_HANDLING (STATUS = ") + onOff(q.poisonMessageHandling) + QLatin1Char(')'));
            }
            if (options.isEmpty())
                continue;
            const int c = begin(ref, DesignChange::Action::Alter);
            m_changes[c].differences = differences;
            if (q.activation && q.activation->procedure.isEmpty()) {
                create(c, Queues, DesignDdlWriter::unwritableReason(m_to, ref), {});
                continue;
            }
            QString warning;
            if (old->status && !q.status)
                warning = QStringLiteral("STATUS = OFF: nothing can be sent to or received from the queue until it is on again");
            step(c, Queues, QStringLiteral("ALTER QUEUE ") + q.qualifiedName() + QStringLiteral(" WITH ") + options.join(u", "_qs)
                                + QLatin1Char(';'), warning);
        }
        for (const DesignQueue &q : m_from.queues) {
            if (!m_to.queue(q.schema, q.name)) {
                const int c = begin({ObjectKind::Queue, q.name, q.schema}, DesignChange::Action::Drop);
                step(c, DropQueues, QStringLiteral("DROP QUEUE ") + q.qualifiedName() + QLatin1Char(';'),
                     QStringLiteral("dropping a queue deletes every message in it"));
            }
        }
    }

    void services()
    {
        for (const DesignService &s : m_to.services) {
            const DesignRef ref{ObjectKind::Service, s.name, {}};
            const DesignService *old = m_from.service(s.name);
            if (!old) {
                create(begin(ref, DesignChange::Action::Create), Services, DesignDdlWriter::unwritableReason(m_to, ref),
                       DesignDdlWriter::createService(s));
                continue;
            }
            QStringList differences;
            QStringList parts;
            QString warning;
            if (old->queueSchema != s.queueSchema || old->queueName != s.queueName) {
                differences.append(change(QStringLiteral("ON QUEUE"), queueRef(old->queueSchema, old->queueName),
                                          queueRef(s.queueSchema, s.queueName)));
                parts.append(QStringLiteral(" ON QUEUE ") + queueRef(s.queueSchema, s.queueName));
            }
            // Contracts already taken off by a contract dropped or created again count as gone.
            QStringList current = old->contracts;
            for (const QString &gone : m_contractsTakenOff.value(s.name))
                current.removeAll(gone);
            QStringList edits;
            for (const QString &c : s.contracts) {
                if (!current.contains(c))
                    edits.append(QStringLiteral("ADD CONTRACT ") + quoteIdentifier(c));
            }
            for (const QString &c : current) {
                if (!s.contracts.contains(c)) {
                    edits.append(QStringLiteral("DROP CONTRACT ") + quoteIdentifier(c));
                    warning = QStringLiteral("conversations of this service on a dropped contract receive an error");
                }
            }
            QStringList before = old->contracts, after = s.contracts;
            before.sort();
            after.sort();
            if (before != after)
                differences.append(change(QStringLiteral("contracts"), old->contracts.join(u", "_qs), s.contracts.join(u", "_qs)));
            for (const QString &again : m_contractsTakenOff.value(s.name)) {
                if (s.contracts.contains(again))
                    differences.append(QStringLiteral("contract %1 accepted again after it is created again").arg(quoteIdentifier(again)));
            }
            if (!edits.isEmpty())
                parts.append(QStringLiteral(" (") + edits.join(u", "_qs) + QLatin1Char(')'));
            if (differences.isEmpty() && parts.isEmpty())
                continue;
            const int c = begin(ref, DesignChange::Action::Alter);
            m_changes[c].differences = differences;
            if (!parts.isEmpty())
                step(c, Services, QStringLiteral("ALTER SERVICE ") + quoteIdentifier(s.name) + parts.join(QString()) + QLatin1Char(';'), warning);
        }
        for (const DesignService &s : m_from.services) {
            if (!m_to.service(s.name)) {
                const int c = begin({ObjectKind::Service, s.name, {}}, DesignChange::Action::Drop);
                step(c, DropServices, QStringLiteral("DROP SERVICE ") + quoteIdentifier(s.name) + QLatin1Char(';'),
                     QStringLiteral("dropping a service ends its conversations with an error"));
            }
        }
    }

    void routes()
    {
        for (const DesignRoute &r : m_to.routes) {
            const DesignRef ref{ObjectKind::Route, r.name, {}};
            const DesignRoute *old = m_from.route(r.name);
            if (!old) {
                create(begin(ref, DesignChange::Action::Create), Routes, DesignDdlWriter::unwritableReason(m_to, ref),
                       DesignDdlWriter::createRoute(r));
                continue;
            }
            QStringList differences, options;
            bool unset = false;
            auto field = [&](const QString &keyword, const QString &a, const QString &b, const QString &literal) {
                if (a == b)
                    return;
                differences.append(change(keyword, a, b));
                options.append(keyword + QStringLiteral(" = ") + literal);
                unset = unset || b.isEmpty();
            };
            field(QStringLiteral("SERVICE_NAME"), old->serviceName, r.serviceName, quoteLiteral(r.serviceName));
            field(QStringLiteral("BROKER_INSTANCE"), old->brokerInstance, r.brokerInstance, quoteLiteral(r.brokerInstance));
            if (r.lifetimeSeconds && old->lifetimeSeconds != r.lifetimeSeconds)
                field(QStringLiteral("LIFETIME"), old->lifetimeSeconds ? QString::number(*old->lifetimeSeconds) : QString(),
                      QString::number(*r.lifetimeSeconds), QString::number(*r.lifetimeSeconds));
            field(QStringLiteral("ADDRESS"), old->address, r.address, quoteLiteral(r.address));
            field(QStringLiteral("MIRROR_ADDRESS"), old->mirrorAddress, r.mirrorAddress, quoteLiteral(r.mirrorAddress));
            if (differences.isEmpty())
                continue;
            // ALTER ROUTE leaves an omitted clause unchanged and has no way to remove one: a
            // route that loses an option is dropped and created again.
            const int c = begin(ref, unset ? DesignChange::Action::Recreate : DesignChange::Action::Alter);
            m_changes[c].differences = differences;
            if (unset) {
                step(c, Routes, QStringLiteral("DROP ROUTE ") + quoteIdentifier(r.name) + QLatin1Char(';'),
                     QStringLiteral("the route is dropped and created again (ALTER ROUTE cannot remove an option)"));
                create(c, Routes, DesignDdlWriter::unwritableReason(m_to, ref), DesignDdlWriter::createRoute(r));
            } else {
                step(c, Routes, QStringLiteral("ALTER ROUTE ") + quoteIdentifier(r.name) + QStringLiteral(" WITH ")
                                    + options.join(u", "_qs) + QLatin1Char(';'));
            }
        }
        for (const DesignRoute &r : m_from.routes) {
            if (!m_to.route(r.name)) {
                const int c = begin({ObjectKind::Route, r.name, {}}, DesignChange::Action::Drop);
                step(c, DropRoutes, QStringLiteral("DROP ROUTE ") + quoteIdentifier(r.name) + QLatin1Char(';'),
                     QStringLiteral("messages to its service wait in sys.transmission_queue until another route matches"));
            }
        }
    }

    void bindings()
    {
        for (const DesignBinding &b : m_to.bindings) {
            const DesignRef ref{ObjectKind::RemoteServiceBinding, b.name, {}};
            const DesignBinding *old = m_from.binding(b.name);
            const QString unwritable = DesignDdlWriter::unwritableReason(m_to, ref);
            if (!old) {
                create(begin(ref, DesignChange::Action::Create), Bindings, unwritable, DesignDdlWriter::createBinding(b));
                continue;
            }
            if (old->serviceName != b.serviceName) {
                const int c = begin(ref, DesignChange::Action::Recreate);
                m_changes[c].differences.append(change(QStringLiteral("TO SERVICE"), old->serviceName, b.serviceName));
                step(c, Bindings, QStringLiteral("DROP REMOTE SERVICE BINDING ") + quoteIdentifier(b.name) + QLatin1Char(';'),
                     QStringLiteral("the binding is dropped and created again (ALTER cannot change TO SERVICE)"));
                create(c, Bindings, unwritable, DesignDdlWriter::createBinding(b));
                continue;
            }
            QStringList differences, options;
            // A catalog does not name the user (only remote_principal_id): from an unknown user the
            // design's user is set, which changes nothing when it was that user already.
            if (!b.user.isEmpty() && old->user != b.user) {
                differences.append(change(QStringLiteral("USER"), old->user.isEmpty() ? QStringLiteral("(not known)") : old->user, b.user));
                options.append(QStringLiteral("USER = ") + quoteIdentifier(b.user));
            }
            if (old->anonymous != b.anonymous) {
                differences.append(change(QStringLiteral("ANONYMOUS"), onOff(old->anonymous), onOff(b.anonymous)));
                options.append(QStringLiteral("ANONYMOUS = ") + onOff(b.anonymous));
            }
            if (options.isEmpty())
                continue;
            const int c = begin(ref, DesignChange::Action::Alter);
            m_changes[c].differences = differences;
            step(c, Bindings, QStringLiteral("ALTER REMOTE SERVICE BINDING ") + quoteIdentifier(b.name) + QStringLiteral(" WITH ")
                                  + options.join(u", "_qs) + QLatin1Char(';'));
        }
        for (const DesignBinding &b : m_from.bindings) {
            if (!m_to.binding(b.name)) {
                const int c = begin({ObjectKind::RemoteServiceBinding, b.name, {}}, DesignChange::Action::Drop);
                step(c, DropBindings, QStringLiteral("DROP REMOTE SERVICE BINDING ") + quoteIdentifier(b.name) + QLatin1Char(';'),
                     QStringLiteral("new conversations to the remote service no longer find this binding's certificate"));
            }
        }
    }

    QString script(const DesignMigration &m) const
    {
        QString out = QStringLiteral("-- Migration written by Broker Studio");
        if (!m_fromName.isEmpty() || !m_toName.isEmpty())
            out += QStringLiteral(": from ") + commentText(m_fromName) + QStringLiteral(" to ") + commentText(m_toName);
        out += QStringLiteral(".\n");
        if (m.changes.isEmpty())
            return out + QStringLiteral("-- No differences: nothing to run.\n");
        out += QStringLiteral("-- %1 change(s), %2 with a warning. Review before running; it runs as one transaction.\n")
                   .arg(m.changes.size())
                   .arg(m.destructiveCount());
        for (const DesignChange &c : m.changes) {
            out += QStringLiteral("--   ") + designChangeActionName(c.action) + QLatin1Char(' ') + commentText(c.ref.display()) + QLatin1Char('\n');
            for (const QString &d : c.differences)
                out += QStringLiteral("--       ") + commentText(d) + QLatin1Char('\n');
        }
        out += QStringLiteral("\nSET XACT_ABORT ON;\nBEGIN TRANSACTION;\n\n");
        for (const Step &s : m_steps) {
            if (!s.warning.isEmpty())
                out += QStringLiteral("-- WARNING: ") + commentText(s.warning) + QLatin1Char('\n');
            out += s.sql + QLatin1Char('\n');
        }
        out += QStringLiteral("\nCOMMIT TRANSACTION;\n");
        return out;
    }

public:
    QString m_fromName;
    QString m_toName;

private:
    const BrokerDesign &m_from;
    const BrokerDesign &m_to;
    QList<DesignChange> m_changes;
    QList<Step> m_steps;
    QHash<QString, QStringList> m_contractsTakenOff;
};

} // namespace

DesignMigration DesignDiff::diff(const BrokerDesign &from, const BrokerDesign &to, const QString &fromName, const QString &toName)
{
    Differ d(from, to);
    d.m_fromName = fromName;
    d.m_toName = toName;
    DesignMigration m = d.run();
    m.fromName = fromName;
    m.toName = toName;
    return m;
}

} // namespace bs
