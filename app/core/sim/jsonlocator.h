#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace bs::sim {

/// Finds where a value sits in JSON text, so that an error about a field can name its line
/// and column: QJsonDocument keeps no positions. Paths look like "workloads[0].pattern.pool".
class JsonLocator
{
public:
    explicit JsonLocator(const QByteArray &text) : m_t(text) {}

    /// Line and column (1-based) of the value at `path`; {0, 0} when it cannot be found.
    std::pair<int, int> locate(const QString &path) const;
    /// Line and column (1-based) of a byte offset.
    static std::pair<int, int> lineColumn(const QByteArray &text, qsizetype offset);

private:
    struct PathStep
    {
        QString key;
        int index = -1; // >= 0: an array element
    };

    static QList<PathStep> splitPath(const QString &path);
    qsizetype find(qsizetype p, const QList<PathStep> &steps, int i) const;
    qsizetype ws(qsizetype p) const;
    qsizetype skipString(qsizetype p) const;
    qsizetype skipValue(qsizetype p) const;

    const QByteArray &m_t;
};

} // namespace bs::sim
