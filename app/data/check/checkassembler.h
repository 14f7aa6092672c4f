#pragma once

#include "core/check/checkfacts.h"
#include "data/odbc/catalogassembler.h"

#include <QStringList>

namespace bs {

/// Turns the result sets of the health-check queries (sql/check/*.sql) into CheckFacts. A pure
/// function of its input, tested from fixtures and through the TDS test server: a query that
/// failed becomes an UnavailablePart (with the permission to grant), never an empty "clean" list,
/// and answers that metadata visibility may have hidden are left unknown.
class CheckAssembler
{
public:
    /// The check queries, in the order the reader runs them ("check.database_facts" first).
    static QStringList queryNames();
    static CheckFacts assemble(const CatalogAssembler::Results &results);
};

} // namespace bs
