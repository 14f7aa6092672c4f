#include "agent/agentstatuspage.h"

#include "agent/agenttarget.h"

namespace bs {

namespace {

QString timeText(const std::optional<QDateTime> &t)
{
    return t ? t->toString(Qt::ISODate) : QStringLiteral("never");
}

} // namespace

QByteArray AgentStatusPage::html(const QList<const AgentTarget *> &targets, const QDateTime &nowUtc)
{
    QString rows;
    int up = 0;
    for (const AgentTarget *t : targets) {
        const AgentTarget::State &st = t->state();
        const bool isUp = t->isUp(nowUtc);
        up += isUp ? 1 : 0;
        QString duration = st.lastDurationSeconds ? QStringLiteral("%1 s").arg(*st.lastDurationSeconds, 0, 'f', 3) : QStringLiteral("–");
        if (st.slowLane)
            duration += QStringLiteral(" (slow lane)"); // its rounds held a shared sampler thread over 2 s
        rows += QStringLiteral("<tr class=\"%1\"><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</td><td>%7</td><td>%8</td></tr>\n")
                    .arg(isUp ? QStringLiteral("up") : QStringLiteral("down"), t->name().toHtmlEscaped(),
                         t->description().toHtmlEscaped(), isUp ? QStringLiteral("up") : QStringLiteral("down"),
                         timeText(st.lastSuccess), duration, QString::number(st.alerts.size()),
                         st.lastError.isEmpty() ? QStringLiteral("–") : QString(timeText(st.lastFailure) + QStringLiteral(": ") + st.lastError).toHtmlEscaped());
    }
    const QString page = QStringLiteral(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Broker Studio agent</title>\n"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
        "tr.down td:nth-child(4){color:#b00020;font-weight:bold}tr.up td:nth-child(4){color:#1b7f2a}</style>"
        "</head><body>\n<h1>Broker Studio agent %1</h1>\n"
        "<p>%2 of %3 targets up at %4 (UTC). <a href=\"/metrics\">/metrics</a> · <a href=\"/-/healthy\">/-/healthy</a></p>\n"
        "<table><tr><th>Target</th><th>Source</th><th>State</th><th>Last success (UTC)</th><th>Last round</th>"
        "<th>Active alerts</th><th>Last error</th></tr>\n%5</table>\n</body></html>\n")
                             .arg(QStringLiteral(BS_VERSION))
                             .arg(up)
                             .arg(targets.size())
                             .arg(nowUtc.toString(Qt::ISODate), rows);
    return page.toUtf8();
}

} // namespace bs
