#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace bs {

/// The messaging patterns of PATTERNS.md. NaiveTeaching is only ever generated as a
/// labelled teaching script; the wizard does not offer it for production.
enum class Pattern { Windowed, KeepFiring, TargetEndsFirst, NaiveTeaching };

/// When the target runs a task relative to the RECEIVE that delivered it (PATTERNS.md
/// "Task delivery").
enum class DeliveryMode {
    AtMostOnce,           // commit the RECEIVE, then run the task (long jobs)
    InReceiveTransaction  // run the task inside the RECEIVE transaction (short tasks)
};

/// Everything the script generator needs for one pattern. Every field starts at the
/// PATTERNS.md default; use PatternOptions::defaults(pattern) for the per-pattern defaults.
struct PatternOptions
{
    Pattern pattern = Pattern::Windowed;
    /// Database to install into; empty means "the current database" (no USE statement).
    QString database;
    QString schema = QStringLiteral("dbo");
    /// Prefix of every schema-scoped object name ([schema].[<prefix>TargetQueue], ...).
    QString prefix = QStringLiteral("Async");
    /// Root of the broker object names: "//<org>/<Prefix>", e.g. "//Contoso/Orders".
    QString serviceRoot = QStringLiteral("//Contoso/Async");
    /// VALIDATION = WELL_FORMED_XML on the task message type (else NONE).
    bool validateXml = true;
    DeliveryMode delivery = DeliveryMode::AtMostOnce;
    /// MAX_QUEUE_READERS of the target queue's activation (1..32767).
    int maxQueueReaders = 4;
    /// TIMEOUT of the activation loop's WAITFOR (RECEIVE ...), in milliseconds.
    int receiveTimeoutMs = 5000;
    /// Messages per RECEIVE of the target's activation procedure: RECEIVE TOP (n) INTO a table
    /// variable, processed one by one in the same transaction (1 = one message at a time).
    int messagesPerReceive = 1;
    /// Windowed: dialog LIFETIME in seconds.
    int windowSeconds = 3600;
    /// Target ends first: dialog LIFETIME in seconds; a dialog the target never ends
    /// expires (-8489) and its task is logged 'expired'.
    int dialogLifetimeSeconds = 86400;
    /// Keep-firing: number of long-lived conversations (default = maxQueueReaders).
    int poolSize = 4;
    /// Keep-firing: recycle a pooled conversation after this many messages ...
    int recycleAfterMessages = 10000;
    /// ... or after this many seconds, whichever comes first.
    int recycleAfterSeconds = 3600;
    /// Task log rows older than this are deleted by _Cleanup (0 = keep forever, at most
    /// MaxLogRetentionDays).
    int logRetentionDays = 30;
    /// _Enqueue runs _Cleanup at most once per this many seconds (an application lock taken
    /// with a zero timeout and the last run's time), not on every call: the task log is the
    /// hottest table of the installation.
    int cleanupIntervalSeconds = 60;
    /// The uninstall script leaves the task log table in place.
    bool uninstallKeepsLog = true;

    /// The PATTERNS.md defaults for one pattern (delivery mode differs per pattern).
    static PatternOptions defaults(Pattern pattern);

    friend bool operator==(const PatternOptions &, const PatternOptions &) = default;
};

/// Largest accepted logRetentionDays (about 100 years): _Cleanup subtracts it from the
/// current date with DATEADD, which must stay within datetime2's range.
inline constexpr int MaxLogRetentionDays = 36500;
/// Largest accepted cleanupIntervalSeconds (one day).
inline constexpr int MaxCleanupIntervalSeconds = 86400;
/// Largest accepted messagesPerReceive. In the receive transaction every message of a batch
/// runs in one transaction, whose locks and log grow with it; beyond a thousand the gain of
/// sharing one RECEIVE and one COMMIT is long gone.
inline constexpr int MaxMessagesPerReceive = 1000;

/// One finding of validateOptions(): `field` is the JSON key of the option concerned.
struct OptionProblem
{
    QString field;
    QString message;
    bool isWarning = false;
};

/// Command-line / JSON spelling of a pattern: "windowed", "keep-firing",
/// "target-ends-first", "naive-teaching".
QString patternKey(Pattern pattern);
std::optional<Pattern> patternFromKey(const QString &key);
/// Human title, e.g. "Windowed fire-and-forget".
QString patternTitle(Pattern pattern);

/// DBA-readable problems with the options; generation refuses when any is not a warning.
QList<OptionProblem> validateOptions(const PatternOptions &options);
/// True when one of the problems is an error (not a warning).
bool hasErrors(const QList<OptionProblem> &problems);
/// "error: <message>" / "warning: <message>", one line, as the command line prints it.
QString formatProblem(const OptionProblem &problem);

/// Options as JSON (keys = field names, pattern and delivery as strings).
QJsonObject optionsToJson(const PatternOptions &options);
/// Missing keys take the defaults of the pattern; unknown keys or wrong types are errors.
std::optional<PatternOptions> optionsFromJson(const QJsonObject &json, QString *error);

/// One generated script file.
struct GeneratedScript
{
    QString fileName; // e.g. "install.sql"
    QString title;    // e.g. "Install"
    QString text;
};

/// The result of generateScripts(): the four scripts, or why there are none.
struct GeneratedScripts
{
    /// install.sql, uninstall.sql, usage.sql, monitor.sql — in that order. Empty on error.
    QList<GeneratedScript> scripts;
    /// Why nothing was generated (invalid options, template error); empty on success.
    QString error;
};

/// Version written into every script header: the application's version (BS_VERSION).
QString generatorVersion();

/// Pure: the scripts for the options (validated first; errors give `error`, no scripts).
GeneratedScripts generateScripts(const PatternOptions &options);

/// One object the install script creates.
struct PatternObject
{
    QString kind;   // "message type", "contract", "queue", "service", "table", "procedure", "role"
    QString name;   // the object's own name, unquoted
    QString schema; // its schema, unquoted; empty for message types, contracts, services, roles
};

/// The objects the install creates, in creation order.
QList<PatternObject> patternObjects(const PatternOptions &options);
/// The same as display strings: "<kind> <quoted name>", e.g. "queue [dbo].[AsyncTargetQueue]".
QStringList objectNames(const PatternOptions &options);

} // namespace bs
