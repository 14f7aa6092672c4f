#pragma once

#include <QList>
#include <QTcpServer>

namespace bs {

/// A QTcpServer that hands out raw socket descriptors, so each connection's QTcpSocket can be
/// created in (and owned by) the thread that serves it.
class TdsListener : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;
    QList<qintptr> takeDescriptors();

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    QList<qintptr> m_pending;
};

} // namespace bs
