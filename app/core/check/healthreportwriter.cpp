#include "core/check/healthreportwriter.h"

#include "core/check/healthrules.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QXmlStreamWriter>

namespace bs {

namespace {

QString severityLabel(const HealthFinding &f)
{
    return f.cannotSee ? healthSeverityName(f.severity) + QStringLiteral(" (cannot see)") : healthSeverityName(f.severity);
}

QString summary(const HealthReport &r)
{
    return QStringLiteral("%1 error(s), %2 warning(s), %3 advice, %4 cannot see; %5 rules")
        .arg(r.count(HealthSeverity::Error))
        .arg(r.count(HealthSeverity::Warning))
        .arg(r.count(HealthSeverity::Advice))
        .arg(r.cannotSeeCount())
        .arg(r.rulesRun.size());
}

} // namespace

std::optional<HealthReportWriter::Format> HealthReportWriter::formatFromName(const QString &name)
{
    if (name == QLatin1String("text"))
        return Format::Text;
    if (name == QLatin1String("json"))
        return Format::Json;
    if (name == QLatin1String("junit"))
        return Format::JUnit;
    if (name == QLatin1String("sarif"))
        return Format::Sarif;
    return std::nullopt;
}

QString HealthReportWriter::fileSuffix(Format format)
{
    switch (format) {
    case Format::Text: return QStringLiteral("txt");
    case Format::Json: return QStringLiteral("json");
    case Format::JUnit: return QStringLiteral("xml");
    case Format::Sarif: return QStringLiteral("sarif");
    }
    return {};
}

QByteArray HealthReportWriter::write(const HealthReport &report, Format format)
{
    switch (format) {
    case Format::Text: return text(report).toUtf8();
    case Format::Json: return json(report);
    case Format::JUnit: return junit(report);
    case Format::Sarif: return sarif(report);
    }
    return {};
}

QString HealthReportWriter::findingText(const HealthFinding &f)
{
    QString out = QStringLiteral("[%1] %2 (%3)\n").arg(severityLabel(f), f.title, f.ruleId);
    if (!f.module.isEmpty() && f.line > 0)
        out += QStringLiteral("  where: %1, line %2\n").arg(f.module).arg(f.line);
    out += QStringLiteral("  seen: %1\n  why:  %2\n").arg(f.seen, f.why);
    if (!f.fixPattern.isEmpty())
        out += QStringLiteral("  fix:  the %1 pattern (Tools > New Messaging Pattern)\n").arg(f.fixPattern);
    if (!f.fixSql.isEmpty()) {
        out += QStringLiteral("  fix T-SQL (review before running; Broker Studio never runs it):\n");
        for (const QString &line : f.fixSql.split(u'\n', Qt::SkipEmptyParts))
            out += QStringLiteral("    ") + line + u'\n';
    }
    return out;
}

QString HealthReportWriter::text(const HealthReport &r)
{
    QString out = QStringLiteral("Health check of %1 at %2 UTC\n%3\n")
                      .arg(r.source, r.checkedAt.toString(Qt::ISODate), summary(r));
    for (const HealthFinding &f : r.findings)
        out += u'\n' + findingText(f);
    if (r.findings.isEmpty())
        out += QStringLiteral("\nNo findings.\n");
    return out;
}

QByteArray HealthReportWriter::json(const HealthReport &r)
{
    QJsonArray findings;
    for (const HealthFinding &f : r.findings) {
        QJsonArray objects;
        for (const ObjectRef &o : f.objects)
            objects.append(QJsonObject{{QStringLiteral("kind"), int(o.kind)}, {QStringLiteral("id"), o.id}});
        QJsonObject o{{QStringLiteral("rule"), f.ruleId},
                      {QStringLiteral("severity"), healthSeverityName(f.severity)},
                      {QStringLiteral("cannotSee"), f.cannotSee},
                      {QStringLiteral("subject"), f.subject},
                      {QStringLiteral("title"), f.title},
                      {QStringLiteral("seen"), f.seen},
                      {QStringLiteral("why"), f.why},
                      {QStringLiteral("fixSql"), f.fixSql},
                      {QStringLiteral("fixPattern"), f.fixPattern},
                      {QStringLiteral("objects"), objects}};
        if (!f.module.isEmpty()) {
            o.insert(QStringLiteral("module"), f.module);
            o.insert(QStringLiteral("line"), f.line);
        }
        findings.append(o);
    }
    const QJsonObject root{{QStringLiteral("source"), r.source},
                           {QStringLiteral("checkedAt"), r.checkedAt.toString(Qt::ISODate)},
                           {QStringLiteral("errors"), r.count(HealthSeverity::Error)},
                           {QStringLiteral("warnings"), r.count(HealthSeverity::Warning)},
                           {QStringLiteral("advice"), r.count(HealthSeverity::Advice)},
                           {QStringLiteral("cannotSee"), r.cannotSeeCount()},
                           {QStringLiteral("rules"), QJsonArray::fromStringList(r.rulesRun)},
                           {QStringLiteral("findings"), findings}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

// JUnit XML as Jenkins, GitLab and Azure DevOps read it: <testsuites><testsuite> with one
// <testcase> per rule that ran; each finding of the rule is a <failure> (errors and warnings) or
// goes to <system-out> (advice), so a pipeline fails on what matters.
QByteArray HealthReportWriter::junit(const HealthReport &r)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    QHash<QString, QList<const HealthFinding *>> byRule;
    for (const HealthFinding &f : r.findings)
        byRule[f.ruleId].append(&f);
    QStringList cases = r.rulesRun;
    if (byRule.contains(QStringLiteral("cannot-see")))
        cases.prepend(QStringLiteral("cannot-see"));
    int failures = 0;
    for (const QString &id : cases) {
        for (const HealthFinding *f : byRule.value(id))
            failures += f->severity == HealthSeverity::Advice ? 0 : 1;
    }
    xml.writeStartElement(QStringLiteral("testsuites"));
    xml.writeAttribute(QStringLiteral("name"), QStringLiteral("broker-studio check"));
    xml.writeAttribute(QStringLiteral("tests"), QString::number(cases.size()));
    xml.writeAttribute(QStringLiteral("failures"), QString::number(failures));
    xml.writeStartElement(QStringLiteral("testsuite"));
    xml.writeAttribute(QStringLiteral("name"), r.source);
    xml.writeAttribute(QStringLiteral("tests"), QString::number(cases.size()));
    xml.writeAttribute(QStringLiteral("failures"), QString::number(failures));
    xml.writeAttribute(QStringLiteral("errors"), QStringLiteral("0"));
    xml.writeAttribute(QStringLiteral("timestamp"), r.checkedAt.toString(Qt::ISODate));
    for (const QString &id : cases) {
        const HealthRule *rule = HealthRules::find(id);
        xml.writeStartElement(QStringLiteral("testcase"));
        xml.writeAttribute(QStringLiteral("classname"), rule ? QStringLiteral("health.") + healthRuleCategoryName(rule->category)
                                                             : QStringLiteral("health.access"));
        xml.writeAttribute(QStringLiteral("name"), id);
        QString advice;
        for (const HealthFinding *f : byRule.value(id)) {
            if (f->severity == HealthSeverity::Advice) {
                advice += findingText(*f) + u'\n';
                continue;
            }
            xml.writeStartElement(QStringLiteral("failure"));
            xml.writeAttribute(QStringLiteral("type"), severityLabel(*f));
            xml.writeAttribute(QStringLiteral("message"), f->title);
            xml.writeCharacters(findingText(*f));
            xml.writeEndElement();
        }
        if (!advice.isEmpty())
            xml.writeTextElement(QStringLiteral("system-out"), advice);
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndDocument();
    return out;
}

// SARIF 2.1.0 (docs.oasis-open.org/sarif/sarif/v2.1.0): one run, the rules as tool.driver.rules,
// one result per finding with level error / warning / note. Code findings name the module as an
// artifact (sql-module:[schema].[name]) with the line; catalog findings use a logical location.
QByteArray HealthReportWriter::sarif(const HealthReport &r)
{
    QJsonArray rules;
    QHash<QString, int> ruleIndex;
    auto addRule = [&](const QString &id, const QString &title, const QString &help) {
        ruleIndex.insert(id, int(rules.size()));
        rules.append(QJsonObject{{QStringLiteral("id"), id},
                                 {QStringLiteral("shortDescription"), QJsonObject{{QStringLiteral("text"), title}}},
                                 {QStringLiteral("helpUri"), help.isEmpty() ? QString() : QString(QStringLiteral("https://") + help.section(u';', 0, 0).trimmed())}});
    };
    addRule(QStringLiteral("cannot-see"), QStringLiteral("Part of the database could not be read"), QString());
    for (const HealthRule &rule : HealthRules::all())
        addRule(rule.id, rule.title, rule.reference);
    QJsonArray results;
    for (const HealthFinding &f : r.findings) {
        const QString level = f.severity == HealthSeverity::Error ? QStringLiteral("error")
                            : f.severity == HealthSeverity::Warning ? QStringLiteral("warning") : QStringLiteral("note");
        QJsonObject location;
        if (!f.module.isEmpty()) {
            QJsonObject physical{{QStringLiteral("artifactLocation"),
                                  QJsonObject{{QStringLiteral("uri"), QString(QStringLiteral("sql-module:") + QString::fromLatin1(QUrl::toPercentEncoding(f.module)))}}}};
            if (f.line > 0)
                physical.insert(QStringLiteral("region"), QJsonObject{{QStringLiteral("startLine"), f.line}});
            location.insert(QStringLiteral("physicalLocation"), physical);
        }
        location.insert(QStringLiteral("logicalLocations"),
                        QJsonArray{QJsonObject{{QStringLiteral("fullyQualifiedName"), f.subject}}});
        QJsonObject result{{QStringLiteral("ruleId"), f.ruleId},
                           {QStringLiteral("ruleIndex"), ruleIndex.value(f.ruleId, 0)},
                           {QStringLiteral("level"), level},
                           {QStringLiteral("message"), QJsonObject{{QStringLiteral("text"), QString(f.title + QStringLiteral(". ") + f.seen)}}},
                           {QStringLiteral("locations"), QJsonArray{location}},
                           {QStringLiteral("properties"), QJsonObject{{QStringLiteral("why"), f.why},
                                                                      {QStringLiteral("fixSql"), f.fixSql},
                                                                      {QStringLiteral("fixPattern"), f.fixPattern},
                                                                      {QStringLiteral("cannotSee"), f.cannotSee}}}};
        results.append(result);
    }
    const QJsonObject driver{{QStringLiteral("name"), QStringLiteral("broker-studio check")},
                             {QStringLiteral("rules"), rules}};
    const QJsonObject run{{QStringLiteral("tool"), QJsonObject{{QStringLiteral("driver"), driver}}},
                          {QStringLiteral("results"), results}};
    const QJsonObject root{{QStringLiteral("$schema"), QStringLiteral("https://json.schemastore.org/sarif-2.1.0.json")},
                           {QStringLiteral("version"), QStringLiteral("2.1.0")},
                           {QStringLiteral("runs"), QJsonArray{run}}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace bs
