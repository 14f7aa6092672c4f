#include "core/design/designddlparser.h"

#include "core/design/designedit.h"
#include "core/sqlquote.h"
#include "core/tsql/tsqlscript.h"

#include <QStringList>

namespace bs {

QString DdlImportError::toString() const
{
    return QStringLiteral("%1:%2: %3\n%4").arg(line).arg(column).arg(message, context);
}

namespace {

using K = TsqlKeyword;
using SK = TsqlStatementKind;
using TK = TsqlTokenKind;

/// Thrown inside one statement's parse; caught per statement.
struct ParseFailure
{
    int token; ///< index into the script's tokens, or -1 for the statement's first token
    QString message;
    bool after = false; ///< the problem is just after the token (the statement ended too soon)
};

/// Reads the significant tokens of one statement.
class Cursor
{
public:
    Cursor(const TsqlScript &script, QList<int> tokens, int statementFirst)
        : m_script(script), m_tokens(std::move(tokens)), m_first(statementFirst)
    {
        // The statement's own ; is not part of the grammar we read.
        while (!m_tokens.isEmpty() && m_script.token(m_tokens.last()).kind == TK::Semicolon)
            m_tokens.removeLast();
    }

    bool atEnd() const { return m_pos >= m_tokens.size(); }
    int tokenIndex() const { return atEnd() ? (m_tokens.isEmpty() ? m_first : m_tokens.last()) : m_tokens.at(m_pos); }
    const TsqlToken &tok() const { return m_script.token(tokenIndex()); }
    QString text() const { return atEnd() ? QString() : m_script.tokenText(tokenIndex()).toString(); }

    [[noreturn]] void fail(const QString &message) const
    {
        throw ParseFailure{tokenIndex(),
                           message + (atEnd() ? QStringLiteral(" (the statement ends here)") : QStringLiteral(", found \"%1\"").arg(text())),
                           atEnd() && !m_tokens.isEmpty()};
    }
    /// A problem with a token read earlier (a name that exists twice, a missing reference).
    [[noreturn]] void failAt(int token, const QString &message) const { throw ParseFailure{token, message}; }
    /// The index of the next token, to point at it later.
    int mark() const { return tokenIndex(); }

    /// A word (keyword or not) spelled `word`, in any case.
    bool peekWord(const char16_t *word, int ahead = 0) const
    {
        const int p = m_pos + ahead;
        if (p >= m_tokens.size())
            return false;
        const TsqlToken &t = m_script.token(m_tokens.at(p));
        return t.kind == TK::Word && t.text(m_script.text()).compare(QStringView(word), Qt::CaseInsensitive) == 0;
    }
    bool acceptWord(const char16_t *word)
    {
        if (!peekWord(word))
            return false;
        ++m_pos;
        return true;
    }
    void expectWord(const char16_t *word)
    {
        if (!acceptWord(word))
            fail(QStringLiteral("expected %1").arg(QString::fromUtf16(word)));
    }
    bool peekKind(TK kind) const { return !atEnd() && tok().kind == kind; }
    bool accept(TK kind)
    {
        if (!peekKind(kind))
            return false;
        ++m_pos;
        return true;
    }
    void expect(TK kind, const QString &what)
    {
        if (!accept(kind))
            fail(QStringLiteral("expected %1").arg(what));
    }
    void expectEquals()
    {
        if (atEnd() || !tok().isOperator(m_script.text(), u"="))
            fail(QStringLiteral("expected ="));
        ++m_pos;
    }

    /// A regular or delimited identifier (sysname: at most 128 characters).
    QString identifier(const QString &what)
    {
        if (atEnd() || (tok().kind != TK::Word && tok().kind != TK::QuotedIdentifier))
            fail(QStringLiteral("expected %1").arg(what));
        if (tok().error != TsqlTokenError::None)
            fail(QStringLiteral("unterminated identifier"));
        const QString name = tok().identifier(m_script.text());
        QString problem = identifierProblem(name, what);
        if (!problem.isEmpty()) {
            if (problem.endsWith(QLatin1Char('.')))
                problem.chop(1);
            fail(problem);
        }
        ++m_pos;
        return name;
    }
    /// One to `maxParts` identifiers joined by dots; returns the parts.
    QStringList multipart(const QString &what, int maxParts)
    {
        QStringList parts{identifier(what)};
        while (peekKind(TK::Dot)) {
            if (parts.size() == maxParts)
                fail(QStringLiteral("%1 has at most %2 parts").arg(what).arg(maxParts));
            ++m_pos;
            parts.append(identifier(what));
        }
        return parts;
    }
    QString string(const QString &what)
    {
        if (atEnd() || tok().kind != TK::String)
            fail(QStringLiteral("expected %1 as a string literal").arg(what));
        if (tok().error != TsqlTokenError::None)
            fail(QStringLiteral("unterminated string"));
        const QString value = tok().stringValue(m_script.text());
        ++m_pos;
        return value;
    }
    int integer(const QString &what, int min, int max)
    {
        if (atEnd() || tok().kind != TK::Number)
            fail(QStringLiteral("expected %1 (a whole number)").arg(what));
        bool ok = false;
        const qlonglong v = text().toLongLong(&ok);
        if (!ok || v < min || v > max)
            fail(QStringLiteral("%1 must be a whole number from %2 to %3").arg(what).arg(min).arg(max));
        ++m_pos;
        return int(v);
    }
    bool onOff()
    {
        if (acceptWord(u"ON"))
            return true;
        if (acceptWord(u"OFF"))
            return false;
        fail(QStringLiteral("expected ON or OFF"));
    }
    void expectEnd()
    {
        if (!atEnd())
            fail(QStringLiteral("unexpected text after the statement"));
    }

private:
    const TsqlScript &m_script;
    QList<int> m_tokens;
    int m_first;
    int m_pos = 0;
};

/// Applies the broker statements of one script to a design.
class Importer
{
public:
    enum class Verb { Create, Alter, Drop };

    Importer(const TsqlScript &script, BrokerDesign design) : m_script(script) { m_result.design = std::move(design); }

    DdlImportResult run()
    {
        for (const TsqlToken &t : m_script.tokens()) {
            if (t.error != TsqlTokenError::None) {
                error(int(&t - m_script.tokens().constData()), tsqlTokenErrorText(t.error));
                break;
            }
        }
        for (const TsqlParseProblem &p : m_script.problems())
            error(p.token, p.message);
        if (m_result.errors.isEmpty())
            walk(-1);
        if (!m_result.errors.isEmpty())
            m_result.design = BrokerDesign{}; // never a partial design
        return std::move(m_result);
    }

private:
    void walk(int parent)
    {
        for (int s : m_script.children(parent)) {
            const TsqlStatement &st = m_script.statements().at(s);
            switch (st.kind) {
            case SK::If: case SK::Else: case SK::Block: case SK::Try: case SK::Catch: case SK::While:
                walk(s); // containers: their statements are read, their conditions are not evaluated
                break;
            case SK::Create: case SK::Alter: case SK::Drop:
                statement(s);
                break;
            default:
                skip(s);
                break;
            }
        }
    }

    void skip(int s)
    {
        // The first words, a dotted name counting as one: "CREATE PROCEDURE dbo.Orders_Activate".
        const QList<int> head = m_script.headTokens(s);
        QString summary;
        int words = 0;
        bool glue = false;
        for (int i = 0; i < head.size(); ++i) {
            const TsqlToken &t = m_script.token(head.at(i));
            if (t.kind == TK::Semicolon || t.kind == TK::OpenParen || t.kind == TK::Go || t.is(K::As) || t.is(K::With))
                break;
            const bool dot = t.kind == TK::Dot;
            if (!dot && !glue) {
                if (++words > 4)
                    break;
                if (!summary.isEmpty())
                    summary += QLatin1Char(' ');
            }
            summary += m_script.tokenText(head.at(i));
            glue = dot;
        }
        if (summary.isEmpty())
            return; // a lone ;
        const TsqlToken &first = m_script.token(m_script.statements().at(s).first);
        m_result.skipped.append({first.line, summary});
    }

    void statement(int s)
    {
        const TsqlStatement &st = m_script.statements().at(s);
        Cursor c(m_script, m_script.significantTokens(st.first, st.last), st.first);
        try {
            apply(s, c);
        } catch (const ParseFailure &f) {
            error(f.token < 0 ? st.first : f.token, f.message, f.after);
        }
    }

    void apply(int s, Cursor &c)
    {
        const bool create = c.acceptWord(u"CREATE");
        const bool alter = !create && c.acceptWord(u"ALTER");
        if (!create && !alter)
            c.expectWord(u"DROP");
        ObjectKind kind = ObjectKind::None;
        if (c.peekWord(u"MESSAGE") && c.peekWord(u"TYPE", 1))
            kind = ObjectKind::MessageType;
        else if (c.peekWord(u"CONTRACT"))
            kind = ObjectKind::Contract;
        else if (c.peekWord(u"QUEUE"))
            kind = ObjectKind::Queue;
        else if (c.peekWord(u"SERVICE"))
            kind = ObjectKind::Service;
        else if (c.peekWord(u"ROUTE"))
            kind = ObjectKind::Route;
        else if (c.peekWord(u"REMOTE") && c.peekWord(u"SERVICE", 1) && c.peekWord(u"BINDING", 2))
            kind = ObjectKind::RemoteServiceBinding;
        if (kind == ObjectKind::None) {
            skip(s);
            return;
        }
        const int words = kind == ObjectKind::MessageType ? 2 : kind == ObjectKind::RemoteServiceBinding ? 3 : 1;
        for (int i = 0; i < words; ++i)
            c.identifier(QStringLiteral("a keyword"));
        const Verb verb = create ? Verb::Create : alter ? Verb::Alter : Verb::Drop;
        switch (kind) {
        case ObjectKind::MessageType: messageType(c, verb); break;
        case ObjectKind::Contract: contract(c, verb); break;
        case ObjectKind::Queue: queue(c, verb); break;
        case ObjectKind::Service: service(c, verb); break;
        case ObjectKind::Route: route(c, verb); break;
        default: binding(c, verb); break;
        }
        ++m_result.statementsApplied;
    }

    // Shared checks SQL Server makes: an object created twice, altered or dropped while missing,
    // dropped while still used.
    void checkVerb(Cursor &c, Verb verb, const DesignRef &ref, int nameToken)
    {
        const bool exists = m_result.design.contains(ref);
        if (verb == Verb::Create && exists)
            c.failAt(nameToken, QStringLiteral("%1 is created twice").arg(ref.display()));
        if (verb != Verb::Create && !exists)
            c.failAt(nameToken, QStringLiteral("%1 does not exist").arg(ref.display()));
    }

    void drop(Cursor &c, const DesignRef &ref, int nameToken)
    {
        c.expectEnd();
        const QList<DesignRef> users = DesignEdit::dependants(m_result.design, ref);
        if (!users.isEmpty()) {
            QStringList names;
            for (const DesignRef &u : users)
                names.append(u.display());
            c.failAt(nameToken, QStringLiteral("%1 cannot be dropped: %2 still use it").arg(ref.display(), names.join(u", "_qs)));
        }
        DesignEdit::remove(m_result.design, ref);
    }

    QString authorization(Cursor &c)
    {
        return c.acceptWord(u"AUTHORIZATION") ? c.identifier(QStringLiteral("the owner")) : QString();
    }

    void requireMessageType(Cursor &c, const QString &name, int nameToken)
    {
        if (!isBuiltInBrokerName(name) && !m_result.design.messageType(name))
            c.failAt(nameToken, QStringLiteral("message type %1 does not exist").arg(quoteIdentifier(name)));
    }

    // https://learn.microsoft.com/sql/t-sql/statements/create-message-type-transact-sql
    // https://learn.microsoft.com/sql/t-sql/statements/alter-message-type-transact-sql
    void messageType(Cursor &c, Verb verb)
    {
        const int nameToken = c.mark();
        const QString name = c.identifier(QStringLiteral("the message type name"));
        const DesignRef ref{ObjectKind::MessageType, name, {}};
        checkVerb(c, verb, ref, nameToken);
        if (verb == Verb::Drop)
            return drop(c, ref, nameToken);
        DesignMessageType m = verb == Verb::Create ? DesignMessageType{name, {}, {}, {}} : *m_result.design.messageType(name);
        if (verb == Verb::Create)
            m.owner = authorization(c);
        if (verb == Verb::Alter || c.peekWord(u"VALIDATION")) {
            c.expectWord(u"VALIDATION");
            c.expectEquals();
            const auto v = messageValidationFromKeyword(c.atEnd() ? QString() : c.text());
            if (!v || c.tok().kind != TK::Word)
                c.fail(QStringLiteral("expected NONE, EMPTY, WELL_FORMED_XML or VALID_XML WITH SCHEMA COLLECTION"));
            c.identifier(QStringLiteral("a validation"));
            m.validation = *v;
            m.schemaCollection.clear();
            if (*v == MessageValidation::ValidXml) {
                c.expectWord(u"WITH");
                c.expectWord(u"SCHEMA");
                c.expectWord(u"COLLECTION");
                const QStringList parts = c.multipart(QStringLiteral("the schema collection name"), 2);
                QStringList quoted;
                for (const QString &p : parts)
                    quoted.append(quoteIdentifier(p));
                m.schemaCollection = quoted.join(QLatin1Char('.'));
            }
        }
        c.expectEnd();
        if (verb == Verb::Create)
            DesignEdit::add(m_result.design, m);
        else
            DesignEdit::replace(m_result.design, m);
    }

    // https://learn.microsoft.com/sql/t-sql/statements/create-contract-transact-sql (no ALTER CONTRACT exists)
    void contract(Cursor &c, Verb verb)
    {
        if (verb == Verb::Alter)
            c.fail(QStringLiteral("T-SQL has no ALTER CONTRACT: drop the contract and create it again"));
        const int nameToken = c.mark();
        const QString name = c.identifier(QStringLiteral("the contract name"));
        const DesignRef ref{ObjectKind::Contract, name, {}};
        checkVerb(c, verb, ref, nameToken);
        if (verb == Verb::Drop)
            return drop(c, ref, nameToken);
        DesignContract ct{name, authorization(c), {}};
        c.expect(TK::OpenParen, QStringLiteral("( and the contract's message types"));
        do {
            const int mtToken = c.mark();
            const QString mt = c.identifier(QStringLiteral("a message type name"));
            requireMessageType(c, mt, mtToken);
            c.expectWord(u"SENT");
            c.expectWord(u"BY");
            const auto s = sentByFromKeyword(c.atEnd() ? QString() : c.text());
            if (!s || c.tok().kind != TK::Word)
                c.fail(QStringLiteral("expected INITIATOR, TARGET or ANY"));
            c.identifier(QStringLiteral("SENT BY"));
            for (const DesignUsage &u : ct.usages) {
                if (u.messageType == mt)
                    c.failAt(mtToken, QStringLiteral("message type %1 appears twice in the contract").arg(quoteIdentifier(mt)));
            }
            ct.usages.append({mt, *s});
        } while (c.accept(TK::Comma));
        c.expect(TK::CloseParen, QStringLiteral(")"));
        c.expectEnd();
        DesignEdit::add(m_result.design, ct);
    }

    QPair<QString, QString> queueName(Cursor &c)
    {
        // <object> ::= database_name.schema_name.queue_name | schema_name.queue_name | queue_name;
        // without a schema the queue is in the user's default schema, taken here as dbo [assumption].
        const QStringList parts = c.multipart(QStringLiteral("the queue name"), 3);
        return {parts.size() >= 2 ? parts.at(parts.size() - 2) : QStringLiteral("dbo"), parts.last()};
    }

    DesignActivation activation(Cursor &c, Verb verb, std::optional<DesignActivation> current, bool *dropped, int keyword)
    {
        DesignActivation a = current.value_or(DesignActivation{});
        c.expect(TK::OpenParen, QStringLiteral("( after ACTIVATION"));
        if (verb == Verb::Alter && c.peekKind(TK::Word) && c.tok().is(K::Drop)) {
            c.identifier(QStringLiteral("DROP"));
            c.expect(TK::CloseParen, QStringLiteral(")"));
            *dropped = true;
            return a;
        }
        bool procedure = false, readers = false, executeAs = false;
        do {
            if (c.acceptWord(u"STATUS")) {
                c.expectEquals();
                a.status = c.onOff();
            } else if (c.acceptWord(u"PROCEDURE_NAME")) {
                c.expectEquals();
                QStringList quoted;
                for (const QString &p : c.multipart(QStringLiteral("the activation procedure"), 3))
                    quoted.append(quoteIdentifier(p));
                a.procedure = quoted.join(QLatin1Char('.'));
                procedure = true;
            } else if (c.acceptWord(u"MAX_QUEUE_READERS")) {
                c.expectEquals();
                a.maxQueueReaders = c.integer(QStringLiteral("MAX_QUEUE_READERS"), 0, 32767);
                readers = true;
            } else if (c.peekKind(TK::Word) && c.tok().is(K::Execute)) {
                c.identifier(QStringLiteral("EXECUTE"));
                if (!c.peekKind(TK::Word) || !c.tok().is(K::As))
                    c.fail(QStringLiteral("expected AS after EXECUTE"));
                c.identifier(QStringLiteral("AS"));
                if (c.acceptWord(u"SELF")) {
                    a.executeAs = ExecuteAs::Self;
                } else if (c.acceptWord(u"OWNER")) {
                    a.executeAs = ExecuteAs::Owner;
                } else {
                    a.executeAsUser = c.string(QStringLiteral("SELF, OWNER or the user name"));
                    a.executeAs = ExecuteAs::User;
                }
                executeAs = true;
            } else {
                c.fail(QStringLiteral("expected STATUS, PROCEDURE_NAME, MAX_QUEUE_READERS or EXECUTE AS"));
            }
        } while (c.accept(TK::Comma));
        c.expect(TK::CloseParen, QStringLiteral(") to close ACTIVATION"));
        // CREATE QUEUE's grammar makes PROCEDURE_NAME, MAX_QUEUE_READERS and EXECUTE AS required;
        // ALTER QUEUE changes only what it names, on a queue that may have no activation yet.
        if ((verb == Verb::Create || !current) && !(procedure && readers && executeAs))
            c.failAt(keyword, QStringLiteral("ACTIVATION needs PROCEDURE_NAME, MAX_QUEUE_READERS and EXECUTE AS"));
        return a;
    }

    // https://learn.microsoft.com/sql/t-sql/statements/create-queue-transact-sql
    // https://learn.microsoft.com/sql/t-sql/statements/alter-queue-transact-sql
    void queue(Cursor &c, Verb verb)
    {
        const int nameToken = c.mark();
        const auto [schema, name] = queueName(c);
        const DesignRef ref{ObjectKind::Queue, name, schema};
        checkVerb(c, verb, ref, nameToken);
        if (verb == Verb::Drop)
            return drop(c, ref, nameToken);
        DesignQueue q = verb == Verb::Create ? DesignQueue{} : *m_result.design.queue(schema, name);
        q.schema = schema;
        q.name = name;
        const bool with = c.acceptWord(u"WITH");
        if (verb == Verb::Alter && !with)
            c.fail(QStringLiteral("expected WITH"));
        if (with) {
            bool any = false;
            do {
                if (c.acceptWord(u"STATUS")) {
                    c.expectEquals();
                    q.status = c.onOff();
                } else if (c.acceptWord(u"RETENTION")) {
                    c.expectEquals();
                    q.retention = c.onOff();
                } else if (c.peekWord(u"ACTIVATION")) {
                    const int keyword = c.mark();
                    c.expectWord(u"ACTIVATION");
                    bool dropped = false;
                    const DesignActivation a = activation(c, verb, q.activation, &dropped, keyword);
                    q.activation = dropped ? std::nullopt : std::optional<DesignActivation>(a);
                } else if (c.acceptWord(u"POISON_MESSAGE_HANDLING")) {
                    c.expect(TK::OpenParen, QStringLiteral("( after POISON_MESSAGE_HANDLING"));
                    c.expectWord(u"STATUS");
                    c.expectEquals();
                    q.poisonMessageHandling = c.onOff();
                    c.expect(TK::CloseParen, QStringLiteral(")"));
                } else if (any && c.peekKind(TK::Word) && c.tok().is(K::On)) {
                    break; // ON filegroup follows the last option without a comma
                } else {
                    c.fail(QStringLiteral("expected STATUS, RETENTION, ACTIVATION or POISON_MESSAGE_HANDLING"));
                }
                any = true;
            } while (c.accept(TK::Comma));
        }
        if (verb == Verb::Create && c.peekKind(TK::Word) && c.tok().is(K::On)) {
            c.identifier(QStringLiteral("ON"));
            c.identifier(QStringLiteral("the filegroup")); // storage only; not part of the design
        }
        c.expectEnd();
        if (verb == Verb::Create)
            DesignEdit::add(m_result.design, q);
        else
            DesignEdit::replace(m_result.design, q);
    }

    // https://learn.microsoft.com/sql/t-sql/statements/create-service-transact-sql
    // https://learn.microsoft.com/sql/t-sql/statements/alter-service-transact-sql
    void service(Cursor &c, Verb verb)
    {
        const int nameToken = c.mark();
        const QString name = c.identifier(QStringLiteral("the service name"));
        const DesignRef ref{ObjectKind::Service, name, {}};
        checkVerb(c, verb, ref, nameToken);
        if (verb == Verb::Drop)
            return drop(c, ref, nameToken);
        DesignService s = verb == Verb::Create ? DesignService{} : *m_result.design.service(name);
        s.name = name;
        if (verb == Verb::Create)
            s.owner = authorization(c);
        const bool onQueue = c.peekKind(TK::Word) && c.tok().is(K::On);
        if (verb == Verb::Create && !onQueue)
            c.fail(QStringLiteral("expected ON QUEUE"));
        if (onQueue) {
            c.identifier(QStringLiteral("ON"));
            c.expectWord(u"QUEUE");
            const int queueToken = c.mark();
            const QStringList parts = c.multipart(QStringLiteral("the queue name"), 2);
            const QString qs = parts.size() == 2 ? parts.first() : QStringLiteral("dbo");
            if (!m_result.design.queue(qs, parts.last()))
                c.failAt(queueToken, QStringLiteral("queue %1.%2 does not exist").arg(quoteIdentifier(qs), quoteIdentifier(parts.last())));
            s.queueSchema = qs;
            s.queueName = parts.last();
        }
        if (c.accept(TK::OpenParen)) {
            do {
                bool add = true;
                if (verb == Verb::Alter) {
                    if (c.peekKind(TK::Word) && c.tok().is(K::Drop)) {
                        c.identifier(QStringLiteral("DROP"));
                        add = false;
                    } else {
                        c.expectWord(u"ADD");
                    }
                    c.expectWord(u"CONTRACT");
                }
                const int contractToken = c.mark();
                const QString contract = c.identifier(QStringLiteral("a contract name"));
                if (add && !isBuiltInBrokerName(contract) && !m_result.design.contract(contract))
                    c.failAt(contractToken, QStringLiteral("contract %1 does not exist").arg(quoteIdentifier(contract)));
                if (add && s.contracts.contains(contract))
                    c.failAt(contractToken, QStringLiteral("contract %1 is named twice").arg(quoteIdentifier(contract)));
                if (!add && !s.contracts.removeOne(contract))
                    c.failAt(contractToken, QStringLiteral("the service does not accept contract %1").arg(quoteIdentifier(contract)));
                if (add)
                    s.contracts.append(contract);
            } while (c.accept(TK::Comma));
            c.expect(TK::CloseParen, QStringLiteral(")"));
        }
        c.expectEnd();
        if (verb == Verb::Create)
            DesignEdit::add(m_result.design, s);
        else
            DesignEdit::replace(m_result.design, s);
    }

    // https://learn.microsoft.com/sql/t-sql/statements/create-route-transact-sql
    // https://learn.microsoft.com/sql/t-sql/statements/alter-route-transact-sql
    void route(Cursor &c, Verb verb)
    {
        const int nameToken = c.mark();
        const QString name = c.identifier(QStringLiteral("the route name"));
        const DesignRef ref{ObjectKind::Route, name, {}};
        checkVerb(c, verb, ref, nameToken);
        if (verb == Verb::Drop)
            return drop(c, ref, nameToken);
        DesignRoute r = verb == Verb::Create ? DesignRoute{} : *m_result.design.route(name);
        r.name = name;
        if (verb == Verb::Create)
            r.owner = authorization(c);
        c.expectWord(u"WITH");
        bool address = false;
        do {
            if (c.acceptWord(u"SERVICE_NAME")) {
                c.expectEquals();
                r.serviceName = c.string(QStringLiteral("SERVICE_NAME"));
            } else if (c.acceptWord(u"BROKER_INSTANCE")) {
                c.expectEquals();
                r.brokerInstance = c.string(QStringLiteral("BROKER_INSTANCE"));
            } else if (c.peekKind(TK::Word) && c.tok().is(K::Lifetime)) {
                c.identifier(QStringLiteral("LIFETIME"));
                c.expectEquals();
                r.lifetimeSeconds = c.integer(QStringLiteral("LIFETIME"), 1, 2147483647);
                r.expires.reset();
            } else if (c.acceptWord(u"ADDRESS")) {
                c.expectEquals();
                r.address = c.string(QStringLiteral("ADDRESS"));
                address = true;
            } else if (c.acceptWord(u"MIRROR_ADDRESS")) {
                c.expectEquals();
                r.mirrorAddress = c.string(QStringLiteral("MIRROR_ADDRESS"));
            } else {
                c.fail(QStringLiteral("expected SERVICE_NAME, BROKER_INSTANCE, LIFETIME, ADDRESS or MIRROR_ADDRESS"));
            }
        } while (c.accept(TK::Comma));
        if (verb == Verb::Create && !address)
            c.fail(QStringLiteral("CREATE ROUTE needs ADDRESS"));
        c.expectEnd();
        if (verb == Verb::Create)
            DesignEdit::add(m_result.design, r);
        else
            DesignEdit::replace(m_result.design, r);
    }

    // https://learn.microsoft.com/sql/t-sql/statements/create-remote-service-binding-transact-sql
    // https://learn.microsoft.com/sql/t-sql/statements/alter-remote-service-binding-transact-sql
    void binding(Cursor &c, Verb verb)
    {
        const int nameToken = c.mark();
        const QString name = c.identifier(QStringLiteral("the binding name"));
        const DesignRef ref{ObjectKind::RemoteServiceBinding, name, {}};
        checkVerb(c, verb, ref, nameToken);
        if (verb == Verb::Drop)
            return drop(c, ref, nameToken);
        DesignBinding b = verb == Verb::Create ? DesignBinding{} : *m_result.design.binding(name);
        b.name = name;
        if (verb == Verb::Create) {
            b.owner = authorization(c);
            if (!c.peekKind(TK::Word) || !c.tok().is(K::To))
                c.fail(QStringLiteral("expected TO SERVICE"));
            c.identifier(QStringLiteral("TO"));
            c.expectWord(u"SERVICE");
            b.serviceName = c.string(QStringLiteral("the remote service name"));
        }
        c.expectWord(u"WITH");
        bool user = false;
        do {
            if (c.acceptWord(u"USER")) {
                c.expectEquals();
                b.user = c.identifier(QStringLiteral("the user name"));
                user = true;
            } else if (c.acceptWord(u"ANONYMOUS")) {
                c.expectEquals();
                b.anonymous = c.onOff();
            } else {
                c.fail(QStringLiteral("expected USER or ANONYMOUS"));
            }
        } while (c.accept(TK::Comma));
        if (verb == Verb::Create && !user)
            c.fail(QStringLiteral("CREATE REMOTE SERVICE BINDING needs WITH USER"));
        c.expectEnd();
        if (verb == Verb::Create)
            DesignEdit::add(m_result.design, b);
        else
            DesignEdit::replace(m_result.design, b);
    }

    void error(int token, const QString &message, bool after = false)
    {
        DdlImportError e;
        e.message = message;
        if (token >= 0 && token < m_script.tokens().size()) {
            const TsqlToken &t = m_script.token(token);
            e.line = t.line;
            e.column = t.column + (after && !t.text(m_script.text()).contains(QLatin1Char('\n')) ? t.length : 0);
            const QString &text = m_script.text();
            const qsizetype lineStart = t.offset - (t.column - 1);
            qsizetype lineEnd = text.indexOf(QLatin1Char('\n'), t.offset);
            if (lineEnd < 0)
                lineEnd = text.size();
            QString line = text.mid(lineStart, lineEnd - lineStart);
            if (line.endsWith(QLatin1Char('\r')))
                line.chop(1);
            // Long lines are cut to 60 characters either side of the column.
            const int from = qMax(0, e.column - 1 - 60);
            const QString shown = line.mid(from, 120);
            e.context = (from > 0 ? QStringLiteral("…") : QString()) + shown + QLatin1Char('\n')
                        + QString(e.column - 1 - from + (from > 0 ? 1 : 0), QLatin1Char(' ')) + QLatin1Char('^');
        }
        m_result.errors.append(e);
    }

    const TsqlScript &m_script;
    DdlImportResult m_result;
};

} // namespace

DdlImportResult DesignDdlParser::parse(const QString &script, const BrokerDesign &start)
{
    const TsqlScript parsed(script);
    return Importer(parsed, start).run();
}

} // namespace bs
