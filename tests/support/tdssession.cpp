#include "tdssession.h"

#include "tdsreader.h"
#include "tdsserver.h"
#include "tdsvaluecodec.h"
#include "tdswriter.h"

#include <QDeadlineTimer>
#include <QRegularExpression>

namespace bs {

namespace {

// Packet types ([MS-TDS] 2.2.3.1.1).
enum : quint8 {
    SqlBatchPacket = 0x01,
    RpcPacket = 0x03,
    ReplyPacket = 0x04,
    AttentionPacket = 0x06,
    TransactionManagerPacket = 0x0E,
    Login7Packet = 0x10,
    PreloginPacket = 0x12,
};

// Tokens ([MS-TDS] 2.2.7).
enum : quint8 {
    ReturnStatusToken = 0x79,
    ErrorToken = 0xAA,
    InfoToken = 0xAB,
    LoginAckToken = 0xAD,
    FeatureExtAckToken = 0xAE,
    EnvChangeToken = 0xE3,
    DoneToken = 0xFD,
    DoneProcToken = 0xFE,
    DoneInProcToken = 0xFF,
};

// DONE status bits ([MS-TDS] 2.2.7.6).
enum : quint16 { DoneFinal = 0x00, DoneMore = 0x01, DoneError = 0x02, DoneCount = 0x10, DoneAttn = 0x20 };
constexpr quint16 CurCmdSelect = 0xC1;

// The product the server claims to be in PRELOGIN and LOGINACK: SQL Server 2022 (16.0.4135).
constexpr quint8 VersionMajor = 16;
constexpr quint8 VersionMinor = 0;
constexpr quint16 VersionBuild = 4135;

QString procedureName(quint16 id)
{
    // ProcIDs of the well-known procedures ([MS-TDS] 2.2.6.6 RPC Request, NameLenProcID).
    switch (id) {
    case 1: return QStringLiteral("sp_cursor");
    case 2: return QStringLiteral("sp_cursoropen");
    case 3: return QStringLiteral("sp_cursorprepare");
    case 4: return QStringLiteral("sp_cursorexecute");
    case 5: return QStringLiteral("sp_cursorprepexec");
    case 6: return QStringLiteral("sp_cursorunprepare");
    case 7: return QStringLiteral("sp_cursorfetch");
    case 8: return QStringLiteral("sp_cursoroption");
    case 9: return QStringLiteral("sp_cursorclose");
    case 10: return QStringLiteral("sp_executesql");
    case 11: return QStringLiteral("sp_prepare");
    case 12: return QStringLiteral("sp_execute");
    case 13: return QStringLiteral("sp_prepexec");
    case 14: return QStringLiteral("sp_prepexecrpc");
    case 15: return QStringLiteral("sp_unprepare");
    default: return QStringLiteral("proc#%1").arg(id);
    }
}

QString tagOf(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^\\s*--\\s*query:\\s*([A-Za-z0-9_.-]+)"));
    const QRegularExpressionMatch m = re.match(text);
    return m.hasMatch() ? m.captured(1) : QString();
}

TdsMessage message(int number, int state, int severity, const QString &text)
{
    TdsMessage m;
    m.number = number;
    m.state = state;
    m.severity = severity;
    m.text = text;
    return m;
}

TdsReply errorReply(int number, int state, int severity, const QString &text)
{
    TdsReply r;
    r.error = message(number, state, severity, text);
    return r;
}

TdsReply singleValue(const QString &column, const QString &type, const QJsonValue &value)
{
    TdsReply r;
    TdsResultSet rs;
    // TdsFixture::column() wants a name (fixtures always have one), but these answers are to
    // expressions without an alias, which SQL Server sends as a column with an empty name.
    std::optional<TdsColumn> c = TdsFixture::column(QStringLiteral("value"), type);
    Q_ASSERT(c);
    c->name = column;
    rs.columns.append(*c);
    rs.rows.append(QJsonArray{value});
    r.resultSets.append(rs);
    return r;
}

/// The result of sp_datatype_info_100 for the datetime type (the row SQL Server returns, as
/// documented for sp_datatype_info); other types get an empty result with the same columns.
TdsReply dataTypeInfo(int dataType)
{
    static const char16_t *const columns[][2] = {
        {u"TYPE_NAME", u"sysname"},        {u"DATA_TYPE", u"smallint"},       {u"PRECISION", u"int"},
        {u"LITERAL_PREFIX", u"varchar(32)"}, {u"LITERAL_SUFFIX", u"varchar(32)"}, {u"CREATE_PARAMS", u"varchar(32)"},
        {u"NULLABLE", u"smallint"},        {u"CASE_SENSITIVE", u"smallint"},  {u"SEARCHABLE", u"smallint"},
        {u"UNSIGNED_ATTRIBUTE", u"smallint"}, {u"MONEY", u"smallint"},       {u"AUTO_INCREMENT", u"smallint"},
        {u"LOCAL_TYPE_NAME", u"sysname"},  {u"MINIMUM_SCALE", u"smallint"},   {u"MAXIMUM_SCALE", u"smallint"},
        {u"SQL_DATA_TYPE", u"smallint"},   {u"SQL_DATETIME_SUB", u"smallint"}, {u"NUM_PREC_RADIX", u"int"},
        {u"INTERVAL_PRECISION", u"smallint"}, {u"USERTYPE", u"smallint"},
    };
    TdsResultSet rs;
    for (const auto &c : columns)
        rs.columns.append(*TdsFixture::column(QString::fromUtf16(c[0]), QString::fromUtf16(c[1])));
    if (dataType == 11 || dataType == 93) {
        rs.rows.append(QJsonArray{QStringLiteral("datetime"), dataType, 23, QStringLiteral("'"), QStringLiteral("'"),
                                  QJsonValue(), 1, 0, 3, QJsonValue(), 0, QJsonValue(), QStringLiteral("datetime"), 3, 3,
                                  9, 3, QJsonValue(), QJsonValue(), 12});
    }
    TdsReply r;
    r.resultSets.append(rs);
    return r;
}

} // namespace

TdsSession::TdsSession(TdsServer *server, qintptr descriptor, int id)
    : m_server(server)
    , m_descriptor(descriptor)
    , m_id(id)
{
}

void TdsSession::run()
{
    QTcpSocket socket;
    m_socket = &socket;
    if (!socket.setSocketDescriptor(m_descriptor))
        return;
    m_generation = m_server->dropGeneration();
    quint8 type = 0;
    QByteArray payload;
    while (readMessage(&type, &payload)) {
        if (m_server->silent() || (type != PreloginPacket && m_server->stallAfterPrelogin()))
            continue;
        switch (type) {
        case PreloginPacket:
            handlePrelogin(payload);
            break;
        case Login7Packet:
            if (!handleLogin(payload)) {
                socket.waitForBytesWritten(1000);
                socket.disconnectFromHost();
                if (socket.state() != QAbstractSocket::UnconnectedState)
                    socket.waitForDisconnected(1000);
                return;
            }
            break;
        case SqlBatchPacket:
            handleBatch(payload);
            break;
        case RpcPacket:
            handleRpc(payload);
            break;
        case AttentionPacket:
            handleAttention();
            break;
        case TransactionManagerPacket: {
            TdsRequest req;
            req.kind = TdsRequest::Kind::Other;
            req.connection = m_id;
            req.time = QDateTime::currentDateTimeUtc();
            req.procedure = QStringLiteral("transaction manager request");
            m_server->record(req);
            TdsWriter w;
            writeDone(w, DoneToken, DoneFinal, 0, 0);
            send(w.data());
            break;
        }
        default:
            // Anything else ends the conversation, as a real server does with a protocol error.
            socket.abort();
            return;
        }
        if (socket.state() != QAbstractSocket::ConnectedState)
            return;
    }
    socket.abort();
}

bool TdsSession::interrupted() const
{
    return m_server->stopping() || m_server->dropGeneration() != m_generation;
}

bool TdsSession::readExactly(qsizetype n, QByteArray *out)
{
    out->clear();
    while (out->size() < n) {
        if (interrupted())
            return false;
        if (m_socket->bytesAvailable() == 0 && !m_socket->waitForReadyRead(20)) {
            if (m_socket->state() != QAbstractSocket::ConnectedState)
                return false;
            continue;
        }
        out->append(m_socket->read(n - out->size()));
    }
    return true;
}

bool TdsSession::readMessage(quint8 *type, QByteArray *payload)
{
    // A message is a run of packets ending with the EOM status bit ([MS-TDS] 2.2.3.1).
    payload->clear();
    for (;;) {
        QByteArray header;
        if (!readExactly(8, &header))
            return false;
        TdsReader h(header);
        *type = h.u8();
        const quint8 status = h.u8();
        const quint16 length = h.u16be();
        if (length < 8)
            return false;
        QByteArray body;
        if (!readExactly(length - 8, &body))
            return false;
        payload->append(body);
        if (status & 0x01)
            return true;
    }
}

void TdsSession::send(const QByteArray &tokens, bool last)
{
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    const qsizetype chunk = m_packetSize - 8;
    qsizetype pos = 0;
    do {
        const QByteArray part = tokens.mid(pos, chunk);
        pos += part.size();
        const bool eom = last && pos >= tokens.size();
        TdsWriter h;
        h.u8(ReplyPacket);
        h.u8(eom ? 0x01 : 0x00);
        h.u16be(static_cast<quint16>(part.size() + 8));
        h.u16be(static_cast<quint16>(50 + m_id)); // SPID
        h.u8(m_packetId++);
        h.u8(0);
        m_socket->write(h.data() + part);
    } while (pos < tokens.size());
    m_socket->flush();
    while (m_socket->bytesToWrite() > 0 && m_socket->state() == QAbstractSocket::ConnectedState) {
        if (!m_socket->waitForBytesWritten(1000))
            break;
    }
}

TdsSession::Wait TdsSession::pause(int ms, bool ignoreAttention)
{
    QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired()) {
        if (interrupted())
            return Wait::Dropped;
        if (m_socket->bytesAvailable() >= 8
            || m_socket->waitForReadyRead(static_cast<int>(qMin<qint64>(20, qMax<qint64>(1, deadline.remainingTime()))))) {
            quint8 type = 0;
            QByteArray payload;
            if (!readMessage(&type, &payload))
                return Wait::Dropped;
            if (type == AttentionPacket) {
                TdsRequest req;
                req.kind = TdsRequest::Kind::Attention;
                req.connection = m_id;
                req.time = QDateTime::currentDateTimeUtc();
                m_server->record(req);
                if (!ignoreAttention)
                    return Wait::Cancelled;
            }
        } else if (m_socket->state() != QAbstractSocket::ConnectedState) {
            return Wait::Dropped;
        }
    }
    return Wait::Done;
}

void TdsSession::handlePrelogin(const QByteArray &payload)
{
    TdsRequest req;
    req.kind = TdsRequest::Kind::PreLogin;
    req.connection = m_id;
    req.time = QDateTime::currentDateTimeUtc();
    // Note what the client asked for (the ENCRYPTION option, token 0x01).
    TdsReader r(payload);
    while (r.ok() && !r.atEnd()) {
        const quint8 token = r.u8();
        if (token == 0xFF)
            break;
        const quint16 offset = r.u16be();
        const quint16 length = r.u16be();
        if (token == 0x01 && length == 1 && offset < payload.size())
            req.text = QStringLiteral("client encryption option %1").arg(static_cast<quint8>(payload.at(offset)));
    }
    m_server->record(req);

    // PRELOGIN response ([MS-TDS] 2.2.6.5): VERSION, ENCRYPTION = ENCRYPT_NOT_SUP, INSTOPT, THREADID, MARS.
    struct Option
    {
        quint8 token;
        QByteArray data;
    };
    TdsWriter version;
    version.u8(VersionMajor);
    version.u8(VersionMinor);
    version.u16be(VersionBuild);
    version.u16(0);
    const Option options[] = {
        {0x00, version.data()},
        {0x01, QByteArray(1, '\x02')},
        {0x02, QByteArray(1, '\x00')},
        {0x03, QByteArray()},
        {0x04, QByteArray(1, '\x00')},
    };
    const int headerSize = static_cast<int>(std::size(options)) * 5 + 1;
    TdsWriter w;
    QByteArray data;
    for (const Option &o : options) {
        w.u8(o.token);
        w.u16be(static_cast<quint16>(headerSize + data.size()));
        w.u16be(static_cast<quint16>(o.data.size()));
        data += o.data;
    }
    w.u8(0xFF);
    w.bytes(data);
    send(w.data());
}

bool TdsSession::handleLogin(const QByteArray &payload)
{
    // LOGIN7 ([MS-TDS] 2.2.6.4): fixed header, then OffsetLength pairs into the variable part.
    TdsReader r(payload);
    r.seek(8);
    const quint32 packetSize = r.u32();
    r.seek(27);
    const quint8 optionFlags3 = r.u8();
    const auto field = [&](int at) {
        r.seek(at);
        const quint16 offset = r.u16();
        const quint16 chars = r.u16();
        return std::pair<quint16, quint16>(offset, chars);
    };
    const auto text = [&](int at) {
        const auto [offset, chars] = field(at);
        TdsReader t(payload);
        t.seek(offset);
        return t.ucs2(chars);
    };
    const QString user = text(40);
    const auto [pwOffset, pwChars] = field(44);
    QByteArray pw = payload.mid(pwOffset, pwChars * 2);
    // Passwords are obfuscated: each byte had its nibbles swapped and was XORed with 0xA5.
    for (char &c : pw) {
        const auto x = static_cast<quint8>(static_cast<quint8>(c) ^ 0xA5);
        c = static_cast<char>(static_cast<quint8>((x << 4) | (x >> 4)));
    }
    const QString password = TdsReader(pw).ucs2(pwChars);
    const QString database = text(68);
    const QString language = text(64);

    const TdsFixture f = m_server->fixture();
    TdsRequest req;
    req.kind = TdsRequest::Kind::Login;
    req.connection = m_id;
    req.time = QDateTime::currentDateTimeUtc();
    req.user = user;
    req.database = database;
    req.text = QStringLiteral("app=%1 host=%2 language=%3 packet size=%4").arg(text(48), text(36), language).arg(packetSize);

    TdsWriter w;
    const bool credentialsOk = r.ok() && user == f.user && password == f.password && !m_server->refuseLogins();
    const bool databaseOk = database.isEmpty() || database.compare(f.database, Qt::CaseInsensitive) == 0;
    if (!credentialsOk || !databaseOk) {
        if (password != f.password) {
            // Say where a password went wrong (not what it was): connection-string escaping shows here.
            qsizetype at = 0;
            while (at < password.size() && at < f.password.size() && password.at(at) == f.password.at(at))
                ++at;
            req.text += QStringLiteral(" password differs from character %1 (got %2 characters, expected %3)")
                            .arg(at + 1)
                            .arg(password.size())
                            .arg(f.password.size());
        }
        m_server->record(req);
        // What SQL Server sends a client: state 1 always (the real reason is only in its error
        // log), severity 14; an unknown database comes first as 4060, severity 11.
        if (credentialsOk) {
            TdsMessage db = message(4060, 1, 11,
                                    QStringLiteral("Cannot open database \"%1\" requested by the login. The login failed.").arg(database));
            writeMessageToken(w, ErrorToken, db);
        }
        writeMessageToken(w, ErrorToken, message(18456, 1, 14, QStringLiteral("Login failed for user '%1'.").arg(user)));
        writeDone(w, DoneToken, DoneError, 0, 0);
        send(w.data());
        return false;
    }
    req.loginAccepted = true;
    m_server->record(req);
    ++m_server->m_acceptedLogins;
    m_loggedIn = true;
    m_database = f.database;
    if (packetSize >= 512 && packetSize <= 32767)
        m_packetSize = static_cast<int>(packetSize);

    writeEnvChange(w, 1, m_database, QStringLiteral("master"));
    TdsMessage changed = message(5701, 2, 0, QStringLiteral("Changed database context to '%1'.").arg(m_database));
    writeMessageToken(w, InfoToken, changed);
    // ENVCHANGE type 7, SQL collation: B_VARBYTE new value, empty old value.
    w.u8(EnvChangeToken);
    w.u16(static_cast<quint16>(1 + 1 + 5 + 1));
    w.u8(7);
    w.u8(5);
    w.bytes(TdsValueCodec::collation());
    w.u8(0);
    writeEnvChange(w, 2, QStringLiteral("us_english"), QString());
    writeMessageToken(w, InfoToken, message(5703, 1, 0, QStringLiteral("Changed language setting to us_english.")));

    // LOGINACK: interface SQL_TSQL, TDS 7.4 (sent as 0x74000004), program name and version.
    TdsWriter ack;
    ack.u8(1);
    ack.u32be(0x74000004);
    ack.bVarchar(QStringLiteral("Microsoft SQL Server"));
    ack.u8(VersionMajor);
    ack.u8(VersionMinor);
    ack.u16be(VersionBuild);
    w.u8(LoginAckToken);
    w.u16(static_cast<quint16>(ack.size()));
    w.bytes(ack.data());
    // The client announced feature extensions (fExtension): acknowledge none of them.
    if (optionFlags3 & 0x10) {
        w.u8(FeatureExtAckToken);
        w.u8(0xFF);
    }
    writeEnvChange(w, 4, QString::number(m_packetSize), QString::number(m_packetSize));
    writeDone(w, DoneToken, DoneFinal, 0, 0);
    send(w.data());
    return true;
}

void TdsSession::handleBatch(const QByteArray &payload)
{
    TdsReader r(payload);
    // ALL_HEADERS ([MS-TDS] 2.2.5.3): TotalLength includes itself.
    const quint32 headers = r.u32();
    r.seek(headers >= 4 && headers <= static_cast<quint32>(payload.size()) ? headers : 0);
    TdsRequest req;
    req.kind = TdsRequest::Kind::Batch;
    req.connection = m_id;
    req.time = QDateTime::currentDateTimeUtc();
    req.text = r.ucs2(r.remaining() / 2);
    const TdsReply reply = answerFor(req.text, &req);
    m_server->record(req);
    TdsWriter w;
    if (!writeReply(reply, false, w))
        return;
    send(w.data());
}

void TdsSession::handleRpc(const QByteArray &payload)
{
    TdsReader r(payload);
    const quint32 headers = r.u32();
    r.seek(headers >= 4 && headers <= static_cast<quint32>(payload.size()) ? headers : 0);
    TdsWriter w;
    while (r.ok() && !r.atEnd()) {
        TdsRequest req;
        req.kind = TdsRequest::Kind::Rpc;
        req.connection = m_id;
        req.time = QDateTime::currentDateTimeUtc();
        const quint16 nameLength = r.u16();
        req.procedure = nameLength == 0xFFFF ? procedureName(r.u16()) : r.ucs2(nameLength);
        r.u16(); // OptionFlags
        QList<TdsParameter> params;
        QString problem;
        while (r.ok() && !r.atEnd()) {
            const quint8 next = static_cast<quint8>(payload.at(r.pos()));
            if (next == 0xFF || next == 0x80) { // batch separator between RPCs
                r.u8();
                break;
            }
            params.append(TdsValueCodec::readParameter(r, &problem));
        }
        if (!r.ok() || !problem.isEmpty()) {
            req.text = QStringLiteral("malformed RPC: %1").arg(problem);
            m_server->record(req);
            m_socket->abort();
            return;
        }
        const QString proc = req.procedure.toLower();
        const auto param = [&](int i) { return i < params.size() ? params.at(i).value : QVariant(); };
        std::optional<qint32> handleOut;
        TdsReply reply;
        bool answered = false;
        if (proc == u"sp_executesql") {
            req.text = param(0).toString();
            req.parameterDecl = param(1).toString();
            req.parameters = params.mid(2);
        } else if (proc == u"sp_prepexec" || proc == u"sp_prepare") {
            req.parameterDecl = param(1).toString();
            req.text = param(2).toString();
            const int handle = m_nextHandle++;
            m_prepared.insert(handle, req.text);
            handleOut = handle;
            if (proc == u"sp_prepare") {
                answered = true;
                req.tag = tagOf(req.text);
            } else {
                req.parameters = params.mid(3);
            }
        } else if (proc == u"sp_execute") {
            const int handle = param(0).toInt();
            req.parameters = params.mid(1);
            if (m_prepared.contains(handle)) {
                req.text = m_prepared.value(handle);
            } else {
                reply = errorReply(8179, 4, 16, QStringLiteral("Could not find prepared statement with handle %1.").arg(handle));
                answered = true;
            }
        } else if (proc == u"sp_cursoropen" || proc == u"sp_cursorprepexec" || proc == u"sp_cursorprepare") {
            // QODBC asks for a scrollable (static) cursor unless the query is forward-only; the
            // application's queries are forward-only, so server cursors are left out on purpose.
            req.text = param(1).toString();
            req.tag = tagOf(req.text);
            reply = errorReply(50000, 1, 16,
                               QStringLiteral("TDS test server: server cursors (%1) are not implemented; "
                                              "use forward-only queries (QSqlQuery::setForwardOnly(true)).")
                                   .arg(req.procedure));
            answered = true;
        } else if (proc == u"sp_unprepare") {
            m_prepared.remove(param(0).toInt());
            answered = true;
        } else {
            req.parameters = params;
            reply = errorReply(2812, 62, 16, QStringLiteral("Could not find stored procedure '%1'.").arg(req.procedure));
            answered = true;
        }
        if (!answered)
            reply = answerFor(req.text, &req);
        m_server->record(req);
        if (!writeReply(reply, true, w))
            return;
        w.u8(ReturnStatusToken);
        w.u32(reply.error ? 1u : 0u);
        if (handleOut)
            TdsValueCodec::writeIntReturnValue(w, 0, params.value(0).name, *handleOut);
        writeDone(w, DoneProcToken, reply.error ? DoneError : DoneFinal, reply.resultSets.isEmpty() ? 0 : CurCmdSelect, 0);
    }
    send(w.data());
}

void TdsSession::handleAttention()
{
    TdsRequest req;
    req.kind = TdsRequest::Kind::Attention;
    req.connection = m_id;
    req.time = QDateTime::currentDateTimeUtc();
    m_server->record(req);
    TdsWriter w;
    writeDone(w, DoneToken, DoneAttn, 0, 0);
    send(w.data());
}

TdsReply TdsSession::answerFor(const QString &text, TdsRequest *request) const
{
    request->tag = tagOf(text);
    if (!request->tag.isEmpty()) {
        if (const auto reply = m_server->replyFor(request->tag))
            return *reply;
        return errorReply(208, 1, 16, QStringLiteral("Invalid object name '%1'.").arg(request->tag));
    }
    const QString simple = text.simplified();
    // Statements the driver stack sends on its own (FreeTDS and QODBC at connect time).
    static const QRegularExpression setOnly(QStringLiteral("^(SET\\s+[A-Z_]+\\s+[^;]*;?\\s*)+$"),
                                            QRegularExpression::CaseInsensitiveOption);
    if (setOnly.match(simple).hasMatch())
        return {};
    if (simple.compare(u"select @@spid", Qt::CaseInsensitive) == 0)
        return singleValue(QString(), QStringLiteral("smallint"), 50 + m_id);
    if (simple.compare(u"select @@servername", Qt::CaseInsensitive) == 0)
        return singleValue(QString(), QStringLiteral("nvarchar(128)"), m_server->fixture().serverName);
    if (simple.compare(u"select @@version", Qt::CaseInsensitive) == 0)
        return singleValue(QString(), QStringLiteral("nvarchar(300)"),
                           QStringLiteral("Microsoft SQL Server 2022 (RTM-CU12) (TDS test server)"));
    if (simple.compare(u"select db_name()", Qt::CaseInsensitive) == 0)
        return singleValue(QString(), QStringLiteral("nvarchar(128)"), m_database);
    // QODBC's Unicode probe (QODBCDriverPrivate::checkUnicode in Qt 6.4's qsql_odbc.cpp), sent when
    // the driver's SQLGetInfo(SQL_CONVERT_CHAR/VARCHAR/LONGVARCHAR) reports no SQL_CVT_W* bit, as
    // FreeTDS's does. SQL Server answers a string literal with one unnamed varchar(4) column.
    if (simple.compare(u"select 'test'", Qt::CaseInsensitive) == 0)
        return singleValue(QString(), QStringLiteral("varchar(4)"), QStringLiteral("test"));
    // SQLGetTypeInfo: QODBC asks for the timestamp type (11 / 93) to learn datetime precision.
    static const QRegularExpression typeInfo(QStringLiteral("^(?:EXEC\\s+)?sp_datatype_info(?:_100)?\\s+(-?\\d+)"),
                                             QRegularExpression::CaseInsensitiveOption);
    if (const QRegularExpressionMatch m = typeInfo.match(simple); m.hasMatch())
        return dataTypeInfo(m.captured(1).toInt());
    if (simple.compare(u"IF @@TRANCOUNT > 0 COMMIT", Qt::CaseInsensitive) == 0
        || simple.compare(u"IF @@TRANCOUNT > 0 ROLLBACK", Qt::CaseInsensitive) == 0)
        return {};
    const TdsFixture f = m_server->fixture();
    for (const TdsBatchRule &rule : f.batches) {
        if (text.contains(rule.contains, Qt::CaseInsensitive))
            return rule.reply;
    }
    // An untagged statement is an error, so nothing passes by accident; name the first object.
    static const QRegularExpression object(QStringLiteral("\\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\\s+([\\w.\\[\\]@#]+)"),
                                           QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = object.match(text);
    const QString name = m.hasMatch() ? m.captured(1) : simple.section(QLatin1Char(' '), 0, 0);
    return errorReply(208, 1, 16, QStringLiteral("Invalid object name '%1'.").arg(name));
}

bool TdsSession::writeReply(const TdsReply &reply, bool inRpc, TdsWriter &w)
{
    if (reply.delayMs > 0) {
        switch (pause(reply.delayMs, reply.ignoreAttention)) {
        case Wait::Done:
            break;
        case Wait::Cancelled: {
            // The client's attention: acknowledge it with DONE(ATTN) and drop what was pending.
            TdsWriter ack;
            writeDone(ack, DoneToken, DoneAttn, 0, 0);
            send(ack.data());
            return false;
        }
        case Wait::Dropped:
            m_socket->abort();
            return false;
        }
    }
    for (const TdsMessage &info : reply.infos)
        writeMessageToken(w, InfoToken, info);
    const quint8 doneToken = inRpc ? DoneInProcToken : DoneToken;
    for (qsizetype i = 0; i < reply.resultSets.size(); ++i) {
        const TdsResultSet &rs = reply.resultSets.at(i);
        TdsValueCodec::writeColumnMetadata(w, rs.columns);
        for (qsizetype row = 0; row < rs.rows.size(); ++row) {
            if (i == 0 && row == reply.dropAfterRows) {
                // Half a result: what was written goes out without end-of-message, then the
                // connection is gone.
                send(w.data(), false);
                m_socket->abort();
                return false;
            }
            const QString problem = TdsValueCodec::writeRow(w, rs.columns, rs.rows.at(row));
            if (!problem.isEmpty()) {
                TdsWriter err;
                writeMessageToken(err, ErrorToken, message(50000, 1, 16, QStringLiteral("TDS test fixture: %1").arg(problem)));
                writeDone(err, DoneToken, DoneError, 0, 0);
                send(err.data());
                return false;
            }
        }
        const bool more = inRpc || i + 1 < reply.resultSets.size() || reply.error.has_value();
        writeDone(w, doneToken, static_cast<quint16>(DoneCount | (more ? DoneMore : 0)), CurCmdSelect,
                  static_cast<quint64>(rs.rows.size()));
    }
    if (reply.error) {
        writeMessageToken(w, ErrorToken, *reply.error);
        writeDone(w, doneToken, static_cast<quint16>(DoneError | (inRpc ? DoneMore : 0)), 0, 0);
    } else if (reply.resultSets.isEmpty()) {
        const bool count = reply.rowsAffected >= 0;
        writeDone(w, doneToken, static_cast<quint16>((count ? DoneCount : 0) | (inRpc ? DoneMore : 0)), 0,
                  count ? static_cast<quint64>(reply.rowsAffected) : 0);
    }
    return true;
}

void TdsSession::writeMessageToken(TdsWriter &w, quint8 token, const TdsMessage &m) const
{
    // ERROR / INFO ([MS-TDS] 2.2.7.10, 2.2.7.13).
    TdsWriter body;
    body.u32(static_cast<quint32>(m.number));
    body.u8(static_cast<quint8>(m.state));
    body.u8(static_cast<quint8>(m.severity));
    body.usVarchar(m.text);
    body.bVarchar(m_server->fixture().serverName);
    body.bVarchar(m.procedure);
    body.u32(static_cast<quint32>(m.line));
    w.u8(token);
    w.u16(static_cast<quint16>(body.size()));
    w.bytes(body.data());
}

void TdsSession::writeEnvChange(TdsWriter &w, quint8 type, const QString &newValue, const QString &oldValue) const
{
    TdsWriter body;
    body.u8(type);
    body.bVarchar(newValue);
    body.bVarchar(oldValue);
    w.u8(EnvChangeToken);
    w.u16(static_cast<quint16>(body.size()));
    w.bytes(body.data());
}

void TdsSession::writeDone(TdsWriter &w, quint8 token, quint16 status, quint16 curCmd, quint64 rows)
{
    w.u8(token);
    w.u16(status);
    w.u16(curCmd);
    w.u64(rows);
}

} // namespace bs
