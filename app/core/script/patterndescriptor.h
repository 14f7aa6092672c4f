#pragma once

#include "core/script/patternoptions.h"
#include "core/sim/scenario.h"

#include <QList>
#include <QString>

namespace bs {

struct SteadyStateEstimate;
struct Workload;

/// The PATTERNS.md population of one pattern: fills `estimate.endpoints` and `formula` (or
/// `bounded = false` and `growthPerHour`); estimateSteadyState() does the parts all patterns share.
using SteadyStateFormula = void (*)(const PatternOptions &options, const Workload &load, double lambda,
                                    double throughput, SteadyStateEstimate &estimate);

/// One arrow of the wizard's pattern diagram, initiator box to target box (or back).
struct PatternDiagramArrow
{
    double offset;      ///< pixels above (negative) or below the boxes' centre line
    const char *label;  ///< untranslated (context "PatternDescriptor"); null: no label
    bool forward;       ///< initiator -> target; false: back, label below the arrow
};

/// How the wizard shows a pattern. The texts are untranslated source strings in the
/// "PatternDescriptor" context (patternText()); `%1` in `caption` is the procedure named
/// by `captionProcedure`.
struct PatternPresentation
{
    const char *choiceLabel;    ///< radio button, with its mnemonic
    const char *choiceObjectName;
    const char *summary;        ///< rich text under the button: the PATTERNS.md row in words
    const char *tooltip;        ///< the Service Broker terms behind it
    const char *senderProcedure;  ///< suffix of the procedure in the left box ("_Enqueue")
    const char *senderNote;
    const char *targetProcedure;
    const char *targetNote;
    const char *caption;
    const char *captionProcedure; ///< suffix for %1 in the caption, or null
    QList<PatternDiagramArrow> arrows;
};

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
    /// Flag set for its templates ("IsWindowed"); sql/patterns/*/ use {{#IsWindowed}} sections.
    QString templateFlag;
    /// Its steady-state population formula (whatif.cpp).
    SteadyStateFormula steadyState;
    /// Texts and drawing in the wizard.
    PatternPresentation presentation;
};

/// Every pattern, in the order the wizard and the help list them.
const QList<PatternDescriptor> &patternDescriptors();
/// The descriptor of one pattern (every enumerator has one).
const PatternDescriptor &patternDescriptor(Pattern pattern);
/// A presentation text translated in the "PatternDescriptor" context.
QString patternText(const char *source);
/// The keys of the installable patterns, "windowed, keep-firing or target-ends-first".
QString installablePatternKeys();

} // namespace bs
