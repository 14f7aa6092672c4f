#pragma once

#include <QStringList>

namespace bs::cli {

/// `broker-studio diff --from FILE | --sample | --connection "<odbc>" --to FILE [--out migration.sql]`:
/// the differences object by object, then the migration script (ALTER where allowed, DROP and
/// CREATE otherwise, a warning per destructive step). Nothing is run. With --out the script goes
/// to the file and the differences to standard output. Exit code 0, 1 when something cannot be
/// read or written, 2 on a usage or parse error.
int runDiffCommand(const QStringList &arguments);

} // namespace bs::cli
