#pragma once

#include "ui/fleet/fleettile.h"

#include <QHash>
#include <QJsonArray>
#include <QObject>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace bs {

/// Reads the fleet from Prometheus's HTTP query API (/api/v1/query) instead of sampling the
/// servers: the agent's metrics for every target, a few instant queries every 30 s, asynchronous
/// (QNetworkAccessManager on the GUI thread, nothing blocks). So the desktop never polls five
/// hundred servers.
class PrometheusFleetReader : public QObject
{
    Q_OBJECT
public:
    /// The instant queries, by the part of the tile they fill.
    static const QList<std::pair<QString, QString>> &queries();

    explicit PrometheusFleetReader(QObject *parent = nullptr);
    /// Starts reading `baseUrl` (e.g. http://prometheus:9090) now and every `intervalMs`.
    void start(const QUrl &baseUrl, int intervalMs = 30000);
    void stop();
    QUrl baseUrl() const { return m_base; }

    /// Tiles from the `data.result` arrays of the queries (by part name). Pure; tested directly.
    static QList<FleetTile> tilesFrom(const QHash<QString, QJsonArray> &results);

Q_SIGNALS:
    void tilesChanged(const QList<bs::FleetTile> &tiles);
    /// The server could not be read ("connection refused", "HTTP 503", a query error).
    void failed(const QString &message);

private:
    void poll();
    void onReply(quint64 generation, const QString &part, QNetworkReply *reply);

    QNetworkAccessManager *m_network;
    QTimer m_timer;
    QUrl m_base;
    quint64 m_generation = 0;
    QHash<QString, QJsonArray> m_results;
    int m_pending = 0;
    QString m_error;
};

} // namespace bs
