#pragma once

#include <QString>
#include <QStringList>

namespace bs {

/// A configuration for Debian's prometheus-sql-exporter (the justwatchcom sql_exporter: `jobs`
/// with `connections` and `queries`), generated from the agent's own statements in sql/monitor,
/// for fleets that already run one exporter per server. It runs the same statements, but without
/// the agent's assembly, folding and alert rules (docs/fleet.md lists the trade-offs).
class SqlExporterCollector
{
public:
    /// How one sql/monitor statement becomes exporter metrics.
    struct Query
    {
        QString tag;      ///< sql/monitor query name, e.g. "endpoints"
        QString help;
        QStringList labels; ///< result columns exported as labels
        QStringList values; ///< numeric result columns, one metric each
    };
    static const QList<Query> &queries();
    static QString yaml();
};

} // namespace bs
