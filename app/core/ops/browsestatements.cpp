#include "core/ops/browsestatements.h"

#include "core/ops/browse.h"
#include "core/ops/operationscript.h"
#include "core/script/templateengine.h"

namespace bs {

namespace {

TemplateEngine queueEngine(const QueueRef &queue)
{
    TemplateEngine engine;
    engine.setIdentifier(QStringLiteral("Schema"), queue.schema);
    engine.setIdentifier(QStringLiteral("Queue"), queue.name);
    return engine;
}

OperationParameter handleParameter(const QUuid &handle)
{
    return OperationScript::parameter(1, QStringLiteral("uniqueidentifier"), QStringLiteral("conversation handle"), handle,
                                      ParameterWire::GuidText);
}

} // namespace

OperationStatement BrowseStatements::queuePage(const QueueRef &queue, qint64 afterQueuingOrder, int rows)
{
    return OperationScript::fill(QStringLiteral("browse_queue"), queueEngine(queue),
                                 {OperationScript::parameter(1, QStringLiteral("int"), QStringLiteral("rows"), rows),
                                  OperationScript::parameter(2, QStringLiteral("bigint"), QStringLiteral("after queuing_order"),
                                                             afterQueuingOrder)});
}

OperationStatement BrowseStatements::body(const QueueRef &queue, const QUuid &handle, qint64 sequenceNumber)
{
    TemplateEngine engine = queueEngine(queue);
    engine.setNumber(QStringLiteral("Cap"), BodyCapBytes);
    return OperationScript::fill(QStringLiteral("browse_body"), engine,
                                 {handleParameter(handle),
                                  OperationScript::parameter(2, QStringLiteral("bigint"), QStringLiteral("message_sequence_number"),
                                                             sequenceNumber)});
}

OperationStatement BrowseStatements::transmissionQueue(int rows)
{
    return OperationScript::fill(QStringLiteral("browse_transmission"), TemplateEngine(),
                                 {OperationScript::parameter(1, QStringLiteral("int"), QStringLiteral("rows"), rows)});
}

OperationStatement BrowseStatements::conversationEndpoints(const QUuid &handle)
{
    return OperationScript::fill(QStringLiteral("conversation_endpoints"), TemplateEngine(), {handleParameter(handle)});
}

OperationStatement BrowseStatements::conversationTransmission(const QUuid &handle)
{
    return OperationScript::fill(QStringLiteral("conversation_transmission"), TemplateEngine(), {handleParameter(handle)});
}

OperationStatement BrowseStatements::pairConversations(const QString &local, const QString &far, const QString &stateCode,
                                                        int rows)
{
    return OperationScript::fill(
        QStringLiteral("pair_conversations"), TemplateEngine(),
        {OperationScript::parameter(1, QStringLiteral("int"), QStringLiteral("rows"), rows),
         OperationScript::parameter(2, QStringLiteral("nvarchar(256)"), QStringLiteral("local service"), local, ParameterWire::Utf16Bytes),
         OperationScript::parameter(3, QStringLiteral("nvarchar(256)"), QStringLiteral("far service"), far, ParameterWire::Utf16Bytes),
         OperationScript::parameter(4, QStringLiteral("char(2)"), QStringLiteral("state"), stateCode)});
}

OperationStatement BrowseStatements::quarantine(int rows)
{
    return OperationScript::fill(QStringLiteral("browse_quarantine"), TemplateEngine(),
                                 {OperationScript::parameter(1, QStringLiteral("int"), QStringLiteral("rows"), rows)});
}

} // namespace bs
