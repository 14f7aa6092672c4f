#pragma once

#include <QString>
#include <QStringList>

class QCommandLineParser;

#include <optional>

namespace bs::cli {

/// Runs a headless subcommand (catalog, simulate, generate) when the arguments name one.
/// Returns the process exit code, or nullopt when the GUI should start.
std::optional<int> runHeadless(const QStringList &arguments);

/// A subcommand's help: QCommandLineParser's text with the usage line naming the subcommand,
/// "Usage: broker-studio generate [options]" instead of "Usage: broker-studio [options]".
QString subcommandHelp(const QCommandLineParser &parser, const QString &subcommand);

} // namespace bs::cli
