#include "agent/grafanadashboard.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace bs {

namespace {

using P = GrafanaDashboard::Panel;

P panel(const char *title, const char *type, QStringList exprs, QStringList legends, const char *unit, const char *description)
{
    P p;
    p.title = QLatin1String(title);
    p.type = QLatin1String(type);
    p.exprs = std::move(exprs);
    p.legends = std::move(legends);
    p.unit = QLatin1String(unit);
    p.description = QString::fromUtf8(description);
    return p;
}

QList<GrafanaDashboard::Row> makeRows()
{
    const QString t = QStringLiteral("{target=~\"$target\"}");
    P up = panel("Targets up", "stat", {QStringLiteral("sum(broker_studio_up)"), QStringLiteral("count(broker_studio_up)")},
                 {QStringLiteral("up"), QStringLiteral("targets")}, "short", "Targets whose latest sample is in time, of all targets.");
    up.width = 6;
    up.height = 5;
    P down = panel("Targets down", "table", {QStringLiteral("broker_studio_up == 0")}, {QStringLiteral("{{target}}")}, "short",
                   "Targets without a recent sample; the agent's status page (/) says why.");
    down.width = 6;
    down.height = 5;
    down.instant = true;
    down.drillDownLink = true;
    P alerts = panel("Active alerts by target and rule", "table", {QStringLiteral("count by (target, rule, severity) (broker_studio_alert)")},
                     {QStringLiteral("{{target}} {{rule}}")}, "short", "Alerts raised by Broker Studio's alert rules in the agent.");
    alerts.instant = true;
    alerts.drillDownLink = true;
    alerts.height = 5;
    P population = panel("Endpoint population per target", "timeseries", {QStringLiteral("sum by (target) (broker_studio_endpoints)")},
                         {QStringLiteral("{{target}}")}, "short",
                         "Conversation endpoints per database; a line that keeps rising is a leak. Click a line to drill down.");
    population.drillDownLink = true;
    P leaks = panel("Leak indicators per target", "timeseries",
                    {QStringLiteral("sum by (target) (broker_studio_endpoints_closed_unset_security_timestamp)"),
                     QStringLiteral("sum by (target) (broker_studio_endpoints_never_expiring)")},
                    {QStringLiteral("{{target}} CLOSED, security timestamp unset"), QStringLiteral("{{target}} never expiring")}, "short",
                    "Endpoints that will not go away by themselves (fire-and-forget leak; lifetime over a year away).");
    leaks.drillDownLink = true;

    P byState = panel("Population by state", "timeseries", {QStringLiteral("sum by (state) (broker_studio_endpoints") + t + QLatin1Char(')')},
                      {QStringLiteral("{{state}}")}, "short", "Endpoints of the database by state, stacked.");
    byState.stacked = true;
    byState.width = 24;
    P pairLeaks = panel("Leak indicators by service pair", "timeseries",
                        {QStringLiteral("sum by (local_service, far_service, side) (broker_studio_endpoints_closed_unset_security_timestamp") + t + QLatin1Char(')'),
                         QStringLiteral("sum by (local_service, far_service, side) (broker_studio_endpoints_never_expiring") + t + QLatin1Char(')')},
                        {QStringLiteral("{{local_service}} → {{far_service}} ({{side}}) CLOSED unset"),
                         QStringLiteral("{{local_service}} → {{far_service}} ({{side}}) never expiring")},
                        "short", "Per pair and side: CLOSED endpoints with an unset security timestamp, and never-expiring endpoints.");
    P queues = panel("Queue depth", "timeseries", {QStringLiteral("broker_studio_queue_messages") + t},
                     {QStringLiteral("{{schema}}.{{queue}}")}, "short", "Messages waiting per queue.");
    P readers = panel("Activated readers", "timeseries",
                      {QStringLiteral("broker_studio_queue_active_readers") + t, QStringLiteral("broker_studio_queue_max_readers") + t},
                      {QStringLiteral("{{schema}}.{{queue}} running"), QStringLiteral("{{schema}}.{{queue}} MAX_QUEUE_READERS")}, "short",
                      "Activated tasks against MAX_QUEUE_READERS.");
    P disabled = panel("Disabled queues and monitors", "table",
                       {QStringLiteral("broker_studio_queue_receive_enabled") + t + QStringLiteral(" == 0"),
                        QStringLiteral("broker_studio_queue_enqueue_enabled") + t + QStringLiteral(" == 0"),
                        QStringLiteral("broker_studio_queue_monitor_state{target=~\"$target\",state=\"NOTIFIED\"} == 1")},
                       {QStringLiteral("receive disabled"), QStringLiteral("enqueue disabled"), QStringLiteral("monitor NOTIFIED")}, "short",
                       "Queues that poison-message handling disabled, and queue monitors waiting in NOTIFIED.");
    disabled.instant = true;
    P transmission = panel("Transmission queue by status", "timeseries",
                           {QStringLiteral("sum by (status) (broker_studio_transmission_queue_messages_by_status") + t + QLatin1Char(')')},
                           {QStringLiteral("{{status}}")}, "short", "Messages waiting to be sent, by class of transmission_status.");
    transmission.stacked = true;
    P oldest = panel("Oldest message in the transmission queue", "timeseries",
                     {QStringLiteral("broker_studio_transmission_queue_oldest_age_seconds") + t}, {QStringLiteral("{{target}}")}, "s",
                     "How long the oldest unsent message has waited.");
    P dbAlerts = panel("Alerts", "table", {QStringLiteral("broker_studio_alert") + t},
                       {QStringLiteral("{{rule}} {{subject}}")}, "short", "Active alerts of the database with their subject and attributed side.");
    dbAlerts.instant = true;
    dbAlerts.width = 24;
    P health = panel("Sampling", "timeseries",
                     {QStringLiteral("broker_studio_sample_duration_seconds") + t,
                      QStringLiteral("sum by (part) (increase(broker_studio_part_errors_total") + t + QStringLiteral("[15m]))")},
                     {QStringLiteral("round duration"), QStringLiteral("errors: {{part}}")}, "short",
                     "How long a sampling round takes, and parts that could not be read (usually a missing permission).");
    P counters = panel("Broker counters (per second)", "timeseries",
                       {QStringLiteral("sum by (counter) (rate(broker_studio_broker_performance_total") + t + QStringLiteral("[5m]))")},
                       {QStringLiteral("{{counter}}")}, "short", "Rates of the Broker performance counters that count up.");
    return {
        {QStringLiteral("Fleet overview"), {up, down, alerts, population, leaks}},
        {QStringLiteral("Database: $target"), {byState, pairLeaks, queues, readers, disabled, transmission, oldest, dbAlerts, health, counters}},
    };
}

QJsonObject target(const QString &expr, const QString &legend, bool instant, int refId)
{
    return QJsonObject{
        {QStringLiteral("datasource"), QJsonObject{{QStringLiteral("type"), QStringLiteral("prometheus")}, {QStringLiteral("uid"), QStringLiteral("${datasource}")}}},
        {QStringLiteral("expr"), expr},
        {QStringLiteral("legendFormat"), legend},
        {QStringLiteral("instant"), instant},
        {QStringLiteral("range"), !instant},
        {QStringLiteral("refId"), QString(QChar(u'A' + refId))},
    };
}

} // namespace

QString GrafanaDashboard::uid()
{
    return QStringLiteral("broker-studio-fleet");
}

const QList<GrafanaDashboard::Row> &GrafanaDashboard::rows()
{
    static const QList<Row> r = makeRows();
    return r;
}

QStringList GrafanaDashboard::metricNames()
{
    static const QRegularExpression name(QStringLiteral("\\b(broker_studio_[a-z0-9_]+)"));
    QSet<QString> names;
    for (const Row &row : rows()) {
        for (const Panel &p : row.panels) {
            for (const QString &e : p.exprs) {
                auto it = name.globalMatch(e);
                while (it.hasNext())
                    names.insert(it.next().captured(1));
            }
        }
    }
    QStringList out(names.cbegin(), names.cend());
    out.sort();
    return out;
}

QByteArray GrafanaDashboard::json()
{
    QJsonArray panels;
    int id = 1;
    int y = 0;
    const QString drill = QStringLiteral("/d/%1/broker-studio-fleet?var-target=${__field.labels.target}&${__url_time_range}").arg(uid());
    for (const Row &row : rows()) {
        panels.append(QJsonObject{{QStringLiteral("id"), id++},
                                  {QStringLiteral("type"), QStringLiteral("row")},
                                  {QStringLiteral("title"), row.title},
                                  {QStringLiteral("collapsed"), false},
                                  {QStringLiteral("gridPos"), QJsonObject{{QStringLiteral("h"), 1}, {QStringLiteral("w"), 24}, {QStringLiteral("x"), 0}, {QStringLiteral("y"), y}}},
                                  {QStringLiteral("panels"), QJsonArray{}}});
        ++y;
        int x = 0;
        int rowHeight = 0;
        for (const Panel &p : row.panels) {
            if (x + p.width > 24) {
                x = 0;
                y += rowHeight;
                rowHeight = 0;
            }
            QJsonArray targets;
            for (qsizetype i = 0; i < p.exprs.size(); ++i)
                targets.append(target(p.exprs.at(i), p.legends.value(i), p.instant, int(i)));
            QJsonObject defaults{{QStringLiteral("unit"), p.unit}};
            QJsonObject custom;
            if (p.type == QLatin1String("timeseries")) {
                custom.insert(QStringLiteral("fillOpacity"), p.stacked ? 60 : 10);
                custom.insert(QStringLiteral("stacking"), QJsonObject{{QStringLiteral("mode"), p.stacked ? QStringLiteral("normal") : QStringLiteral("none")},
                                                                      {QStringLiteral("group"), QStringLiteral("A")}});
                defaults.insert(QStringLiteral("custom"), custom);
            }
            if (p.drillDownLink) {
                defaults.insert(QStringLiteral("links"), QJsonArray{QJsonObject{{QStringLiteral("title"), QStringLiteral("Open the database")},
                                                                                {QStringLiteral("url"), drill}}});
            }
            QJsonObject options;
            if (p.type == QLatin1String("table"))
                options.insert(QStringLiteral("showHeader"), true);
            panels.append(QJsonObject{
                {QStringLiteral("id"), id++},
                {QStringLiteral("type"), p.type},
                {QStringLiteral("title"), p.title},
                {QStringLiteral("description"), p.description},
                {QStringLiteral("datasource"), QJsonObject{{QStringLiteral("type"), QStringLiteral("prometheus")}, {QStringLiteral("uid"), QStringLiteral("${datasource}")}}},
                {QStringLiteral("gridPos"), QJsonObject{{QStringLiteral("h"), p.height}, {QStringLiteral("w"), p.width}, {QStringLiteral("x"), x}, {QStringLiteral("y"), y}}},
                {QStringLiteral("fieldConfig"), QJsonObject{{QStringLiteral("defaults"), defaults}, {QStringLiteral("overrides"), QJsonArray{}}}},
                {QStringLiteral("options"), options},
                {QStringLiteral("targets"), targets},
            });
            x += p.width;
            rowHeight = std::max(rowHeight, p.height);
        }
        y += rowHeight;
    }
    const QJsonObject datasourceVar{{QStringLiteral("name"), QStringLiteral("datasource")},
                                    {QStringLiteral("label"), QStringLiteral("Prometheus")},
                                    {QStringLiteral("type"), QStringLiteral("datasource")},
                                    {QStringLiteral("query"), QStringLiteral("prometheus")}};
    const QJsonObject targetVar{
        {QStringLiteral("name"), QStringLiteral("target")},
        {QStringLiteral("label"), QStringLiteral("Database")},
        {QStringLiteral("type"), QStringLiteral("query")},
        {QStringLiteral("datasource"), QJsonObject{{QStringLiteral("type"), QStringLiteral("prometheus")}, {QStringLiteral("uid"), QStringLiteral("${datasource}")}}},
        {QStringLiteral("query"), QJsonObject{{QStringLiteral("query"), QStringLiteral("label_values(broker_studio_up, target)")}, {QStringLiteral("refId"), QStringLiteral("target")}}},
        {QStringLiteral("definition"), QStringLiteral("label_values(broker_studio_up, target)")},
        {QStringLiteral("refresh"), 2},
        {QStringLiteral("multi"), true},
        {QStringLiteral("includeAll"), true},
        {QStringLiteral("sort"), 1},
    };
    const QJsonObject dashboard{
        {QStringLiteral("uid"), uid()},
        {QStringLiteral("title"), QStringLiteral("Broker Studio fleet")},
        {QStringLiteral("description"), QStringLiteral("Service Broker across the fleet, from the Broker Studio agent (generated by broker-studio agent --print-dashboard).")},
        {QStringLiteral("tags"), QJsonArray{QStringLiteral("broker-studio"), QStringLiteral("sql-server"), QStringLiteral("service-broker")}},
        {QStringLiteral("timezone"), QStringLiteral("browser")},
        {QStringLiteral("schemaVersion"), 37},
        {QStringLiteral("version"), 1},
        {QStringLiteral("editable"), true},
        {QStringLiteral("refresh"), QStringLiteral("30s")},
        {QStringLiteral("time"), QJsonObject{{QStringLiteral("from"), QStringLiteral("now-6h")}, {QStringLiteral("to"), QStringLiteral("now")}}},
        {QStringLiteral("templating"), QJsonObject{{QStringLiteral("list"), QJsonArray{datasourceVar, targetVar}}}},
        {QStringLiteral("panels"), panels},
    };
    return QJsonDocument(dashboard).toJson(QJsonDocument::Indented);
}

} // namespace bs
