#include "core/script/patternoptions.h"

#include "core/script/patterndescriptor.h"

#include "core/sqlquote.h"

#include <QJsonValue>

namespace bs {

namespace {

QString deliveryKey(DeliveryMode mode)
{
    return mode == DeliveryMode::AtMostOnce ? QStringLiteral("at-most-once")
                                            : QStringLiteral("in-receive-transaction");
}

// "\"windowed\", \"keep-firing\", ..." for messages.
QString patternKeyList()
{
    QStringList keys;
    for (const PatternDescriptor &d : patternDescriptors())
        keys.append(QLatin1Char('"') + d.key + QLatin1Char('"'));
    return keys.join(QStringLiteral(", "));
}

void addError(QList<OptionProblem> &problems, const char *field, const QString &message)
{
    problems.append({QLatin1String(field), message, false});
}

void addWarning(QList<OptionProblem> &problems, const char *field, const QString &message)
{
    problems.append({QLatin1String(field), message, true});
}

} // namespace

PatternOptions PatternOptions::defaults(Pattern pattern)
{
    PatternOptions o;
    o.pattern = pattern;
    o.delivery = patternDescriptor(pattern).defaultDelivery;
    o.poolSize = o.maxQueueReaders;
    return o;
}

QString patternKey(Pattern pattern)
{
    return patternDescriptor(pattern).key;
}

std::optional<Pattern> patternFromKey(const QString &key)
{
    for (const PatternDescriptor &d : patternDescriptors()) {
        if (key == d.key)
            return d.pattern;
    }
    return std::nullopt;
}

QString patternTitle(Pattern pattern)
{
    return patternDescriptor(pattern).title;
}

QList<OptionProblem> validateOptions(const PatternOptions &o)
{
    QList<OptionProblem> problems;
    const PatternDescriptor &d = patternDescriptor(o.pattern);

    if (!o.database.isEmpty()) {
        const QString p = identifierProblem(o.database, QStringLiteral("The database name"));
        if (!p.isEmpty())
            addError(problems, "database", p);
    }
    const QString schemaProblem = identifierProblem(o.schema, QStringLiteral("The schema name"));
    if (!schemaProblem.isEmpty())
        addError(problems, "schema", schemaProblem);

    const QString prefixProblem = identifierProblem(o.prefix, QStringLiteral("The object prefix"));
    if (!prefixProblem.isEmpty()) {
        addError(problems, "prefix", prefixProblem);
    } else {
        // The prefix is fine on its own; the names built from it must fit too. The demo task
        // of usage.sql counts: the scripts must run as generated.
        const QList<PatternObject> objects = patternObjects(o);
        const QString demo = o.prefix + QStringLiteral("_DemoTask");
        QList<PatternObject> schemaScoped;
        for (const PatternObject &object : objects) {
            if (!object.schema.isEmpty())
                schemaScoped.append(object);
        }
        schemaScoped.append({QStringLiteral("procedure"), demo, o.schema});
        for (const PatternObject &object : std::as_const(schemaScoped)) {
            if (object.name.size() > MaxIdentifierLength) {
                addError(problems, "prefix",
                         QStringLiteral("The %1 name %2 would be %3 characters long; SQL Server allows at "
                                        "most %4. Shorten the prefix by %5.")
                             .arg(object.kind, quoteIdentifier(object.name))
                             .arg(object.name.size())
                             .arg(MaxIdentifierLength)
                             .arg(object.name.size() - MaxIdentifierLength));
                break;
            }
        }
    }

    if (o.serviceRoot.trimmed().isEmpty()) {
        addError(problems, "serviceRoot",
                 QStringLiteral("The service name root is empty. Use the form //<organisation>/<prefix>, "
                                "for example //Contoso/Orders."));
    } else {
        const QString rootProblem = identifierProblem(o.serviceRoot, QStringLiteral("The service name root"));
        if (!rootProblem.isEmpty()) {
            addError(problems, "serviceRoot", rootProblem);
        } else {
            const QString longest = o.serviceRoot
                + (d.hasPool ? QStringLiteral("/EndOfStream") : QStringLiteral("/Initiator"));
            if (longest.size() > MaxIdentifierLength)
                addError(problems, "serviceRoot",
                         QStringLiteral("The broker object name %1 would be %2 characters long; SQL Server "
                                        "allows at most %3. Shorten the service name root.")
                             .arg(quoteIdentifier(longest))
                             .arg(longest.size())
                             .arg(MaxIdentifierLength));
            if (!o.serviceRoot.startsWith(QLatin1String("//")))
                addWarning(problems, "serviceRoot",
                           QStringLiteral("Service names usually have the form //<organisation>/<prefix>, "
                                          "for example //Contoso/Orders, so that they are unique everywhere."));
            if (o.serviceRoot.endsWith(QLatin1Char('/')))
                addError(problems, "serviceRoot",
                         QStringLiteral("The service name root must not end with \"/\"; the generator adds "
                                        "\"/Task\", \"/Target\", ... itself."));
        }
    }

    if (o.maxQueueReaders < 1 || o.maxQueueReaders > 32767)
        addError(problems, "maxQueueReaders",
                 QStringLiteral("MAX_QUEUE_READERS must be between 1 and 32767 (it is %1).").arg(o.maxQueueReaders));

    if (o.receiveTimeoutMs <= 0)
        addError(problems, "receiveTimeoutMs",
                 QStringLiteral("The receive timeout must be more than 0 ms (it is %1); without one an "
                                "activated task would never end.")
                     .arg(o.receiveTimeoutMs));
    else if (o.receiveTimeoutMs > 60000)
        addWarning(problems, "receiveTimeoutMs",
                   QStringLiteral("A receive timeout of %1 ms keeps each idle reader alive that long after "
                                  "the queue is empty; a few seconds is usual.")
                       .arg(o.receiveTimeoutMs));

    if (o.messagesPerReceive < 1 || o.messagesPerReceive > MaxMessagesPerReceive)
        addError(problems, "messagesPerReceive",
                 QStringLiteral("Messages per RECEIVE must be between 1 and %1 (it is %2).")
                     .arg(MaxMessagesPerReceive)
                     .arg(o.messagesPerReceive));
    else if (o.messagesPerReceive > 1 && d.dialogPerTask)
        // RECEIVE returns the messages of one conversation group, and every dialog of these
        // patterns is its own group with one task in it.
        addWarning(problems, "messagesPerReceive",
                   QStringLiteral("With one dialog per task, a RECEIVE returns one conversation group: one task "
                                  "(and its EndDialog) at a time, whatever TOP (n) says. Batching pays off with "
                                  "keep-firing, whose long-lived conversations carry many tasks each."));

    if (d.hasWindow) {
        if (o.windowSeconds <= 0)
            addError(problems, "windowSeconds",
                     QStringLiteral("The window must be more than 0 seconds (it is %1).").arg(o.windowSeconds));
        else if (o.windowSeconds < 60)
            addWarning(problems, "windowSeconds",
                       QStringLiteral("A window of %1 s is short: a task not received within it is lost "
                                      "(marked 'expired'). Allow for the backlog and about 5 s of activation "
                                      "ramp-up per extra reader.")
                           .arg(o.windowSeconds));
    }

    if (d.hasDialogLifetime) {
        if (o.dialogLifetimeSeconds <= 0)
            addError(problems, "dialogLifetimeSeconds",
                     QStringLiteral("The dialog lifetime must be more than 0 seconds (it is %1).")
                         .arg(o.dialogLifetimeSeconds));
        else if (o.dialogLifetimeSeconds < 60)
            addWarning(problems, "dialogLifetimeSeconds",
                       QStringLiteral("A dialog lifetime of %1 s is short: a task the target has not "
                                      "finished within it is logged 'expired'. Allow for the backlog.")
                           .arg(o.dialogLifetimeSeconds));
    }

    if (d.hasPool) {
        // At most once commits the RECEIVE, and with it the conversation group lock,
        // before the task runs: another reader can then run the next message of the
        // same conversation at the same time.
        if (o.delivery == DeliveryMode::AtMostOnce)
            addWarning(problems, "delivery",
                       QStringLiteral("Keep-firing with at-most-once delivery: order per key is not kept. "
                                      "The RECEIVE commits before the task runs, so two readers can run "
                                      "tasks of the same key at the same time. Choose delivery in the "
                                      "receive transaction if order matters."));
        if (o.poolSize < 1)
            addError(problems, "poolSize",
                     QStringLiteral("The conversation pool needs at least 1 conversation (it is %1).").arg(o.poolSize));
        else if (o.maxQueueReaders >= 1 && qint64(o.poolSize) > qint64(o.maxQueueReaders) * 4)
            addWarning(problems, "poolSize",
                       QStringLiteral("A pool of %1 conversations is more than 4 times the %2 queue readers: "
                                      "only one reader works on a conversation at a time, so the extra "
                                      "conversations add endpoints, not parallelism.")
                           .arg(o.poolSize)
                           .arg(o.maxQueueReaders));
        else if (o.poolSize < o.maxQueueReaders)
            addWarning(problems, "poolSize",
                       QStringLiteral("A pool of %1 conversations keeps at most %1 of the %2 queue readers busy.")
                           .arg(o.poolSize)
                           .arg(o.maxQueueReaders));
        if (o.recycleAfterMessages < 1)
            addError(problems, "recycleAfterMessages",
                     QStringLiteral("Recycle after at least 1 message (it is %1).").arg(o.recycleAfterMessages));
        if (o.recycleAfterSeconds < 1)
            addError(problems, "recycleAfterSeconds",
                     QStringLiteral("Recycle after at least 1 second (it is %1).").arg(o.recycleAfterSeconds));
        else if (o.recycleAfterSeconds < 60)
            addWarning(problems, "recycleAfterSeconds",
                       QStringLiteral("Recycling every %1 s leaves a closed target endpoint per conversation "
                                      "and recycle for 30 minutes each; that many endpoints may cost more "
                                      "than they save.")
                           .arg(o.recycleAfterSeconds));
    }

    if (o.logRetentionDays < 0)
        addError(problems, "logRetentionDays",
                 QStringLiteral("Log retention cannot be negative (it is %1 days); 0 keeps the log forever.")
                     .arg(o.logRetentionDays));
    else if (o.logRetentionDays > MaxLogRetentionDays)
        // DATEADD(day, -n, SYSUTCDATETIME()) in _Cleanup fails with error 517 beyond the
        // year 1, and _Enqueue runs _Cleanup.
        addError(problems, "logRetentionDays",
                 QStringLiteral("Log retention of %1 days is too long; the most is %2 days (about 100 "
                                "years). Use 0 to keep the log forever.")
                     .arg(o.logRetentionDays)
                     .arg(MaxLogRetentionDays));

    if (o.cleanupIntervalSeconds < 1 || o.cleanupIntervalSeconds > MaxCleanupIntervalSeconds)
        addError(problems, "cleanupIntervalSeconds",
                 QStringLiteral("The cleanup interval must be between 1 and %1 seconds (it is %2).")
                     .arg(MaxCleanupIntervalSeconds)
                     .arg(o.cleanupIntervalSeconds));

    if (!d.installable)
        addWarning(problems, "pattern",
                   QStringLiteral("Naive fire-and-forget is a teaching script: it leaks conversation endpoints "
                                  "for 68 years and drops errors. Do not install it in production."));
    return problems;
}

bool hasErrors(const QList<OptionProblem> &problems)
{
    for (const OptionProblem &p : problems) {
        if (!p.isWarning)
            return true;
    }
    return false;
}

QString formatProblem(const OptionProblem &problem)
{
    return (problem.isWarning ? QStringLiteral("warning: ") : QStringLiteral("error: ")) + problem.field
        + QStringLiteral(": ") + problem.message;
}

QJsonObject optionsToJson(const PatternOptions &o)
{
    QJsonObject json;
    json.insert(QLatin1String("pattern"), patternKey(o.pattern));
    json.insert(QLatin1String("database"), o.database);
    json.insert(QLatin1String("schema"), o.schema);
    json.insert(QLatin1String("prefix"), o.prefix);
    json.insert(QLatin1String("serviceRoot"), o.serviceRoot);
    json.insert(QLatin1String("validateXml"), o.validateXml);
    json.insert(QLatin1String("delivery"), deliveryKey(o.delivery));
    json.insert(QLatin1String("maxQueueReaders"), o.maxQueueReaders);
    json.insert(QLatin1String("receiveTimeoutMs"), o.receiveTimeoutMs);
    json.insert(QLatin1String("messagesPerReceive"), o.messagesPerReceive);
    json.insert(QLatin1String("windowSeconds"), o.windowSeconds);
    json.insert(QLatin1String("dialogLifetimeSeconds"), o.dialogLifetimeSeconds);
    json.insert(QLatin1String("poolSize"), o.poolSize);
    json.insert(QLatin1String("recycleAfterMessages"), o.recycleAfterMessages);
    json.insert(QLatin1String("recycleAfterSeconds"), o.recycleAfterSeconds);
    json.insert(QLatin1String("logRetentionDays"), o.logRetentionDays);
    json.insert(QLatin1String("cleanupIntervalSeconds"), o.cleanupIntervalSeconds);
    json.insert(QLatin1String("uninstallKeepsLog"), o.uninstallKeepsLog);
    return json;
}

std::optional<PatternOptions> optionsFromJson(const QJsonObject &json, QString *error)
{
    const auto fail = [error](const QString &message) -> std::optional<PatternOptions> {
        if (error)
            *error = message;
        return std::nullopt;
    };

    Pattern pattern = Pattern::Windowed;
    if (json.contains(QLatin1String("pattern"))) {
        const QJsonValue v = json.value(QLatin1String("pattern"));
        const std::optional<Pattern> p = v.isString() ? patternFromKey(v.toString()) : std::nullopt;
        if (!p)
            return fail(QStringLiteral("\"pattern\" must be one of %1.").arg(patternKeyList()));
        pattern = *p;
    }
    PatternOptions o = PatternOptions::defaults(pattern);
    const bool poolGiven = json.contains(QLatin1String("poolSize"));

    for (auto it = json.constBegin(); it != json.constEnd(); ++it) {
        const QString key = it.key();
        const QJsonValue v = it.value();
        const auto needString = [&](QString *target) {
            if (!v.isString())
                return false;
            *target = v.toString();
            return true;
        };
        const auto needBool = [&](bool *target) {
            if (!v.isBool())
                return false;
            *target = v.toBool();
            return true;
        };
        const auto needInt = [&](int *target) {
            // JSON numbers are doubles: accept only whole numbers that fit an int.
            if (!v.isDouble())
                return false;
            const double d = v.toDouble();
            if (d < -2147483648.0 || d > 2147483647.0 || d != double(qint64(d)))
                return false;
            *target = int(d);
            return true;
        };
        bool ok = true;
        if (key == QLatin1String("pattern"))
            continue;
        else if (key == QLatin1String("database"))
            ok = needString(&o.database);
        else if (key == QLatin1String("schema"))
            ok = needString(&o.schema);
        else if (key == QLatin1String("prefix"))
            ok = needString(&o.prefix);
        else if (key == QLatin1String("serviceRoot"))
            ok = needString(&o.serviceRoot);
        else if (key == QLatin1String("validateXml"))
            ok = needBool(&o.validateXml);
        else if (key == QLatin1String("delivery")) {
            if (v == QJsonValue(QStringLiteral("at-most-once")))
                o.delivery = DeliveryMode::AtMostOnce;
            else if (v == QJsonValue(QStringLiteral("in-receive-transaction")))
                o.delivery = DeliveryMode::InReceiveTransaction;
            else
                return fail(QStringLiteral("\"delivery\" must be \"at-most-once\" or \"in-receive-transaction\"."));
        } else if (key == QLatin1String("maxQueueReaders"))
            ok = needInt(&o.maxQueueReaders);
        else if (key == QLatin1String("receiveTimeoutMs"))
            ok = needInt(&o.receiveTimeoutMs);
        else if (key == QLatin1String("messagesPerReceive"))
            ok = needInt(&o.messagesPerReceive);
        else if (key == QLatin1String("windowSeconds"))
            ok = needInt(&o.windowSeconds);
        else if (key == QLatin1String("dialogLifetimeSeconds"))
            ok = needInt(&o.dialogLifetimeSeconds);
        else if (key == QLatin1String("poolSize"))
            ok = needInt(&o.poolSize);
        else if (key == QLatin1String("recycleAfterMessages"))
            ok = needInt(&o.recycleAfterMessages);
        else if (key == QLatin1String("recycleAfterSeconds"))
            ok = needInt(&o.recycleAfterSeconds);
        else if (key == QLatin1String("logRetentionDays"))
            ok = needInt(&o.logRetentionDays);
        else if (key == QLatin1String("cleanupIntervalSeconds"))
            ok = needInt(&o.cleanupIntervalSeconds);
        else if (key == QLatin1String("uninstallKeepsLog"))
            ok = needBool(&o.uninstallKeepsLog);
        else
            return fail(QStringLiteral("Unknown option \"%1\".").arg(key));
        if (!ok)
            return fail(QStringLiteral("Option \"%1\" has the wrong type.").arg(key));
    }
    // The pool follows the readers unless it was chosen (PATTERNS.md default).
    if (!poolGiven)
        o.poolSize = o.maxQueueReaders;
    return o;
}

} // namespace bs
