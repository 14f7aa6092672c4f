#pragma once

#include <QStringList>

#include <optional>

namespace bs::cli {

/// Runs a headless subcommand (catalog, simulate, generate) when the arguments name one.
/// Returns the process exit code, or nullopt when the GUI should start.
std::optional<int> runHeadless(const QStringList &arguments);

} // namespace bs::cli
