#include "ui/fleet/prometheusfleetreader.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

namespace bs {

namespace {

QString label(const QJsonObject &result, const char *name)
{
    return result.value(u"metric").toObject().value(QLatin1String(name)).toString();
}

double value(const QJsonObject &result)
{
    return result.value(u"value").toArray().at(1).toString().toDouble();
}

int severityRank(const QString &severity)
{
    return severity == QLatin1String("critical") ? 2 : severity == QLatin1String("warning") ? 1 : 0;
}

} // namespace

const QList<std::pair<QString, QString>> &PrometheusFleetReader::queries()
{
    // Only metrics of the agent (app/agent/agentmetrics.cpp); tst_fleetview checks the names.
    static const QList<std::pair<QString, QString>> q{
        {QStringLiteral("up"), QStringLiteral("broker_studio_up")},
        {QStringLiteral("info"), QStringLiteral("broker_studio_target_info")},
        {QStringLiteral("population"), QStringLiteral("sum by (target) (broker_studio_endpoints)")},
        {QStringLiteral("slope"), QStringLiteral("sum by (target) (deriv(broker_studio_endpoints[15m])) * 60")},
        {QStringLiteral("disabled"), QStringLiteral("count by (target) (broker_studio_queue_receive_enabled == 0)")},
        {QStringLiteral("alerts"), QStringLiteral("broker_studio_alert")},
        {QStringLiteral("last"), QStringLiteral("broker_studio_last_success_timestamp_seconds")},
    };
    return q;
}

PrometheusFleetReader::PrometheusFleetReader(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    connect(&m_timer, &QTimer::timeout, this, &PrometheusFleetReader::poll);
}

void PrometheusFleetReader::start(const QUrl &baseUrl, int intervalMs)
{
    m_base = baseUrl;
    m_timer.start(intervalMs);
    poll();
}

void PrometheusFleetReader::stop()
{
    m_timer.stop();
    ++m_generation; // replies still on their way are dropped
}

void PrometheusFleetReader::poll()
{
    if (m_pending > 0)
        return; // the previous round is still being answered
    const quint64 generation = ++m_generation;
    m_results.clear();
    m_error.clear();
    m_pending = int(queries().size());
    for (const auto &[part, promql] : queries()) {
        QUrl url = m_base.resolved(QUrl(QStringLiteral("api/v1/query")));
        if (!m_base.path().endsWith(QLatin1Char('/')))
            url.setPath(m_base.path() + QStringLiteral("/api/v1/query"));
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("query"), promql);
        url.setQuery(query);
        QNetworkRequest request(url);
        request.setTransferTimeout(10000);
        QNetworkReply *reply = m_network->get(request);
        connect(reply, &QNetworkReply::finished, this, [this, generation, p = part, reply] { onReply(generation, p, reply); });
    }
}

void PrometheusFleetReader::onReply(quint64 generation, const QString &part, QNetworkReply *reply)
{
    reply->deleteLater();
    if (generation != m_generation)
        return;
    --m_pending;
    const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
    if (reply->error() != QNetworkReply::NoError && body.isEmpty())
        m_error = reply->errorString();
    else if (body.value(u"status").toString() != QLatin1String("success"))
        m_error = tr("Prometheus answered: %1").arg(body.value(u"error").toString(reply->errorString()));
    else
        m_results.insert(part, body.value(u"data").toObject().value(u"result").toArray());
    if (m_pending > 0)
        return;
    if (!m_error.isEmpty()) {
        Q_EMIT failed(m_error);
        return;
    }
    Q_EMIT tilesChanged(tilesFrom(m_results));
}

QList<FleetTile> PrometheusFleetReader::tilesFrom(const QHash<QString, QJsonArray> &results)
{
    QHash<QString, FleetTile> tiles;
    QHash<QString, int> topRank;
    for (const QJsonValue &v : results.value(QStringLiteral("up"))) {
        const QJsonObject r = v.toObject();
        FleetTile &t = tiles[label(r, "target")];
        t.name = label(r, "target");
        t.health = value(r) == 1 ? FleetTile::Health::Normal : FleetTile::Health::Down;
        if (t.health == FleetTile::Health::Down)
            t.error = tr("The agent has no recent sample of this database (its status page says why).");
    }
    const auto each = [&](const char *part, auto apply) {
        for (const QJsonValue &v : results.value(QLatin1String(part))) {
            const QJsonObject r = v.toObject();
            const auto it = tiles.find(label(r, "target"));
            if (it != tiles.end())
                apply(*it, r);
        }
    };
    each("info", [](FleetTile &t, const QJsonObject &r) { t.source = label(r, "source"); });
    each("population", [](FleetTile &t, const QJsonObject &r) { t.population = qint64(value(r)); });
    each("slope", [](FleetTile &t, const QJsonObject &r) { t.slopePerMinute = value(r); });
    each("disabled", [](FleetTile &t, const QJsonObject &r) {
        t.disabledQueues = int(value(r));
        if (t.disabledQueues > 0 && t.health != FleetTile::Health::Down)
            t.health = FleetTile::Health::Critical;
    });
    each("last", [](FleetTile &t, const QJsonObject &r) {
        t.lastSample = QDateTime::fromMSecsSinceEpoch(qint64(value(r) * 1000.0), Qt::UTC);
    });
    each("alerts", [&](FleetTile &t, const QJsonObject &r) {
        ++t.alertCount;
        const int rank = severityRank(label(r, "severity"));
        if (t.topAlert.isEmpty() || rank > topRank.value(t.name)) {
            topRank.insert(t.name, rank);
            t.topAlert = label(r, "rule") + QStringLiteral(": ") + label(r, "subject");
        }
        if (t.health == FleetTile::Health::Normal || (t.health == FleetTile::Health::Warning && rank == 2))
            t.health = rank == 2 ? FleetTile::Health::Critical : FleetTile::Health::Warning;
    });
    return tiles.values();
}

} // namespace bs
