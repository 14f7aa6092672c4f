#include "core/script/patterndescriptor.h"

#include "core/script/whatif.h"

#include <QCoreApplication>
#include <QStringList>

namespace bs {

const QList<PatternDescriptor> &patternDescriptors()
{
    // The texts are the PATTERNS.md rows in words; arrows are drawn from the initiator's box
    // (left) to the target's (right).
    static const QList<PatternDescriptor> table{
        {
            .pattern = Pattern::Windowed,
            .key = QStringLiteral("windowed"),
            .title = QStringLiteral("Windowed fire-and-forget"),
            .templateFolder = QStringLiteral("windowed"),
            .defaultDelivery = DeliveryMode::AtMostOnce,
            .simulatorKind = sim::PatternKind::Windowed,
            .installable = true,
            .hasWindow = true,
            .hasDialogLifetime = false,
            .hasPool = false,
            .hasInitiatorProcedure = false,
            .dialogPerTask = true,
            .templateFlag = QStringLiteral("IsWindowed"),
            .steadyState = steadystate::windowed,
            .presentation = {
                .choiceLabel = QT_TRANSLATE_NOOP("PatternDescriptor", "&Windowed fire-and-forget"),
                .choiceObjectName = "patternWindowed",
                .summary = QT_TRANSLATE_NOOP("PatternDescriptor",
                    "For recurring batches: maintenance, refreshes, ETL. The sender ends its side right after SEND; "
                    "every dialog lives for the window (LIFETIME). About <b>rate × window</b> endpoints are alive at "
                    "steady state. Broker errors are dropped; task errors are logged by the target. Order: per message only."),
                .tooltip = QT_TRANSLATE_NOOP("PatternDescriptor",
                    "Fire-and-forget: the sender ends its side of the dialog right after SEND and never waits. "
                    "LIFETIME bounds how long a dialog (and its endpoints) can live."),
                .senderProcedure = "_Enqueue",
                .senderNote = QT_TRANSLATE_NOOP("PatternDescriptor", "BEGIN, SEND, END"),
                .targetProcedure = "_Target",
                .targetNote = QT_TRANSLATE_NOOP("PatternDescriptor", "N readers"),
                .caption = QT_TRANSLATE_NOOP("PatternDescriptor",
                    "The sender never waits. Closed endpoints are reclaimed when the window ends; a task not "
                    "received in time is marked expired in the task log."),
                .captionProcedure = nullptr,
                .arrows = {{0, QT_TRANSLATE_NOOP("PatternDescriptor", "one dialog per task, LIFETIME = window"), true}},
            },
        },
        {
            .pattern = Pattern::KeepFiring,
            .key = QStringLiteral("keep-firing"),
            .title = QStringLiteral("Keep-firing"),
            .templateFolder = QStringLiteral("keep-firing"),
            .defaultDelivery = DeliveryMode::InReceiveTransaction,
            .simulatorKind = sim::PatternKind::KeepFiring,
            .installable = true,
            .hasWindow = false,
            .hasDialogLifetime = false,
            .hasPool = true,
            .hasInitiatorProcedure = true,
            .dialogPerTask = false,
            .templateFlag = QStringLiteral("IsKeepFiring"),
            .steadyState = steadystate::keepFiring,
            .presentation = {
                .choiceLabel = QT_TRANSLATE_NOOP("PatternDescriptor", "&Keep-firing (conversation pool)"),
                .choiceObjectName = "patternKeepFiring",
                .summary = QT_TRANSLATE_NOOP("PatternDescriptor",
                    "For a steady stream of small tasks. A pool of long-lived dialogs is reused; a dialog ends only when "
                    "it is recycled, the target first. About <b>2 × pool</b> endpoints plus the recycled ones kept 30 min: "
                    "bounded. Errors are logged by the initiator's activation. Order: FIFO per conversation."),
                .tooltip = QT_TRANSLATE_NOOP("PatternDescriptor",
                    "A pool of long-lived conversations. One queue reader can work on one conversation at a time, "
                    "so the pool size is the parallelism. EndOfStream is the message that retires a conversation."),
                .senderProcedure = "_Enqueue",
                .senderNote = QT_TRANSLATE_NOOP("PatternDescriptor", "pool of dialogs"),
                .targetProcedure = "_Target",
                .targetNote = QT_TRANSLATE_NOOP("PatternDescriptor", "1 reader per dialog"),
                .caption = QT_TRANSLATE_NOOP("PatternDescriptor",
                    "On recycle the sender sends EndOfStream; the target ends first, then %1 ends its side "
                    "and logs errors. Endpoints stay bounded."),
                .captionProcedure = "_Initiator",
                .arrows = {{-12, QT_TRANSLATE_NOOP("PatternDescriptor", "long-lived dialogs, FIFO each"), true},
                           {0, nullptr, true},
                           {12, nullptr, true}},
            },
        },
        {
            .pattern = Pattern::TargetEndsFirst,
            .key = QStringLiteral("target-ends-first"),
            .title = QStringLiteral("Target ends first"),
            .templateFolder = QStringLiteral("target-ends-first"),
            .defaultDelivery = DeliveryMode::InReceiveTransaction,
            .simulatorKind = sim::PatternKind::TargetEndsFirst,
            .installable = true,
            .hasWindow = false,
            .hasDialogLifetime = true,
            .hasPool = false,
            .hasInitiatorProcedure = true,
            .dialogPerTask = true,
            .templateFlag = QStringLiteral("IsTargetEndsFirst"),
            .steadyState = steadystate::targetEndsFirst,
            .presentation = {
                .choiceLabel = QT_TRANSLATE_NOOP("PatternDescriptor", "&Target ends first (dialog per message)"),
                .choiceObjectName = "patternTargetEndsFirst",
                .summary = QT_TRANSLATE_NOOP("PatternDescriptor",
                    "The textbook baseline: one dialog per message; the target ends after the task, then the initiator. "
                    "About <b>rate × 30 min</b> closed target endpoints (replay protection) plus those in flight. "
                    "Errors are logged by the initiator's activation. Order: per message only."),
                .tooltip = QT_TRANSLATE_NOOP("PatternDescriptor",
                    "The target ends the dialog after the task; an activation procedure on the initiator queue ends "
                    "the sender's side on EndDialog and logs Error messages."),
                .senderProcedure = "_Initiator",
                .senderNote = QT_TRANSLATE_NOOP("PatternDescriptor", "ends on EndDialog"),
                .targetProcedure = "_Target",
                .targetNote = QT_TRANSLATE_NOOP("PatternDescriptor", "ends after the task"),
                .caption = QT_TRANSLATE_NOOP("PatternDescriptor",
                    "One dialog per task (sent by %1); closed target endpoints are kept 30 min for replay "
                    "protection."),
                .captionProcedure = "_Enqueue",
                .arrows = {{-8, QT_TRANSLATE_NOOP("PatternDescriptor", "task message"), true},
                           {8, QT_TRANSLATE_NOOP("PatternDescriptor", "EndDialog or Error"), false}},
            },
        },
        {
            .pattern = Pattern::NaiveTeaching,
            .key = QStringLiteral("naive-teaching"),
            .title = QStringLiteral("Naive fire-and-forget (teaching script)"),
            .templateFolder = QStringLiteral("naive-teaching"),
            .defaultDelivery = DeliveryMode::AtMostOnce,
            .simulatorKind = sim::PatternKind::Naive,
            .installable = false,
            .hasWindow = false,
            .hasDialogLifetime = false,
            .hasPool = false,
            .hasInitiatorProcedure = false,
            .dialogPerTask = true,
            .templateFlag = QStringLiteral("IsNaive"),
            .steadyState = steadystate::growsForEver,
            .presentation = {
                .choiceLabel = QT_TRANSLATE_NOOP("PatternDescriptor", "Naive fire-and-forget"),
                .choiceObjectName = "patternNaive",
                .summary = QT_TRANSLATE_NOOP("PatternDescriptor",
                    "BEGIN, SEND, END with the default lifetime. The population grows by <b>rate × time</b> for "
                    "68 years and errors vanish. Shown so you can recognise it; the wizard does not generate it."),
                .tooltip = QT_TRANSLATE_NOOP("PatternDescriptor",
                    "The sender ends its side right after SEND with the default LIFETIME (68 years): Error messages "
                    "from the target are dropped, and closed endpoints are kept until the lifetime runs out."),
                .senderProcedure = "_Enqueue",
                .senderNote = QT_TRANSLATE_NOOP("PatternDescriptor", "BEGIN, SEND, END"),
                .targetProcedure = "_Target",
                .targetNote = QT_TRANSLATE_NOOP("PatternDescriptor", "END"),
                .caption = QT_TRANSLATE_NOOP("PatternDescriptor",
                    "Errors are dropped; closed endpoints pile up for the dialog's lifetime."),
                .captionProcedure = nullptr,
                .arrows = {{0, QT_TRANSLATE_NOOP("PatternDescriptor", "default LIFETIME: 68 years"), true}},
            },
        },
    };
    return table;
}

const PatternDescriptor &patternDescriptor(Pattern pattern)
{
    for (const PatternDescriptor &d : patternDescriptors()) {
        if (d.pattern == pattern)
            return d;
    }
    // Every enumerator has a row (tst_patternoptions checks it); an out-of-range value is a bug.
    Q_UNREACHABLE();
}

QString patternText(const char *source)
{
    return source ? QCoreApplication::translate("PatternDescriptor", source) : QString();
}

QString installablePatternKeys()
{
    QStringList keys;
    for (const PatternDescriptor &d : patternDescriptors()) {
        if (d.installable)
            keys.append(d.key);
    }
    if (keys.size() < 2)
        return keys.join(QString());
    const QString last = keys.takeLast();
    return keys.join(QStringLiteral(", ")) + QStringLiteral(" or ") + last;
}

} // namespace bs
