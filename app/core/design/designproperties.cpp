#include "core/design/designproperties.h"

#include "core/sqlquote.h"

namespace bs {

namespace {

using T = DesignProperty::Type;

DesignProperty prop(ObjectKind kind, const char16_t *key, const QString &label, const QString &tooltip, T type,
                    int min = 0, int max = 0, QStringList choices = {})
{
    return {kind, QString::fromUtf16(key), label, tooltip, type, min, max, std::move(choices)};
}

const QString OwnerTip = QStringLiteral("AUTHORIZATION: the database user or role that owns the object. Empty: the user "
                                        "who runs the script.");

QList<DesignProperty> build()
{
    using K = ObjectKind;
    return {
        prop(K::MessageType, u"owner", QStringLiteral("Owner"), OwnerTip, T::Text),
        prop(K::MessageType, u"validation", QStringLiteral("Validation"),
             QStringLiteral("How Service Broker checks each message body of this type when it arrives: NONE (any body), "
                            "EMPTY (no body), WELL_FORMED_XML, or VALID_XML against an XML schema collection. A message "
                            "that fails is dropped and an error is sent back on its conversation."),
             T::Choice, 0, 0, {QStringLiteral("NONE"), QStringLiteral("EMPTY"), QStringLiteral("WELL_FORMED_XML"), QStringLiteral("VALID_XML")}),
        prop(K::MessageType, u"schemaCollection", QStringLiteral("XML schema collection"),
             QStringLiteral("For VALID_XML: the XML schema collection the body must validate against. It must exist "
                            "before the message type is created."),
             T::Text),
        prop(K::Contract, u"owner", QStringLiteral("Owner"), OwnerTip, T::Text),
        prop(K::Queue, u"status", QStringLiteral("Status"),
             QStringLiteral("STATUS: when OFF, no message can be added to or received from the queue. Poison message "
                            "handling turns a queue off after five rolled-back RECEIVEs in a row."),
             T::Bool),
        prop(K::Queue, u"retention", QStringLiteral("Retention"),
             QStringLiteral("RETENTION: keep every message sent and received on the queue's conversations until the "
                            "conversation ends. For auditing or compensation; it makes the queue grow and slows RECEIVE."),
             T::Bool),
        prop(K::Queue, u"activation", QStringLiteral("Activation"),
             QStringLiteral("ACTIVATION: Service Broker starts the procedure when messages arrive, up to "
                            "MAX_QUEUE_READERS copies at once."),
             T::Bool),
        prop(K::Queue, u"activationStatus", QStringLiteral("Activation status"),
             QStringLiteral("ACTIVATION STATUS: when OFF the procedure is kept but never started; messages wait until "
                            "something else RECEIVEs them."),
             T::Bool),
        prop(K::Queue, u"procedure", QStringLiteral("Activation procedure"),
             QStringLiteral("PROCEDURE_NAME: the stored procedure started to process the queue; it should RECEIVE in a "
                            "loop until the queue is empty."),
             T::Text),
        prop(K::Queue, u"maxQueueReaders", QStringLiteral("Max queue readers"),
             QStringLiteral("MAX_QUEUE_READERS: how many copies of the procedure may run at once (0 to 32767). Readers "
                            "lock conversation groups, so more readers than active groups adds nothing."),
             T::Int, 0, 32767),
        prop(K::Queue, u"executeAs", QStringLiteral("Execute as"),
             QStringLiteral("EXECUTE AS: the database user the activated procedure runs as: SELF (who creates the "
                            "queue), OWNER (the queue's owner) or a named user."),
             T::Choice, 0, 0, {QStringLiteral("SELF"), QStringLiteral("OWNER"), QStringLiteral("USER")}),
        prop(K::Queue, u"executeAsUser", QStringLiteral("Execute as user"),
             QStringLiteral("For EXECUTE AS a user: the user's name."), T::Text),
        prop(K::Queue, u"poisonMessageHandling", QStringLiteral("Poison message handling"),
             QStringLiteral("POISON_MESSAGE_HANDLING: when ON, five rolled-back RECEIVE transactions in a row disable "
                            "the queue (STATUS = OFF) so a bad message cannot loop for ever."),
             T::Bool),
        prop(K::Service, u"owner", QStringLiteral("Owner"), OwnerTip, T::Text),
        prop(K::Route, u"owner", QStringLiteral("Owner"), OwnerTip, T::Text),
        prop(K::Route, u"serviceName", QStringLiteral("Service name"),
             QStringLiteral("SERVICE_NAME: the remote service this route leads to, compared byte by byte (case "
                            "sensitive). Empty: the route matches any service."),
             T::Text),
        prop(K::Route, u"brokerInstance", QStringLiteral("Broker instance"),
             QStringLiteral("BROKER_INSTANCE: the service_broker_guid of the database that hosts the service. Empty: "
                            "any broker instance."),
             T::Text),
        prop(K::Route, u"lifetime", QStringLiteral("Lifetime (s)"),
             QStringLiteral("LIFETIME: seconds the route stays in the routing table; 0 = for ever."), T::Int, 0, 2147483647),
        prop(K::Route, u"address", QStringLiteral("Address"),
             QStringLiteral("ADDRESS: TCP://host:port of the next hop's Service Broker endpoint, LOCAL or TRANSPORT."),
             T::Text),
        prop(K::Route, u"mirrorAddress", QStringLiteral("Mirror address"),
             QStringLiteral("MIRROR_ADDRESS: the mirror partner's endpoint when the remote database is mirrored."), T::Text),
        prop(K::RemoteServiceBinding, u"owner", QStringLiteral("Owner"), OwnerTip, T::Text),
        prop(K::RemoteServiceBinding, u"serviceName", QStringLiteral("Remote service"),
             QStringLiteral("TO SERVICE: the remote service whose conversations use this binding's certificate."), T::Text),
        prop(K::RemoteServiceBinding, u"user", QStringLiteral("User"),
             QStringLiteral("WITH USER: the local user that owns the certificate of the remote service; dialog security "
                            "uses it to authenticate and encrypt."),
             T::Text),
        prop(K::RemoteServiceBinding, u"anonymous", QStringLiteral("Anonymous"),
             QStringLiteral("ANONYMOUS = ON: the initiator is public in the remote database (no certificate of ours "
                            "needed there); it still needs CONNECT and SEND granted to public."),
             T::Bool),
    };
}

QString checkName(const QString &value, const QString &what, bool optional)
{
    if (optional && value.isEmpty())
        return {};
    return identifierProblem(value, what);
}

} // namespace

const QList<DesignProperty> &DesignProperties::all()
{
    static const QList<DesignProperty> list = build();
    return list;
}

QList<DesignProperty> DesignProperties::forKind(ObjectKind kind)
{
    QList<DesignProperty> out;
    for (const DesignProperty &p : all()) {
        if (p.kind == kind)
            out.append(p);
    }
    return out;
}

const DesignProperty *DesignProperties::find(ObjectKind kind, const QString &key)
{
    for (const DesignProperty &p : all()) {
        if (p.kind == kind && p.key == key)
            return &p;
    }
    return nullptr;
}

QVariant DesignProperties::get(const DesignObject &object, const QString &key)
{
    if (key == QLatin1String("owner")) {
        return std::visit(
            [](const auto &o) -> QVariant {
                if constexpr (requires { o.owner; })
                    return o.owner;
                else
                    return {};
            },
            object);
    }
    if (const auto *m = std::get_if<DesignMessageType>(&object)) {
        if (key == QLatin1String("validation"))
            return messageValidationKeyword(m->validation);
        if (key == QLatin1String("schemaCollection"))
            return m->schemaCollection;
    } else if (const auto *q = std::get_if<DesignQueue>(&object)) {
        const DesignActivation a = q->activation.value_or(DesignActivation{});
        if (key == QLatin1String("status")) return q->status;
        if (key == QLatin1String("retention")) return q->retention;
        if (key == QLatin1String("poisonMessageHandling")) return q->poisonMessageHandling;
        if (key == QLatin1String("activation")) return q->activation.has_value();
        if (key == QLatin1String("activationStatus")) return a.status;
        if (key == QLatin1String("procedure")) return a.procedure;
        if (key == QLatin1String("maxQueueReaders")) return a.maxQueueReaders;
        if (key == QLatin1String("executeAs"))
            return a.executeAs == ExecuteAs::Self ? QStringLiteral("SELF") : a.executeAs == ExecuteAs::Owner ? QStringLiteral("OWNER") : QStringLiteral("USER");
        if (key == QLatin1String("executeAsUser")) return a.executeAsUser;
    } else if (const auto *r = std::get_if<DesignRoute>(&object)) {
        if (key == QLatin1String("serviceName")) return r->serviceName;
        if (key == QLatin1String("brokerInstance")) return r->brokerInstance;
        if (key == QLatin1String("lifetime")) return r->lifetimeSeconds.value_or(0);
        if (key == QLatin1String("address")) return r->address;
        if (key == QLatin1String("mirrorAddress")) return r->mirrorAddress;
    } else if (const auto *b = std::get_if<DesignBinding>(&object)) {
        if (key == QLatin1String("serviceName")) return b->serviceName;
        if (key == QLatin1String("user")) return b->user;
        if (key == QLatin1String("anonymous")) return b->anonymous;
    }
    return {};
}

QString DesignProperties::set(DesignObject &object, const QString &key, const QVariant &value)
{
    const DesignRef ref = designRefOf(object);
    const DesignProperty *p = find(ref.kind, key);
    if (!p)
        return QStringLiteral("%1 has no property %2").arg(ref.display(), key);
    const QString text = value.toString();
    int number = 0;
    if (p->type == T::Int) {
        bool ok = false;
        number = value.toInt(&ok);
        if (!ok || number < p->minimum || number > p->maximum)
            return QStringLiteral("%1 must be a whole number from %2 to %3").arg(p->label).arg(p->minimum).arg(p->maximum);
    }
    if (p->type == T::Choice && !p->choices.contains(text))
        return QStringLiteral("%1 must be one of %2").arg(p->label, p->choices.join(u", "_qs));
    if (key == QLatin1String("owner")) {
        if (const QString why = checkName(text, p->label, true); !why.isEmpty())
            return why;
        std::visit([&](auto &o) {
            if constexpr (requires { o.owner; })
                o.owner = text;
        }, object);
        return {};
    }
    if (auto *m = std::get_if<DesignMessageType>(&object)) {
        if (key == QLatin1String("validation"))
            m->validation = *messageValidationFromKeyword(text);
        else
            m->schemaCollection = text.isEmpty() ? QString() : quoteMultipartName(text);
        return {};
    }
    if (auto *q = std::get_if<DesignQueue>(&object)) {
        if (key == QLatin1String("status")) { q->status = value.toBool(); return {}; }
        if (key == QLatin1String("retention")) { q->retention = value.toBool(); return {}; }
        if (key == QLatin1String("poisonMessageHandling")) { q->poisonMessageHandling = value.toBool(); return {}; }
        if (key == QLatin1String("activation")) {
            if (!value.toBool())
                q->activation.reset();
            else if (!q->activation)
                q->activation = DesignActivation{};
            return {};
        }
        if (!q->activation)
            return QStringLiteral("%1 has no activation: turn Activation on first").arg(ref.display());
        DesignActivation &a = *q->activation;
        if (key == QLatin1String("activationStatus")) a.status = value.toBool();
        else if (key == QLatin1String("procedure")) a.procedure = text.isEmpty() ? QString() : quoteMultipartName(text);
        else if (key == QLatin1String("maxQueueReaders")) a.maxQueueReaders = number;
        else if (key == QLatin1String("executeAs"))
            a.executeAs = text == QLatin1String("SELF") ? ExecuteAs::Self : text == QLatin1String("OWNER") ? ExecuteAs::Owner : ExecuteAs::User;
        else if (key == QLatin1String("executeAsUser")) {
            if (const QString why = checkName(text, p->label, true); !why.isEmpty())
                return why;
            a.executeAsUser = text;
        }
        return {};
    }
    if (auto *r = std::get_if<DesignRoute>(&object)) {
        if (key == QLatin1String("serviceName")) r->serviceName = text;
        else if (key == QLatin1String("brokerInstance")) r->brokerInstance = text;
        else if (key == QLatin1String("lifetime")) {
            r->lifetimeSeconds = number > 0 ? std::optional<int>(number) : std::nullopt;
            r->expires.reset();
        } else if (key == QLatin1String("address")) r->address = text;
        else if (key == QLatin1String("mirrorAddress")) r->mirrorAddress = text;
        return {};
    }
    if (auto *b = std::get_if<DesignBinding>(&object)) {
        if (key == QLatin1String("serviceName")) b->serviceName = text;
        else if (key == QLatin1String("user")) {
            if (const QString why = checkName(text, p->label, true); !why.isEmpty())
                return why;
            b->user = text;
        } else if (key == QLatin1String("anonymous")) b->anonymous = value.toBool();
        return {};
    }
    return QStringLiteral("%1 has no property %2").arg(ref.display(), key);
}

} // namespace bs
