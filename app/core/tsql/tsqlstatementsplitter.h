#pragma once

#include "core/tsql/tsqlstatement.h"
#include "core/tsql/tsqltoken.h"

#include <QList>
#include <QStringView>

namespace bs {

/// Splits T-SQL tokens into statements the way SQL Server reads a batch that does not end its
/// statements with `;`: a statement starts at a keyword that can only begin one (SELECT after
/// a name or a literal, DECLARE, IF, BEGIN, SEND, ...), never inside parentheses or a CASE,
/// and never where the statement so far needs more (INSERT … SELECT, UPDATE … SET, UNION SELECT,
/// GRANT SEND, a CTE's main query, a MERGE, which must end with `;`). BEGIN…END, BEGIN TRY…
/// END TRY, BEGIN CATCH…END CATCH, IF…ELSE and WHILE nest; a CREATE PROCEDURE, TRIGGER or
/// FUNCTION holds its body up to the end of the batch. A GO token ends every open block.
/// Unbalanced input never stops it: the mismatch becomes a TsqlParseProblem.
class TsqlStatementSplitter
{
public:
    struct Result
    {
        QList<TsqlStatement> statements;
        QList<TsqlParseProblem> problems;
    };

    static Result split(QStringView text, const QList<TsqlToken> &tokens);
};

} // namespace bs
