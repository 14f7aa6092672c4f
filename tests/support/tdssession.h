#pragma once

#include "tdsfixture.h"
#include "tdsrequest.h"

#include <QByteArray>
#include <QHash>
#include <QTcpSocket>

namespace bs {

class TdsServer;
class TdsWriter;

/// One client connection of the TdsServer, served with blocking reads on its own thread:
/// PRELOGIN, LOGIN7, then SQL batches, RPCs and attentions until the client leaves, the test
/// drops the connection, or the server stops.
class TdsSession
{
public:
    TdsSession(TdsServer *server, qintptr descriptor, int id);
    void run();

private:
    enum class Wait { Done, Cancelled, Dropped };

    bool readMessage(quint8 *type, QByteArray *payload);
    bool readExactly(qsizetype n, QByteArray *out);
    bool interrupted() const;
    void send(const QByteArray &tokens, bool last = true);
    /// Waits ms while watching for an attention (cancel) and for a drop or stop.
    Wait pause(int ms, bool ignoreAttention = false);

    void handlePrelogin(const QByteArray &payload);
    bool handleLogin(const QByteArray &payload);
    void handleBatch(const QByteArray &payload);
    void handleRpc(const QByteArray &payload);
    void handleAttention();

    /// Finds the answer for a statement: its tag, the driver's own statements, batch rules,
    /// or an "Invalid object name" error.
    TdsReply answerFor(const QString &text, TdsRequest *request) const;
    /// Writes the reply's tokens; false when the connection was dropped or the reply cancelled.
    /// In an RPC, results end with DONEINPROC and the caller adds RETURNSTATUS/DONEPROC.
    bool writeReply(const TdsReply &reply, bool inRpc, TdsWriter &w);
    void writeMessageToken(TdsWriter &w, quint8 token, const TdsMessage &m) const;
    void writeEnvChange(TdsWriter &w, quint8 type, const QString &newValue, const QString &oldValue) const;
    static void writeDone(TdsWriter &w, quint8 token, quint16 status, quint16 curCmd, quint64 rows);

    TdsServer *m_server;
    qintptr m_descriptor;
    int m_id;
    QTcpSocket *m_socket = nullptr;
    int m_generation = 0;
    int m_packetSize = 4096;
    quint8 m_packetId = 1;
    bool m_loggedIn = false;
    bool m_attentionSeen = false;
    QString m_database;
    QHash<int, QString> m_prepared; ///< sp_prepare / sp_prepexec handle -> statement
    int m_nextHandle = 1;
};

} // namespace bs
