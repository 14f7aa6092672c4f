#include "cli/simulatecommand.h"

#include "cli/commandline.h"

#include "core/sim/scenarioloader.h"
#include "core/sim/simulator.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSaveFile>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <cmath>

namespace bs::cli {

namespace {

using namespace bs::sim;

QString num(double v, int decimals = 3)
{
    return QString::number(v, 'f', decimals);
}

QString csvHeader(const MonitorSample &first)
{
    QStringList cols = {QStringLiteral("time"), QStringLiteral("seconds"), QStringLiteral("endpoints")};
    for (int s = 0; s < EndpointStateCount; ++s)
        cols << endpointStateCode(EndpointState(s));
    cols << QStringLiteral("closed_unset_timestamp") << QStringLiteral("transmission_queue");
    for (const QueueSample &q : first.queues)
        cols << q.schema + QLatin1Char('.') + q.name + QStringLiteral(" depth") << q.schema + QLatin1Char('.') + q.name + QStringLiteral(" readers")
             << q.schema + QLatin1Char('.') + q.name + QStringLiteral(" status");
    cols << QStringLiteral("sent") << QStringLiteral("received") << QStringLiteral("processed") << QStringLiteral("failed")
         << QStringLiteral("lost") << QStringLiteral("dropped") << QStringLiteral("expired") << QStringLiteral("rollbacks")
         << QStringLiteral("in_flight") << QStringLiteral("latency_p50") << QStringLiteral("latency_p95") << QStringLiteral("latency_p99");
    for (QString &c : cols) {
        if (c.contains(QLatin1Char(',')) || c.contains(QLatin1Char('"')))
            c = QLatin1Char('"') + QString(c).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    }
    return cols.join(QLatin1Char(',')) + QLatin1Char('\n');
}

QString csvRow(const MonitorSample &m, double seconds)
{
    QStringList cols = {m.time.toString(Qt::ISODate), num(seconds), QString::number(m.endpointCount())};
    for (int s = 0; s < EndpointStateCount; ++s)
        cols << QString::number(m.endpointCount(EndpointState(s)));
    cols << QString::number(m.leakedClosedCount()) << QString::number(m.transmissionQueueSize);
    for (const QueueSample &q : m.queues)
        cols << QString::number(q.depth) << QString::number(q.activeReaders)
             << (q.isReceiveEnabled ? QStringLiteral("ON") : QStringLiteral("OFF"));
    const FlowCounters f = m.flow.value_or(FlowCounters{});
    const LatencyStats l = m.latency.value_or(LatencyStats{});
    cols << QString::number(f.sent) << QString::number(f.received) << QString::number(f.processed) << QString::number(f.failed)
         << QString::number(f.lost) << QString::number(f.dropped) << QString::number(f.expired) << QString::number(f.rollbacks)
         << QString::number(f.inFlight);
    // No task finished in the interval: no percentile, not a latency of zero.
    if (l.samples > 0)
        cols << num(l.p50, 6) << num(l.p95, 6) << num(l.p99, 6);
    else
        cols << QString() << QString() << QString();
    return cols.join(QLatin1Char(',')) + QLatin1Char('\n');
}

// The busy period, from the samples: it starts at the last sample before anything was sent and
// ends at the first sample that shows every finished task, so idle time before the first send
// and after the last task does not dilute the throughput.
struct BusyPeriod
{
    double startSeconds = 0.0;
    double endSeconds = -1.0;
    qint64 finished = -1;
    double sampleIntervalSeconds = 0.0;
    double lastSampleSeconds = -1.0;

    void add(const MonitorSample &m, double seconds)
    {
        const FlowCounters f = m.flow.value_or(FlowCounters{});
        if (lastSampleSeconds >= 0.0)
            sampleIntervalSeconds = std::max(sampleIntervalSeconds, seconds - lastSampleSeconds);
        lastSampleSeconds = seconds;
        if (f.sent == 0)
            startSeconds = seconds;
        const qint64 done = f.processed + f.failed;
        if (done != finished) {
            finished = done;
            endSeconds = seconds;
        }
    }
};

void printSummary(QTextStream &out, Simulator &sim, double wallSeconds, const BusyPeriod &busy, double warmupSeconds)
{
    const Scenario &s = sim.scenario();
    const MonitorSample m = sim.sample();
    const double seconds = double(sim.now()) / double(Second);
    out << "Scenario: " << s.name << " (seed " << s.seed << ")\n";
    out << "Simulated " << num(seconds, 0) << " s in " << num(wallSeconds) << " s wall, " << sim.eventsProcessed() << " events";
    if (wallSeconds > 0)
        out << " (" << num(double(sim.eventsProcessed()) / wallSeconds / 1e6, 2) << " M events/s)";
    out << "\n\nEndpoints at the end: " << m.endpointCount() << '\n';
    for (int st = 0; st < EndpointStateCount; ++st) {
        const qint64 n = m.endpointCount(EndpointState(st));
        if (n > 0)
            out << "  " << endpointStateCode(EndpointState(st)) << ' ' << endpointStateDescription(EndpointState(st)) << ": " << n << '\n';
    }
    for (const EndpointGroup &g : m.endpoints) {
        out << "  " << (g.isInitiator ? "initiator " : "target    ") << g.localService << " -> " << g.farService << "  "
            << endpointStateCode(g.state) << ": " << g.count;
        if (g.closedWithUnsetSecurityTimestamp > 0)
            out << " (" << g.closedWithUnsetSecurityTimestamp << " closed with security_timestamp unset)";
        if (g.neverExpiring > 0)
            out << " (" << g.neverExpiring << " never expire)";
        out << '\n';
    }
    out << "\nQueues:\n";
    for (const QueueSample &q : m.queues) {
        out << "  " << q.schema << '.' << q.name << ": depth " << q.depth << ", status " << (q.isReceiveEnabled ? "ON" : "OFF");
        if (q.maxReaders > 0 || q.monitorState != QueueMonitorState::None)
            out << ", readers " << q.activeReaders << '/' << q.maxReaders << ", monitor " << queueMonitorStateText(q.monitorState);
        out << '\n';
    }
    out << "Transmission queue: " << m.transmissionQueueSize << '\n';
    for (const TransmissionGroup &t : m.transmission)
        out << "  " << t.count << " to " << t.toService << ": " << (t.status.isEmpty() ? QStringLiteral("(not tried yet)") : t.status) << '\n';
    const FlowCounters f = sim.flow();
    out << "\nMessages: sent " << f.sent << ", received " << f.received << ", processed " << f.processed << ", failed " << f.failed
        << ", lost " << f.lost << "\n";
    out << "Errors dropped " << f.dropped << ", dialogs expired " << f.expired << ", rollbacks " << f.rollbacks << '\n';
    const qint64 done = f.processed + f.failed;
    const double busySeconds = busy.endSeconds - busy.startSeconds;
    if (done > 0 && busySeconds > 0.0) {
        out << "Throughput: " << num(double(done) / busySeconds, 2) << " tasks/s over the busy period, "
            << num(busySeconds, 0) << " s from the first send (after " << num(busy.startSeconds, 0)
            << " s) to the last finished task (at " << num(busy.endSeconds, 0) << " s), to within one sample ("
            << num(busy.sampleIntervalSeconds, 0) << " s); " << num(seconds > 0 ? double(done) / seconds : 0.0, 2)
            << " tasks/s over all " << num(seconds, 0) << " simulated s\n";
    } else {
        out << "Throughput: no task finished in " << num(seconds, 0) << " simulated s\n";
    }
    const LatencyStats l = sim.totalLatency();
    const QString covers = warmupSeconds > 0.0
        ? QStringLiteral("tasks finished after a warm-up of %1 s (to within one sample)").arg(num(warmupSeconds, 0))
        : QStringLiteral("all tasks, warm-up included (--warmup S leaves it out)");
    if (l.samples > 0) {
        out << "Latency (send to end of task): p50 " << num(l.p50) << " s, p95 " << num(l.p95) << " s, p99 " << num(l.p99)
            << " s, mean " << num(l.mean) << " s over " << l.samples << ' ' << covers << '\n';
    } else {
        out << "Latency (send to end of task): no task finished; covers " << covers << '\n';
    }
}

} // namespace

int runSimulateCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Run a Service Broker scenario in the simulator, headless."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("scenario"),
                                 QStringLiteral("Scenario file, :/scenarios/<name>.json, or a built-in name (%1).")
                                     .arg(ScenarioLoader::builtInNames().join(QStringLiteral(", "))));
    const QCommandLineOption duration(QStringLiteral("duration"), QStringLiteral("Simulated seconds (default: the scenario's)."), QStringLiteral("S"));
    const QCommandLineOption speed(QStringLiteral("speed"), QStringLiteral("Run in real time at this speed (default: as fast as possible)."), QStringLiteral("X"));
    const QCommandLineOption csv(QStringLiteral("csv"), QStringLiteral("Write one row per sample to this CSV file."), QStringLiteral("file"));
    const QCommandLineOption summary(QStringLiteral("summary"), QStringLiteral("Print the summary (the default without --csv)."));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Override the scenario's seed."), QStringLiteral("N"));
    const QCommandLineOption warmup(QStringLiteral("warmup"),
                                    QStringLiteral("Leave the tasks that finish in the first S simulated seconds out of the "
                                                   "latency summary (the queues are still filling then)."),
                                    QStringLiteral("S"));
    parser.addOptions({duration, speed, csv, summary, seed, warmup});
    QTextStream err(stderr);
    if (!parser.parse(arguments)) {
        err << "broker-studio simulate: " << parser.errorText() << '\n';
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << subcommandHelp(parser, QStringLiteral("simulate"));
        return 0;
    }
    if (parser.positionalArguments().size() != 1) {
        err << "broker-studio simulate: give exactly one scenario\n" << subcommandHelp(parser, QStringLiteral("simulate"));
        return 2;
    }
    QString error;
    const QString given = parser.positionalArguments().first();
    if (!QFileInfo::exists(ScenarioLoader::resolve(given))) {
        // Neither a file nor a built-in name: say which names there are, not "No such file".
        err << "broker-studio simulate: no scenario \"" << given << "\": there is no such file, and the built-in "
            << "scenarios are " << ScenarioLoader::builtInNames().join(QStringLiteral(", ")) << ".\n";
        return 2;
    }
    auto scenario = ScenarioLoader::fromFile(given, &error);
    if (!scenario) {
        err << "broker-studio simulate: " << error << '\n';
        return 2;
    }
    bool ok = true;
    if (parser.isSet(duration)) {
        scenario->durationSeconds = parser.value(duration).toDouble(&ok);
        if (!ok || scenario->durationSeconds <= 0) {
            err << "broker-studio simulate: --duration must be a positive number of seconds\n";
            return 2;
        }
    }
    if (parser.isSet(seed)) {
        scenario->seed = parser.value(seed).toULongLong(&ok);
        if (!ok) {
            err << "broker-studio simulate: --seed must be a whole number\n";
            return 2;
        }
    }
    double warmupSeconds = 0.0;
    if (parser.isSet(warmup)) {
        warmupSeconds = parser.value(warmup).toDouble(&ok);
        if (!ok || warmupSeconds < 0 || warmupSeconds >= scenario->durationSeconds) {
            err << "broker-studio simulate: --warmup must be a number of seconds from 0 to below the duration ("
                << scenario->durationSeconds << " s)\n";
            return 2;
        }
    }
    double factor = 0.0;
    if (parser.isSet(speed)) {
        factor = parser.value(speed).toDouble(&ok);
        if (!ok || factor < 1.0 || factor > 1000.0) {
            err << "broker-studio simulate: --speed must be between 1 and 1000\n";
            return 2;
        }
    }
    QSaveFile file;
    QTextStream csvOut;
    if (parser.isSet(csv)) {
        file.setFileName(parser.value(csv));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
            err << "broker-studio simulate: " << file.fileName() << ": " << file.errorString() << '\n';
            return 2;
        }
        csvOut.setDevice(&file);
    }

    Simulator sim(*scenario);
    QElapsedTimer wall;
    wall.start();
    bool header = false;
    BusyPeriod busy;
    bool warm = warmupSeconds <= 0.0;
    sim.run([&](const MonitorSample &m) {
        const double seconds = double(sim.now()) / double(Second);
        busy.add(m, seconds);
        if (!warm && seconds >= warmupSeconds) {
            sim.resetTotalLatency(); // from this sample on: the steady state
            warm = true;
        }
        if (csvOut.device()) {
            if (!header) {
                csvOut << csvHeader(m);
                header = true;
            }
            csvOut << csvRow(m, seconds);
        }
        if (factor > 0.0) {
            // Real time at the chosen speed: wait until the wall clock catches up.
            const qint64 dueMs = qint64(seconds * 1000.0 / factor);
            const qint64 ahead = dueMs - wall.elapsed();
            if (ahead > 0)
                QThread::msleep(static_cast<unsigned long>(ahead));
        }
        return true;
    });
    const double wallSeconds = double(wall.nsecsElapsed()) / 1e9;
    if (csvOut.device()) {
        csvOut.flush();
        if (!file.commit()) {
            err << "broker-studio simulate: " << file.fileName() << ": " << file.errorString() << '\n';
            return 1;
        }
    }
    if (parser.isSet(summary) || !parser.isSet(csv)) {
        QTextStream out(stdout);
        printSummary(out, sim, wallSeconds, busy, warmupSeconds);
    }
    return 0;
}

} // namespace bs::cli
