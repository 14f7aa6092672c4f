#include "core/ops/operationscript.h"

#include "core/ops/operationregistry.h"
#include "core/script/templateengine.h"
#include "core/sqlquote.h"
#include "core/tsql/tsqltokenizer.h"

#include <QFile>
#include <QStringList>

namespace bs {

namespace {

OperationStatement failed(const QString &error)
{
    OperationStatement s;
    s.error = error;
    return s;
}

// Drops the reader's notes (`--#` lines) of a template; what is left is sent as it is.
QString withoutNotes(const QString &text)
{
    QStringList kept;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        if (!line.trimmed().startsWith(QLatin1String("--#")))
            kept.append(line);
    }
    return kept.join(QLatin1Char('\n'));
}

} // namespace

QString OperationScript::templateText(const QString &templateName, QString *error)
{
    QFile file(QStringLiteral(":/sql/ops/%1.sql").arg(templateName));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("No template sql/ops/%1.sql.").arg(templateName);
        return QString();
    }
    return withoutNotes(QString::fromUtf8(file.readAll()));
}

OperationParameter OperationScript::parameter(int index, const QString &sqlType, const QString &label,
                                              const QVariant &value, ParameterWire wire)
{
    return {QStringLiteral("@P%1").arg(index), sqlType, label, value, wire};
}

OperationStatement OperationScript::fill(const QString &templateName, const TemplateEngine &engine,
                                         const QList<OperationParameter> &parameters)
{
    QString error;
    const QString text = templateText(templateName, &error);
    if (text.isEmpty())
        return failed(error);
    OperationStatement out;
    // Partials ({{> name}}) are other files of sql/ops.
    TemplateEngine withPartials = engine;
    withPartials.setPartialDirectory(QStringLiteral(":/sql/ops"));
    out.text = withPartials.render(text, &error);
    if (out.text.isEmpty())
        return failed(QStringLiteral("sql/ops/%1.sql: %2").arg(templateName, error));
    out.parameters = parameters;
    return out;
}

OperationStatement OperationScript::render(const Operation &op)
{
    const QString problem = OperationRegistry::validate(op);
    if (!problem.isEmpty())
        return failed(problem);
    if (op.kind == OperationKind::DeployScript) {
        // The reviewed script is the statement: nothing is filled in or bound.
        OperationStatement out;
        out.text = op.script;
        return out;
    }
    const OperationSpec &spec = OperationRegistry::spec(op.kind);
    TemplateEngine engine;
    QList<OperationParameter> parameters;
    switch (op.kind) {
    case OperationKind::EndConversationWithError:
        parameters = {parameter(1, QStringLiteral("uniqueidentifier"), QStringLiteral("conversation handle"), op.conversationHandle,
                                ParameterWire::GuidText),
                          parameter(2, QStringLiteral("nvarchar(3000)"), QStringLiteral("failure text"), op.errorDescription,
                                          ParameterWire::Utf16Bytes),
                          parameter(3, QStringLiteral("int"), QStringLiteral("failure code"), op.errorCode)};
        break;
    case OperationKind::EndConversation:
    case OperationKind::EndConversationWithCleanup:
        parameters = {parameter(1, QStringLiteral("uniqueidentifier"), QStringLiteral("conversation handle"), op.conversationHandle,
                                ParameterWire::GuidText)};
        break;
    case OperationKind::QueueStatus:
    case OperationKind::QueueActivation:
    case OperationKind::QueueMaxReaders:
        engine.setIdentifier(QStringLiteral("Schema"), op.queue.schema);
        engine.setIdentifier(QStringLiteral("Queue"), op.queue.name);
        engine.setFlag(QStringLiteral("Enable"), op.enable);
        engine.setNumber(QStringLiteral("MaxReaders"), op.maxReaders);
        break;
    case OperationKind::PoisonQuarantine:
        engine.setIdentifier(QStringLiteral("Schema"), op.queue.schema);
        engine.setIdentifier(QStringLiteral("Queue"), op.queue.name);
        engine.setLiteral(QStringLiteral("QueueName"), quoteIdentifier(op.queue.schema) + QLatin1Char('.') + quoteIdentifier(op.queue.name));
        engine.setFlag(QStringLiteral("HasActivation"), op.hasActivation);
        parameters = {parameter(1, QStringLiteral("uniqueidentifier"), QStringLiteral("poison conversation handle"),
                                op.conversationHandle, ParameterWire::GuidText)};
        break;
    case OperationKind::QueueResumeForDebug:
        engine.setIdentifier(QStringLiteral("Schema"), op.queue.schema);
        engine.setIdentifier(QStringLiteral("Queue"), op.queue.name);
        break;
    case OperationKind::SendMessage:
        engine.setIdentifier(QStringLiteral("FromService"), op.fromService);
        engine.setIdentifier(QStringLiteral("Contract"), op.contract);
        engine.setIdentifier(QStringLiteral("MessageType"), op.messageType);
        engine.setFlag(QStringLiteral("Encryption"), op.encryption);
        engine.setFlag(QStringLiteral("HasBody"), !op.body.isEmpty());
        engine.setFlag(QStringLiteral("EndAfterSend"), op.endAfterSend);
        parameters = {parameter(1, QStringLiteral("nvarchar(256)"), QStringLiteral("target service"), op.toService,
                                ParameterWire::Utf16Bytes)};
        if (!op.body.isEmpty())
            parameters.append(parameter(2, QStringLiteral("varbinary(max)"), QStringLiteral("message body"), op.body));
        break;
    case OperationKind::DatabaseBroker:
        engine.setIdentifier(QStringLiteral("Database"), op.database);
        engine.setTrustedText(QStringLiteral("Option"), OperationRegistry::brokerOptionKeyword(op.brokerSwitch));
        engine.setFlag(QStringLiteral("RollbackImmediate"), op.rollbackImmediate);
    case OperationKind::DeployScript:
        break;
    }
    return fill(spec.templateName, engine, parameters);
}

QString OperationScript::positionalText(const OperationStatement &statement, QString *error)
{
    const QList<TsqlToken> tokens = TsqlTokenizer::tokenize(statement.text);
    QString out;
    qsizetype copied = 0;
    int next = 1;
    for (const TsqlToken &t : tokens) {
        if (t.kind != TsqlTokenKind::Variable)
            continue;
        const QString name = t.text(statement.text).toString();
        if (!name.startsWith(QLatin1String("@P")) || name.startsWith(QLatin1String("@@")))
            continue;
        if (name.compare(QStringLiteral("@P%1").arg(next), Qt::CaseInsensitive) != 0) {
            *error = QStringLiteral("Parameter marker %1 out of order (expected @P%2).").arg(name).arg(next);
            return QString();
        }
        out += QStringView(statement.text).mid(copied, t.offset - copied);
        out += QLatin1Char('?');
        copied = t.offset + t.length;
        ++next;
    }
    if (next - 1 != statement.parameters.size()) {
        *error = QStringLiteral("The statement has %1 parameter markers for %2 values.")
                     .arg(next - 1).arg(statement.parameters.size());
        return QString();
    }
    out += QStringView(statement.text).mid(copied);
    return out;
}

QString OperationScript::poisonQuarantineSteps(const QueueRef &queue, QString *error)
{
    TemplateEngine engine;
    engine.setPartialDirectory(QStringLiteral(":/sql/ops"));
    engine.setIdentifier(QStringLiteral("Schema"), queue.schema);
    engine.setIdentifier(QStringLiteral("Queue"), queue.name);
    engine.setLiteral(QStringLiteral("QueueName"), quoteIdentifier(queue.schema) + QLatin1Char('.') + quoteIdentifier(queue.name));
    return engine.render(QStringLiteral("{{> poison_quarantine_steps}}\n"), error);
}

OperationStatement OperationScript::permissionStatement(const Operation &op)
{
    const PermissionCheck check = OperationRegistry::permission(op);
    const QVariant securable = check.securable.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(check.securable);
    return fill(QStringLiteral("permission"), TemplateEngine(),
                {parameter(1, QStringLiteral("sysname"), QStringLiteral("securable"), securable, ParameterWire::Utf16Bytes),
                 parameter(2, QStringLiteral("nvarchar(60)"), QStringLiteral("securable class"), check.securableClass),
                 parameter(3, QStringLiteral("sysname"), QStringLiteral("permission"), check.permission)});
}

} // namespace bs
