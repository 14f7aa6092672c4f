#include "core/design/designedit.h"

#include "core/design/designproperties.h"
#include "core/sqlquote.h"

#include <algorithm>

namespace bs {

DesignRef designRefOf(const DesignObject &object)
{
    return std::visit(
        [](const auto &o) -> DesignRef {
            using T = std::decay_t<decltype(o)>;
            if constexpr (std::is_same_v<T, DesignMessageType>)
                return {ObjectKind::MessageType, o.name, {}};
            else if constexpr (std::is_same_v<T, DesignContract>)
                return {ObjectKind::Contract, o.name, {}};
            else if constexpr (std::is_same_v<T, DesignQueue>)
                return {ObjectKind::Queue, o.name, o.schema};
            else if constexpr (std::is_same_v<T, DesignService>)
                return {ObjectKind::Service, o.name, {}};
            else if constexpr (std::is_same_v<T, DesignRoute>)
                return {ObjectKind::Route, o.name, {}};
            else
                return {ObjectKind::RemoteServiceBinding, o.name, {}};
        },
        object);
}

namespace {

template<typename T>
QList<T> &listOf(BrokerDesign &d)
{
    if constexpr (std::is_same_v<T, DesignMessageType>)
        return d.messageTypes;
    else if constexpr (std::is_same_v<T, DesignContract>)
        return d.contracts;
    else if constexpr (std::is_same_v<T, DesignQueue>)
        return d.queues;
    else if constexpr (std::is_same_v<T, DesignService>)
        return d.services;
    else if constexpr (std::is_same_v<T, DesignRoute>)
        return d.routes;
    else
        return d.bindings;
}

bool matches(const DesignRef &ref, const DesignRef &other)
{
    return ref.kind == other.kind && ref.name == other.name && (ref.kind != ObjectKind::Queue || ref.schema == other.schema);
}

} // namespace

int DesignEdit::indexOf(const BrokerDesign &design, const DesignRef &ref)
{
    int index = -1;
    int i = 0;
    auto scan = [&](const auto &list) {
        i = 0;
        for (const auto &o : list) {
            if (matches(designRefOf(o), ref)) {
                index = i;
                return;
            }
            ++i;
        }
    };
    switch (ref.kind) {
    case ObjectKind::MessageType: scan(design.messageTypes); break;
    case ObjectKind::Contract: scan(design.contracts); break;
    case ObjectKind::Queue: scan(design.queues); break;
    case ObjectKind::Service: scan(design.services); break;
    case ObjectKind::Route: scan(design.routes); break;
    case ObjectKind::RemoteServiceBinding: scan(design.bindings); break;
    default: break;
    }
    return index;
}

std::optional<DesignObject> DesignEdit::object(const BrokerDesign &design, const DesignRef &ref)
{
    const int i = indexOf(design, ref);
    if (i < 0)
        return std::nullopt;
    switch (ref.kind) {
    case ObjectKind::MessageType: return design.messageTypes.at(i);
    case ObjectKind::Contract: return design.contracts.at(i);
    case ObjectKind::Queue: return design.queues.at(i);
    case ObjectKind::Service: return design.services.at(i);
    case ObjectKind::Route: return design.routes.at(i);
    default: return design.bindings.at(i);
    }
}

QList<DesignRef> DesignEdit::dependants(const BrokerDesign &design, const DesignRef &ref)
{
    QList<DesignRef> out;
    switch (ref.kind) {
    case ObjectKind::MessageType:
        for (const DesignContract &c : design.contracts) {
            for (const DesignUsage &u : c.usages) {
                if (u.messageType == ref.name) {
                    out.append({ObjectKind::Contract, c.name, {}});
                    break;
                }
            }
        }
        break;
    case ObjectKind::Contract:
        for (const DesignService &s : design.services) {
            if (s.contracts.contains(ref.name))
                out.append({ObjectKind::Service, s.name, {}});
        }
        break;
    case ObjectKind::Queue:
        for (const DesignService &s : design.services) {
            if (s.queueName == ref.name && s.queueSchema == ref.schema)
                out.append({ObjectKind::Service, s.name, {}});
        }
        break;
    default:
        break;
    }
    return out;
}

QString DesignEdit::add(BrokerDesign &design, const DesignObject &object, int index)
{
    const DesignRef ref = designRefOf(object);
    const QString problem = identifierProblem(ref.name, QStringLiteral("the name"));
    if (!problem.isEmpty())
        return problem;
    if (ref.kind == ObjectKind::Queue) {
        const QString schemaProblem = identifierProblem(ref.schema, QStringLiteral("the schema"));
        if (!schemaProblem.isEmpty())
            return schemaProblem;
    }
    if (design.contains(ref))
        return QStringLiteral("%1 already exists").arg(ref.display());
    std::visit(
        [&](const auto &o) {
            auto &list = listOf<std::decay_t<decltype(o)>>(design);
            if (index < 0 || index > list.size())
                list.append(o);
            else
                list.insert(index, o);
        },
        object);
    return {};
}

QString DesignEdit::remove(BrokerDesign &design, const DesignRef &ref)
{
    const int i = indexOf(design, ref);
    if (i < 0)
        return QStringLiteral("%1 does not exist").arg(ref.display());
    switch (ref.kind) {
    case ObjectKind::MessageType:
        design.messageTypes.removeAt(i);
        for (DesignContract &c : design.contracts)
            c.usages.removeIf([&](const DesignUsage &u) { return u.messageType == ref.name; });
        break;
    case ObjectKind::Contract:
        design.contracts.removeAt(i);
        for (DesignService &s : design.services)
            s.contracts.removeAll(ref.name);
        break;
    case ObjectKind::Queue:
        design.queues.removeAt(i);
        design.services.removeIf([&](const DesignService &s) { return s.queueName == ref.name && s.queueSchema == ref.schema; });
        break;
    case ObjectKind::Service: design.services.removeAt(i); break;
    case ObjectKind::Route: design.routes.removeAt(i); break;
    case ObjectKind::RemoteServiceBinding: design.bindings.removeAt(i); break;
    default: break;
    }
    return {};
}

QString DesignEdit::rename(BrokerDesign &design, const DesignRef &ref, const QString &newName, const QString &newSchema)
{
    const int i = indexOf(design, ref);
    if (i < 0)
        return QStringLiteral("%1 does not exist").arg(ref.display());
    const QString schema = ref.kind == ObjectKind::Queue && !newSchema.isEmpty() ? newSchema : ref.schema;
    const DesignRef target{ref.kind, newName, schema};
    if (target == ref)
        return {};
    const QString problem = identifierProblem(newName, QStringLiteral("the new name"));
    if (!problem.isEmpty())
        return problem;
    if (design.contains(target))
        return QStringLiteral("%1 already exists").arg(target.display());
    switch (ref.kind) {
    case ObjectKind::MessageType:
        design.messageTypes[i].name = newName;
        for (DesignContract &c : design.contracts) {
            for (DesignUsage &u : c.usages) {
                if (u.messageType == ref.name)
                    u.messageType = newName;
            }
        }
        break;
    case ObjectKind::Contract:
        design.contracts[i].name = newName;
        for (DesignService &s : design.services)
            std::replace(s.contracts.begin(), s.contracts.end(), ref.name, newName);
        break;
    case ObjectKind::Queue:
        design.queues[i].name = newName;
        design.queues[i].schema = schema;
        for (DesignService &s : design.services) {
            if (s.queueName == ref.name && s.queueSchema == ref.schema) {
                s.queueName = newName;
                s.queueSchema = schema;
            }
        }
        break;
    case ObjectKind::Service: design.services[i].name = newName; break;
    case ObjectKind::Route: design.routes[i].name = newName; break;
    case ObjectKind::RemoteServiceBinding: design.bindings[i].name = newName; break;
    default: break;
    }
    return {};
}

QString DesignEdit::replace(BrokerDesign &design, const DesignObject &object)
{
    const DesignRef ref = designRefOf(object);
    const int i = indexOf(design, ref);
    if (i < 0)
        return QStringLiteral("%1 does not exist").arg(ref.display());
    std::visit([&](const auto &o) { listOf<std::decay_t<decltype(o)>>(design)[i] = o; }, object);
    return {};
}

QString DesignEdit::setProperty(BrokerDesign &design, const DesignRef &ref, const QString &property, const QVariant &value)
{
    std::optional<DesignObject> o = object(design, ref);
    if (!o)
        return QStringLiteral("%1 does not exist").arg(ref.display());
    const QString why = DesignProperties::set(*o, property, value);
    if (!why.isEmpty())
        return why;
    return replace(design, *o);
}

QString DesignEdit::connect(BrokerDesign &design, const DesignRef &from, const DesignRef &to, SentBy sentBy)
{
    if (!design.contains(from))
        return QStringLiteral("%1 does not exist").arg(from.display());
    if (!design.contains(to) && !(to.kind != ObjectKind::Queue && isBuiltInBrokerName(to.name)))
        return QStringLiteral("%1 does not exist").arg(to.display());
    if (from.kind == ObjectKind::Service && to.kind == ObjectKind::Queue) {
        DesignService *s = design.service(from.name);
        s->queueSchema = to.schema;
        s->queueName = to.name;
        return {};
    }
    if (from.kind == ObjectKind::Service && to.kind == ObjectKind::Contract) {
        DesignService *s = design.service(from.name);
        if (s->contracts.contains(to.name))
            return QStringLiteral("%1 already accepts %2").arg(from.display(), to.display());
        s->contracts.append(to.name);
        return {};
    }
    if (from.kind == ObjectKind::Contract && to.kind == ObjectKind::MessageType) {
        DesignContract *c = design.contract(from.name);
        for (const DesignUsage &u : c->usages) {
            if (u.messageType == to.name)
                return QStringLiteral("%1 already has %2").arg(from.display(), to.display());
        }
        c->usages.append({to.name, sentBy});
        return {};
    }
    return QStringLiteral("a %1 cannot be connected to a %2").arg(from.display(), to.display());
}

QString DesignEdit::disconnect(BrokerDesign &design, const DesignRef &from, const DesignRef &to)
{
    if (from.kind == ObjectKind::Service && to.kind == ObjectKind::Contract) {
        DesignService *s = design.service(from.name);
        if (!s || !s->contracts.removeOne(to.name))
            return QStringLiteral("%1 does not accept %2").arg(from.display(), to.display());
        return {};
    }
    if (from.kind == ObjectKind::Contract && to.kind == ObjectKind::MessageType) {
        DesignContract *c = design.contract(from.name);
        if (!c || c->usages.removeIf([&](const DesignUsage &u) { return u.messageType == to.name; }) == 0)
            return QStringLiteral("%1 does not use %2").arg(from.display(), to.display());
        return {};
    }
    if (from.kind == ObjectKind::Service && to.kind == ObjectKind::Queue)
        return QStringLiteral("a service always has a queue: connect it to another queue instead");
    return QStringLiteral("%1 and %2 are not connected").arg(from.display(), to.display());
}

} // namespace bs
