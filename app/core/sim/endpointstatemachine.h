#pragma once

#include "core/monitorsample.h"

#include <QString>

namespace bs::sim {

/// What can happen to one conversation endpoint (SERVICE_BROKER.md §3, the rows of the table).
enum class EndpointEvent {
    Send,             ///< SEND on this endpoint
    EndDialogArrives, ///< the far side's EndDialog (or its acknowledgement of our END) arrives
    ErrorArrives,     ///< an Error message from the far side arrives
    End,              ///< END CONVERSATION
    EndWithError,     ///< END CONVERSATION ... WITH ERROR = n DESCRIPTION = '...'
    EndWithCleanup,   ///< END CONVERSATION ... WITH CLEANUP
    LifetimeExpires,  ///< the dialog's LIFETIME passes
    RetentionEnds,    ///< a closed endpoint's security timestamp (or lifetime) passes
};
inline constexpr int EndpointEventCount = 8;

QString endpointEventName(EndpointEvent event);

/// What an event does to one endpoint: its next state (or deletion) and the side effects the
/// simulator must carry out.
struct EndpointTransition
{
    EndpointState state = EndpointState::CO; ///< next state when not deleted
    bool deleted = false;         ///< the endpoint row disappears
    bool fails = false;           ///< the statement raises an error; nothing changes
    bool ignored = false;         ///< the event has no effect (for example a late duplicate)
    bool sendsMessage = false;    ///< a message goes to the far side (SEND)
    bool sendsEndDialog = false;  ///< EndDialog goes to the far side, after unsent messages
    bool sendsError = false;      ///< Error goes to the far side; unsent messages are dropped
    bool queuesLocalError = false;///< an Error message is put into the endpoint's own queue
    bool dropsMessage = false;    ///< the arriving message is thrown away (an Error while DO)
    bool removesOwnMessages = false; ///< the endpoint's queued messages are removed
    bool operator==(const EndpointTransition &) const = default;
};

/// The endpoint state machine of SERVICE_BROKER.md §3 as a pure function, for both sides.
/// The simulator applies it to every endpoint; the test walks every event × state pair.
class EndpointStateMachine
{
public:
    static EndpointTransition apply(EndpointState state, bool isInitiator, EndpointEvent event);
};

} // namespace bs::sim
