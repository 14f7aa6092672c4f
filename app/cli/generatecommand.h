#pragma once

#include <QStringList>

namespace bs::cli {

/// `broker-studio generate --pattern <p> [--options options.json] --out DIR`.
int runGenerateCommand(const QStringList &arguments);

} // namespace bs::cli
