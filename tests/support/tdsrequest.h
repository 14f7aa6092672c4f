#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QVariant>

namespace bs {

/// One parameter of an RPC request as decoded from the wire.
struct TdsParameter
{
    QString name;     ///< "@P1", or empty for a positional parameter
    QString typeName; ///< wire type, e.g. "nvarchar(4000)", "intn(4)"
    bool isOutput = false;
    QVariant value;   ///< null QVariant for SQL NULL
};

/// A request the test server received, kept in its log so tests (and people) can see
/// exactly what the driver stack sent.
struct TdsRequest
{
    enum class Kind { PreLogin, Login, Batch, Rpc, Attention, Other };

    Kind kind = Kind::Other;
    int connection = 0;     ///< 1-based connection number since the server started
    QDateTime time;         ///< UTC
    QString text;           ///< batch text, or the statement an RPC carries/refers to
    QString procedure;      ///< RPC: "sp_executesql", "sp_prepexec", ...
    QString parameterDecl;  ///< RPC: the @params declaration, if any
    QList<TdsParameter> parameters; ///< RPC: the statement's own parameters
    QString tag;            ///< `-- query: <tag>` of the statement, empty when untagged
    QString user;           ///< Login: the login name
    QString database;       ///< Login: the database asked for
    bool loginAccepted = false;

    /// One line for logs: "#2 rpc sp_prepexec [catalog.queues] @P1=5".
    QString summary() const;
};

} // namespace bs
