#pragma once

#include "core/script/patternoptions.h"
#include "core/sim/scenario.h"

#include <QList>
#include <QString>

namespace bs {

/// Everything about a pattern that is not an option's value, in one table: how it is spelled,
/// where its templates are, which options and objects it has, its defaults and how the simulator
/// models it. Code asks the descriptor instead of switching on `Pattern`; a new pattern is one
/// row here (and its templates), plus one test row in tst_patternoptions.
struct PatternDescriptor
{
    Pattern pattern;
    /// Command-line / options.json spelling ("windowed").
    QString key;
    /// Human title ("Windowed fire-and-forget").
    QString title;
    /// Folder of its install/uninstall/usage/monitor templates under sql/patterns/.
    QString templateFolder;
    /// PATTERNS.md: at most once for long batch jobs, in the receive transaction for streams
    /// of short tasks; the textbook shape for the teaching script.
    DeliveryMode defaultDelivery;
    /// How the simulator (core/sim) models it, for the wizard's what-if simulation.
    sim::PatternKind simulatorKind;
    /// Generated for installation (the wizard offers it, `generate` suggests it); false for the
    /// naive teaching script, which is generated only with its warning header.
    bool installable;
    /// windowSeconds applies: every dialog's LIFETIME is the window.
    bool hasWindow;
    /// dialogLifetimeSeconds applies: a dialog the target never ends expires.
    bool hasDialogLifetime;
    /// A conversation pool: poolSize, recycleAfter*, the EndOfStream message type and the pool table.
    bool hasPool;
    /// An activation procedure on the initiator queue ends the initiator's side and logs errors.
    bool hasInitiatorProcedure;
    /// The target ends each task's dialog (a pool reuses dialogs instead).
    bool dialogPerTask;
};

/// Every pattern, in the order the wizard and the help list them.
const QList<PatternDescriptor> &patternDescriptors();
/// The descriptor of one pattern (every enumerator has one).
const PatternDescriptor &patternDescriptor(Pattern pattern);
/// The keys of the installable patterns, "windowed, keep-firing or target-ends-first".
QString installablePatternKeys();

} // namespace bs
