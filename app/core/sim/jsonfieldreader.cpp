#include "core/sim/jsonfieldreader.h"

#include "core/sim/jsonlocator.h"

#include <QJsonValue>

namespace bs::sim {

bool JsonFieldReader::fail(const QString &path, const QString &problem)
{
    if (!m_error.isEmpty())
        return false;
    const auto [line, column] = JsonLocator(m_text).locate(path);
    if (line > 0)
        m_error = QStringLiteral("line %1, column %2: %3: %4").arg(line).arg(column).arg(path, problem);
    else
        m_error = QStringLiteral("%1: %2").arg(path, problem);
    return false;
}

bool JsonFieldReader::keys(const QJsonObject &o, const QString &path, const QStringList &allowed)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!allowed.contains(it.key()))
            return fail(join(path, it.key()), QStringLiteral("unknown field (expected one of: %1)").arg(allowed.join(QStringLiteral(", "))));
    }
    return true;
}

bool JsonFieldReader::object(const QJsonObject &o, const QString &key, const QString &path, QJsonObject &out, bool required)
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

bool JsonFieldReader::array(const QJsonObject &o, const QString &key, const QString &path, QJsonArray &out, bool required)
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

bool JsonFieldReader::string(const QJsonObject &o, const QString &key, const QString &path, QString &out, bool required)
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

bool JsonFieldReader::number(const QJsonObject &o, const QString &key, const QString &path, double &out, double min,
                             double max, bool required, bool minExclusive)
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

bool JsonFieldReader::boolean(const QJsonObject &o, const QString &key, const QString &path, bool &out)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined())
        return true;
    if (!v.isBool())
        return fail(join(path, key), QStringLiteral("must be true or false"));
    out = v.toBool();
    return true;
}

bool JsonFieldReader::optBoolean(const QJsonObject &o, const QString &key, const QString &path, std::optional<bool> &out)
{
    if (o.value(key).isUndefined())
        return true;
    bool b = false;
    if (!boolean(o, key, path, b))
        return false;
    out = b;
    return true;
}

} // namespace bs::sim
