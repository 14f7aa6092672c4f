#include "core/sim/jsonlocator.h"

#include <QRegularExpression>

namespace bs::sim {

QList<JsonLocator::PathStep> JsonLocator::splitPath(const QString &path)
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

std::pair<int, int> JsonLocator::locate(const QString &path) const
{
    const qsizetype offset = find(0, splitPath(path), 0);
    if (offset < 0)
        return {0, 0};
    return lineColumn(m_t, offset);
}

std::pair<int, int> JsonLocator::lineColumn(const QByteArray &text, qsizetype offset)
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

qsizetype JsonLocator::find(qsizetype p, const QList<PathStep> &steps, int i) const
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

qsizetype JsonLocator::ws(qsizetype p) const
{
    while (p >= 0 && p < m_t.size() && (m_t.at(p) == ' ' || m_t.at(p) == '\n' || m_t.at(p) == '\r' || m_t.at(p) == '\t'))
        ++p;
    return p;
}

// Returns the position after the closing quote.
qsizetype JsonLocator::skipString(qsizetype p) const
{
    for (++p; p < m_t.size(); ++p) {
        if (m_t.at(p) == '\\')
            ++p;
        else if (m_t.at(p) == '"')
            return p + 1;
    }
    return -1;
}

qsizetype JsonLocator::skipValue(qsizetype p) const
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

} // namespace bs::sim
