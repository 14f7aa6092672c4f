#include "core/sim/scenarioloader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>

namespace bs::sim {

namespace {

// ---- locating a JSON path in the raw text, for line/column in error messages ----

struct PathStep
{
    QString key;
    int index = -1; // >= 0: an array element
};

QList<PathStep> splitPath(const QString &path)
{
    QList<PathStep> steps;
    static const QRegularExpression part(QStringLiteral("([^.\\[\\]]+)|\\[(\\d+)\\]"));
    auto it = part.globalMatch(path);
    while (it.hasNext()) {
        const auto m = it.next();
        PathStep s;
        if (m.capturedLength(1) > 0)
            s.key = m.captured(1);
        else
            s.index = m.captured(2).toInt();
        steps.append(s);
    }
    return steps;
}

class Locator
{
public:
    explicit Locator(const QByteArray &text) : m_t(text) {}

    qsizetype find(qsizetype p, const QList<PathStep> &steps, int i)
    {
        p = ws(p);
        if (p >= m_t.size())
            return -1;
        if (i == steps.size())
            return p;
        const PathStep &step = steps.at(i);
        if (step.index < 0 && m_t.at(p) == '{') {
            p = ws(p + 1);
            while (p < m_t.size() && m_t.at(p) == '"') {
                const qsizetype keyEnd = skipString(p);
                if (keyEnd < 0)
                    return -1;
                const QString key = QString::fromUtf8(m_t.mid(p + 1, keyEnd - p - 2));
                p = ws(keyEnd);
                if (p >= m_t.size() || m_t.at(p) != ':')
                    return -1;
                p = ws(p + 1);
                if (key == step.key)
                    return find(p, steps, i + 1);
                p = ws(skipValue(p));
                if (p < 0 || p >= m_t.size() || m_t.at(p) != ',')
                    return -1;
                p = ws(p + 1);
            }
            return -1;
        }
        if (step.index >= 0 && m_t.at(p) == '[') {
            p = ws(p + 1);
            for (int n = 0; p < m_t.size() && m_t.at(p) != ']'; ++n) {
                if (n == step.index)
                    return find(p, steps, i + 1);
                p = ws(skipValue(p));
                if (p < 0 || p >= m_t.size() || m_t.at(p) != ',')
                    return -1;
                p = ws(p + 1);
            }
        }
        return -1;
    }

private:
    qsizetype ws(qsizetype p) const
    {
        while (p >= 0 && p < m_t.size() && (m_t.at(p) == ' ' || m_t.at(p) == '\n' || m_t.at(p) == '\r' || m_t.at(p) == '\t'))
            ++p;
        return p;
    }
    // Returns the position after the closing quote.
    qsizetype skipString(qsizetype p) const
    {
        for (++p; p < m_t.size(); ++p) {
            if (m_t.at(p) == '\\')
                ++p;
            else if (m_t.at(p) == '"')
                return p + 1;
        }
        return -1;
    }
    qsizetype skipValue(qsizetype p) const
    {
        if (p < 0 || p >= m_t.size())
            return -1;
        const char c = m_t.at(p);
        if (c == '"')
            return skipString(p);
        if (c == '{' || c == '[') {
            int depth = 0;
            for (; p < m_t.size(); ++p) {
                const char d = m_t.at(p);
                if (d == '"') {
                    p = skipString(p);
                    if (p < 0)
                        return -1;
                    --p;
                } else if (d == '{' || d == '[') {
                    ++depth;
                } else if (d == '}' || d == ']') {
                    if (--depth == 0)
                        return p + 1;
                }
            }
            return -1;
        }
        while (p < m_t.size() && m_t.at(p) != ',' && m_t.at(p) != '}' && m_t.at(p) != ']' && m_t.at(p) != ' '
               && m_t.at(p) != '\n' && m_t.at(p) != '\r' && m_t.at(p) != '\t')
            ++p;
        return p;
    }

    const QByteArray &m_t;
};

std::pair<int, int> lineColumn(const QByteArray &text, qsizetype offset)
{
    int line = 1;
    int column = 1;
    for (qsizetype i = 0; i < offset && i < text.size(); ++i) {
        if (text.at(i) == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

// ---- reading fields with errors that name them ----

class Reader
{
public:
    explicit Reader(const QByteArray &text) : m_text(text) {}

    bool fail(const QString &path, const QString &problem)
    {
        if (!m_error.isEmpty())
            return false;
        const auto [line, column] = ScenarioLoader::locate(m_text, path);
        if (line > 0)
            m_error = QStringLiteral("line %1, column %2: %3: %4").arg(line).arg(column).arg(path, problem);
        else
            m_error = QStringLiteral("%1: %2").arg(path, problem);
        return false;
    }
    QString error() const { return m_error; }

    static QString join(const QString &path, const QString &key)
    {
        return path.isEmpty() ? key : path + QLatin1Char('.') + key;
    }
    static QString at(const QString &path, qsizetype i)
    {
        return path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
    }

    bool keys(const QJsonObject &o, const QString &path, const QStringList &allowed)
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!allowed.contains(it.key()))
                return fail(join(path, it.key()), QStringLiteral("unknown field (expected one of: %1)").arg(allowed.join(QStringLiteral(", "))));
        }
        return true;
    }

    bool object(const QJsonObject &o, const QString &key, const QString &path, QJsonObject &out, bool required)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            out = {};
            return !required || fail(join(path, key), QStringLiteral("missing (an object is required)"));
        }
        if (!v.isObject())
            return fail(join(path, key), QStringLiteral("must be an object"));
        out = v.toObject();
        return true;
    }

    bool array(const QJsonObject &o, const QString &key, const QString &path, QJsonArray &out, bool required)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            out = {};
            return !required || fail(join(path, key), QStringLiteral("missing (an array is required)"));
        }
        if (!v.isArray())
            return fail(join(path, key), QStringLiteral("must be an array"));
        out = v.toArray();
        return true;
    }

    bool string(const QJsonObject &o, const QString &key, const QString &path, QString &out, bool required)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return !required || fail(join(path, key), QStringLiteral("missing (a string is required)"));
        if (!v.isString())
            return fail(join(path, key), QStringLiteral("must be a string"));
        out = v.toString();
        if (required && out.isEmpty())
            return fail(join(path, key), QStringLiteral("must not be empty"));
        if (out.size() > 4000)
            return fail(join(path, key), QStringLiteral("is longer than 4000 characters"));
        return true;
    }

    bool number(const QJsonObject &o, const QString &key, const QString &path, double &out, double min, double max,
                bool required, bool minExclusive = false)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return !required || fail(join(path, key), QStringLiteral("missing (a number is required)"));
        if (!v.isDouble() || !std::isfinite(v.toDouble()))
            return fail(join(path, key), QStringLiteral("must be a number"));
        const double d = v.toDouble();
        if (d < 0 && min >= 0)
            return fail(join(path, key), QStringLiteral("must not be negative (got %1)").arg(d));
        if (minExclusive ? d <= min : d < min)
            return fail(join(path, key), QStringLiteral("must be %1 %2 (got %3)").arg(minExclusive ? QStringLiteral("greater than") : QStringLiteral("at least")).arg(min).arg(d));
        if (d > max)
            return fail(join(path, key), QStringLiteral("must be at most %1 (got %2)").arg(max).arg(d));
        out = d;
        return true;
    }

    template<typename Int>
    bool integer(const QJsonObject &o, const QString &key, const QString &path, Int &out, double min, double max, bool required)
    {
        double d = double(out);
        if (!number(o, key, path, d, min, max, required))
            return false;
        if (std::floor(d) != d)
            return fail(join(path, key), QStringLiteral("must be a whole number (got %1)").arg(d));
        out = Int(d);
        return true;
    }

    bool boolean(const QJsonObject &o, const QString &key, const QString &path, bool &out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return true;
        if (!v.isBool())
            return fail(join(path, key), QStringLiteral("must be true or false"));
        out = v.toBool();
        return true;
    }

    bool optBoolean(const QJsonObject &o, const QString &key, const QString &path, std::optional<bool> &out)
    {
        if (o.value(key).isUndefined())
            return true;
        bool b = false;
        if (!boolean(o, key, path, b))
            return false;
        out = b;
        return true;
    }

    template<typename E>
    bool choice(const QJsonObject &o, const QString &key, const QString &path, E &out,
                const QList<std::pair<QString, E>> &options, bool required)
    {
        QString s;
        if (!string(o, key, path, s, required))
            return false;
        if (s.isEmpty() && !required)
            return true;
        QStringList names;
        for (const auto &[name, value] : options) {
            if (name == s) {
                out = value;
                return true;
            }
            names.append(name);
        }
        return fail(join(path, key), QStringLiteral("\"%1\" is not one of: %2").arg(s, names.join(QStringLiteral(", "))));
    }

private:
    const QByteArray &m_text;
    QString m_error;
};

constexpr int FirstUserId = 65536; // SQL Server numbers user broker objects from 65536 [U]
constexpr int FirstQueueObjectId = 1000000;

const Queue *findQueue(const BrokerCatalog &c, const QString &ref)
{
    for (const Queue &q : c.queues) {
        if (q.name == ref || q.schema + QLatin1Char('.') + q.name == ref)
            return &q;
    }
    return nullptr;
}

bool readTopology(Reader &r, const QJsonObject &t, BrokerCatalog &c, const QString &name)
{
    const QString path = QStringLiteral("topology");
    if (!r.keys(t, path, {QStringLiteral("server"), QStringLiteral("database"), QStringLiteral("brokerEnabled"),
                          QStringLiteral("messageTypes"), QStringLiteral("contracts"), QStringLiteral("queues"),
                          QStringLiteral("services")}))
        return false;
    c.database.serverName = QStringLiteral("(simulation)");
    c.database.databaseName = name.isEmpty() ? QStringLiteral("SimulatedBroker") : name;
    if (!r.string(t, QStringLiteral("server"), path, c.database.serverName, false)
        || !r.string(t, QStringLiteral("database"), path, c.database.databaseName, false))
        return false;
    c.database.isBrokerEnabled = true;
    if (!r.boolean(t, QStringLiteral("brokerEnabled"), path, c.database.isBrokerEnabled))
        return false;
    c.database.serviceBrokerGuid = QUuid(QStringLiteral("{5b1e0000-0000-4000-8000-00000000b5b5}"));
    c.database.productVersion = QStringLiteral("simulated");

    QJsonArray arr;
    if (!r.array(t, QStringLiteral("messageTypes"), path, arr, true))
        return false;
    for (qsizetype i = 0; i < arr.size(); ++i) {
        const QString p = Reader::at(Reader::join(path, QStringLiteral("messageTypes")), i);
        if (!arr.at(i).isObject())
            return r.fail(p, QStringLiteral("must be an object"));
        const QJsonObject o = arr.at(i).toObject();
        if (!r.keys(o, p, {QStringLiteral("name"), QStringLiteral("validation")}))
            return false;
        MessageType mt;
        mt.id = FirstUserId + int(i);
        if (!r.string(o, QStringLiteral("name"), p, mt.name, true))
            return false;
        if (c.messageTypes.end() != std::find_if(c.messageTypes.begin(), c.messageTypes.end(), [&](const MessageType &m) { return m.name == mt.name; }))
            return r.fail(Reader::join(p, QStringLiteral("name")), QStringLiteral("duplicate message type \"%1\"").arg(mt.name));
        QString v = QStringLiteral("NONE");
        if (!r.choice<QString>(o, QStringLiteral("validation"), p, v,
                               {{QStringLiteral("NONE"), QStringLiteral("NONE")},
                                {QStringLiteral("EMPTY"), QStringLiteral("EMPTY")},
                                {QStringLiteral("WELL_FORMED_XML"), QStringLiteral("XML")}},
                               false))
            return false;
        mt.validationDesc = v;
        mt.validation = v == QLatin1String("XML") ? QStringLiteral("X") : v.left(1);
        mt.principalId = 1;
        c.messageTypes.append(mt);
    }

    if (!r.array(t, QStringLiteral("contracts"), path, arr, true))
        return false;
    for (qsizetype i = 0; i < arr.size(); ++i) {
        const QString p = Reader::at(Reader::join(path, QStringLiteral("contracts")), i);
        if (!arr.at(i).isObject())
            return r.fail(p, QStringLiteral("must be an object"));
        const QJsonObject o = arr.at(i).toObject();
        if (!r.keys(o, p, {QStringLiteral("name"), QStringLiteral("messages")}))
            return false;
        Contract ct;
        ct.id = FirstUserId + int(i);
        ct.principalId = 1;
        if (!r.string(o, QStringLiteral("name"), p, ct.name, true))
            return false;
        if (c.contractByName(ct.name))
            return r.fail(Reader::join(p, QStringLiteral("name")), QStringLiteral("duplicate contract \"%1\"").arg(ct.name));
        QJsonArray msgs;
        if (!r.array(o, QStringLiteral("messages"), p, msgs, true))
            return false;
        bool initiatorCanSend = false;
        for (qsizetype j = 0; j < msgs.size(); ++j) {
            const QString mp = Reader::at(Reader::join(p, QStringLiteral("messages")), j);
            if (!msgs.at(j).isObject())
                return r.fail(mp, QStringLiteral("must be an object"));
            const QJsonObject m = msgs.at(j).toObject();
            if (!r.keys(m, mp, {QStringLiteral("type"), QStringLiteral("sentBy")}))
                return false;
            QString type;
            if (!r.string(m, QStringLiteral("type"), mp, type, true))
                return false;
            const auto mt = std::find_if(c.messageTypes.begin(), c.messageTypes.end(), [&](const MessageType &x) { return x.name == type; });
            if (mt == c.messageTypes.end())
                return r.fail(Reader::join(mp, QStringLiteral("type")), QStringLiteral("unknown message type \"%1\"").arg(type));
            int sentBy = 0;
            if (!r.choice<int>(m, QStringLiteral("sentBy"), mp, sentBy,
                               {{QStringLiteral("INITIATOR"), 1}, {QStringLiteral("TARGET"), 2}, {QStringLiteral("ANY"), 3}}, true))
                return false;
            MessageUsage u;
            u.messageTypeId = mt->id;
            u.sentByInitiator = sentBy & 1;
            u.sentByTarget = sentBy & 2;
            initiatorCanSend = initiatorCanSend || u.sentByInitiator;
            ct.usages.append(u);
        }
        // CREATE CONTRACT: at least one message type must be sendable by the initiator.
        if (!initiatorCanSend)
            return r.fail(Reader::join(p, QStringLiteral("messages")), QStringLiteral("no message type is SENT BY INITIATOR or ANY"));
        c.contracts.append(ct);
    }

    if (!r.array(t, QStringLiteral("queues"), path, arr, true))
        return false;
    for (qsizetype i = 0; i < arr.size(); ++i) {
        const QString p = Reader::at(Reader::join(path, QStringLiteral("queues")), i);
        if (!arr.at(i).isObject())
            return r.fail(p, QStringLiteral("must be an object"));
        const QJsonObject o = arr.at(i).toObject();
        if (!r.keys(o, p, {QStringLiteral("name"), QStringLiteral("schema"), QStringLiteral("status"), QStringLiteral("retention"),
                           QStringLiteral("poisonMessageHandling"), QStringLiteral("activation")}))
            return false;
        Queue q;
        q.objectId = FirstQueueObjectId + int(i) * 16;
        q.schema = QStringLiteral("dbo");
        if (!r.string(o, QStringLiteral("name"), p, q.name, true) || !r.string(o, QStringLiteral("schema"), p, q.schema, false))
            return false;
        if (c.queueByName(q.schema, q.name))
            return r.fail(Reader::join(p, QStringLiteral("name")), QStringLiteral("duplicate queue \"%1.%2\"").arg(q.schema, q.name));
        bool status = true;
        if (!r.boolean(o, QStringLiteral("status"), p, status) || !r.boolean(o, QStringLiteral("retention"), p, q.isRetentionEnabled)
            || !r.boolean(o, QStringLiteral("poisonMessageHandling"), p, q.isPoisonMessageHandlingEnabled))
            return false;
        q.isReceiveEnabled = status;
        q.isEnqueueEnabled = status;
        QJsonObject a;
        if (!r.object(o, QStringLiteral("activation"), p, a, false))
            return false;
        if (!a.isEmpty()) {
            const QString ap = Reader::join(p, QStringLiteral("activation"));
            if (!r.keys(a, ap, {QStringLiteral("status"), QStringLiteral("procedure"), QStringLiteral("maxReaders"), QStringLiteral("executeAs")}))
                return false;
            q.isActivationEnabled = true;
            q.maxReaders = 1;
            QString executeAs = QStringLiteral("OWNER");
            if (!r.boolean(a, QStringLiteral("status"), ap, q.isActivationEnabled)
                || !r.string(a, QStringLiteral("procedure"), ap, q.activationProcedure, true)
                || !r.integer(a, QStringLiteral("maxReaders"), ap, q.maxReaders, 0, MaxQueueReadersLimit, false)
                || !r.string(a, QStringLiteral("executeAs"), ap, executeAs, false))
                return false;
            if (executeAs == QLatin1String("OWNER"))
                q.executeAsPrincipalId = -2;
            else if (executeAs != QLatin1String("CALLER"))
                q.executeAsPrincipalId = 1;
            q.executeAsName = executeAs;
        }
        q.createDate = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
        q.modifyDate = q.createDate;
        c.queues.append(q);
    }

    if (!r.array(t, QStringLiteral("services"), path, arr, true))
        return false;
    for (qsizetype i = 0; i < arr.size(); ++i) {
        const QString p = Reader::at(Reader::join(path, QStringLiteral("services")), i);
        if (!arr.at(i).isObject())
            return r.fail(p, QStringLiteral("must be an object"));
        const QJsonObject o = arr.at(i).toObject();
        if (!r.keys(o, p, {QStringLiteral("name"), QStringLiteral("queue"), QStringLiteral("contracts")}))
            return false;
        Service s;
        s.id = FirstUserId + int(i);
        s.principalId = 1;
        QString queue;
        if (!r.string(o, QStringLiteral("name"), p, s.name, true) || !r.string(o, QStringLiteral("queue"), p, queue, true))
            return false;
        if (c.serviceByName(s.name))
            return r.fail(Reader::join(p, QStringLiteral("name")), QStringLiteral("duplicate service \"%1\"").arg(s.name));
        const Queue *q = findQueue(c, queue);
        if (!q)
            return r.fail(Reader::join(p, QStringLiteral("queue")), QStringLiteral("unknown queue \"%1\"").arg(queue));
        s.queueId = q->objectId;
        QJsonArray cts;
        if (!r.array(o, QStringLiteral("contracts"), p, cts, false))
            return false;
        for (qsizetype j = 0; j < cts.size(); ++j) {
            const QString cp = Reader::at(Reader::join(p, QStringLiteral("contracts")), j);
            const Contract *ct = cts.at(j).isString() ? c.contractByName(cts.at(j).toString()) : nullptr;
            if (!ct)
                return r.fail(cp, QStringLiteral("unknown contract \"%1\"").arg(cts.at(j).toString()));
            s.contractIds.append(ct->id);
        }
        c.services.append(s);
    }
    return true;
}

bool readWorkload(Reader &r, const QJsonObject &o, const QString &p, const BrokerCatalog &c, WorkloadSpec &w)
{
    if (!r.keys(o, p, {QStringLiteral("name"), QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("contract"),
                       QStringLiteral("messageType"), QStringLiteral("endOfStreamType"), QStringLiteral("body"),
                       QStringLiteral("rate"), QStringLiteral("pattern"), QStringLiteral("task"), QStringLiteral("start"),
                       QStringLiteral("stop")}))
        return false;
    if (!r.string(o, QStringLiteral("name"), p, w.name, false) || !r.string(o, QStringLiteral("from"), p, w.fromService, true)
        || !r.string(o, QStringLiteral("to"), p, w.toService, true))
        return false;
    if (!c.serviceByName(w.fromService))
        return r.fail(Reader::join(p, QStringLiteral("from")), QStringLiteral("unknown service \"%1\"").arg(w.fromService));
    const Service *to = c.serviceByName(w.toService);
    if (!to)
        return r.fail(Reader::join(p, QStringLiteral("to")), QStringLiteral("unknown service \"%1\"").arg(w.toService));
    if (!r.string(o, QStringLiteral("contract"), p, w.contract, false))
        return false;
    if (w.contract.isEmpty()) {
        if (to->contractIds.isEmpty())
            return r.fail(Reader::join(p, QStringLiteral("contract")), QStringLiteral("missing, and service \"%1\" has no contract to default to").arg(w.toService));
        w.contract = c.contract(to->contractIds.first())->name;
    } else if (!c.contractByName(w.contract)) {
        return r.fail(Reader::join(p, QStringLiteral("contract")), QStringLiteral("unknown contract \"%1\"").arg(w.contract));
    }
    auto typeExists = [&](const QString &n) {
        return std::any_of(c.messageTypes.begin(), c.messageTypes.end(), [&](const MessageType &m) { return m.name == n; });
    };
    if (!r.string(o, QStringLiteral("messageType"), p, w.messageType, true))
        return false;
    if (!typeExists(w.messageType))
        return r.fail(Reader::join(p, QStringLiteral("messageType")), QStringLiteral("unknown message type \"%1\"").arg(w.messageType));
    if (!r.string(o, QStringLiteral("endOfStreamType"), p, w.endOfStreamType, false))
        return false;
    if (!w.endOfStreamType.isEmpty() && !typeExists(w.endOfStreamType))
        return r.fail(Reader::join(p, QStringLiteral("endOfStreamType")), QStringLiteral("unknown message type \"%1\"").arg(w.endOfStreamType));
    if (!r.choice<BodyKind>(o, QStringLiteral("body"), p, w.body,
                            {{QStringLiteral("xml"), BodyKind::Xml}, {QStringLiteral("text"), BodyKind::Text}, {QStringLiteral("empty"), BodyKind::Empty}}, false))
        return false;
    if (!r.number(o, QStringLiteral("start"), p, w.startSeconds, 0, 1e9, false) || !r.number(o, QStringLiteral("stop"), p, w.stopSeconds, 0, 1e9, false))
        return false;

    QJsonObject rate;
    const QString rp = Reader::join(p, QStringLiteral("rate"));
    if (!r.object(o, QStringLiteral("rate"), p, rate, true)
        || !r.keys(rate, rp, {QStringLiteral("kind"), QStringLiteral("perSecond"), QStringLiteral("count"), QStringLiteral("at"), QStringLiteral("every")})
        || !r.choice<RateKind>(rate, QStringLiteral("kind"), rp, w.rate.kind,
                               {{QStringLiteral("constant"), RateKind::Constant}, {QStringLiteral("poisson"), RateKind::Poisson}, {QStringLiteral("batch"), RateKind::Batch}}, true))
        return false;
    const bool batch = w.rate.kind == RateKind::Batch;
    w.rate.perSecond = batch ? 0.0 : 1.0;
    if (!r.number(rate, QStringLiteral("perSecond"), rp, w.rate.perSecond, 0, 1e6, !batch)
        || !r.integer(rate, QStringLiteral("count"), rp, w.rate.batchCount, 1, 1e7, batch)
        || !r.number(rate, QStringLiteral("at"), rp, w.rate.batchAtSeconds, 0, 1e9, false)
        || !r.number(rate, QStringLiteral("every"), rp, w.rate.batchEverySeconds, 0, 1e9, false))
        return false;
    if (batch && w.rate.batchEverySeconds > 0 && w.rate.batchEverySeconds < 1)
        return r.fail(Reader::join(rp, QStringLiteral("every")), QStringLiteral("must be 0 (once) or at least 1 second"));

    QJsonObject pat;
    const QString pp = Reader::join(p, QStringLiteral("pattern"));
    if (!r.object(o, QStringLiteral("pattern"), p, pat, true)
        || !r.keys(pat, pp, {QStringLiteral("kind"), QStringLiteral("lifetime"), QStringLiteral("window"), QStringLiteral("pool"),
                             QStringLiteral("recycleMessages"), QStringLiteral("recycleSeconds"), QStringLiteral("targetEndsOnEndDialog")})
        || !r.choice<PatternKind>(pat, QStringLiteral("kind"), pp, w.pattern.kind,
                                  {{QStringLiteral("naive"), PatternKind::Naive}, {QStringLiteral("windowed"), PatternKind::Windowed},
                                   {QStringLiteral("targetEndsFirst"), PatternKind::TargetEndsFirst}, {QStringLiteral("keepFiring"), PatternKind::KeepFiring}}, true))
        return false;
    if (w.pattern.kind == PatternKind::Windowed) {
        if (!r.number(pat, QStringLiteral("window"), pp, w.pattern.lifetimeSeconds, 0, double(DefaultLifetimeSeconds), true, true))
            return false;
        if (pat.contains(QStringLiteral("lifetime")))
            return r.fail(Reader::join(pp, QStringLiteral("lifetime")), QStringLiteral("the windowed pattern's lifetime is its window; give only \"window\""));
    } else {
        if (pat.contains(QStringLiteral("window")))
            return r.fail(Reader::join(pp, QStringLiteral("window")), QStringLiteral("only the windowed pattern has a window"));
        if (!r.integer(pat, QStringLiteral("lifetime"), pp, w.pattern.lifetimeSeconds, 1, double(DefaultLifetimeSeconds), false))
            return false;
    }
    if (!r.integer(pat, QStringLiteral("pool"), pp, w.pattern.pool, 1, MaxQueueReadersLimit, false)
        || !r.integer(pat, QStringLiteral("recycleMessages"), pp, w.pattern.recycleMessages, 0, 1e12, false)
        || !r.number(pat, QStringLiteral("recycleSeconds"), pp, w.pattern.recycleSeconds, 0, 1e9, false)
        || !r.boolean(pat, QStringLiteral("targetEndsOnEndDialog"), pp, w.pattern.targetEndsOnEndDialog))
        return false;
    if (w.pattern.kind == PatternKind::KeepFiring && (w.pattern.recycleMessages > 0 || w.pattern.recycleSeconds > 0) && w.endOfStreamType.isEmpty())
        return r.fail(Reader::join(p, QStringLiteral("endOfStreamType")), QStringLiteral("missing: keep-firing recycles with an EndOfStream message"));

    QJsonObject task;
    const QString tp = Reader::join(p, QStringLiteral("task"));
    if (!r.object(o, QStringLiteral("task"), p, task, false)
        || !r.keys(task, tp, {QStringLiteral("distribution"), QStringLiteral("mean"), QStringLiteral("sigma"), QStringLiteral("failureProbability"),
                              QStringLiteral("doomedFraction"), QStringLiteral("delivery"), QStringLiteral("poisonMessage")})
        || !r.choice<TaskDistribution>(task, QStringLiteral("distribution"), tp, w.task.distribution,
                                       {{QStringLiteral("fixed"), TaskDistribution::Fixed}, {QStringLiteral("exponential"), TaskDistribution::Exponential},
                                        {QStringLiteral("lognormal"), TaskDistribution::LogNormal}}, false)
        || !r.number(task, QStringLiteral("mean"), tp, w.task.meanSeconds, 0, 1e6, false)
        || !r.number(task, QStringLiteral("sigma"), tp, w.task.sigma, 0, 10, false)
        || !r.number(task, QStringLiteral("failureProbability"), tp, w.task.failureProbability, 0, 1, false)
        || !r.number(task, QStringLiteral("doomedFraction"), tp, w.task.doomedFraction, 0, 1, false)
        || !r.choice<TaskDelivery>(task, QStringLiteral("delivery"), tp, w.task.delivery,
                                   {{QStringLiteral("atMostOnce"), TaskDelivery::AtMostOnce}, {QStringLiteral("inTransaction"), TaskDelivery::InTransaction},
                                    {QStringLiteral("rollbackOnFailure"), TaskDelivery::RollbackOnFailure}}, false)
        || !r.integer(task, QStringLiteral("poisonMessage"), tp, w.task.poisonMessage, 0, 1e12, false))
        return false;
    return true;
}

bool readChange(Reader &r, const QJsonObject &o, const QString &p, const BrokerCatalog &c, ChangeSpec &ch)
{
    if (!r.keys(o, p, {QStringLiteral("at"), QStringLiteral("action"), QStringLiteral("queue"), QStringLiteral("messageType"),
                       QStringLiteral("service"), QStringLiteral("status"), QStringLiteral("activation"), QStringLiteral("maxReaders"),
                       QStringLiteral("poisonMessageHandling"), QStringLiteral("validation"), QStringLiteral("enabled")})
        || !r.number(o, QStringLiteral("at"), p, ch.atSeconds, 0, 1e9, true)
        || !r.choice<ChangeAction>(o, QStringLiteral("action"), p, ch.action,
                                   {{QStringLiteral("alterQueue"), ChangeAction::AlterQueue}, {QStringLiteral("alterMessageType"), ChangeAction::AlterMessageType},
                                    {QStringLiteral("setBroker"), ChangeAction::SetBroker}, {QStringLiteral("dropService"), ChangeAction::DropService}}, true))
        return false;
    switch (ch.action) {
    case ChangeAction::AlterQueue: {
        if (!r.string(o, QStringLiteral("queue"), p, ch.target, true))
            return false;
        const Queue *q = findQueue(c, ch.target);
        if (!q)
            return r.fail(Reader::join(p, QStringLiteral("queue")), QStringLiteral("unknown queue \"%1\"").arg(ch.target));
        ch.target = q->schema + QLatin1Char('.') + q->name;
        int readers = -1;
        if (!r.optBoolean(o, QStringLiteral("status"), p, ch.status) || !r.optBoolean(o, QStringLiteral("activation"), p, ch.activation)
            || !r.optBoolean(o, QStringLiteral("poisonMessageHandling"), p, ch.poisonHandling)
            || !r.integer(o, QStringLiteral("maxReaders"), p, readers, 0, MaxQueueReadersLimit, false))
            return false;
        if (readers >= 0)
            ch.maxReaders = readers;
        return true;
    }
    case ChangeAction::AlterMessageType: {
        if (!r.string(o, QStringLiteral("messageType"), p, ch.target, true))
            return false;
        if (std::none_of(c.messageTypes.begin(), c.messageTypes.end(), [&](const MessageType &m) { return m.name == ch.target; }))
            return r.fail(Reader::join(p, QStringLiteral("messageType")), QStringLiteral("unknown message type \"%1\"").arg(ch.target));
        return r.choice<QString>(o, QStringLiteral("validation"), p, ch.validation,
                                 {{QStringLiteral("NONE"), QStringLiteral("N")}, {QStringLiteral("EMPTY"), QStringLiteral("E")},
                                  {QStringLiteral("WELL_FORMED_XML"), QStringLiteral("X")}}, true);
    }
    case ChangeAction::SetBroker: {
        bool enabled = true;
        if (!o.contains(QStringLiteral("enabled")))
            return r.fail(Reader::join(p, QStringLiteral("enabled")), QStringLiteral("missing (true or false is required)"));
        if (!r.boolean(o, QStringLiteral("enabled"), p, enabled))
            return false;
        ch.status = enabled;
        return true;
    }
    case ChangeAction::DropService:
        if (!r.string(o, QStringLiteral("service"), p, ch.target, true))
            return false;
        if (!c.serviceByName(ch.target))
            return r.fail(Reader::join(p, QStringLiteral("service")), QStringLiteral("unknown service \"%1\"").arg(ch.target));
        return true;
    }
    return true;
}

} // namespace

std::pair<int, int> ScenarioLoader::locate(const QByteArray &text, const QString &path)
{
    Locator locator(text);
    const qsizetype offset = locator.find(0, splitPath(path), 0);
    if (offset < 0)
        return {0, 0};
    return lineColumn(text, offset);
}

std::optional<Scenario> ScenarioLoader::fromJson(const QByteArray &text, QString *error)
{
    auto failWith = [&](const QString &message) -> std::optional<Scenario> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const auto [line, column] = lineColumn(text, parseError.offset);
        return failWith(QStringLiteral("line %1, column %2: malformed JSON: %3").arg(line).arg(column).arg(parseError.errorString()));
    }
    if (!doc.isObject())
        return failWith(QStringLiteral("line 1, column 1: the scenario must be a JSON object"));
    const QJsonObject root = doc.object();
    Reader r(text);
    Scenario s;
    QString schema;
    double seed = 1;
    QString start;
    QJsonObject topology;
    QJsonObject settings;
    QJsonArray workloads;
    QJsonArray changes;
    const bool ok = r.keys(root, QString(), {QStringLiteral("schema"), QStringLiteral("version"), QStringLiteral("name"), QStringLiteral("description"),
                                             QStringLiteral("seed"), QStringLiteral("duration"), QStringLiteral("sampleInterval"), QStringLiteral("start"),
                                             QStringLiteral("settings"), QStringLiteral("topology"), QStringLiteral("workloads"), QStringLiteral("changes")})
        && r.string(root, QStringLiteral("schema"), QString(), schema, true)
        && (schema == QLatin1String("broker-studio-scenario")
            || r.fail(QStringLiteral("schema"), QStringLiteral("must be \"broker-studio-scenario\"")))
        && r.integer(root, QStringLiteral("version"), QString(), s.version, 1, 1e6, true)
        && (s.version == SchemaVersion
            || r.fail(QStringLiteral("version"), QStringLiteral("version %1 is not supported (this build reads version %2)").arg(s.version).arg(SchemaVersion)))
        && r.string(root, QStringLiteral("name"), QString(), s.name, false)
        && r.string(root, QStringLiteral("description"), QString(), s.description, false)
        && r.integer(root, QStringLiteral("seed"), QString(), seed, 0, 9007199254740992.0, false)
        && r.number(root, QStringLiteral("duration"), QString(), s.durationSeconds, 0, 10.0 * 365 * 86400, false, true)
        && r.number(root, QStringLiteral("sampleInterval"), QString(), s.sampleIntervalSeconds, 0.001, 86400, false)
        && r.string(root, QStringLiteral("start"), QString(), start, false)
        && r.object(root, QStringLiteral("topology"), QString(), topology, true)
        && readTopology(r, topology, s.catalog, s.name)
        && r.object(root, QStringLiteral("settings"), QString(), settings, false)
        && r.keys(settings, QStringLiteral("settings"),
                  {QStringLiteral("monitorIntervalSeconds"), QStringLiteral("securityTimestampSeconds"), QStringLiteral("closedExtraRetentionSeconds"),
                   QStringLiteral("poisonRollbackLimit"), QStringLiteral("poisonDisablesEnqueue"), QStringLiteral("waitforTimeoutSeconds"),
                   QStringLiteral("systemMessageSeconds")})
        && r.number(settings, QStringLiteral("monitorIntervalSeconds"), QStringLiteral("settings"), s.settings.monitorIntervalSeconds, 0.001, 3600, false)
        && r.number(settings, QStringLiteral("securityTimestampSeconds"), QStringLiteral("settings"), s.settings.securityTimestampSeconds, 0, 1e7, false)
        && r.number(settings, QStringLiteral("closedExtraRetentionSeconds"), QStringLiteral("settings"), s.settings.closedExtraRetentionSeconds, 0, 1e7, false)
        && r.integer(settings, QStringLiteral("poisonRollbackLimit"), QStringLiteral("settings"), s.settings.poisonRollbackLimit, 1, 1000, false)
        && r.boolean(settings, QStringLiteral("poisonDisablesEnqueue"), QStringLiteral("settings"), s.settings.poisonDisablesEnqueue)
        && r.number(settings, QStringLiteral("waitforTimeoutSeconds"), QStringLiteral("settings"), s.settings.waitforTimeoutSeconds, 0.001, 86400, false)
        && r.number(settings, QStringLiteral("systemMessageSeconds"), QStringLiteral("settings"), s.settings.systemMessageSeconds, 0, 3600, false)
        && r.array(root, QStringLiteral("workloads"), QString(), workloads, true)
        && r.array(root, QStringLiteral("changes"), QString(), changes, false);
    if (!ok)
        return failWith(r.error());
    s.seed = quint64(seed);
    if (!start.isEmpty()) {
        s.start = QDateTime::fromString(start, Qt::ISODate);
        if (!s.start.isValid())
            return (r.fail(QStringLiteral("start"), QStringLiteral("\"%1\" is not an ISO 8601 date and time").arg(start)), failWith(r.error()));
        s.start = s.start.toUTC();
    }
    for (qsizetype i = 0; i < workloads.size(); ++i) {
        const QString p = Reader::at(QStringLiteral("workloads"), i);
        WorkloadSpec w;
        w.name = QStringLiteral("workload %1").arg(i + 1);
        if (!workloads.at(i).isObject())
            return (r.fail(p, QStringLiteral("must be an object")), failWith(r.error()));
        if (!readWorkload(r, workloads.at(i).toObject(), p, s.catalog, w))
            return failWith(r.error());
        s.workloads.append(w);
    }
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const QString p = Reader::at(QStringLiteral("changes"), i);
        ChangeSpec ch;
        if (!changes.at(i).isObject())
            return (r.fail(p, QStringLiteral("must be an object")), failWith(r.error()));
        if (!readChange(r, changes.at(i).toObject(), p, s.catalog, ch))
            return failWith(r.error());
        s.changes.append(ch);
    }
    if (error)
        error->clear();
    return s;
}

std::optional<Scenario> ScenarioLoader::fromFile(const QString &path, QString *error)
{
    QFile f(resolve(path));
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    QString message;
    auto s = fromJson(f.readAll(), &message);
    if (!s && error)
        *error = QStringLiteral("%1: %2").arg(path, message);
    return s;
}

QString ScenarioLoader::resolve(const QString &nameOrPath)
{
    if (nameOrPath.startsWith(QLatin1String(":/")) || QFileInfo::exists(nameOrPath))
        return nameOrPath;
    if (!nameOrPath.contains(QLatin1Char('/'))) {
        QString name = nameOrPath;
        if (!name.endsWith(QLatin1String(".json")))
            name += QLatin1String(".json");
        const QString resource = QStringLiteral(":/scenarios/") + name;
        if (QFileInfo::exists(resource))
            return resource;
    }
    return nameOrPath;
}

QStringList ScenarioLoader::builtInNames()
{
    QStringList names;
    const QStringList files = QDir(QStringLiteral(":/scenarios")).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &f : files)
        names.append(QFileInfo(f).completeBaseName());
    return names;
}

} // namespace bs::sim
