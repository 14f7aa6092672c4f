#pragma once

#include <QStringList>

namespace bs::cli {

/// `broker-studio simulate <scenario> [--duration S] [--speed X] [--csv out.csv] [--summary]`.
int runSimulateCommand(const QStringList &arguments);

} // namespace bs::cli
