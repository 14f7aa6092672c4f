#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <cmath>
#include <optional>
#include <utility>

namespace bs::sim {

/// Reads typed fields out of parsed JSON and checks them (required, type, range, allowed
/// names). The first failure is kept as the error, naming the field by its JSON path and, found
/// in the raw text, its line and column: "line 12, column 21: workloads[0].pattern.pool: ...".
/// Every reading function returns false once a field fails, so calls chain with &&.
class JsonFieldReader
{
public:
    explicit JsonFieldReader(const QByteArray &text) : m_text(text) {}

    /// Records `problem` for the field at `path` unless an error is already recorded; false.
    bool fail(const QString &path, const QString &problem);
    QString error() const { return m_error; }

    static QString join(const QString &path, const QString &key)
    {
        return path.isEmpty() ? key : path + QLatin1Char('.') + key;
    }
    static QString at(const QString &path, qsizetype i)
    {
        return path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
    }

    /// Fails on the first key of `o` that is not in `allowed`.
    bool keys(const QJsonObject &o, const QString &path, const QStringList &allowed);
    bool object(const QJsonObject &o, const QString &key, const QString &path, QJsonObject &out, bool required);
    bool array(const QJsonObject &o, const QString &key, const QString &path, QJsonArray &out, bool required);
    /// A string of at most 4000 characters; a required one must not be empty.
    bool string(const QJsonObject &o, const QString &key, const QString &path, QString &out, bool required);
    bool number(const QJsonObject &o, const QString &key, const QString &path, double &out, double min, double max,
                bool required, bool minExclusive = false);
    bool boolean(const QJsonObject &o, const QString &key, const QString &path, bool &out);
    bool optBoolean(const QJsonObject &o, const QString &key, const QString &path, std::optional<bool> &out);

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

    /// A string that must be one of the names of `options`; `out` gets the matching value.
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

} // namespace bs::sim
