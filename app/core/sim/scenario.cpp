#include "core/sim/scenario.h"

namespace bs::sim {

QString patternKindName(PatternKind kind)
{
    switch (kind) {
    case PatternKind::Naive: return QStringLiteral("naive");
    case PatternKind::Windowed: return QStringLiteral("windowed");
    case PatternKind::TargetEndsFirst: return QStringLiteral("targetEndsFirst");
    case PatternKind::KeepFiring: return QStringLiteral("keepFiring");
    }
    return {};
}

} // namespace bs::sim
