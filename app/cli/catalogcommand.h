#pragma once

#include <QStringList>

namespace bs::cli {

/// `broker-studio catalog --sample|--connection <odbc> [--format text|json]`.
int runCatalogCommand(const QStringList &arguments);

} // namespace bs::cli
