#include "core/series/chartticks.h"

#include <QDateTime>

#include <algorithm>
#include <array>
#include <cmath>

namespace bs {

namespace {
constexpr qint64 Day = 86'400;
// Steps a DBA reads at a glance: clock values that divide a minute, an hour or a day.
constexpr std::array<qint64, 21> Steps = {1,    2,    5,    10,   15,       30,       60,
                                          120,  300,  600,  900,  1800,     3600,     2 * 3600,
                                          3 * 3600, 6 * 3600, 12 * 3600, Day, 2 * Day, 7 * Day, 14 * Day};
} // namespace

qint64 ChartTicks::timeStepSeconds(qint64 spanMs, int maxTicks)
{
    maxTicks = std::max(maxTicks, 1);
    for (qint64 step : Steps) {
        if (spanMs / (step * 1000) <= maxTicks)
            return step;
    }
    // Longer than every step allows: whole multiples of 30 days.
    const qint64 months = spanMs / (30 * Day * 1000) / maxTicks + 1;
    return months * 30 * Day;
}

QList<ChartTicks::Tick> ChartTicks::timeTicks(qint64 fromMs, qint64 toMs, int maxTicks, const QTimeZone &zone)
{
    QList<Tick> ticks;
    if (toMs <= fromMs || maxTicks < 1)
        return ticks;
    const qint64 step = timeStepSeconds(toMs - fromMs, maxTicks);
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(fromMs, zone);
    // Count steps from the local midnight of the first day, so ticks fall on round clock values
    // (10:00, 10:15...) and days on midnights, whatever the time zone's offset from UTC.
    QDateTime t(from.date(), QTime(0, 0), zone);
    if (!t.isValid())
        t = from;
    const qint64 days = step >= Day ? step / Day : 0;
    if (step < Day) {
        const qint64 intoDay = t.secsTo(from);
        t = t.addSecs((intoDay / step) * step);
    } else {
        // Days counted from a fixed origin (weeks start on Mondays), so the ticks stay on the
        // same dates while the user pans.
        while (t.date().toJulianDay() % days != 0)
            t = t.addDays(1);
    }
    const QString clock = step < 60 ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm");
    const QString date = QStringLiteral("MMM d");
    // A safety bound: a time zone transition never makes this loop run away.
    for (int guard = 0; guard < 4 * maxTicks + 8 && t.toMSecsSinceEpoch() <= toMs; ++guard) {
        const qint64 ms = t.toMSecsSinceEpoch();
        if (ms >= fromMs) {
            const bool midnight = t.time() == QTime(0, 0);
            ticks.append(Tick{double(ms), t.toString(days > 0 || midnight ? date : clock)});
        }
        t = days > 0 ? t.addDays(days) : t.addSecs(step);
    }
    return ticks;
}

QList<ChartTicks::Tick> ChartTicks::valueTicks(double maxValue, int maxTicks, const QLocale &locale)
{
    maxTicks = std::max(maxTicks, 1);
    const double hi = std::isfinite(maxValue) && maxValue > 0 ? maxValue * 1.05 : 0;
    double step = 1;
    for (double decade = 1; step * maxTicks < hi; decade *= 10) {
        for (double m : {1.0, 2.0, 5.0}) {
            step = m * decade;
            if (step * maxTicks >= hi)
                break;
        }
    }
    const double top = std::max(step, std::ceil(hi / step) * step);
    QList<Tick> ticks;
    for (double v = 0; v <= top + step / 2; v += step)
        ticks.append(Tick{v, locale.toString(qint64(std::llround(v)))});
    return ticks;
}

} // namespace bs
