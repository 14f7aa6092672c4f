#include "data/odbc/queryresult.h"

#include <QDateTime>
#include <QJsonArray>
#include <QUuid>

namespace bs {

namespace {

QJsonValue toJsonValue(const QVariant &v)
{
    if (v.isNull() || !v.isValid())
        return QJsonValue(QJsonValue::Null);
    switch (v.metaType().id()) {
    case QMetaType::Bool:
        return v.toBool();
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Char:
    case QMetaType::UChar:
    case QMetaType::SChar:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return v.toLongLong();
    case QMetaType::Double:
    case QMetaType::Float:
        return v.toDouble();
    case QMetaType::QDateTime:
        // Recorded as the server wrote it: a wall-clock time without zone.
        return v.toDateTime().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz"));
    case QMetaType::QUuid:
        return v.toUuid().toString(QUuid::WithoutBraces);
    default:
        return v.toString();
    }
}

} // namespace

QVariant QueryResult::value(qsizetype row, const QString &column) const
{
    const qsizetype c = columnIndex(column);
    if (c < 0 || row < 0 || row >= rows.size() || c >= rows.at(row).size())
        return {};
    return rows.at(row).at(c);
}

QList<QVariantMap> QueryResult::rowMaps(bool lowerCaseNames) const
{
    QStringList names = columns;
    if (lowerCaseNames) {
        for (QString &n : names)
            n = n.toLower();
    }
    QList<QVariantMap> out;
    out.reserve(rows.size());
    for (const QVariantList &row : rows) {
        QVariantMap map;
        for (qsizetype c = 0; c < names.size(); ++c)
            map.insert(names.at(c), row.value(c));
        out.append(map);
    }
    return out;
}

QueryResult QueryResult::failure(QString errorText, QString nativeCode)
{
    QueryResult r;
    r.failed = true;
    r.errorText = std::move(errorText);
    r.nativeCode = std::move(nativeCode);
    return r;
}

QJsonObject QueryResult::toJson() const
{
    if (failed) {
        return {{QStringLiteral("error"),
                 QJsonObject{{QStringLiteral("message"), errorText}, {QStringLiteral("native"), nativeCode}}}};
    }
    QJsonArray rowArray;
    for (const QVariantList &row : rows) {
        QJsonArray r;
        for (const QVariant &v : row)
            r.append(toJsonValue(v));
        rowArray.append(r);
    }
    return {{QStringLiteral("columns"), QJsonArray::fromStringList(columns)}, {QStringLiteral("rows"), rowArray}};
}

QueryResult QueryResult::fromJson(const QJsonObject &json)
{
    if (json.contains(QLatin1String("error"))) {
        const QJsonObject e = json.value(QLatin1String("error")).toObject();
        const QJsonValue native = e.value(QLatin1String("native"));
        return failure(e.value(QLatin1String("message")).toString(),
                       native.isDouble() ? QString::number(native.toInt()) : native.toString());
    }
    QueryResult r;
    for (const QJsonValue &c : json.value(QLatin1String("columns")).toArray())
        r.columns.append(c.toString());
    for (const QJsonValue &row : json.value(QLatin1String("rows")).toArray()) {
        QVariantList values;
        for (const QJsonValue &v : row.toArray())
            values.append(v.isNull() ? QVariant() : v.toVariant());
        r.rows.append(values);
    }
    return r;
}

} // namespace bs
