#pragma once

#include "core/design/brokerdesign.h"

#include <QString>

namespace bs {

/// Writes a design as T-SQL: deterministic, re-runnable (each CREATE runs only when the object
/// does not exist yet), in dependency order (message types, contracts, queues, services, routes,
/// remote service bindings). Every identifier goes through quoteIdentifier, every literal through
/// quoteLiteral. A pure function; golden-tested line by line (tests/design/ddl).
class DesignDdlWriter
{
public:
    struct Options
    {
        bool header = true;        ///< the comment block naming the database and the syntax pages
        bool ifNotExists = true;   ///< wrap each CREATE in IF NOT EXISTS (re-runnable)
    };

    static QString write(const BrokerDesign &design, const Options &options);
    static QString write(const BrokerDesign &design) { return write(design, Options{}); }

    // One statement each (no trailing line break), for the migration script; `indent` starts each
    // continuation line.
    static QString createMessageType(const DesignMessageType &m);
    static QString createContract(const DesignContract &c, const QString &indent = {});
    static QString createQueue(const DesignQueue &q, const QString &indent = {});
    static QString createService(const DesignService &s);
    static QString createRoute(const DesignRoute &r, const QString &indent = {});
    static QString createBinding(const DesignBinding &b);
    /// The ACTIVATION ( … ) clause of a queue.
    static QString activationClause(const DesignActivation &a);
    /// Why an object cannot be written as T-SQL (empty when it can): a contract without message
    /// types, a binding without its user, a VALID_XML type without a schema collection, …
    static QString unwritableReason(const BrokerDesign &design, const DesignRef &ref);
    /// The existence test used for re-runnable scripts, e.g. OBJECT_ID(N'[dbo].[Q]', N'SQ') IS NULL.
    static QString notExistsCondition(const DesignRef &ref);
};

} // namespace bs
