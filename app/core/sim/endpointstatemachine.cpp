#include "core/sim/endpointstatemachine.h"

namespace bs::sim {

namespace {

EndpointTransition stay(EndpointState s)
{
    EndpointTransition t;
    t.state = s;
    t.ignored = true;
    return t;
}

EndpointTransition fail(EndpointState s)
{
    EndpointTransition t;
    t.state = s;
    t.fails = true;
    return t;
}

EndpointTransition to(EndpointState s)
{
    EndpointTransition t;
    t.state = s;
    return t;
}

// Closing: an initiator endpoint disappears at once (W-CLOSED); a target endpoint stays CLOSED
// until its security timestamp or its lifetime passes (§3).
EndpointTransition closed(bool isInitiator)
{
    EndpointTransition t;
    t.state = EndpointState::CD;
    t.deleted = isInitiator;
    return t;
}

EndpointTransition deleted(EndpointState s)
{
    EndpointTransition t;
    t.state = s;
    t.deleted = true;
    return t;
}

} // namespace

QString endpointEventName(EndpointEvent event)
{
    switch (event) {
    case EndpointEvent::Send: return QStringLiteral("SEND");
    case EndpointEvent::EndDialogArrives: return QStringLiteral("EndDialog arrives");
    case EndpointEvent::ErrorArrives: return QStringLiteral("Error arrives");
    case EndpointEvent::End: return QStringLiteral("END");
    case EndpointEvent::EndWithError: return QStringLiteral("END WITH ERROR");
    case EndpointEvent::EndWithCleanup: return QStringLiteral("END WITH CLEANUP");
    case EndpointEvent::LifetimeExpires: return QStringLiteral("lifetime expires");
    case EndpointEvent::RetentionEnds: return QStringLiteral("retention ends");
    }
    return {};
}

EndpointTransition EndpointStateMachine::apply(EndpointState s, bool isInitiator, EndpointEvent event)
{
    using S = EndpointState;
    switch (event) {
    case EndpointEvent::Send:
        // [U] SO→CO on the first SEND: the docs only imply it. SI cannot send: the target has
        // no handle until the first message is complete and received.
        if (s == S::SO || s == S::CO) {
            EndpointTransition t = to(S::CO);
            t.sendsMessage = true;
            return t;
        }
        return fail(s);

    case EndpointEvent::EndDialogArrives:
        switch (s) {
        case S::SI:
        case S::CO: return to(S::DI);
        case S::DO: return closed(isInitiator); // the far side acknowledged our END
        default: return stay(s); // SO has no far side; DI/ER/CD: a duplicate or replay
        }

    case EndpointEvent::ErrorArrives:
        switch (s) {
        case S::SI:
        case S::CO:
        case S::DI: {
            // Error is delivered ahead of the dialog's other messages; SEND now fails.
            EndpointTransition t = to(S::ER);
            t.queuesLocalError = true;
            return t;
        }
        case S::DO: {
            // R-FF: an Error reaching an endpoint that already ended is dropped and the
            // endpoint deleted. [U] for a target in DO (only documented for the initiator).
            EndpointTransition t = deleted(S::CD);
            t.dropsMessage = true;
            return t;
        }
        case S::CD: {
            EndpointTransition t = stay(s);
            t.dropsMessage = true;
            return t;
        }
        default: return stay(s); // SO: nothing was sent; ER: already in error
        }

    case EndpointEvent::End:
        switch (s) {
        case S::SO: return deleted(S::CD); // [U] nothing was sent, so nobody must be told
        case S::SI:
        case S::CO: {
            EndpointTransition t = to(S::DO);
            t.sendsEndDialog = true;
            t.removesOwnMessages = true;
            return t;
        }
        case S::DI: {
            EndpointTransition t = closed(isInitiator);
            t.sendsEndDialog = true; // acknowledges the far side's END
            t.removesOwnMessages = true;
            return t;
        }
        case S::ER: {
            EndpointTransition t = closed(isInitiator);
            t.removesOwnMessages = true;
            return t;
        }
        default: return fail(s); // DO, CD: already ended
        }

    case EndpointEvent::EndWithError:
        switch (s) {
        case S::SO: return deleted(S::CD);
        case S::SI:
        case S::CO: {
            // [U] The docs say "probably DO→CD": inside one instance the Error is acknowledged
            // at once, so the endpoint closes immediately.
            EndpointTransition t = closed(isInitiator);
            t.sendsError = true;
            t.removesOwnMessages = true;
            return t;
        }
        case S::DI: {
            EndpointTransition t = closed(isInitiator);
            t.sendsEndDialog = true;
            t.removesOwnMessages = true;
            return t;
        }
        case S::ER: {
            EndpointTransition t = closed(isInitiator);
            t.removesOwnMessages = true;
            return t;
        }
        default: return fail(s);
        }

    case EndpointEvent::EndWithCleanup: {
        // Admin only: the endpoint and its messages go; the far side is not told.
        EndpointTransition t = deleted(s);
        t.removesOwnMessages = true;
        return t;
    }

    case EndpointEvent::LifetimeExpires:
        switch (s) {
        case S::SO:
        case S::SI:
        case S::CO:
        case S::DI: {
            // -8489 on this side; [U] the state is ER until the application ENDs.
            EndpointTransition t = to(S::ER);
            t.queuesLocalError = true;
            return t;
        }
        case S::DO: {
            // The -8489 Error reaches an endpoint that already ended: dropped, deleted.
            EndpointTransition t = deleted(S::CD);
            t.dropsMessage = true;
            return t;
        }
        case S::CD: return deleted(S::CD); // a closed endpoint kept for its lifetime goes now
        default: return stay(s);
        }

    case EndpointEvent::RetentionEnds:
        if (s == S::CD)
            return deleted(S::CD);
        return stay(s);
    }
    return stay(s);
}

} // namespace bs::sim
