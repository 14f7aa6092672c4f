#pragma once

#include <QString>

namespace bs {

/// A row of sys.sql_modules with its object's name and type: the T-SQL of a procedure, trigger or
/// function. `definition` is NULL (isVisible false) when the caller lacks VIEW DEFINITION on the
/// module or the module is WITH ENCRYPTION (learn.microsoft.com/sql/relational-databases/
/// system-catalog-views/sys-sql-modules-transact-sql): the linter then reports "cannot see".
struct SqlModule
{
    int objectId = 0;
    QString schema;
    QString name;
    QString type;       ///< sys.objects.type, trimmed: P, TR, FN, IF, TF, V, ...
    QString definition;
    bool isVisible = true;
    bool isEncrypted = false; ///< OBJECTPROPERTY(object_id, 'IsEncrypted') when known

    QString qualifiedName() const; ///< [schema].[name]
    bool operator==(const SqlModule &) const = default;
};

} // namespace bs
