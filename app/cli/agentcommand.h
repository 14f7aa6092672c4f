#pragma once

#include <QStringList>

namespace bs::cli {

/// `broker-studio agent …`: hands over to the broker-studio-agent executable next to this one
/// (same arguments), so the long-running agent never loads the GUI libraries this executable links.
int runAgentCommand(const QStringList &arguments);

} // namespace bs::cli
