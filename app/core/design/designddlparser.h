#pragma once

#include "core/design/brokerdesign.h"

#include <QList>
#include <QString>

namespace bs {

/// A statement the DDL import could not read, where it is and the text around it.
struct DdlImportError
{
    int line = 0;   ///< 1-based
    int column = 0; ///< 1-based, UTF-16 code units
    QString message;
    QString context; ///< the source line, then a caret under the column
    QString toString() const; ///< "line:column: message" and the context
    bool operator==(const DdlImportError &) const = default;
};

/// A statement the import skipped (not a broker DDL statement): where and what it is.
struct DdlSkippedStatement
{
    int line = 0;
    QString summary; ///< its first words, e.g. "CREATE PROCEDURE [dbo].[Activate]"
    bool operator==(const DdlSkippedStatement &) const = default;
};

/// What a DDL import produced: the design, or the errors (never both: a script with an error
/// gives no design, so nothing is half imported), and the statements skipped.
struct DdlImportResult
{
    BrokerDesign design;
    QList<DdlImportError> errors;
    QList<DdlSkippedStatement> skipped;
    int statementsApplied = 0;
    bool ok() const { return errors.isEmpty(); }
};

/// Reads a T-SQL script (SSMS's "Script as CREATE", a deployment script, our own DDL export) into
/// a design. Statements come from the one T-SQL tokenizer and statement splitter (app/core/tsql);
/// CREATE, ALTER and DROP of MESSAGE TYPE, CONTRACT, QUEUE, SERVICE, ROUTE and REMOTE SERVICE
/// BINDING are parsed to Microsoft's documented grammar and applied in order to `start`, with
/// the checks SQL Server makes (an object created twice, a reference to an object that does not
/// exist, a drop of an object still used). Statements inside IF / BEGIN…END / TRY are read (the
/// conditions are not evaluated); procedure bodies and any other statement are skipped and listed.
/// Grammar pages: CREATE/ALTER/DROP MESSAGE TYPE, CONTRACT, QUEUE, SERVICE, ROUTE, REMOTE SERVICE
/// BINDING under https://learn.microsoft.com/sql/t-sql/statements/.
class DesignDdlParser
{
public:
    static DdlImportResult parse(const QString &script, const BrokerDesign &start = {});
};

} // namespace bs
