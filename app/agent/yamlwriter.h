#pragma once

#include <QString>
#include <QStringList>

namespace bs {

/// Writes the small YAML documents the agent generates (Prometheus rules, the sql_exporter
/// configuration): block mappings and sequences with every scalar double-quoted and escaped, and
/// literal blocks for SQL and long texts, so that no name or text can change the structure.
class YamlWriter
{
public:
    /// A double-quoted YAML scalar (JSON escapes, which YAML's double-quoted style shares).
    static QString quoted(const QString &value);
    void comment(const QString &text);
    void line(int indent, const QString &text);
    /// `key: ["a", "b"]` (flow style, quoted items).
    void list(int indent, const QString &key, const QStringList &items);
    /// `key: |` then the text indented below it (a literal block; trailing spaces trimmed).
    void block(int indent, const QString &key, const QString &text);
    QString text() const { return m_text; }

private:
    QString m_text;
};

} // namespace bs
