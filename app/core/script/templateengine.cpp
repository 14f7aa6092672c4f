#include "core/script/templateengine.h"

#include "core/sqlquote.h"

#include <QFile>
#include <QList>
#include <QRegularExpression>
#include <QStringList>

namespace bs {

namespace {

const QRegularExpression &directivePattern()
{
    // A directive owns its whole line, so the output has no blank holes where it was.
    static const QRegularExpression re(QStringLiteral(R"(^\s*\{\{#(if|else|endif)(?:\s+([A-Za-z][A-Za-z0-9_]*))?\}\}\s*$)"));
    return re;
}

const QRegularExpression &includePattern()
{
    // Names are relative paths of plain words: no "..", no absolute path, no extension.
    static const QRegularExpression re(
        QStringLiteral(R"(^\s*\{\{>\s*([A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*)\s*\}\}\s*$)"));
    return re;
}

const QRegularExpression &namePattern()
{
    static const QRegularExpression re(QStringLiteral(R"(^([A-Za-z][A-Za-z0-9_]*)(?::(literal))?$)"));
    return re;
}

struct Branch
{
    bool parentActive;
    bool condition;
    bool inElse;
    int line;
};

} // namespace

void TemplateEngine::setIdentifier(const QString &name, const QString &identifier)
{
    m_values.insert(name, {Kind::Identifier, identifier});
}

void TemplateEngine::setLiteral(const QString &name, const QString &value)
{
    m_values.insert(name, {Kind::Literal, value});
}

void TemplateEngine::setNumber(const QString &name, qint64 value)
{
    m_values.insert(name, {Kind::Number, QString::number(value)});
}

void TemplateEngine::setTrustedText(const QString &name, const QString &text)
{
    m_values.insert(name, {Kind::Text, text});
}

void TemplateEngine::setFlag(const QString &name, bool value)
{
    m_flags.insert(name, value);
}

void TemplateEngine::setPartialDirectory(const QString &directory)
{
    m_partialDirectory = directory;
}

QString TemplateEngine::render(const QString &templateText, QString *error) const
{
    m_used.clear();
    QString out;
    out.reserve(templateText.size() + templateText.size() / 4);
    QStringList partialChain;
    if (!renderText(templateText, true, partialChain, out, error))
        return {};
    if (!templateText.endsWith(QLatin1Char('\n')) && out.endsWith(QLatin1Char('\n')))
        out.chop(1);
    return out;
}

bool TemplateEngine::renderText(const QString &text, bool active, QStringList &partialChain, QString &out,
                                QString *error) const
{
    QList<Branch> stack;
    const QStringList lines = text.split(QLatin1Char('\n'));
    // A final newline yields one empty trailing element; it is not a line of its own. An
    // empty text (an empty partial) has no lines at all.
    const int count =
        text.isEmpty() || text.endsWith(QLatin1Char('\n')) ? int(lines.size()) - 1 : int(lines.size());
    for (int i = 0; i < count; ++i) {
        const QString &line = lines.at(i);
        const int lineNumber = i + 1;
        const bool lineActive =
            active && (stack.isEmpty() ||
                       (stack.last().parentActive && (stack.last().condition != stack.last().inElse)));
        const QRegularExpressionMatch include = includePattern().match(line);
        if (include.hasMatch()) {
            // A partial in a branch not taken is read and checked too, like any other line.
            if (!renderPartial(include.captured(1), lineActive, partialChain, out, error)) {
                *error = QStringLiteral("line %1: %2").arg(lineNumber).arg(*error);
                return false;
            }
            continue;
        }
        const QRegularExpressionMatch directive = directivePattern().match(line);
        if (directive.hasMatch()) {
            const QString verb = directive.captured(1);
            const QString flag = directive.captured(2);
            if (verb == QLatin1String("if")) {
                if (flag.isEmpty()) {
                    *error = QStringLiteral("line %1: {{#if}} needs a flag name").arg(lineNumber);
                    return false;
                }
                const auto it = m_flags.constFind(flag);
                if (it == m_flags.constEnd()) {
                    *error = QStringLiteral("line %1: unknown flag \"%2\"").arg(lineNumber).arg(flag);
                    return false;
                }
                m_used.insert(flag);
                stack.append({lineActive, it.value(), false, lineNumber});
            } else if (!flag.isEmpty()) {
                *error = QStringLiteral("line %1: {{#%2}} takes no name").arg(lineNumber).arg(verb);
                return false;
            } else if (stack.isEmpty()) {
                *error = QStringLiteral("line %1: {{#%2}} without {{#if}}").arg(lineNumber).arg(verb);
                return false;
            } else if (verb == QLatin1String("else")) {
                if (stack.last().inElse) {
                    *error = QStringLiteral("line %1: second {{#else}}").arg(lineNumber);
                    return false;
                }
                stack.last().inElse = true;
            } else {
                stack.removeLast();
            }
            continue;
        }
        QString rendered = renderLine(line, lineNumber, lineActive, error);
        if (!error->isEmpty())
            return false;
        if (lineActive) {
            out += rendered;
            out += QLatin1Char('\n');
        }
    }
    if (!stack.isEmpty()) {
        *error = QStringLiteral("line %1: {{#if}} is never closed with {{#endif}}").arg(stack.last().line);
        return false;
    }
    return true;
}

bool TemplateEngine::renderPartial(const QString &name, bool active, QStringList &partialChain, QString &out,
                                   QString *error) const
{
    if (partialChain.contains(name)) {
        *error = QStringLiteral("partial \"%1\" includes itself (%2 -> %1)")
                     .arg(name, partialChain.join(QStringLiteral(" -> ")));
        return false;
    }
    if (m_partialDirectory.isEmpty()) {
        *error = QStringLiteral("partial \"%1\": no partial directory is set").arg(name);
        return false;
    }
    const QString path = m_partialDirectory + QLatin1Char('/') + name + QStringLiteral(".sql");
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("partial \"%1\" not found: no file %2").arg(name, path);
        return false;
    }
    const QString text = QString::fromUtf8(file.readAll());
    partialChain.append(name);
    const bool ok = renderText(text, active, partialChain, out, error);
    partialChain.removeLast();
    if (!ok)
        *error = QStringLiteral("in partial \"%1\": %2").arg(name, *error);
    return ok;
}

QString TemplateEngine::renderLine(const QString &line, int lineNumber, bool active, QString *error) const
{
    // Inactive lines are checked too: a typo in a branch not taken must still fail. Only
    // an empty value is fine there (e.g. no database name in the "no USE" branch).
    QString out;
    qsizetype pos = 0;
    bool inComment = false;
    while (true) {
        const qsizetype open = line.indexOf(QLatin1String("{{"), pos);
        if (open < 0) {
            if (line.indexOf(QLatin1String("}}"), pos) >= 0) {
                *error = QStringLiteral("line %1: \"}}\" without \"{{\"").arg(lineNumber);
                return {};
            }
            out += QStringView(line).mid(pos);
            return out;
        }
        const qsizetype close = line.indexOf(QLatin1String("}}"), open + 2);
        if (close < 0) {
            *error = QStringLiteral("line %1: \"{{\" is never closed").arg(lineNumber);
            return {};
        }
        if (QStringView(line).mid(pos, open - pos).contains(QLatin1String("}}"))) {
            *error = QStringLiteral("line %1: \"}}\" without \"{{\"").arg(lineNumber);
            return {};
        }
        const QStringView literalPart = QStringView(line).mid(pos, open - pos);
        // The template's own text opens a `--` comment: every value after it on this line is
        // comment text, escaped by commentText() (a line break in a name would end the comment).
        // Templates put `--` only in comments, never inside a string literal.
        if (literalPart.contains(QLatin1String("--")))
            inComment = true;
        out += literalPart;
        const QString tag = line.mid(open + 2, close - open - 2);
        const QRegularExpressionMatch m = namePattern().match(tag);
        if (!m.hasMatch()) {
            *error = QStringLiteral("line %1: malformed placeholder \"{{%2}}\"").arg(lineNumber).arg(tag);
            return {};
        }
        const QString name = m.captured(1);
        const bool asLiteral = !m.captured(2).isEmpty();
        const auto it = m_values.constFind(name);
        if (it == m_values.constEnd()) {
            *error = QStringLiteral("line %1: unknown placeholder \"{{%2}}\"").arg(lineNumber).arg(tag);
            return {};
        }
        const Value &value = it.value();
        if (asLiteral && value.kind != Kind::Identifier) {
            *error = QStringLiteral("line %1: \":literal\" applies to identifiers only (\"{{%2}}\")").arg(lineNumber).arg(tag);
            return {};
        }
        if (!active) {
            pos = close + 2;
            continue;
        }
        if (value.text.isEmpty()) {
            *error = QStringLiteral("line %1: placeholder \"{{%2}}\" has no value").arg(lineNumber).arg(tag);
            return {};
        }
        m_used.insert(name);
        QString filled;
        switch (value.kind) {
        case Kind::Identifier:
            filled = asLiteral ? quoteLiteral(value.text) : quoteIdentifier(value.text);
            break;
        case Kind::Literal:
            filled = quoteLiteral(value.text);
            break;
        case Kind::Number:
            filled = value.text;
            break;
        case Kind::Text:
            if (value.text.contains(QLatin1Char('\n')) || value.text.contains(QLatin1Char('\r'))) {
                *error = QStringLiteral("line %1: text for \"{{%2}}\" contains a line break").arg(lineNumber).arg(tag);
                return {};
            }
            filled = value.text;
            break;
        }
        out += inComment ? commentText(filled) : filled;
        pos = close + 2;
    }
}

} // namespace bs
