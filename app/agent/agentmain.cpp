#include "agent/agentcommandline.h"

#include <QCoreApplication>

// broker-studio-agent: the fleet agent as its own executable, so the long-running service loads
// no GUI libraries (see docs/fleet.md). `broker-studio agent …` forwards here.
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("BrokerStudio"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("brokerstudio.example"));
    QCoreApplication::setApplicationName(QStringLiteral("broker-studio-agent"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BS_VERSION));
    return bs::AgentCommandLine::run(QCoreApplication::arguments());
}
