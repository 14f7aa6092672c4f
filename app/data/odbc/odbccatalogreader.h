#pragma once

#include "data/odbc/catalogassembler.h"

#include <QSqlError>
#include <QString>
#include <QThreadPool>
#include <QStringList>

#include <functional>

namespace bs {

/// What one visit to the server produced: the connection's outcome and each query's result.
struct OdbcReadResult
{
    bool connected = false;
    QString connectError; ///< the driver's own text when the connection failed
    CatalogAssembler::Results results;
    qint64 elapsedMs = 0;
};

/// Connects over QODBC on the calling (worker) thread with a connection of its own, runs named
/// queries from sql/, and disconnects. Blocking; callers run it off the GUI thread.
class OdbcCatalogReader
{
public:
    using CancelCheck = std::function<bool()>;
    using Progress = std::function<void(const QString &)>;

    static OdbcReadResult run(const QString &connectionString, int loginTimeoutSeconds, const QStringList &queries,
                              const CancelCheck &isCancelled = {}, const Progress &progress = {});

    /// The driver's messages from an error, one per line, repeated diagnostics removed.
    static QString driverMessage(const QSqlError &error);
    /// "Reading queues…" for "catalog.queues".
    static QString progressText(const QString &queryName);
    /// The pool the ODBC workers run on. A blocking connect cannot be interrupted, so they are
    /// kept off Qt's global pool where they could starve other work.
    static QThreadPool *threadPool();
};

} // namespace bs
