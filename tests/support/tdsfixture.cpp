#include "tdsfixture.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>
#include <iterator>

namespace bs {

namespace {

void fail(QString *error, const QString &text)
{
    if (error)
        *error = text;
}

std::optional<TdsResultSet> resultSetFromJson(const QJsonObject &json, QString *error)
{
    TdsResultSet rs;
    const QJsonArray cols = json.value(u"columns").toArray();
    if (cols.isEmpty()) {
        fail(error, QStringLiteral("a result set needs \"columns\""));
        return std::nullopt;
    }
    for (const QJsonValue &c : cols) {
        QString name, type;
        if (c.isArray()) {
            name = c.toArray().at(0).toString();
            type = c.toArray().at(1).toString();
        } else {
            name = c.toObject().value(u"name").toString();
            type = c.toObject().value(u"type").toString();
        }
        const auto col = TdsFixture::column(name, type, error);
        if (!col)
            return std::nullopt;
        rs.columns.append(*col);
    }
    const QJsonArray rows = json.value(u"rows").toArray();
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QJsonArray row = rows.at(i).toArray();
        if (row.size() != rs.columns.size()) {
            fail(error, QStringLiteral("row %1 has %2 values for %3 columns").arg(i).arg(row.size()).arg(rs.columns.size()));
            return std::nullopt;
        }
        rs.rows.append(row);
    }
    return rs;
}

} // namespace

std::optional<TdsColumn> TdsFixture::column(const QString &name, const QString &typeName, QString *error)
{
    static const QRegularExpression re(QStringLiteral("^\\s*([a-z0-9]+)\\s*(?:\\(\\s*(max|\\d+)\\s*\\))?\\s*$"),
                                       QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(typeName);
    if (!m.hasMatch() || name.isEmpty()) {
        fail(error, QStringLiteral("column \"%1\": cannot read type \"%2\"").arg(name, typeName));
        return std::nullopt;
    }
    TdsColumn c;
    c.name = name;
    c.typeName = typeName;
    const QString base = m.captured(1).toLower();
    const QString arg = m.captured(2).toLower();
    const int n = arg == u"max" ? -1 : (arg.isEmpty() ? 0 : arg.toInt());
    struct Plain
    {
        const char16_t *name;
        TdsType type;
    };
    static const Plain plain[] = {
        {u"tinyint", TdsType::TinyInt},   {u"smallint", TdsType::SmallInt},
        {u"int", TdsType::Int},           {u"bigint", TdsType::BigInt},
        {u"bit", TdsType::Bit},           {u"float", TdsType::Float},
        {u"uniqueidentifier", TdsType::UniqueIdentifier},
        {u"datetime", TdsType::DateTime},
    };
    for (const Plain &p : plain) {
        if (base == QStringView(p.name) && arg.isEmpty()) {
            c.type = p.type;
            return c;
        }
    }
    if (base == u"sysname" && arg.isEmpty()) {
        c.type = TdsType::NVarChar;
        c.length = 128;
        return c;
    }
    if (base == u"datetime2") {
        c.type = TdsType::DateTime2;
        c.scale = arg.isEmpty() ? 7 : n;
        if (c.scale >= 0 && c.scale <= 7)
            return c;
    }
    struct Sized
    {
        const char16_t *name;
        TdsType type;
        int maxLength;
        bool maxAllowed;
    };
    static const Sized sized[] = {
        {u"nvarchar", TdsType::NVarChar, 4000, true}, {u"nchar", TdsType::NChar, 4000, false},
        {u"varchar", TdsType::VarChar, 8000, true},   {u"char", TdsType::Char, 8000, false},
        {u"varbinary", TdsType::VarBinary, 8000, true},
    };
    for (const Sized &s : sized) {
        if (base != QStringView(s.name))
            continue;
        c.type = s.type;
        c.length = arg.isEmpty() ? 1 : n;
        if ((c.length == -1 && s.maxAllowed) || (c.length >= 1 && c.length <= s.maxLength))
            return c;
    }
    fail(error, QStringLiteral("column \"%1\": unsupported type \"%2\"").arg(name, typeName));
    return std::nullopt;
}

TdsMessage TdsFixture::messageFromJson(const QJsonObject &json)
{
    TdsMessage m;
    m.number = json.value(u"number").toInt();
    m.state = json.value(u"state").toInt(1);
    m.severity = json.value(u"class").toInt(16);
    m.text = json.value(u"message").toString();
    m.line = json.value(u"line").toInt(1);
    m.procedure = json.value(u"procedure").toString();
    return m;
}

std::optional<TdsReply> TdsFixture::replyFromJson(const QJsonObject &json, QString *error)
{
    TdsReply r;
    if (json.contains(u"columns")) {
        const auto rs = resultSetFromJson(json, error);
        if (!rs)
            return std::nullopt;
        r.resultSets.append(*rs);
    }
    for (const QJsonValue &v : json.value(u"resultSets").toArray()) {
        const auto rs = resultSetFromJson(v.toObject(), error);
        if (!rs)
            return std::nullopt;
        r.resultSets.append(*rs);
    }
    if (json.value(u"error").isObject())
        r.error = messageFromJson(json.value(u"error").toObject());
    for (const QJsonValue &v : json.value(u"infos").toArray())
        r.infos.append(messageFromJson(v.toObject()));
    r.delayMs = json.value(u"delayMs").toInt(0);
    r.ignoreAttention = json.value(u"ignoreAttention").toBool(false);
    r.dropAfterRows = json.value(u"dropAfterRows").toInt(-1);
    r.rowsAffected = json.value(u"rowsAffected").toInteger(-1);
    return r;
}

std::optional<TdsFixture> TdsFixture::fromJson(const QJsonObject &json, QString *error)
{
    TdsFixture f;
    f.serverName = json.value(u"serverName").toString(f.serverName);
    f.database = json.value(u"database").toString(f.database);
    const QJsonObject login = json.value(u"login").toObject();
    f.user = login.value(u"user").toString(f.user);
    f.password = login.value(u"password").toString(f.password);
    const QJsonObject queries = json.value(u"queries").toObject();
    for (auto it = queries.begin(); it != queries.end(); ++it) {
        QString why;
        const auto r = replyFromJson(it.value().toObject(), &why);
        if (!r) {
            fail(error, QStringLiteral("queries.%1: %2").arg(it.key(), why));
            return std::nullopt;
        }
        f.queries.insert(it.key(), *r);
    }
    const QJsonArray batches = json.value(u"batches").toArray();
    for (qsizetype i = 0; i < batches.size(); ++i) {
        QString why;
        const QJsonObject o = batches.at(i).toObject();
        const auto r = replyFromJson(o, &why);
        if (!r) {
            fail(error, QStringLiteral("batches[%1]: %2").arg(i).arg(why));
            return std::nullopt;
        }
        f.batches.append({o.value(u"contains").toString(), *r});
    }
    return f;
}

bool TdsFixture::addRecordedResults(const QJsonObject &queries, const QJsonObject &types, QString *error)
{
    for (auto it = queries.begin(); it != queries.end(); ++it) {
        const QString tag = it.key().section(QLatin1Char('.'), -1);
        const QJsonObject recorded = it.value().toObject();
        TdsReply reply;
        if (recorded.value(u"error").isObject()) {
            const QJsonObject e = recorded.value(u"error").toObject();
            TdsMessage m;
            m.number = e.value(u"native").toString().toInt();
            // Drop the driver's prefixes: the server sends only its own text.
            m.text = e.value(u"message").toString().section(QLatin1Char(']'), -1);
            static const int permissionErrors[] = {229, 230, 262, 297, 300};
            m.severity = std::find(std::begin(permissionErrors), std::end(permissionErrors), m.number)
                                 != std::end(permissionErrors)
                             ? 14
                             : 16;
            reply.error = m;
        } else {
            TdsResultSet rs;
            const QJsonObject columnTypes = types.value(it.key()).toObject();
            for (const QJsonValue &name : recorded.value(u"columns").toArray()) {
                const QString type = columnTypes.value(name.toString()).toString();
                const auto col = column(name.toString(), type, error);
                if (!col) {
                    fail(error, QStringLiteral("%1: no type for column \"%2\"").arg(it.key(), name.toString()));
                    return false;
                }
                rs.columns.append(*col);
            }
            for (const QJsonValue &row : recorded.value(u"rows").toArray())
                rs.rows.append(row.toArray());
            reply.resultSets.append(rs);
        }
        this->queries.insert(tag, reply);
    }
    return true;
}

std::optional<TdsFixture> TdsFixture::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        fail(error, QStringLiteral("%1: %2").arg(path, file.errorString()));
        return std::nullopt;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &pe);
    if (!doc.isObject()) {
        fail(error, QStringLiteral("%1: %2").arg(path, pe.errorString()));
        return std::nullopt;
    }
    QString why;
    auto f = fromJson(doc.object(), &why);
    if (!f)
        fail(error, QStringLiteral("%1: %2").arg(path, why));
    return f;
}

} // namespace bs
