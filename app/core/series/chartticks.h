#pragma once

#include <QList>
#include <QLocale>
#include <QString>
#include <QTimeZone>

namespace bs {

/// Where a chart puts its axis ticks and what it writes under them: times at round local clock
/// values (every 5 s, 10 min, 6 h, a day...), with the date instead of the clock at midnight;
/// counts at 1, 2 or 5 × 10^n with group separators. Pure arithmetic, so the charts' axes are
/// tested without a window.
class ChartTicks
{
public:
    struct Tick
    {
        double value = 0; ///< UTC milliseconds for a time tick, the count for a value tick
        QString label;
        bool operator==(const Tick &o) const { return value == o.value && label == o.label; }
    };

    /// Ticks inside [fromMs, toMs] (UTC milliseconds), at most `maxTicks` of them, on round
    /// values of the clock in `zone`.
    static QList<Tick> timeTicks(qint64 fromMs, qint64 toMs, int maxTicks, const QTimeZone &zone = QTimeZone::systemTimeZone());
    /// The step timeTicks() uses for a span, in seconds.
    static qint64 timeStepSeconds(qint64 spanMs, int maxTicks);

    /// Ticks from 0 to the first round value above `maxValue` (plus 5 % headroom), at most
    /// `maxTicks` + 1 of them; whole numbers only (every charted series is a count). The last
    /// tick is the top of the axis.
    static QList<Tick> valueTicks(double maxValue, int maxTicks, const QLocale &locale = QLocale());
};

} // namespace bs
