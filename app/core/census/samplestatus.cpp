#include "core/census/samplestatus.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

namespace bs {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("bs::SampleStatus", text);
}

QString clock(const QDateTime &t)
{
    return QLocale().toString(t.toLocalTime(), QStringLiteral("HH:mm:ss"));
}
} // namespace

QString SampleStatus::statusLine(const MonitorSample &latest, qint64 sampleCount)
{
    return tr("Last sample %1 · %2 samples%3")
        .arg(clock(latest.time), QLocale().toString(sampleCount), latest.isCensus ? tr(" · census") : QString());
}

QString SampleStatus::toolTip(const MonitorSample &latest, const SamplingPolicy &policy, int intervalMs,
                              const std::optional<Pacing> &pacing)
{
    QStringList lines;
    if (latest.time.isValid()) {
        if (latest.isCensus)
            lines << tr("This sample carries the full census (breakdown by state, services and side).");
        else
            lines << tr("This sample has the totals from partition metadata only; last census: %1.")
                         .arg(latest.lastCensus ? clock(*latest.lastCensus) : tr("none yet"));
    }
    lines << policy.describeCensus(intervalMs);
    if (pacing) {
        const QString share = policy.describeTimeShare(pacing->chosenMs, pacing->effectiveMs, pacing->roundMs);
        lines << share.left(1).toUpper() + share.mid(1) + QLatin1Char('.');
    }
    lines << tr("A sample may use at most %1 % of the server's time (Preferences).").arg(policy.serverTimeSharePercent);
    return lines.join(QLatin1Char('\n'));
}

std::optional<SampleStatus::Warning> SampleStatus::unavailableWarning(const MonitorSample &sample)
{
    QStringList parts;
    QStringList grants;
    for (const UnavailablePart &u : sample.unavailable) {
        if (u.notDue)
            continue;
        parts.append(u.part);
        if (!u.permission.isEmpty() && !grants.contains(u.permission))
            grants.append(u.permission);
    }
    if (parts.isEmpty())
        return std::nullopt;
    return Warning{tr("Part of the monitor is unavailable: %1").arg(parts.join(QStringLiteral(", "))),
                   grants.isEmpty() ? tr("The rest keeps working; see the tables for the server's message.")
                                    : tr("Grant %1 to the monitoring login; the rest keeps working.")
                                          .arg(grants.join(QStringLiteral(", ")))};
}

} // namespace bs
