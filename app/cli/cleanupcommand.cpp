#include "cli/cleanupcommand.h"

#include "cli/commandline.h"

#include "core/sim/scenarioloader.h"
#include "core/sim/simulator.h"
#include "data/history/historystore.h"
#include "data/odbc/odbcconnectionstring.h"
#include "data/ops/cleanuprunner.h"
#include "data/ops/odbcbrokeroperations.h"
#include "data/ops/operationpath.h"
#include "data/sim/simbrokersource.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QTextStream>

#include <memory>

namespace bs::cli {

namespace {

constexpr int ExitDone = 0;
constexpr int ExitStopped = 1;
constexpr int ExitCannotStart = 2;

int cannotStart(const QString &why)
{
    QTextStream(stderr) << "broker-studio cleanup: " << why << '\n';
    return ExitCannotStart;
}

} // namespace

int runCleanupCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Guided leak cleanup of conversation endpoints of one service pair, in batches.\n"
        "CD (CLOSED, security timestamp never set) -> END CONVERSATION ... WITH CLEANUP; DI/DO -> END CONVERSATION.\n"
        "Conversations with messages in their queue or in sys.transmission_queue are skipped and counted.\n"
        "Exit code: 0 = done (or dry run printed), 1 = the run failed or stopped (continue it later with --resume), 2 = could not start."));
    parser.addHelpOption();
    const QCommandLineOption scenario(QStringLiteral("scenario"), QStringLiteral("A simulated scenario: a file or a built-in name (%1).")
                                                                      .arg(sim::ScenarioLoader::builtInNames().join(QStringLiteral(", "))),
                                      QStringLiteral("name"));
    const QCommandLineOption connection(QStringLiteral("connection"), QStringLiteral("ODBC connection string of the database."),
                                        QStringLiteral("odbc"));
    const QCommandLineOption queue(QStringLiteral("queue"), QStringLiteral("With --connection: the local service's queue, SCHEMA.NAME."),
                                   QStringLiteral("queue"));
    const QCommandLineOption pair(QStringLiteral("pair"), QStringLiteral("The service pair LOCAL:FAR (the far service may contain ':' only after the first one)."),
                                  QStringLiteral("pair"));
    const QCommandLineOption states(QStringLiteral("states"), QStringLiteral("States to clean: CD, DI, DO, comma-separated (default CD)."),
                                    QStringLiteral("states"), QStringLiteral("CD"));
    const QCommandLineOption horizon(QStringLiteral("min-lifetime-left"),
                                     QStringLiteral("Leave endpoints whose lifetime ends within S seconds (the server removes them). "
                                                    "SQL Server keeps no creation time, so an age cannot be filtered on."),
                                     QStringLiteral("S"), QStringLiteral("0"));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"), QStringLiteral("Print the plan and the counts; change nothing."));
    const QCommandLineOption yes(QStringLiteral("yes"), QStringLiteral("Run the cleanup (the statement is printed first)."));
    const QCommandLineOption resume(QStringLiteral("resume"),
                                    QStringLiteral("Continue the unfinished run kept in the history file for this database "
                                                   "(cancelled, failed or cut off) after its last committed batch, with its "
                                                   "own plan; --pair, if given, must match it; --pause, if given, replaces the kept pause."));
    const QCommandLineOption restart(QStringLiteral("restart"),
                                     QStringLiteral("With --yes: discard the unfinished run kept for this database (it is not "
                                                    "offered again; what it ended stays ended) and start the new plan."));
    const QCommandLineOption batch(QStringLiteral("batch"), QStringLiteral("Handles per transaction (default 1000)."), QStringLiteral("N"),
                                   QString::number(CleanupPlan::DefaultBatchSize));
    const QCommandLineOption pause(QStringLiteral("pause"), QStringLiteral("Milliseconds between batches (default 200)."), QStringLiteral("MS"),
                                   QString::number(CleanupPlan::DefaultPauseMs));
    const QCommandLineOption seconds(QStringLiteral("seconds"), QStringLiteral("--scenario: simulated seconds to run first (default 900)."),
                                     QStringLiteral("S"), QStringLiteral("900"));
    const QCommandLineOption history(QStringLiteral("history"), QStringLiteral("The history file for the audit and the run's position "
                                                                               "(default: the profile's history file)."),
                                     QStringLiteral("file"));
    parser.addOptions({scenario, connection, queue, pair, states, horizon, dryRun, yes, resume, restart, batch, pause, seconds, history});
    if (!parser.parse(arguments))
        return cannotStart(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << subcommandHelp(parser, QStringLiteral("cleanup"));
        return ExitDone;
    }
    if (int(parser.isSet(scenario)) + int(parser.isSet(connection)) != 1)
        return cannotStart(QStringLiteral("give exactly one of --scenario or --connection"));
    if (int(parser.isSet(dryRun)) + int(parser.isSet(yes)) + int(parser.isSet(resume)) != 1)
        return cannotStart(QStringLiteral("give exactly one of --dry-run, --yes or --resume"));
    if (parser.isSet(restart) && !parser.isSet(yes))
        return cannotStart(QStringLiteral("--restart goes with --yes (it discards the unfinished run and starts the new plan)"));
    const bool resuming = parser.isSet(resume);
    const QString pairText = parser.value(pair);
    const qsizetype colon = pairText.indexOf(QLatin1Char(':'));
    if ((!resuming || parser.isSet(pair)) && (colon <= 0 || colon == pairText.size() - 1))
        return cannotStart(QStringLiteral("--pair must be LOCAL:FAR, not \"%1\"").arg(pairText));
    CleanupPlan plan;
    if (colon > 0) {
        plan.localService = pairText.left(colon);
        plan.farService = pairText.mid(colon + 1);
    }
    QString error;
    if (!plan.setStatesText(parser.value(states), &error))
        return cannotStart(error);
    bool ok = false;
    plan.batchSize = parser.value(batch).toInt(&ok);
    if (!ok)
        return cannotStart(QStringLiteral("--batch must be a number"));
    plan.pauseMs = parser.value(pause).toInt(&ok);
    if (!ok)
        return cannotStart(QStringLiteral("--pause must be a number of milliseconds"));
    plan.minLifetimeLeftSeconds = parser.value(horizon).toLongLong(&ok);
    if (!ok)
        return cannotStart(QStringLiteral("--min-lifetime-left must be a number of seconds"));

    std::unique_ptr<SimBrokerSource> simulation;
    std::unique_ptr<OdbcBrokerOperations> server;
    BrokerOperations *operations = nullptr;
    QString profile;
    if (parser.isSet(scenario)) {
        const double simulated = parser.value(seconds).toDouble(&ok);
        if (!ok || simulated < 0)
            return cannotStart(QStringLiteral("--seconds must be a number of seconds"));
        simulation.reset(SimBrokerSource::fromFile(parser.value(scenario), &error));
        if (!simulation)
            return cannotStart(QStringLiteral("cannot load scenario \"%1\": %2").arg(parser.value(scenario), error));
        simulation->pause();
        sim::Simulator *s = simulation->simulator();
        s->advanceTo(s->now() + sim::SimTime(simulated * double(sim::Second)));
        plan.queue = CleanupPlan::queueOfService(s->catalog(), plan.localService);
        if (!plan.queue.isValid() && !resuming) // a resumed run has its own plan and queue
            return cannotStart(QStringLiteral("the scenario has no local service \"%1\"").arg(plan.localService));
        operations = simulation->operations();
        profile = simulation->displayName();
    } else {
        const QString qodbc = OdbcConnectionString::forQodbc(parser.value(connection), &error);
        if (qodbc.isEmpty())
            return cannotStart(QStringLiteral("unusable connection string: %1").arg(error));
        const QString queueText = parser.value(queue);
        const qsizetype dot = queueText.indexOf(QLatin1Char('.'));
        if (dot <= 0 && !resuming)
            return cannotStart(QStringLiteral("--connection needs --queue SCHEMA.NAME, the local service's queue"));
        if (dot > 0)
            plan.queue = {queueText.left(dot), queueText.mid(dot + 1)};
        profile = OdbcConnectionString::masked(parser.value(connection));
        server = std::make_unique<OdbcBrokerOperations>(qodbc, OperationsIdentity{profile, QString(), QString()});
        operations = server.get();
    }
    QEventLoop loop;
    QTextStream out(stdout);
    std::optional<CleanupDryRun> dry;
    if (!resuming) {
        const QString problem = plan.validate();
        if (!problem.isEmpty())
            return cannotStart(problem);
        operations->cleanupCount(plan, &loop, [&](const CleanupDryRun &d) {
            dry = d;
            loop.quit();
        });
        loop.exec();
        if (!dry || !dry->error.isEmpty())
            return cannotStart(QStringLiteral("the dry run failed: %1").arg(dry ? dry->error : QStringLiteral("no answer")));
        out << dry->describe(plan) << '\n';
        if (parser.isSet(dryRun)) {
            out << "Dry run: nothing was changed. Each batch runs:\n" << CleanupStatements::batch(plan, QUuid()).text << '\n';
            return ExitDone;
        }
        out.flush();
    }

    OperationPath path(operations);
    const QString historyFile = parser.isSet(history) ? parser.value(history) : HistoryStore::pathForProfile(profile);
    if (!path.openAudit(historyFile))
        return cannotStart(QStringLiteral("cannot open the history file %1: %2").arg(historyFile, path.auditError()));
    CleanupRunner runner(&path);
    QTextStream err(stderr);
    QObject::connect(&runner, &CleanupRunner::progressChanged, &runner, [&err](const CleanupProgress &p) {
        err << "batch " << p.batches << ": " << p.text() << '\n';
        err.flush();
    });
    QObject::connect(&runner, &CleanupRunner::finished, &loop, &QEventLoop::quit);
    const std::optional<CleanupRun> kept = runner.unfinished();
    const auto describeKept = [&] {
        return QStringLiteral("run %1 of %2 (%3, %4: %5)")
            .arg(kept->id)
            .arg(kept->startedUtc.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")), cleanupRunStatusName(kept->status),
                 kept->doneText(), kept->plan.summary());
    };
    if (resuming) {
        if (!kept)
            return cannotStart(QStringLiteral("%1 keeps no unfinished cleanup run for this database; nothing to resume").arg(historyFile));
        if (parser.isSet(pair) && (kept->plan.localService != plan.localService || kept->plan.farService != plan.farService))
            return cannotStart(QStringLiteral("the unfinished %1 is of another pair than --pair; resume it without --pair, "
                                              "or give --yes --restart to discard it").arg(describeKept()));
        CleanupRun run = *kept;
        if (parser.isSet(pause))
            run.plan.pauseMs = plan.pauseMs; // only how long to wait between batches of this session
        out << "Resuming " << describeKept() << " after its last committed batch.\nEach batch runs:\n"
            << CleanupStatements::batch(kept->plan, QUuid()).text << '\n';
        out.flush();
        if (!runner.resume(run))
            return cannotStart(runner.lastError());
    } else {
        if (kept && !parser.isSet(restart))
            return cannotStart(QStringLiteral("an unfinished cleanup %1 is kept in %2 for this database.\nGive --resume to "
                                              "continue it where it stopped, or --yes --restart to discard it and start this plan.")
                                   .arg(describeKept(), historyFile));
        if (kept) {
            if (!runner.discard(*kept))
                return cannotStart(runner.lastError());
            out << "Discarded the unfinished " << describeKept() << ".\n";
        }
        if (!runner.start(plan, dry->counts.matching()))
            return cannotStart(runner.lastError());
    }
    loop.exec();
    out << runner.summary() << '\n';
    out << "Audit and position: " << historyFile << " (run " << runner.run().id << ")\n";
    if (runner.run().status != CleanupRunStatus::Done) {
        err << "broker-studio cleanup: " << runner.lastError() << '\n';
        return ExitStopped;
    }
    return ExitDone;
}

} // namespace bs::cli
