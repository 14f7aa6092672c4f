#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace bs {

/// The conditions the monitor recognises (one rule each, see AlertRuleRegistry).
enum class AlertKind {
    BrokerDisabled,
    QueueDisabled,
    ActivationStuckNotified,
    ReadersSaturated,
    EndpointLeak,
    NeverExpiringEndpoints,
    TransmissionStuck,
    ActivationErrors,
    DroppedMessages,
    QueueBacklog,
};
QString alertKindName(AlertKind kind); ///< stable identifier (AlertRule::name), e.g. "queue-disabled"
std::optional<AlertKind> alertKindFromName(const QString &name);

enum class AlertSeverity { Info, Warning, Critical };
QString alertSeverityName(AlertSeverity severity);

/// Which side of a service pair lets endpoints pile up (SERVICE_BROKER.md §4).
enum class LeakAttribution {
    None,
    FireAndForget,   ///< CLOSED target endpoints with security_timestamp 1900-01-01
    LocalNeverEnds,  ///< DISCONNECTED_INBOUND: the far side ended, this side never does
    FarNeverAnswers, ///< DISCONNECTED_OUTBOUND: this side ended, the far side never acknowledges
    NeverEnded,      ///< CONVERSING: dialogs begun and never ended by either side
};
QString leakAttributionName(LeakAttribution attribution);
std::optional<LeakAttribution> leakAttributionFromName(const QString &name);

/// One alert as the monitor explains it: what it saw, why a DBA should care, and the T-SQL
/// that would fix it (shown, copied or saved; never run by the application).
struct Alert
{
    AlertKind kind = AlertKind::BrokerDisabled;
    AlertSeverity severity = AlertSeverity::Warning;
    QString key;     ///< identity across samples: kind plus subject
    QString subject; ///< "[dbo].[AuditQueue]", "//Orders/Target ← //Orders/Initiator", ...
    QString title;   ///< one line for the list
    QString seen;    ///< the numbers that triggered it
    QString why;     ///< why it matters, citing Service Broker behaviour
    QString fixSql;  ///< T-SQL that would fix it; never executed by Broker Studio
    LeakAttribution attribution = LeakAttribution::None;
    QDateTime since;    ///< first sample in which the condition held (UTC)
    QDateTime lastSeen; ///< latest sample in which it held (UTC)
    bool operator==(const Alert &) const = default;
};

/// An entry of the alert log: when an alert was raised and, once its condition went away, cleared.
struct AlertLogEntry
{
    Alert alert;
    QDateTime raised;
    std::optional<QDateTime> cleared;
    bool isActive() const { return !cleared.has_value(); }
    bool operator==(const AlertLogEntry &) const = default;
};

/// What changed with one sample.
struct AlertChange
{
    enum Type { Raised, Cleared, Updated };
    Type type = Raised;
    Alert alert;
    bool operator==(const AlertChange &) const = default;
};

} // namespace bs

Q_DECLARE_METATYPE(bs::Alert)
Q_DECLARE_METATYPE(bs::AlertLogEntry)
