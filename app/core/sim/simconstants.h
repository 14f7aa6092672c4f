#pragma once

#include <QtGlobal>

#include <limits>

// Named constants of the simulator. Every behaviour that SERVICE_BROKER.md marks [U] (not
// confirmed by a documentation page) is either one of these constants or a scenario setting
// (SimSettings) whose default is the constant; the comment says which assumption it is.

namespace bs::sim {

/// Simulated time is kept in whole microseconds so that runs are exactly reproducible.
using SimTime = qint64;
inline constexpr SimTime Microsecond = 1;
inline constexpr SimTime Millisecond = 1000;
inline constexpr SimTime Second = 1000 * Millisecond;
inline constexpr SimTime Minute = 60 * Second;
inline constexpr SimTime Hour = 60 * Minute;
inline constexpr SimTime Day = 24 * Hour;
/// "Never" for a dialog lifetime that lies beyond any run.
inline constexpr SimTime Never = std::numeric_limits<qint64>::max() / 4;

/// Default dialog LIFETIME: the int maximum, about 68 years (SERVICE_BROKER.md §3, ST begin-dialog).
inline constexpr qint64 DefaultLifetimeSeconds = 2147483647;

/// Queue monitors re-check "every few seconds"; Rusanu gives a hard-coded 5 s timer (R-QM).
/// [U]: that the cap is one new task per check is inferred, not documented (§5).
inline constexpr double DefaultMonitorIntervalSeconds = 5.0;

/// A closed target endpoint is kept until security_timestamp = close time + 30 min once the
/// initiator has shown it saw the acknowledgement of message 0 (§3, replay protection).
inline constexpr double DefaultSecurityTimestampSeconds = 30.0 * 60.0;

/// [U] Rusanu observed closed fire-and-forget target endpoints living "about 30 min" past their
/// lifetime. The default is 0 so that the windowed pattern shows PATTERNS.md's λ × window; a
/// scenario can set closedExtraRetentionSeconds = 1800 to model the observation.
inline constexpr double DefaultClosedExtraRetentionSeconds = 0.0;

/// Five consecutive rollbacks of a RECEIVE transaction disable the queue (§6).
/// [U] the docs do not say what the five are counted over; the simulator counts consecutive
/// rollbacks per conversation (the poison message keeps coming back) and a commit resets them.
inline constexpr int DefaultPoisonRollbackLimit = 5;

/// [U] A poison-disabled queue turns off enqueue as well as receive (STATUS = OFF, §6).
inline constexpr bool DefaultPoisonDisablesEnqueue = true;

/// Transmission retry schedule for a destination that cannot accept: 4, 8, 16, 32 s, then
/// every 64 s until the lifetime ends (§3, R-TS).
inline constexpr int TransmissionRetryFirstSeconds = 4;
inline constexpr int TransmissionRetryMaxSeconds = 64;

/// WAITFOR (RECEIVE ...), TIMEOUT of the generated activation procedures (PATTERNS.md): 5 s.
inline constexpr double DefaultWaitforTimeoutSeconds = 5.0;

/// [U] Time an activated procedure spends on a system message (EndDialog, Error, EndOfStream):
/// RECEIVE, END CONVERSATION, log row and commit. Not documented; 1 ms is a modelling choice.
inline constexpr double DefaultSystemMessageSeconds = 0.001;

/// sys.conversation_endpoints: an endpoint whose lifetime is more than a year away is reported
/// as never expiring (MonitorSample::EndpointGroup::neverExpiring).
inline constexpr SimTime NeverExpiringThreshold = 365 * Day;

/// The largest MAX_QUEUE_READERS SQL Server accepts (§5: 0–32767); also the largest pool.
inline constexpr int MaxQueueReadersLimit = 32767;

/// The largest RECEIVE TOP (n) a scenario may ask for (a model bound, not SQL Server's).
inline constexpr int MaxReceiveTop = 100000;

/// Dialogs whose lifetime ends further away than this are not put on the event heap at once
/// but parked and swept in every hour, so that 68-year lifetimes cost no heap entries.
inline constexpr SimTime ExpiryHorizon = Hour;

/// Workloads of one scenario (an endpoint stores its workload in 16 bits to stay small).
inline constexpr int MaxWorkloads = 65535;

/// Broker error codes used by the simulator (§7, R-RESEND).
inline constexpr int ErrorLifetimeExceeded = -8489;
inline constexpr int ErrorTargetDoesNotSupportContract = -8408;
inline constexpr int ErrorTypeNotInContract = -8498;
inline constexpr int ErrorWrongSentBy = -8457;
inline constexpr int ErrorValidationFailed = -8430;

} // namespace bs::sim
