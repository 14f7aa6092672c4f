// bench_agent: one broker-studio-agent process monitoring N targets (default 500) on TDS test
// servers at a 15 s interval. Prints the agent's CPU (share of one core), resident memory and the
// time to scrape /metrics. Not a test: run it by hand (docs/performance.md, "Fleet agent").
//
//   bench_agent [--targets 500] [--interval 15] [--warmup 40] [--measure 60] [--servers 4]

#include "agenttestfleet.h"
#include "httpfetch.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <unistd.h>

using namespace bs;
using namespace bs::test;

namespace {

// utime + stime of a process, in seconds (/proc/<pid>/stat fields 14 and 15).
double cpuSeconds(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = f.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    return (fields.value(11).toDouble() + fields.value(12).toDouble()) / double(sysconf(_SC_CLK_TCK));
}

QString procStatus(qint64 pid, const char *key)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(key))
            return QString::fromLatin1(line.mid(qsizetype(qstrlen(key)))).simplified();
    }
    return {};
}

void wait(int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 100);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption targetsOpt(QStringLiteral("targets"), QStringLiteral("targets"), QStringLiteral("n"), QStringLiteral("500"));
    const QCommandLineOption intervalOpt(QStringLiteral("interval"), QStringLiteral("seconds"), QStringLiteral("s"), QStringLiteral("15"));
    const QCommandLineOption warmupOpt(QStringLiteral("warmup"), QStringLiteral("seconds"), QStringLiteral("s"), QStringLiteral("40"));
    const QCommandLineOption measureOpt(QStringLiteral("measure"), QStringLiteral("seconds"), QStringLiteral("s"), QStringLiteral("60"));
    const QCommandLineOption serversOpt(QStringLiteral("servers"), QStringLiteral("TDS test servers"), QStringLiteral("n"), QStringLiteral("4"));
    parser.addOptions({targetsOpt, intervalOpt, warmupOpt, measureOpt, serversOpt});
    parser.addHelpOption();
    parser.process(app);
    const int targets = parser.value(targetsOpt).toInt();
    const int servers = std::max(1, parser.value(serversOpt).toInt());
    QTextStream out(stdout);

    // N targets spread over a few servers (each target its own connection).
    AgentTestFleet fleet;
    QString error;
    for (int s = 0; s < servers; ++s) {
        if (!fleet.addServer(QStringLiteral("server%1").arg(s), AgentTestFleet::Fault::None, &error)) {
            out << "cannot start a TDS test server: " << error << Qt::endl;
            return 1;
        }
    }
    QFile written(fleet.write());
    written.open(QIODevice::ReadOnly);
    QJsonObject root = QJsonDocument::fromJson(written.readAll()).object();
    written.close();
    const QJsonArray templates = root.value(u"targets").toArray();
    QJsonArray all;
    for (int i = 0; i < targets; ++i) {
        QJsonObject t = templates.at(i % servers).toObject();
        t.insert(QStringLiteral("name"), QStringLiteral("db%1").arg(i, 3, 10, QLatin1Char('0')));
        t.insert(QStringLiteral("intervalSeconds"), parser.value(intervalOpt).toDouble());
        t.insert(QStringLiteral("queryTimeoutSeconds"), 15);
        all.append(t);
    }
    root.insert(QStringLiteral("targets"), all);
    root.insert(QStringLiteral("listen"), QStringLiteral("127.0.0.1:0"));
    const QString path = fleet.dir() + QStringLiteral("/bench-fleet.json");
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(QJsonDocument(root).toJson());
    f.close();

    QProcess agent;
    agent.start(QStringLiteral(BS_BINARY_DIR "/app/broker-studio-agent"), {QStringLiteral("--config"), path});
    if (!agent.waitForStarted()) {
        out << "cannot start broker-studio-agent" << Qt::endl;
        return 1;
    }
    static const QRegularExpression listening(QStringLiteral("listening on http://127\\.0\\.0\\.1:(\\d+)/"));
    QByteArray err;
    QElapsedTimer started;
    started.start();
    while (!listening.match(QString::fromUtf8(err)).hasMatch() && started.elapsed() < 20000) {
        agent.waitForReadyRead(200);
        err += agent.readAllStandardError();
    }
    const QString port = listening.match(QString::fromUtf8(err)).captured(1);
    const QUrl metrics(QStringLiteral("http://127.0.0.1:%1/metrics").arg(port));
    out << "agent pid " << agent.processId() << ", " << targets << " targets on " << servers << " TDS test servers, interval "
        << parser.value(intervalOpt) << " s; warming up " << parser.value(warmupOpt) << " s" << Qt::endl;
    wait(parser.value(warmupOpt).toInt() * 1000);

    const qint64 pid = agent.processId();
    const double cpu0 = cpuSeconds(pid);
    QElapsedTimer wall;
    wall.start();
    QList<double> scrapes;
    qsizetype bytes = 0;
    const int measureMs = parser.value(measureOpt).toInt() * 1000;
    while (wall.elapsed() < measureMs) {
        QElapsedTimer t;
        t.start();
        const HttpAnswer a = httpGet(metrics, 30000);
        scrapes.append(double(t.nsecsElapsed()) / 1e6);
        bytes = a.body.size();
        wait(5000);
    }
    const double cpu = (cpuSeconds(pid) - cpu0) / (double(wall.elapsed()) / 1000.0);
    std::sort(scrapes.begin(), scrapes.end());
    const HttpAnswer last = httpGet(metrics, 30000);
    const qsizetype up = QString::fromUtf8(last.body).count(QRegularExpression(QStringLiteral("^broker_studio_up\\{[^}]*\\} 1$"), QRegularExpression::MultilineOption));
    const qsizetype series = QString::fromUtf8(last.body).count(QRegularExpression(QStringLiteral("^broker_studio_"), QRegularExpression::MultilineOption));
    out << "targets up: " << up << " of " << targets << "\n"
        << "CPU: " << QString::number(cpu * 100.0, 'f', 1) << " % of one core over " << wall.elapsed() / 1000 << " s\n"
        << "RSS: " << procStatus(pid, "VmRSS:") << " (peak " << procStatus(pid, "VmHWM:") << "), threads " << procStatus(pid, "Threads:") << "\n"
        << "scrape /metrics: median " << QString::number(scrapes.value(scrapes.size() / 2), 'f', 1) << " ms, max "
        << QString::number(scrapes.isEmpty() ? 0 : scrapes.last(), 'f', 1) << " ms (" << scrapes.size() << " scrapes, "
        << bytes / 1024 << " KiB, " << series << " series)" << Qt::endl;
    agent.terminate();
    agent.waitForFinished(10000);
    return 0;
}
