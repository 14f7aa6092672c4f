#pragma once

#include <QStringList>

namespace bs::cli {

/// `broker-studio cleanup --scenario NAME | --connection "<odbc>" --queue SCHEMA.NAME --pair LOCAL:FAR
/// --states CD,DI,DO [--min-lifetime-left S] --dry-run | --yes [--batch N] [--pause MS] [--history FILE]`:
/// the guided leak cleanup headless. --dry-run prints the plan; --yes runs it with progress on stderr,
/// audited and resumable like the dialog's. Exit code 0 when done, 1 when the run failed or was
/// stopped, 2 when it could not start (bad arguments, no connection, read-only).
int runCleanupCommand(const QStringList &arguments);

} // namespace bs::cli
