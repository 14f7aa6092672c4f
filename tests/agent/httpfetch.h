#pragma once

#include <QByteArray>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUrl>

namespace bs::test {

/// The answer to one HTTP GET in a test.
struct HttpAnswer
{
    int status = 0; ///< 0 = no answer (refused, timed out)
    QByteArray contentType;
    QByteArray body;
};

/// GETs `url` with a local event loop (the agent under test answers on this thread's loop);
/// `accept` is sent as the Accept header when given.
inline HttpAnswer httpGet(const QUrl &url, int timeoutMs = 10000, const QByteArray &accept = QByteArray())
{
    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    if (!accept.isEmpty())
        request.setRawHeader("Accept", accept);
    QNetworkReply *reply = manager.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs + 1000, &loop, &QEventLoop::quit);
    loop.exec();
    HttpAnswer answer;
    if (reply->isFinished()) {
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        answer.body = reply->readAll();
    }
    reply->deleteLater();
    return answer;
}

} // namespace bs::test
