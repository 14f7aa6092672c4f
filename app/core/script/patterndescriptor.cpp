#include "core/script/patterndescriptor.h"

#include <QStringList>

namespace bs {

const QList<PatternDescriptor> &patternDescriptors()
{
    // clang-format off
    static const QList<PatternDescriptor> table{
        //  pattern                   key / title / template folder
        {Pattern::Windowed, QStringLiteral("windowed"), QStringLiteral("Windowed fire-and-forget"),
         QStringLiteral("windowed"), DeliveryMode::AtMostOnce, sim::PatternKind::Windowed,
         /*installable*/ true, /*window*/ true, /*lifetime*/ false, /*pool*/ false, /*initiator proc*/ false,
         /*dialog per task*/ true},
        {Pattern::KeepFiring, QStringLiteral("keep-firing"), QStringLiteral("Keep-firing"),
         QStringLiteral("keep-firing"), DeliveryMode::InReceiveTransaction, sim::PatternKind::KeepFiring,
         true, false, false, true, true, false},
        {Pattern::TargetEndsFirst, QStringLiteral("target-ends-first"), QStringLiteral("Target ends first"),
         QStringLiteral("target-ends-first"), DeliveryMode::InReceiveTransaction, sim::PatternKind::TargetEndsFirst,
         true, false, true, false, true, true},
        {Pattern::NaiveTeaching, QStringLiteral("naive-teaching"), QStringLiteral("Naive fire-and-forget (teaching script)"),
         QStringLiteral("naive-teaching"), DeliveryMode::AtMostOnce, sim::PatternKind::Naive,
         false, false, false, false, false, true},
    };
    // clang-format on
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
