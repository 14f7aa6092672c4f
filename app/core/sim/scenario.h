#pragma once

#include "core/catalog.h"
#include "core/check/sqlmodule.h"
#include "core/sim/simconstants.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace bs::sim {

/// How a workload's messages arrive (docs/scenarios.md, "rate").
enum class RateKind { Constant, Poisson, Batch };

/// Arrival process of one workload. Batch: `batchCount` tasks at `batchAtSeconds`, repeated every
/// `batchEverySeconds` (0 = once), sent at `perSecond` (0 = all in one transaction).
struct RateSpec
{
    RateKind kind = RateKind::Constant;
    double perSecond = 1.0;
    qint64 batchCount = 0;
    double batchAtSeconds = 0.0;
    double batchEverySeconds = 0.0;
    bool operator==(const RateSpec &) const = default;
};

/// The conversation patterns of PATTERNS.md.
enum class PatternKind { Naive, Windowed, TargetEndsFirst, KeepFiring };

/// How the initiator uses conversations.
struct PatternSpec
{
    PatternKind kind = PatternKind::KeepFiring;
    /// LIFETIME of each dialog; the window of the windowed pattern.
    double lifetimeSeconds = double(DefaultLifetimeSeconds);
    int pool = 8;                 ///< keep-firing: pooled conversations
    qint64 recycleMessages = 0;   ///< keep-firing: recycle after N messages (0 = never)
    double recycleSeconds = 0.0;  ///< keep-firing: recycle after T seconds (0 = never)
    /// The target's activation procedure ends its side on EndDialog. False models a target that
    /// never ends conversations: its endpoints pile up in DI (SERVICE_BROKER.md §4 item 3).
    bool targetEndsOnEndDialog = true;
    /// BEGIN CONVERSATION TIMER (TIMEOUT = timerSeconds) on every dialog of the workload, on one
    /// side, when that side's endpoint is created (0 = no timer). When it fires, a DialogTimer
    /// message is put first in that side's queue; the side's activation procedure then closes
    /// the dialog: the target ENDs it, the initiator sends EndOfStream (when the workload has
    /// one: the target ends first, R-RECYCLE) or ENDs it.
    double timerSeconds = 0.0;
    bool timerOnTarget = true;
    bool operator==(const PatternSpec &) const = default;
};

enum class TaskDistribution { Fixed, Exponential, LogNormal };

/// When the target runs a task relative to its RECEIVE (PATTERNS.md "Task delivery"), plus the
/// naive procedure that rolls back on every failure (the poison-message case of §6).
enum class TaskDelivery { AtMostOnce, InTransaction, RollbackOnFailure };

/// The work the target's activation procedure does per task message.
struct TaskSpec
{
    TaskDistribution distribution = TaskDistribution::Fixed;
    double meanSeconds = 0.05;
    double sigma = 0.5;               ///< log-normal shape
    double failureProbability = 0.0;  ///< per attempt
    /// InTransaction: share of failures that doom the transaction (XACT_STATE() = -1), which
    /// then rolls back and is logged by a second RECEIVE (PATTERNS.md).
    double doomedFraction = 0.0;
    TaskDelivery delivery = TaskDelivery::InTransaction;
    qint64 poisonMessage = 0;         ///< 1-based index of a task that always fails (0 = none)
    /// RECEIVE TOP (n) of the target's activation procedure: one RECEIVE takes up to n messages,
    /// all of one conversation group (1 = one at a time, as the generated procedures do). The
    /// batch is one transaction: its tasks run one after another inside it (delivery
    /// InTransaction / RollbackOnFailure), and a rollback returns the whole batch to the queue.
    int receiveTop = 1;
    /// What each RECEIVE transaction costs on top of its tasks (the RECEIVE itself and the log
    /// flush of its COMMIT): what RECEIVE TOP (n) shares among n tasks. 0 = folded into the task time.
    double receiveSeconds = 0.0;
    bool operator==(const TaskSpec &) const = default;
};

/// Message bodies, for validation (VALIDATION = WELL_FORMED_XML or EMPTY).
enum class BodyKind { Xml, Text, Empty };

/// One sender: a stream of task messages from one service to another under one pattern.
struct WorkloadSpec
{
    QString name;
    QString fromService;
    QString toService;
    QString contract;
    QString messageType;
    QString endOfStreamType; ///< keep-firing: the EndOfStream message type
    BodyKind body = BodyKind::Xml;
    RateSpec rate;
    PatternSpec pattern;
    TaskSpec task;
    double startSeconds = 0.0;
    double stopSeconds = -1.0; ///< < 0 = never stops
    bool operator==(const WorkloadSpec &) const = default;
};

enum class ChangeAction { AlterQueue, AlterMessageType, SetBroker, DropService };

/// A scripted change at a point of the run (ALTER QUEUE, ALTER MESSAGE TYPE, ...).
struct ChangeSpec
{
    double atSeconds = 0.0;
    ChangeAction action = ChangeAction::AlterQueue;
    QString target; ///< queue "schema.name", message type or service name
    std::optional<bool> status;          ///< queue STATUS; broker enabled
    std::optional<bool> activation;      ///< queue ACTIVATION (STATUS)
    std::optional<int> maxReaders;
    std::optional<bool> poisonHandling;
    QString validation;                  ///< N, X or E
    bool operator==(const ChangeSpec &) const = default;
};

/// What becomes of messages sent over a route to another broker. The simulator models one
/// database, so a remote service never answers: its messages wait in sys.transmission_queue,
/// retried, with the transmission_status SQL Server writes for the failure (remoteStatusText()).
enum class RouteFailure { ConnectionClosed, Unreachable, TransportUnavailable };

/// The simulated network behind one route of the topology.
struct RouteBehaviour
{
    QString route; ///< the route's name
    RouteFailure failure = RouteFailure::ConnectionClosed;
    bool operator==(const RouteBehaviour &) const = default;
};

/// The transmission_status text for a failure, as the "Troubleshooting Routing and Message
/// Delivery" page of the SQL Server documentation lists them.
QString remoteStatusText(RouteFailure failure);

/// Modelling choices a scenario may change; defaults are the constants of simconstants.h.
struct SimSettings
{
    double monitorIntervalSeconds = DefaultMonitorIntervalSeconds;
    double securityTimestampSeconds = DefaultSecurityTimestampSeconds;
    double closedExtraRetentionSeconds = DefaultClosedExtraRetentionSeconds;
    int poisonRollbackLimit = DefaultPoisonRollbackLimit;
    bool poisonDisablesEnqueue = DefaultPoisonDisablesEnqueue;
    double waitforTimeoutSeconds = DefaultWaitforTimeoutSeconds;
    double systemMessageSeconds = DefaultSystemMessageSeconds;
    bool operator==(const SimSettings &) const = default;
};

/// A complete simulation: topology (as a BrokerCatalog), workloads, scripted changes, settings.
/// Read from JSON by ScenarioLoader (docs/scenarios.md) or built in code (runWhatIf).
struct Scenario
{
    int version = 1;
    QString name;
    QString description;
    quint64 seed = 1;
    double durationSeconds = 3600.0;
    double sampleIntervalSeconds = 1.0;
    QDateTime start = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    BrokerCatalog catalog;
    QList<WorkloadSpec> workloads;
    QList<ChangeSpec> changes;
    QList<RouteBehaviour> routeBehaviours;
    SimSettings settings;
    /// The procedures' T-SQL as sys.sql_modules would show it, for the health check's linter.
    QList<SqlModule> modules;
    bool operator==(const Scenario &) const = default;
};

QString patternKindName(PatternKind kind); ///< "naive", "windowed", "targetEndsFirst", "keepFiring"

} // namespace bs::sim
