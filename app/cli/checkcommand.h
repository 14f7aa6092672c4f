#pragma once

#include <QStringList>

namespace bs::cli {

/// `broker-studio check --sample | --scenario NAME | --connection "<odbc>" [--format text|json|junit|sarif]
/// [--fail-on error|warning] [--output FILE]`: the health check, headless. Exit code 0 when nothing
/// at or above the --fail-on severity was found, 1 otherwise, 2 when the check could not run.
int runCheckCommand(const QStringList &arguments);

} // namespace bs::cli
