#pragma once

#include "core/design/brokerdesign.h"

#include <QStringList>

#include <optional>

namespace bs::cli {

/// `broker-studio ddl --from-catalog --sample | --from-catalog --connection "<odbc>" | --from-design FILE
/// [--out FILE] [--plain]`: the re-runnable CREATE script of a design or of a database's broker
/// objects. Exit code 0, 1 when the catalog or a file cannot be read or written, 2 on a usage
/// error or a design script that does not parse.
int runDdlCommand(const QStringList &arguments);

/// A design from a file: a design file (JSON) or a .sql script read by the DDL import. On failure
/// `error` holds the reason (for a script: every error with line and column).
std::optional<BrokerDesign> loadDesignArgument(const QString &path, QString *error);

/// The broker catalog of a database over ODBC, read as the window reads it (waits for the worker).
std::optional<BrokerCatalog> readCatalogOverOdbc(const QString &connectionString, int loginTimeoutSeconds, QString *error);

/// Writes `text` to `path` (QSaveFile) or, when `path` is empty, to standard output.
bool writeOutput(const QString &path, const QString &text, QString *error);

} // namespace bs::cli
