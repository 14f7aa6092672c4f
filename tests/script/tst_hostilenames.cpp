// Hostile catalog and user names through every script the app generates: the pattern scripts
// and every alert fix script. A name is data: with line breaks, comment delimiters, brackets,
// quotes, bidi overrides, zero-width spaces and 128 characters, each script must read (app/core/
// tsql) as exactly the statements it has with plain names, and each name must read back equal.
#include "core/alerts/alertfixscript.h"
#include "core/script/patternoptions.h"
#include "core/sqlquote.h"
#include "core/tsql/tsqlscript.h"

#include <QTest>

#include <functional>

using namespace bs;

namespace {

// The parts a hostile name is made of. LF, CR and NEL are line breaks to T-SQL tools; U+2028
// and U+2029 are line breaks to editors; `--`, `/*`, `*/` open and close comments; `]` and `'`
// close quoted identifiers and strings; U+202E reverses what follows; U+200B is invisible.
const QString LineBreaks = QStringLiteral("a\nDROP TABLE dbo.Orders; --\rb\u0085c");
const QString Visible = QStringLiteral("d\u2028e\u2029f*/g/*h--i]j'k\u202El\u200Bm");

QString padded(const QString &core, int length)
{
    return core + QString(qMax(0, int(length - core.size())), QLatin1Char('x'));
}

// Marker -> hostile value; markers are plain names that occur nowhere else in a script.
using Substitutions = QList<QPair<QString, QString>>;

QString substitute(QString text, const Substitutions &subs)
{
    // A name quoted inside a string (a statement in a PRINT) reads back quoted: [name]] doubled].
    for (const auto &[marker, value] : subs)
        text.replace(quoteIdentifier(marker), quoteIdentifier(value));
    for (const auto &[marker, value] : subs)
        text.replace(marker, value);
    return text;
}

bool invisibleOrBreak(QChar c)
{
    const auto cat = c.category();
    return (cat == QChar::Other_Control && c != QLatin1Char('\t')) || cat == QChar::Other_Format
        || cat == QChar::Separator_Line || cat == QChar::Separator_Paragraph;
}

// Empty when `hostile` is `plain` with the markers replaced: the same tokens of the same kinds,
// the same statements, identifiers and strings that read back as the substituted values, and
// comments without a raw line break or invisible character.
QString sameStructure(const QString &plain, const QString &hostile, const Substitutions &subs)
{
    const TsqlScript a(plain);
    const TsqlScript b(hostile);
    if (!a.problems().isEmpty())
        return QStringLiteral("the plain script does not parse: ") + a.problems().first().message;
    if (b.problems().size() != a.problems().size())
        return QStringLiteral("the hostile script does not parse: ") + b.problems().first().message;
    // Token by token first: the first difference says where a name escaped its quoting.
    for (int i = 0; i < qMin(a.tokens().size(), b.tokens().size()); ++i) {
        const TsqlToken &x = a.token(i);
        const TsqlToken &y = b.token(i);
        const QString where = QStringLiteral("token %1 (line %2 of the plain script): ").arg(i).arg(x.line);
        if (x.kind != y.kind || y.error != TsqlTokenError::None)
            return where + QStringLiteral("%1 became %2 \"%3\"")
                               .arg(tsqlTokenKindName(x.kind), tsqlTokenKindName(y.kind), b.tokenText(i).toString());
        switch (x.kind) {
        case TsqlTokenKind::QuotedIdentifier:
            if (substitute(x.identifier(a.text()), subs) != y.identifier(b.text()))
                return where + QStringLiteral("the name reads back as \"%1\"").arg(y.identifier(b.text()));
            break;
        case TsqlTokenKind::String:
            if (substitute(x.stringValue(a.text()), subs) != y.stringValue(b.text()))
                return where + QStringLiteral("the string reads back as \"%1\"").arg(y.stringValue(b.text()));
            break;
        case TsqlTokenKind::LineComment:
        case TsqlTokenKind::BlockComment: {
            // A block comment may span lines of the template; a name must add no break and no
            // invisible character to it.
            const auto raw = [](QStringView text) {
                QString found;
                for (const QChar c : text) {
                    if (invisibleOrBreak(c))
                        found += c;
                }
                return found;
            };
            if (raw(b.tokenText(i)) != raw(a.tokenText(i)))
                return where + QStringLiteral("a comment holds an unescaped line break or invisible character: %1")
                                   .arg(b.tokenText(i).toString());
            break;
        }
        default:
            if (a.tokenText(i) != b.tokenText(i))
                return where + QStringLiteral("\"%1\" became \"%2\"").arg(a.tokenText(i).toString(), b.tokenText(i).toString());
        }
    }
    if (a.tokens().size() != b.tokens().size())
        return QStringLiteral("%1 tokens instead of %2").arg(b.tokens().size()).arg(a.tokens().size());
    if (a.statements().size() != b.statements().size())
        return QStringLiteral("%1 statements instead of %2").arg(b.statements().size()).arg(a.statements().size());
    for (int i = 0; i < a.statements().size(); ++i) {
        if (a.statements().at(i).kind != b.statements().at(i).kind)
            return QStringLiteral("statement %1 is a %2, not a %3")
                .arg(i)
                .arg(tsqlStatementKindName(b.statements().at(i).kind), tsqlStatementKindName(a.statements().at(i).kind));
    }
    return {};
}

PatternOptions plainOptions(Pattern pattern)
{
    PatternOptions o = PatternOptions::defaults(pattern);
    o.database = QStringLiteral("Dbm0");
    o.schema = QStringLiteral("Scm0");
    o.prefix = QStringLiteral("Pfm0");
    o.serviceRoot = QStringLiteral("//Rtm0");
    return o;
}

// The longest name built from the prefix (…ConversationPool or …InitiatorQueue) is 128 long.
int longestSuffix(Pattern pattern)
{
    return pattern == Pattern::KeepFiring ? 16 : 14;
}

using FixScript = std::function<QString(const QStringList &)>;

} // namespace

Q_DECLARE_METATYPE(bs::Pattern)
Q_DECLARE_METATYPE(FixScript)

class TestHostileNames : public QObject
{
    Q_OBJECT

private slots:
    void patternScripts_data()
    {
        QTest::addColumn<Pattern>("pattern");
        QTest::addColumn<QString>("core");
        QTest::addColumn<int>("messagesPerReceive");
        for (const Pattern p : {Pattern::Windowed, Pattern::KeepFiring, Pattern::TargetEndsFirst, Pattern::NaiveTeaching}) {
            // 8 per RECEIVE: the batch procedure (its own template) goes through the same check.
            for (const int n : {1, 8}) {
                QTest::addRow("%s visible, %d per RECEIVE", qPrintable(patternKey(p)), n) << p << Visible << n;
                QTest::addRow("%s sql in name, %d per RECEIVE", qPrintable(patternKey(p)), n)
                    << p << QStringLiteral("x]; DROP TABLE dbo.Orders; --'") << n;
            }
        }
    }

    void patternScripts()
    {
        QFETCH(Pattern, pattern);
        QFETCH(QString, core);
        QFETCH(int, messagesPerReceive);
        PatternOptions plain = plainOptions(pattern);
        plain.messagesPerReceive = messagesPerReceive;
        PatternOptions hostile = plain;
        hostile.database = padded(core, MaxIdentifierLength);
        hostile.schema = padded(core, MaxIdentifierLength);
        hostile.prefix = padded(core, MaxIdentifierLength - longestSuffix(pattern));
        hostile.serviceRoot = QStringLiteral("//") + padded(core, 60);
        const Substitutions subs{{plain.database, hostile.database},
                                 {plain.schema, hostile.schema},
                                 {plain.prefix, hostile.prefix},
                                 {plain.serviceRoot, hostile.serviceRoot}};
        const GeneratedScripts a = generateScripts(plain);
        const GeneratedScripts b = generateScripts(hostile);
        QCOMPARE(a.error, QString());
        QCOMPARE(b.error, QString());
        QCOMPARE(b.scripts.size(), a.scripts.size());
        QCOMPARE(b.scripts.first().text.contains(u"INTO @batch"_qs), messagesPerReceive > 1);
        // The longest object name is exactly 128 characters: the limit, not past it.
        int longest = 0;
        for (const PatternObject &object : patternObjects(hostile))
            longest = qMax(longest, int(object.name.size()));
        QCOMPARE(longest, MaxIdentifierLength);
        for (int i = 0; i < a.scripts.size(); ++i) {
            const QString why = sameStructure(a.scripts.at(i).text, b.scripts.at(i).text, subs);
            QVERIFY2(why.isEmpty(), qPrintable(a.scripts.at(i).fileName + QStringLiteral(": ") + why));
        }
    }

    void patternNamesWithLineBreaksAreRefused_data()
    {
        QTest::addColumn<QString>("field");
        QTest::newRow("database") << u"database"_qs;
        QTest::newRow("schema") << u"schema"_qs;
        QTest::newRow("prefix") << u"prefix"_qs;
        QTest::newRow("serviceRoot") << u"serviceRoot"_qs;
    }

    void patternNamesWithLineBreaksAreRefused()
    {
        // A line break inside a bracketed name is legal T-SQL, but a line reading "GO" inside
        // it would split the batch in sqlcmd and SSMS: the generator refuses, saying why.
        QFETCH(QString, field);
        const QStringList breaks{QStringLiteral("\n"), QStringLiteral("\r"), QStringLiteral("\u0085")};
        for (const QString &brk : breaks) {
            PatternOptions o = plainOptions(Pattern::Windowed);
            const QString name = QStringLiteral("Orders") + brk + QStringLiteral("GO") + brk + QStringLiteral("x");
            if (field == QLatin1String("database"))
                o.database = name;
            else if (field == QLatin1String("schema"))
                o.schema = name;
            else if (field == QLatin1String("prefix"))
                o.prefix = name;
            else
                o.serviceRoot = QStringLiteral("//") + name;
            const GeneratedScripts scripts = generateScripts(o);
            QVERIFY(scripts.scripts.isEmpty());
            QVERIFY2(scripts.error.contains(field + QStringLiteral(": ")) && scripts.error.contains(u"control character"_qs),
                     qPrintable(scripts.error));
        }
    }

    void alertFixScripts_data()
    {
        QTest::addColumn<FixScript>("script");
        QTest::addColumn<int>("names");
        // Each script with its name arguments, in order.
        QTest::newRow("enableQueue") << FixScript([](const QStringList &n) { return AlertFixScript::enableQueue(n[0], n[1]); }) << 2;
        QTest::newRow("restartActivation")
            << FixScript([](const QStringList &n) { return AlertFixScript::restartActivation(n[0], n[1]); }) << 2;
        QTest::newRow("raiseMaxReaders")
            << FixScript([](const QStringList &n) { return AlertFixScript::raiseMaxReaders(n[0], n[1], 8); }) << 2;
        QTest::newRow("cleanupLeakedClosed")
            << FixScript([](const QStringList &n) { return AlertFixScript::cleanupLeakedClosed(n[0], n[1]); }) << 2;
        QTest::newRow("endDisconnected") << FixScript([](const QStringList &n) {
            return AlertFixScript::endDisconnected(n[0], n[1], u"DI"_qs, n[2], n[3]);
        }) << 4;
        QTest::newRow("endDisconnected without queue") << FixScript([](const QStringList &n) {
            return AlertFixScript::endDisconnected(n[0], n[1], u"DI"_qs, QString(), QString());
        }) << 2;
        QTest::newRow("endDisconnectedTarget") << FixScript([](const QStringList &n) {
            return AlertFixScript::endDisconnectedTarget(n[0], n[1], n[2], n[3]);
        }) << 4;
        QTest::newRow("inspectWithoutQueue")
            << FixScript([](const QStringList &n) { return AlertFixScript::inspectWithoutQueue(n[0], n[1], u"DO"_qs); }) << 2;
        QTest::newRow("inspectFarSide")
            << FixScript([](const QStringList &n) { return AlertFixScript::inspectFarSide(n[0], n[1]); }) << 2;
        QTest::newRow("inspectConversing")
            << FixScript([](const QStringList &n) { return AlertFixScript::inspectConversing(n[0], n[1]); }) << 2;
        QTest::newRow("inspectNeverExpiring")
            << FixScript([](const QStringList &n) { return AlertFixScript::inspectNeverExpiring(n[0], n[1], u"CD"_qs); }) << 2;
        QTest::newRow("inspectTransmission")
            << FixScript([](const QStringList &n) { return AlertFixScript::inspectTransmission(n[0]); }) << 1;
        QTest::newRow("enableBroker") << FixScript([](const QStringList &n) { return AlertFixScript::enableBroker(n[0]); }) << 1;
    }

    void alertFixScripts()
    {
        // Catalog names may hold anything a bracketed name can, line breaks included.
        QFETCH(FixScript, script);
        QFETCH(int, names);
        const QStringList cores{LineBreaks, Visible, QStringLiteral("x]; DROP TABLE dbo.Orders; --'")};
        for (const QString &core : cores) {
            QStringList plain, hostile;
            Substitutions subs;
            for (int i = 0; i < names; ++i) {
                plain.append(QStringLiteral("Nmq%1z").arg(i));
                hostile.append(padded(core + QString::number(i), MaxIdentifierLength));
                subs.append({plain.last(), hostile.last()});
            }
            const QString why = sameStructure(script(plain), script(hostile), subs);
            QVERIFY2(why.isEmpty(), qPrintable(why));
        }
    }

    void theComparisonCatchesABrokenComment()
    {
        // The check itself must be able to fail: a name pasted raw into a `--` comment.
        const auto fix = [](const QString &name) -> QString {
            return QStringLiteral("-- Queue ") + name + QStringLiteral("\nSELECT 1;\n");
        };
        const QString marker = QStringLiteral("Nmq0z");
        const QString hostile = QStringLiteral("T\nDROP TABLE dbo.Orders; --");
        Substitutions subs;
        subs.append({marker, hostile});
        const QString why = sameStructure(fix(marker), fix(hostile), subs);
        QVERIFY2(!why.isEmpty(), "a line break in a comment went unnoticed");
        const QString safe = sameStructure(fix(commentText(marker)), fix(commentText(hostile)), Substitutions());
        QVERIFY2(safe.isEmpty(), qPrintable(safe));
    }
};

QTEST_GUILESS_MAIN(TestHostileNames)
#include "tst_hostilenames.moc"
