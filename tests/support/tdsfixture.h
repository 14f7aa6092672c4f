#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace bs {

/// The SQL Server column types the test server can send (see docs/tds-test-server.md).
enum class TdsType {
    TinyInt,
    SmallInt,
    Int,
    BigInt,
    Bit,
    Float,
    NVarChar,   ///< nvarchar(n), nvarchar(max), sysname (= nvarchar(128))
    NChar,
    VarChar,
    Char,
    UniqueIdentifier,
    DateTime,
    DateTime2,
    VarBinary,
};

/// One column of a result set as the server describes it in COLMETADATA.
struct TdsColumn
{
    QString name;
    QString typeName; ///< as written in the fixture, e.g. "nvarchar(max)"
    TdsType type = TdsType::Int;
    int length = 0;   ///< characters or bytes; -1 = (max)
    int scale = 7;    ///< datetime2 fractional digits
};

/// A result set: columns and rows of JSON values (null = SQL NULL).
struct TdsResultSet
{
    QList<TdsColumn> columns;
    QList<QJsonArray> rows;
};

/// An ERROR or INFO token: the number, state, class (severity), text and line a server reports.
struct TdsMessage
{
    int number = 0;
    int state = 1;
    int severity = 16;
    QString text;
    int line = 1;
    QString procedure;
};

/// How the server answers one statement, faults included.
struct TdsReply
{
    QList<TdsResultSet> resultSets;
    std::optional<TdsMessage> error; ///< sent after the result sets
    QList<TdsMessage> infos;         ///< INFO tokens (PRINT output) sent first
    int delayMs = 0;                 ///< wait before answering (an attention cancels it)
    bool ignoreAttention = false;    ///< the delay goes on after an attention (a server that stopped answering)
    int dropAfterRows = -1;          ///< close the connection after this many rows of the first set
    qint64 rowsAffected = -1;        ///< DONE row count for a statement without a result set
};

/// A rule for untagged batches (script runs): the first rule whose `contains` text occurs in
/// the batch answers it; an empty `contains` matches every batch.
struct TdsBatchRule
{
    QString contains;
    TdsReply reply;
};

/// A scenario for the TDS test server, usually read from a JSON file: the login it accepts,
/// the database and server names it reports, the answer to each `-- query: <tag>` statement,
/// and rules for untagged script batches. The format is described in docs/tds-test-server.md.
struct TdsFixture
{
    QString serverName = QStringLiteral("TDSTEST");
    QString database = QStringLiteral("master");
    QString user = QStringLiteral("bs_test");
    QString password = QStringLiteral("Test#Pa55w0rd");
    QHash<QString, TdsReply> queries;
    QList<TdsBatchRule> batches;

    /// Reads a fixture; on failure returns nullopt and says which field is wrong.
    static std::optional<TdsFixture> fromJson(const QJsonObject &json, QString *error = nullptr);
    static std::optional<TdsFixture> load(const QString &path, QString *error = nullptr);
    /// Parses "int", "nvarchar(128)", "nvarchar(max)", "sysname", "datetime2(3)", ...
    static std::optional<TdsColumn> column(const QString &name, const QString &typeName, QString *error = nullptr);
    static std::optional<TdsReply> replyFromJson(const QJsonObject &json, QString *error = nullptr);
    static TdsMessage messageFromJson(const QJsonObject &json);
    /// Adds answers from the data layer's recorded-result format ({"catalog.queues": {"columns":
    /// [names], "rows": [...]} or {"error": {"message", "native"}}}), typing each column from
    /// types ({"catalog.queues": {"object_id": "int", ...}}). The tag is the part after the dot.
    bool addRecordedResults(const QJsonObject &queries, const QJsonObject &types, QString *error = nullptr);
};

} // namespace bs
