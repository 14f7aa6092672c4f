#include "core/design/designfile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>

namespace bs {

namespace {

const QString FormatName = QStringLiteral("broker-studio-design");

QString executeAsText(ExecuteAs e)
{
    return e == ExecuteAs::Self ? QStringLiteral("SELF") : e == ExecuteAs::Owner ? QStringLiteral("OWNER") : QStringLiteral("USER");
}

/// Reads fields with the path of the first wrong one.
class Reader
{
public:
    explicit Reader(QString *error) : m_error(error) {}
    bool ok() const { return m_ok; }
    void fail(const QString &path, const QString &what)
    {
        if (m_ok && m_error)
            *m_error = QStringLiteral("%1: %2").arg(path, what);
        m_ok = false;
    }
    QString string(const QJsonObject &o, const QString &key, const QString &path, bool required = false)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() && !required)
            return {};
        if (!v.isString()) {
            fail(path + QLatin1Char('.') + key, QStringLiteral("expected a string"));
            return {};
        }
        if (required && v.toString().isEmpty())
            fail(path + QLatin1Char('.') + key, QStringLiteral("must not be empty"));
        return v.toString();
    }
    bool boolean(const QJsonObject &o, const QString &key, const QString &path, bool fallback)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return fallback;
        if (!v.isBool())
            fail(path + QLatin1Char('.') + key, QStringLiteral("expected true or false"));
        return v.toBool(fallback);
    }
    int integer(const QJsonObject &o, const QString &key, const QString &path, int fallback, int min, int max)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return fallback;
        const double d = v.toDouble(-1e18);
        if (!v.isDouble() || d != double(qint64(d)) || d < min || d > max) {
            fail(path + QLatin1Char('.') + key, QStringLiteral("expected a whole number from %1 to %2").arg(min).arg(max));
            return fallback;
        }
        return int(d);
    }
    QJsonArray array(const QJsonObject &o, const QString &key)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return {};
        if (!v.isArray())
            fail(key, QStringLiteral("expected an array"));
        return v.toArray();
    }
    QJsonObject object(const QJsonValue &v, const QString &path)
    {
        if (!v.isObject())
            fail(path, QStringLiteral("expected an object"));
        return v.toObject();
    }

private:
    QString *m_error;
    bool m_ok = true;
};

} // namespace

QJsonObject DesignFileFormat::toJson(const DesignFile &file)
{
    const BrokerDesign &d = file.design;
    QJsonArray messageTypes, contracts, queues, services, routes, bindings;
    auto withOwner = [](QJsonObject o, const QString &owner) {
        if (!owner.isEmpty())
            o.insert(u"owner"_qs, owner);
        return o;
    };
    for (const DesignMessageType &m : d.messageTypes) {
        QJsonObject o{{u"name"_qs, m.name}, {u"validation"_qs, messageValidationKeyword(m.validation)}};
        if (!m.schemaCollection.isEmpty())
            o.insert(u"schemaCollection"_qs, m.schemaCollection);
        messageTypes.append(withOwner(o, m.owner));
    }
    for (const DesignContract &c : d.contracts) {
        QJsonArray usages;
        for (const DesignUsage &u : c.usages)
            usages.append(QJsonObject{{u"messageType"_qs, u.messageType}, {u"sentBy"_qs, sentByKeyword(u.sentBy)}});
        contracts.append(withOwner(QJsonObject{{u"name"_qs, c.name}, {u"usages"_qs, usages}}, c.owner));
    }
    for (const DesignQueue &q : d.queues) {
        QJsonObject o{{u"schema"_qs, q.schema}, {u"name"_qs, q.name}, {u"status"_qs, q.status},
                      {u"retention"_qs, q.retention}, {u"poisonMessageHandling"_qs, q.poisonMessageHandling}};
        if (q.activation) {
            QJsonObject a{{u"status"_qs, q.activation->status}, {u"procedure"_qs, q.activation->procedure},
                          {u"maxQueueReaders"_qs, q.activation->maxQueueReaders},
                          {u"executeAs"_qs, executeAsText(q.activation->executeAs)}};
            if (q.activation->executeAs == ExecuteAs::User)
                a.insert(u"executeAsUser"_qs, q.activation->executeAsUser);
            o.insert(u"activation"_qs, a);
        }
        queues.append(o);
    }
    for (const DesignService &s : d.services) {
        services.append(withOwner(QJsonObject{{u"name"_qs, s.name}, {u"queueSchema"_qs, s.queueSchema},
                                              {u"queue"_qs, s.queueName}, {u"contracts"_qs, QJsonArray::fromStringList(s.contracts)}},
                                  s.owner));
    }
    for (const DesignRoute &r : d.routes) {
        QJsonObject o{{u"name"_qs, r.name}, {u"address"_qs, r.address}};
        if (!r.serviceName.isEmpty()) o.insert(u"serviceName"_qs, r.serviceName);
        if (!r.brokerInstance.isEmpty()) o.insert(u"brokerInstance"_qs, r.brokerInstance);
        if (r.lifetimeSeconds) o.insert(u"lifetime"_qs, *r.lifetimeSeconds);
        if (r.expires) o.insert(u"expires"_qs, r.expires->toString(Qt::ISODateWithMs));
        if (!r.mirrorAddress.isEmpty()) o.insert(u"mirrorAddress"_qs, r.mirrorAddress);
        routes.append(withOwner(o, r.owner));
    }
    for (const DesignBinding &b : d.bindings) {
        bindings.append(withOwner(QJsonObject{{u"name"_qs, b.name}, {u"serviceName"_qs, b.serviceName},
                                              {u"user"_qs, b.user}, {u"anonymous"_qs, b.anonymous}},
                                  b.owner));
    }
    QJsonObject positions;
    QStringList keys = file.positions.keys();
    keys.sort();
    for (const QString &k : keys) {
        const QPointF p = file.positions.value(k);
        positions.insert(k, QJsonArray{p.x(), p.y()});
    }
    QJsonObject root{{u"format"_qs, FormatName},
                     {u"version"_qs, BrokerDesign::FormatVersion},
                     {u"messageTypes"_qs, messageTypes},
                     {u"contracts"_qs, contracts},
                     {u"queues"_qs, queues},
                     {u"services"_qs, services},
                     {u"routes"_qs, routes},
                     {u"remoteServiceBindings"_qs, bindings}};
    if (!d.databaseName.isEmpty())
        root.insert(u"database"_qs, d.databaseName);
    if (!positions.isEmpty())
        root.insert(u"positions"_qs, positions);
    return root;
}

std::optional<DesignFile> DesignFileFormat::fromJson(const QJsonObject &json, QString *error)
{
    Reader r(error);
    if (json.value(u"format"_qs).toString() != FormatName) {
        r.fail(u"format"_qs, QStringLiteral("not a Broker Studio design (expected \"%1\")").arg(FormatName));
        return std::nullopt;
    }
    const int version = r.integer(json, u"version"_qs, u"$"_qs, 0, 1, 1000000);
    if (!r.ok())
        return std::nullopt;
    if (version > BrokerDesign::FormatVersion) {
        r.fail(u"version"_qs, QStringLiteral("version %1 is newer than this Broker Studio reads (%2)")
                                  .arg(version).arg(BrokerDesign::FormatVersion));
        return std::nullopt;
    }
    DesignFile file;
    BrokerDesign &d = file.design;
    d.databaseName = r.string(json, u"database"_qs, u"$"_qs);
    const QJsonArray mts = r.array(json, u"messageTypes"_qs);
    for (qsizetype i = 0; i < mts.size() && r.ok(); ++i) {
        const QString path = QStringLiteral("messageTypes[%1]").arg(i);
        const QJsonObject o = r.object(mts.at(i), path);
        DesignMessageType m{r.string(o, u"name"_qs, path, true), r.string(o, u"owner"_qs, path), {}, r.string(o, u"schemaCollection"_qs, path)};
        const auto v = messageValidationFromKeyword(r.string(o, u"validation"_qs, path, true));
        if (!v)
            r.fail(path + u".validation"_qs, QStringLiteral("expected NONE, EMPTY, WELL_FORMED_XML or VALID_XML"));
        m.validation = v.value_or(MessageValidation::None);
        d.messageTypes.append(m);
    }
    const QJsonArray cts = r.array(json, u"contracts"_qs);
    for (qsizetype i = 0; i < cts.size() && r.ok(); ++i) {
        const QString path = QStringLiteral("contracts[%1]").arg(i);
        const QJsonObject o = r.object(cts.at(i), path);
        DesignContract c{r.string(o, u"name"_qs, path, true), r.string(o, u"owner"_qs, path), {}};
        const QJsonArray usages = r.array(o, u"usages"_qs);
        for (qsizetype j = 0; j < usages.size() && r.ok(); ++j) {
            const QString up = path + QStringLiteral(".usages[%1]").arg(j);
            const QJsonObject u = r.object(usages.at(j), up);
            const QString mt = r.string(u, u"messageType"_qs, up, true);
            const auto s = sentByFromKeyword(r.string(u, u"sentBy"_qs, up, true));
            if (!s)
                r.fail(up + u".sentBy"_qs, QStringLiteral("expected INITIATOR, TARGET or ANY"));
            c.usages.append({mt, s.value_or(SentBy::Initiator)});
        }
        d.contracts.append(c);
    }
    const QJsonArray qs = r.array(json, u"queues"_qs);
    for (qsizetype i = 0; i < qs.size() && r.ok(); ++i) {
        const QString path = QStringLiteral("queues[%1]").arg(i);
        const QJsonObject o = r.object(qs.at(i), path);
        DesignQueue q;
        q.schema = r.string(o, u"schema"_qs, path, true);
        q.name = r.string(o, u"name"_qs, path, true);
        q.status = r.boolean(o, u"status"_qs, path, true);
        q.retention = r.boolean(o, u"retention"_qs, path, false);
        q.poisonMessageHandling = r.boolean(o, u"poisonMessageHandling"_qs, path, true);
        if (o.contains(u"activation"_qs)) {
            const QString ap = path + u".activation"_qs;
            const QJsonObject a = r.object(o.value(u"activation"_qs), ap);
            DesignActivation act;
            act.status = r.boolean(a, u"status"_qs, ap, true);
            act.procedure = r.string(a, u"procedure"_qs, ap);
            act.maxQueueReaders = r.integer(a, u"maxQueueReaders"_qs, ap, 1, 0, 32767);
            const QString e = r.string(a, u"executeAs"_qs, ap, true);
            if (e == QLatin1String("SELF")) act.executeAs = ExecuteAs::Self;
            else if (e == QLatin1String("OWNER")) act.executeAs = ExecuteAs::Owner;
            else if (e == QLatin1String("USER")) act.executeAs = ExecuteAs::User;
            else r.fail(ap + u".executeAs"_qs, QStringLiteral("expected SELF, OWNER or USER"));
            act.executeAsUser = r.string(a, u"executeAsUser"_qs, ap);
            q.activation = act;
        }
        d.queues.append(q);
    }
    const QJsonArray ss = r.array(json, u"services"_qs);
    for (qsizetype i = 0; i < ss.size() && r.ok(); ++i) {
        const QString path = QStringLiteral("services[%1]").arg(i);
        const QJsonObject o = r.object(ss.at(i), path);
        DesignService s;
        s.name = r.string(o, u"name"_qs, path, true);
        s.owner = r.string(o, u"owner"_qs, path);
        s.queueSchema = r.string(o, u"queueSchema"_qs, path, true);
        s.queueName = r.string(o, u"queue"_qs, path, true);
        const QJsonArray cs = r.array(o, u"contracts"_qs);
        for (qsizetype j = 0; j < cs.size(); ++j) {
            if (!cs.at(j).isString())
                r.fail(path + QStringLiteral(".contracts[%1]").arg(j), QStringLiteral("expected a string"));
            s.contracts.append(cs.at(j).toString());
        }
        d.services.append(s);
    }
    const QJsonArray rs = r.array(json, u"routes"_qs);
    for (qsizetype i = 0; i < rs.size() && r.ok(); ++i) {
        const QString path = QStringLiteral("routes[%1]").arg(i);
        const QJsonObject o = r.object(rs.at(i), path);
        DesignRoute rt;
        rt.name = r.string(o, u"name"_qs, path, true);
        rt.owner = r.string(o, u"owner"_qs, path);
        rt.serviceName = r.string(o, u"serviceName"_qs, path);
        rt.brokerInstance = r.string(o, u"brokerInstance"_qs, path);
        if (o.contains(u"lifetime"_qs))
            rt.lifetimeSeconds = r.integer(o, u"lifetime"_qs, path, 0, 1, 2147483647);
        if (o.contains(u"expires"_qs)) {
            const QDateTime t = QDateTime::fromString(r.string(o, u"expires"_qs, path), Qt::ISODateWithMs);
            if (!t.isValid())
                r.fail(path + u".expires"_qs, QStringLiteral("expected an ISO 8601 date and time"));
            rt.expires = t;
        }
        rt.address = r.string(o, u"address"_qs, path);
        rt.mirrorAddress = r.string(o, u"mirrorAddress"_qs, path);
        d.routes.append(rt);
    }
    const QJsonArray bs = r.array(json, u"remoteServiceBindings"_qs);
    for (qsizetype i = 0; i < bs.size() && r.ok(); ++i) {
        const QString path = QStringLiteral("remoteServiceBindings[%1]").arg(i);
        const QJsonObject o = r.object(bs.at(i), path);
        d.bindings.append({r.string(o, u"name"_qs, path, true), r.string(o, u"owner"_qs, path),
                           r.string(o, u"serviceName"_qs, path), r.string(o, u"user"_qs, path),
                           r.boolean(o, u"anonymous"_qs, path, false)});
    }
    const QJsonObject positions = json.value(u"positions"_qs).toObject();
    for (auto it = positions.begin(); it != positions.end() && r.ok(); ++it) {
        const QJsonArray xy = it.value().toArray();
        if (xy.size() != 2 || !xy.at(0).isDouble() || !xy.at(1).isDouble())
            r.fail(u"positions."_qs + it.key(), QStringLiteral("expected [x, y]"));
        file.positions.insert(it.key(), QPointF(xy.at(0).toDouble(), xy.at(1).toDouble()));
    }
    if (!r.ok())
        return std::nullopt;
    // Names must be unique per kind: a file edited by hand could repeat one.
    QSet<DesignRef> seen;
    for (const DesignRef &ref : d.objects()) {
        if (seen.contains(ref)) {
            r.fail(u"$"_qs, QStringLiteral("%1 appears twice").arg(ref.display()));
            return std::nullopt;
        }
        seen.insert(ref);
    }
    return file;
}

bool DesignFileFormat::save(const QString &path, const DesignFile &file, QString *error)
{
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(toJson(file)).toJson(QJsonDocument::Indented)) < 0
        || !out.commit()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, out.errorString());
        return false;
    }
    return true;
}

std::optional<DesignFile> DesignFileFormat::load(const QString &path, QString *error)
{
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read %1: %2").arg(path, in.errorString());
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(in.readAll(), &parseError);
    if (!doc.isObject()) {
        if (error)
            *error = QStringLiteral("%1 is not a JSON design file: %2 at offset %3")
                         .arg(path, parseError.errorString()).arg(parseError.offset);
        return std::nullopt;
    }
    QString why;
    auto file = fromJson(doc.object(), &why);
    if (!file && error)
        *error = QStringLiteral("%1: %2").arg(path, why);
    return file;
}

} // namespace bs
