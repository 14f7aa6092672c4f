#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QUuid>
#include <QVariant>

namespace bs {

/// What a DBA can do to a broker from Broker Studio. Each kind is one entry of the
/// OperationRegistry (its template in sql/ops/, its permission, its warning) and one row of
/// tst_operations; the UI and the simulator switch on nothing else.
enum class OperationKind {
    EndConversation,
    EndConversationWithError,
    EndConversationWithCleanup,
    QueueStatus,
    QueueActivation,
    QueueMaxReaders,
    SendMessage,
    DatabaseBroker,
    PoisonQuarantine,
    QueueResumeForDebug,
    /// A whole T-SQL script (a design's migration): previewed as it is, run batch by batch.
    DeployScript,
};

/// ALTER DATABASE … SET <service_broker_option> (DatabaseBroker).
enum class BrokerSwitch { Enable, Disable, NewBroker, ErrorConversations };

/// The largest test message body Broker Studio sends. A body is held in memory for the preview,
/// the parameter and the audit's summary; a bigger one (a 100 MiB file) is refused before it is
/// read, with this figure in the message.
constexpr qint64 MaxTestMessageBytes = 8 * 1024 * 1024;

/// A queue as schema and name (never one dotted string: a name may contain a dot).
struct QueueRef
{
    QString schema;
    QString name;
    bool isValid() const { return !schema.isEmpty() && !name.isEmpty(); }
    /// "schema.name" for labels (not for T-SQL: that goes through quoteIdentifier).
    QString displayName() const { return schema + QLatin1Char('.') + name; }
    bool operator==(const QueueRef &) const = default;
};

/// One operation as a value: what to do and on which object. Turned into T-SQL by
/// renderOperation() from a template in sql/ops/, into a simulator action by SimBrokerOperations.
struct Operation
{
    OperationKind kind = OperationKind::EndConversation;
    /// End*: the conversation (one endpoint: the handle is per side).
    QUuid conversationHandle;
    /// EndConversationWithError: a user-defined code (> 0) and text (nvarchar(3000)).
    int errorCode = 0;
    QString errorDescription;
    /// Queue*: the queue and the new setting.
    QueueRef queue;
    bool enable = true;
    int maxReaders = 0;
    /// SendMessage: BEGIN DIALOG FROM fromService TO toService ON contract, SEND messageType (body).
    QString fromService;
    QString toService;
    QString contract;
    QString messageType;
    /// The message type's VALIDATION from sys.service_message_types ("X" well-formed XML,
    /// "E" EMPTY, "N" NONE; a schema collection is checked as well-formed XML only): the body is
    /// checked against it before the statement is made.
    QString messageTypeValidation;
    QByteArray body;
    bool encryption = true; ///< ENCRYPTION = ON (the server's default) or OFF
    bool endAfterSend = false;
    /// DatabaseBroker: the database (the connection's), the option and WITH ROLLBACK IMMEDIATE.
    QString database;
    BrokerSwitch brokerSwitch = BrokerSwitch::Enable;
    bool rollbackImmediate = false;
    /// PoisonQuarantine: whether the queue has an activation procedure (activation is kept off
    /// while the poison conversation is set aside, then turned back on).
    bool hasActivation = true;
    /// DeployScript: the script exactly as previewed (GO lines split it into batches) and what it is.
    QString script;
    QString scriptName;
    bool operator==(const Operation &) const = default;
};

/// How a parameter travels. Qt 6.4's QODBC binds no QUuid (it arrives as an empty varbinary) and,
/// with FreeTDS, sends every string as varchar in the server's code page (docs/tds-test-server.md),
/// which would turn a Unicode description or name into '?'. So a GUID goes as its 36-character
/// text and CONVERTs in the statement, and Unicode text goes as its UTF-16LE bytes (varbinary)
/// that the statement CASTs to nvarchar, which reads the bytes as UTF-16LE: lossless either way.
enum class ParameterWire { Native, GuidText, Utf16Bytes };

/// A value bound to a statement's parameter marker @Pn (n = index + 1), never spliced into text.
struct OperationParameter
{
    QString name;    ///< "@P1"
    QString sqlType; ///< the type it has in the statement: "uniqueidentifier", "int", "nvarchar(3000)"
    QString label;   ///< what it is, for the preview ("conversation handle")
    QVariant value;  ///< as the user gave it (QUuid, int, QString), for the preview and the audit
    ParameterWire wire = ParameterWire::Native;
    /// The value as it is bound: value, the GUID's text, or the text's UTF-16LE bytes.
    QVariant boundValue() const;
    /// The value for the preview and the audit: a GUID's text, a quoted string, or a byte
    /// array's size and first 32 bytes in hex.
    QString displayValue() const;
    bool operator==(const OperationParameter &) const = default;
};

/// The T-SQL of one operation as previewed, sent and audited: the text with @P1…@Pn markers and
/// the values bound to them. Identifiers are in the text (bracket-quoted): T-SQL takes no
/// variable for a queue's name.
struct OperationStatement
{
    QString text;
    QList<OperationParameter> parameters;
    QString error; ///< why no statement could be made (bad input); text is empty then

    bool isValid() const { return error.isEmpty() && !text.isEmpty(); }
    /// The values in marker order, for the executor's positional binding.
    QVariantList values() const;
    /// "@P1 uniqueidentifier = 5F3C…" lines, for the preview and the audit record.
    QString parameterText() const;
    bool operator==(const OperationStatement &) const = default;
};

} // namespace bs

Q_DECLARE_METATYPE(bs::Operation)
