#pragma once

#include <QString>
#include <QStringList>

namespace bs {

/// The statements in sql/, embedded as resources and looked up by their `-- query: <name>` tag.
/// Names are "<folder>.<tag>", e.g. "catalog.queues" for sql/catalog/queues.sql.
class QueryLibrary
{
public:
    /// The text of the named query; an empty string when there is no such query.
    static QString text(const QString &name);
    /// Every query name in a folder ("catalog", "monitor"), sorted.
    static QStringList names(const QString &folder);
    /// Reads one query file's text and its tag; returns an error text when the first line
    /// is not `-- query: <name>`.
    static QString parse(const QString &fileText, QString *name, QString *body);
};

} // namespace bs
