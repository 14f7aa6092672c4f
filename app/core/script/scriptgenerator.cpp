#include "core/script/enablebroker.h"
#include "core/script/patterndescriptor.h"
#include "core/script/patternoptions.h"
#include "core/script/templateengine.h"
#include "core/sqlquote.h"

#include <QFile>

namespace bs {

namespace {

struct ScriptKind
{
    const char *fileName;
    const char *title;
};

constexpr ScriptKind ScriptKinds[] = {
    {"install.sql", "install"},
    {"uninstall.sql", "uninstall"},
    {"usage.sql", "usage"},
    {"monitor.sql", "monitor"},
};

QString readTemplate(const QString &path, QString *error)
{
    QFile file(QStringLiteral(":/sql/patterns/") + path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("The template sql/patterns/%1 is missing from this build.").arg(path);
        return {};
    }
    return QString::fromUtf8(file.readAll());
}

QString deliveryText(DeliveryMode mode)
{
    return mode == DeliveryMode::AtMostOnce
        ? QStringLiteral("at most once (the RECEIVE commits before the task runs)")
        : QStringLiteral("in the receive transaction (the task runs inside the RECEIVE transaction)");
}

struct Names
{
    QString taskType, endOfStreamType, contract, initiatorService, targetService;
    QString initiatorQueue, targetQueue, allowList, taskLog, pool;
    QString enqueue, target, initiator, cleanup, demoTask;
    QString cleanupState, callerRole;
};

Names namesFor(const PatternOptions &o)
{
    const QString r = o.serviceRoot;
    const QString p = o.prefix;
    return Names{
        r + QStringLiteral("/Task"),
        r + QStringLiteral("/EndOfStream"),
        r + QStringLiteral("/Contract"),
        r + QStringLiteral("/Initiator"),
        r + QStringLiteral("/Target"),
        p + QStringLiteral("InitiatorQueue"),
        p + QStringLiteral("TargetQueue"),
        p + QStringLiteral("Procedure"),
        p + QStringLiteral("TaskLog"),
        p + QStringLiteral("ConversationPool"),
        p + QStringLiteral("_Enqueue"),
        p + QStringLiteral("_Target"),
        p + QStringLiteral("_Initiator"),
        p + QStringLiteral("_Cleanup"),
        p + QStringLiteral("_DemoTask"),
        p + QStringLiteral("CleanupState"),
        // Database-wide (roles have no schema): the principals allowed to enqueue.
        p + QStringLiteral("Callers"),
    };
}

void fillEngine(TemplateEngine &engine, const PatternOptions &o)
{
    const Names n = namesFor(o);
    // Every placeholder is always known; a branch not taken may name an empty one.
    engine.setFlag(QStringLiteral("HasDatabase"), !o.database.isEmpty());
    engine.setIdentifier(QStringLiteral("Database"), o.database);
    engine.setIdentifier(QStringLiteral("Schema"), o.schema);
    engine.setIdentifier(QStringLiteral("TaskType"), n.taskType);
    engine.setIdentifier(QStringLiteral("Contract"), n.contract);
    engine.setIdentifier(QStringLiteral("InitiatorService"), n.initiatorService);
    engine.setIdentifier(QStringLiteral("TargetService"), n.targetService);
    engine.setIdentifier(QStringLiteral("InitiatorQueue"), n.initiatorQueue);
    engine.setIdentifier(QStringLiteral("TargetQueue"), n.targetQueue);
    engine.setIdentifier(QStringLiteral("AllowList"), n.allowList);
    engine.setIdentifier(QStringLiteral("TaskLog"), n.taskLog);
    engine.setIdentifier(QStringLiteral("EnqueueProc"), n.enqueue);
    engine.setIdentifier(QStringLiteral("TargetProc"), n.target);
    engine.setIdentifier(QStringLiteral("CleanupProc"), n.cleanup);
    engine.setIdentifier(QStringLiteral("DemoTask"), n.demoTask);
    engine.setIdentifier(QStringLiteral("EndOfStreamType"), n.endOfStreamType);
    engine.setIdentifier(QStringLiteral("ConversationPool"), n.pool);
    engine.setIdentifier(QStringLiteral("InitiatorProc"), n.initiator);
    engine.setIdentifier(QStringLiteral("CleanupState"), n.cleanupState);
    engine.setIdentifier(QStringLiteral("CallerRole"), n.callerRole);

    engine.setLiteral(QStringLiteral("Prefix"), o.prefix);
    engine.setLiteral(QStringLiteral("ServiceRoot"), o.serviceRoot);
    engine.setLiteral(QStringLiteral("EnableBrokerStatement"), enableBrokerStatement(o.database));

    engine.setNumber(QStringLiteral("MaxQueueReaders"), o.maxQueueReaders);
    engine.setNumber(QStringLiteral("ReceiveTimeoutMs"), o.receiveTimeoutMs);
    engine.setNumber(QStringLiteral("MessagesPerReceive"), o.messagesPerReceive);
    engine.setNumber(QStringLiteral("LogRetentionDays"), o.logRetentionDays);
    engine.setNumber(QStringLiteral("CleanupIntervalSeconds"), o.cleanupIntervalSeconds);
    engine.setNumber(QStringLiteral("WindowSeconds"), o.windowSeconds);
    engine.setNumber(QStringLiteral("DialogLifetimeSeconds"), o.dialogLifetimeSeconds);
    engine.setNumber(QStringLiteral("PoolSize"), o.poolSize);
    engine.setNumber(QStringLiteral("RecycleAfterMessages"), o.recycleAfterMessages);
    engine.setNumber(QStringLiteral("RecycleAfterSeconds"), o.recycleAfterSeconds);

    engine.setFlag(QStringLiteral("ValidateXml"), o.validateXml);
    engine.setFlag(QStringLiteral("AtMostOnce"), o.delivery == DeliveryMode::AtMostOnce);
    engine.setFlag(QStringLiteral("KeepLog"), o.uninstallKeepsLog);
    engine.setFlag(QStringLiteral("HasRetention"), o.logRetentionDays > 0);
    // RECEIVE TOP (n) INTO a table variable; with 1 the one-message procedure, unchanged.
    engine.setFlag(QStringLiteral("ReceiveBatch"), o.messagesPerReceive > 1);
    for (const PatternDescriptor &each : patternDescriptors())
        engine.setFlag(each.templateFlag, each.pattern == o.pattern);
    // For the shared blocks (sql/patterns/shared): what the lines that differ depend on.
    // The initiator queue has an activation procedure that ends the initiator's side.
    const PatternDescriptor &d = patternDescriptor(o.pattern);
    engine.setFlag(QStringLiteral("HasInitiatorProc"), d.hasInitiatorProcedure);
    // The target ends each task's dialog (keep-firing reuses pooled dialogs instead).
    engine.setFlag(QStringLiteral("DialogPerTask"), d.dialogPerTask);

    engine.setTrustedText(QStringLiteral("PatternTitle"), patternTitle(o.pattern));
    engine.setTrustedText(QStringLiteral("PatternKey"), patternKey(o.pattern));
    engine.setTrustedText(QStringLiteral("GeneratorVersion"), generatorVersion());
    engine.setTrustedText(QStringLiteral("DeliveryText"), deliveryText(o.delivery));
}

} // namespace

QString generatorVersion()
{
    // The application's version (CMake's PROJECT_VERSION): a reviewer can tell which release
    // wrote a script, and a fixed "1.0" no longer pretends nothing changed.
    return QStringLiteral(BS_VERSION);
}

GeneratedScripts generateScripts(const PatternOptions &options)
{
    GeneratedScripts result;
    const QList<OptionProblem> problems = validateOptions(options);
    if (hasErrors(problems)) {
        QStringList lines;
        for (const OptionProblem &p : problems) {
            if (!p.isWarning)
                lines.append(formatProblem(p));
        }
        result.error = lines.join(QLatin1Char('\n'));
        return result;
    }

    TemplateEngine engine;
    fillEngine(engine, options);
    // {{> shared/...}} in the templates: the blocks that several patterns share.
    engine.setPartialDirectory(QStringLiteral(":/sql/patterns"));
    QString error;
    const QString header = readTemplate(QStringLiteral("header.sql"), &error);
    if (!error.isEmpty()) {
        result.error = error;
        return result;
    }
    const QString folder = patternDescriptor(options.pattern).templateFolder + QLatin1Char('/');
    for (const ScriptKind &kind : ScriptKinds) {
        const QString fileName = QLatin1String(kind.fileName);
        const QString body = readTemplate(folder + fileName, &error);
        if (!error.isEmpty()) {
            result.error = error;
            result.scripts.clear();
            return result;
        }
        engine.setTrustedText(QStringLiteral("ScriptTitle"), QLatin1String(kind.title));
        const QString headerText = engine.render(header, &error);
        const QString bodyText = error.isEmpty() ? engine.render(body, &error) : QString();
        if (!error.isEmpty()) {
            result.error = QStringLiteral("sql/patterns/%1: %2").arg(folder + fileName, error);
            result.scripts.clear();
            return result;
        }
        result.scripts.append({fileName, QLatin1String(kind.title), headerText + bodyText});
    }
    return result;
}

QList<PatternObject> patternObjects(const PatternOptions &o)
{
    const Names n = namesFor(o);
    const QString mt = QStringLiteral("message type");
    const QString q = QStringLiteral("queue");
    const QString svc = QStringLiteral("service");
    const QString tbl = QStringLiteral("table");
    const QString proc = QStringLiteral("procedure");
    const PatternDescriptor &d = patternDescriptor(o.pattern);
    QList<PatternObject> objects;
    objects.append({mt, n.taskType, {}});
    if (d.hasPool)
        objects.append({mt, n.endOfStreamType, {}});
    objects.append({QStringLiteral("contract"), n.contract, {}});
    objects.append({tbl, n.allowList, o.schema});
    objects.append({tbl, n.taskLog, o.schema});
    objects.append({tbl, n.cleanupState, o.schema});
    if (d.hasPool)
        objects.append({tbl, n.pool, o.schema});
    objects.append({q, n.initiatorQueue, o.schema});
    objects.append({q, n.targetQueue, o.schema});
    objects.append({svc, n.initiatorService, {}});
    objects.append({svc, n.targetService, {}});
    objects.append({proc, n.cleanup, o.schema});
    objects.append({proc, n.enqueue, o.schema});
    objects.append({proc, n.target, o.schema});
    if (d.hasInitiatorProcedure)
        objects.append({proc, n.initiator, o.schema});
    objects.append({QStringLiteral("role"), n.callerRole, {}});
    return objects;
}

QStringList objectNames(const PatternOptions &options)
{
    QStringList names;
    for (const PatternObject &object : patternObjects(options)) {
        const QString quoted = object.schema.isEmpty()
            ? quoteIdentifier(object.name)
            : quoteIdentifier(object.schema) + QLatin1Char('.') + quoteIdentifier(object.name);
        names.append(object.kind + QLatin1Char(' ') + quoted);
    }
    return names;
}

} // namespace bs
