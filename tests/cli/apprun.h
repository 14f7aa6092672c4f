#pragma once

// Runs the broker-studio executable (BS_APP_PATH) as a user would, for the command-line tests.
#include <QProcess>
#include <QString>
#include <QStringList>

struct AppRun
{
    int exitCode = -1; ///< -1: crashed or did not finish in time (then killed)
    QString out;
    QString err;
};

inline AppRun runApp(const QStringList &arguments, int timeoutMs = 60000)
{
    QProcess process;
    process.start(QStringLiteral(BS_APP_PATH), arguments);
    AppRun run;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}
