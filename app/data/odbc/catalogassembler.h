#pragma once

#include "core/catalog.h"
#include "data/odbc/queryresult.h"

#include <QHash>
#include <QStringList>

namespace bs {

/// Turns the result sets of the catalog queries (sql/catalog/*.sql) into a BrokerCatalog.
/// A pure function of its input, so it is tested from recorded fixtures without a server:
/// a query that failed becomes a CatalogProblem and the rest still loads.
class CatalogAssembler
{
public:
    /// Query name ("catalog.queues") -> its rows or its error.
    using Results = QHash<QString, QueryResult>;

    /// Every catalog query, in the order the reader runs them (the database's flags first).
    static QStringList queryNames();
    /// The catalog view a query reads, e.g. "sys.routes" for "catalog.routes".
    static QString viewOf(const QString &queryName);
    /// True when the driver's error says a permission is missing (SQL Server errors 229, 230,
    /// 262, 297, 300, or the text says so).
    static bool isPermissionError(const QueryResult &result);

    static BrokerCatalog assemble(const Results &results);

    /// Reads a fixture: {"queries": {"catalog.queues": {...QueryResult json...}, ...}}.
    static Results resultsFromJson(const QJsonObject &json);
    static QJsonObject resultsToJson(const Results &results);
};

} // namespace bs
