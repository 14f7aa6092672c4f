#include "cli/agentcommand.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTextStream>

#ifdef Q_OS_UNIX
#include <unistd.h>

#include <vector>
#endif

namespace bs::cli {

int runAgentCommand(const QStringList &arguments)
{
#ifdef Q_OS_WIN
    const QString name = QStringLiteral("broker-studio-agent.exe");
#else
    const QString name = QStringLiteral("broker-studio-agent");
#endif
    const QString path = QDir(QCoreApplication::applicationDirPath()).filePath(name);
    if (!QFileInfo(path).isExecutable()) {
        QTextStream(stderr) << "broker-studio: the agent is a separate program, " << path
                            << ", and it is missing: install the full package or build the broker-studio-agent target.\n";
        return 2;
    }
    const QStringList rest = arguments.mid(1); // without "agent"
#ifdef Q_OS_UNIX
    // Replace this process: the agent keeps our PID (systemd, shells and tests see one process).
    std::vector<QByteArray> storage;
    storage.push_back(QFile::encodeName(path));
    for (const QString &a : rest)
        storage.push_back(a.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &s : storage)
        argv.push_back(s.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    QTextStream(stderr) << "broker-studio: cannot start " << path << ": " << qt_error_string(errno) << '\n';
    return 2;
#else
    QProcess agent;
    agent.setProcessChannelMode(QProcess::ForwardedChannels);
    agent.setInputChannelMode(QProcess::ForwardedInputChannel);
    agent.start(path, rest);
    if (!agent.waitForStarted()) {
        QTextStream(stderr) << "broker-studio: cannot start " << path << ": " << agent.errorString() << '\n';
        return 2;
    }
    agent.waitForFinished(-1);
    return agent.exitCode();
#endif
}

} // namespace bs::cli
