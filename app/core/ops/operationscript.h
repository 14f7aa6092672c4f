#pragma once

#include "core/ops/operation.h"

#include <QString>

namespace bs {
class TemplateEngine;
}

namespace bs {

/// Turns an operation into its statement: the template sql/ops/<name>.sql (embedded as
/// :/sql/ops/<name>.sql) filled by the TemplateEngine, identifiers through quoteIdentifier and
/// numbers as digits; user values (handle, error code, description) become parameters @P1…@Pn.
/// Template lines starting `--#` are notes for the reader of sql/ops (the documentation page)
/// and are not sent. Pure: the same operation gives the same text, for the preview, the run and
/// the audit.
class OperationScript
{
public:
    static OperationStatement render(const Operation &op);
    /// A template's text without its `--#` notes; empty with *error when there is none.
    static QString templateText(const QString &templateName, QString *error);
    /// Fills template `templateName` with `engine` and attaches `parameters` (the @Pn values):
    /// the one way every statement of sql/ops is made.
    static OperationStatement fill(const QString &templateName, const TemplateEngine &engine,
                                   const QList<OperationParameter> &parameters);
    /// A parameter @P<index>.
    static OperationParameter parameter(int index, const QString &sqlType, const QString &label, const QVariant &value,
                                        ParameterWire wire = ParameterWire::Native);

    /// The text the ODBC driver is given: each @Pn marker (a variable token, never one inside a
    /// string, identifier or comment) becomes `?`, which the driver turns back into @P1… in order
    /// (FreeTDS and Microsoft's driver both name them so), so the server receives exactly the
    /// previewed text. Fails (empty, *error set) unless the markers appear once each, in order.
    static QString positionalText(const OperationStatement &statement, QString *error);

    /// The quarantine steps of poison triage plan (a) for `queue` (sql/ops/poison_quarantine_steps.sql:
    /// copy the messages of conversation @handle, END it WITH ERROR), for a script that declares
    /// @handle itself: the poison alert's fix script shares them with the operation.
    static QString poisonQuarantineSteps(const QueueRef &queue, QString *error);

    /// The permission check for `op` (sql/ops/permission.sql): HAS_PERMS_BY_NAME with the
    /// securable, class and permission bound as parameters.
    static OperationStatement permissionStatement(const Operation &op);
};

} // namespace bs
