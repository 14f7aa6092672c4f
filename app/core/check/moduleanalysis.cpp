#include "core/check/moduleanalysis.h"

#include "core/check/healthinput.h"

namespace bs {

namespace {

using K = TsqlKeyword;
using SK = TsqlStatementKind;

bool isWord(const TsqlToken &t, QStringView source, QStringView word)
{
    return t.kind == TsqlTokenKind::Word && t.text(source).compare(word, Qt::CaseInsensitive) == 0;
}

// The system message types every service receives (SERVICE_BROKER.md §7); real code spells them
// with http, current Learn pages with https.
bool namesSystemType(const QString &value, QStringView type)
{
    return value.contains(QStringLiteral("schemas.microsoft.com/SQL/ServiceBroker/"), Qt::CaseInsensitive)
        && value.endsWith(type, Qt::CaseInsensitive);
}

} // namespace

ModuleAnalysis::ModuleAnalysis(const QString &definition)
{
    const TsqlScript script(definition);
    const QStringView src = script.text();
    for (const TsqlToken &t : script.tokens()) {
        if (t.kind == TsqlTokenKind::String) {
            const QString v = t.stringValue(src);
            handlesEndDialog = handlesEndDialog || namesSystemType(v, u"/EndDialog");
            handlesError = handlesError || namesSystemType(v, u"/Error");
        } else if (isWord(t, src, u"XACT_STATE")) {
            usesXactState = true;
        }
    }
    for (int i = 0; i < script.statements().size(); ++i)
        analyseStatement(script, i);
}

QString ModuleAnalysis::variableAfter(const TsqlScript &script, const QList<int> &tokens, int from)
{
    for (int k = from; k < tokens.size(); ++k) {
        const TsqlToken &t = script.token(tokens.at(k));
        if (t.kind == TsqlTokenKind::Variable)
            return t.text(script.text()).toString();
        if (t.kind != TsqlTokenKind::OpenParen && t.kind != TsqlTokenKind::Word)
            return {};
    }
    return {};
}

void ModuleAnalysis::analyseStatement(const TsqlScript &script, int index)
{
    const TsqlStatement &s = script.statements().at(index);
    switch (s.kind) {
    case SK::Try:
        hasTryCatch = true;
        return;
    case SK::BeginTransaction:
        beginsTransaction = true;
        return;
    case SK::BeginDialog:
    case SK::Send:
    case SK::EndConversation:
    case SK::Receive:
    case SK::WaitFor:
    case SK::Execute:
        break;
    default:
        return; // only these need their tokens
    }
    const QStringView src = script.text();
    const QList<int> head = script.headTokens(index);
    const int line = script.token(s.first).line;
    auto tok = [&](int k) -> const TsqlToken & { return script.token(head.at(k)); };
    auto findKeyword = [&](K keyword, int from = 0) {
        for (int k = from; k < head.size(); ++k) {
            if (tok(k).is(keyword))
                return k;
        }
        return -1;
    };

    switch (s.kind) {
    case SK::BeginDialog: {
        Dialog d;
        d.position = s.first;
        d.statement = index;
        d.line = line;
        d.handle = variableAfter(script, head, 2);
        const int from = findKeyword(K::From);
        if (from >= 0 && from + 2 < head.size() && tok(from + 1).is(K::Service))
            d.fromService = tok(from + 2).identifier(src);
        const int to = findKeyword(K::To);
        if (to >= 0 && to + 2 < head.size() && tok(to + 1).is(K::Service) && tok(to + 2).kind == TsqlTokenKind::String)
            d.toService = tok(to + 2).stringValue(src);
        const int on = findKeyword(K::On, qMax(0, to));
        if (on >= 0 && on + 2 < head.size() && tok(on + 1).is(K::Contract))
            d.contract = tok(on + 2).identifier(src);
        d.hasLifetime = findKeyword(K::Lifetime) >= 0;
        d.conditional = script.enclosing(index, SK::If) >= 0 || script.enclosing(index, SK::While) >= 0;
        dialogs.append(d);
        break;
    }
    case SK::Send: {
        Send x;
        x.position = s.first;
        x.statement = index;
        x.line = line;
        const int conv = findKeyword(K::Conversation);
        for (int k = conv + 1; conv >= 0 && k < head.size(); ++k) {
            const TsqlToken &t = tok(k);
            if (t.kind == TsqlTokenKind::Variable)
                x.handles << t.text(src).toString();
            else if (t.kind != TsqlTokenKind::OpenParen && t.kind != TsqlTokenKind::Comma)
                break;
        }
        sends.append(x);
        break;
    }
    case SK::EndConversation: {
        End e;
        e.position = s.first;
        e.statement = index;
        e.line = line;
        e.handle = variableAfter(script, head, 2);
        const int with = findKeyword(K::With);
        e.withError = with >= 0 && findKeyword(K::Error, with) >= 0;
        e.withCleanup = with >= 0 && findKeyword(K::Cleanup, with) >= 0;
        // The nearest IF or ELSE above decides: an END in an ELSE (or under no IF) is the catch-all
        // branch of a message-type dispatch.
        e.catchAll = true;
        for (int p = s.parent; p >= 0; p = script.statements().at(p).parent) {
            const SK kind = script.statements().at(p).kind;
            if (kind == SK::If || kind == SK::Else) {
                e.catchAll = kind == SK::Else;
                break;
            }
        }
        ends.append(e);
        break;
    }
    case SK::Receive:
    case SK::WaitFor: {
        const int receive = findKeyword(K::Receive);
        if (receive < 0)
            break;
        Receive r;
        r.position = s.first;
        r.statement = index;
        r.line = line;
        r.waitFor = s.kind == SK::WaitFor;
        r.timeout = r.waitFor && findKeyword(K::Timeout) >= 0;
        const int where = findKeyword(K::Where, receive);
        for (int k = where + 1; where >= 0 && k < head.size(); ++k) {
            if (isWord(tok(k), src, u"conversation_handle") || isWord(tok(k), src, u"conversation_group_id"))
                r.targeted = true;
        }
        for (int p = s.parent; p >= 0; p = script.statements().at(p).parent) {
            const SK kind = script.statements().at(p).kind;
            if (kind == SK::Try || kind == SK::Catch) {
                r.inTry = kind == SK::Try;
                break;
            }
        }
        receives.append(r);
        break;
    }
    case SK::Execute: {
        // EXEC (@sql) / EXEC (N'…') / EXEC sp_executesql: what runs is not in the module's text.
        if (head.size() < 2)
            break;
        DynamicSql dyn;
        dyn.line = line;
        bool dynamic = tok(1).kind == TsqlTokenKind::OpenParen;
        for (int k = 1; k < head.size() && k < 5; ++k)
            dynamic = dynamic || isWord(tok(k), src, u"sp_executesql");
        if (!dynamic)
            break;
        for (int k = 1; k < head.size(); ++k) {
            if (tok(k).kind == TsqlTokenKind::String)
                dyn.mentionsBroker = dyn.mentionsBroker || textHasBrokerStatement(tok(k).stringValue(src));
        }
        dynamicSql.append(dyn);
        break;
    }
    default:
        break;
    }
}

bool ModuleAnalysis::textHasBrokerStatement(const QString &text)
{
    const TsqlScript inner(text);
    for (const TsqlStatement &s : inner.statements()) {
        switch (s.kind) {
        case SK::BeginDialog:
        case SK::Send:
        case SK::Receive:
        case SK::EndConversation:
        case SK::GetConversationGroup:
        case SK::MoveConversation:
        case SK::BeginConversationTimer:
            return true;
        case SK::WaitFor:
            for (int t : inner.headTokens(int(&s - inner.statements().constData()))) {
                if (inner.token(t).is(K::Receive))
                    return true;
            }
            break;
        default:
            break;
        }
    }
    return false;
}

} // namespace bs

namespace bs {

std::shared_ptr<const QList<ModuleAnalysis>> moduleAnalyses(const HealthInput &input)
{
    if (input.analyses && input.analyses->size() == input.facts.modules.size())
        return input.analyses;
    auto list = std::make_shared<QList<ModuleAnalysis>>();
    list->reserve(input.facts.modules.size());
    for (const SqlModule &m : input.facts.modules)
        list->append(ModuleAnalysis(m.isVisible ? m.definition : QString()));
    return list;
}

} // namespace bs
