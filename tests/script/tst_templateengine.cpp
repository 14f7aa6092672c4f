#include "core/script/templateengine.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace bs;

class TestTemplateEngine : public QObject
{
    Q_OBJECT

private:
    static TemplateEngine engine()
    {
        TemplateEngine e;
        e.setIdentifier(QStringLiteral("Queue"), QStringLiteral("Odd]Name's"));
        e.setLiteral(QStringLiteral("Text"), QStringLiteral("it's"));
        e.setNumber(QStringLiteral("Readers"), 4);
        e.setTrustedText(QStringLiteral("Title"), QStringLiteral("Windowed"));
        e.setIdentifier(QStringLiteral("Empty"), QString());
        e.setIdentifier(QStringLiteral("Hostile"), QStringLiteral("T\u2028DROP */ x\u202E"));
        e.setFlag(QStringLiteral("On"), true);
        e.setFlag(QStringLiteral("Off"), false);
        return e;
    }

    // Writes the partials (name -> text) as <dir>/<name>.sql.
    static bool writePartials(const QTemporaryDir &dir, const QList<QPair<QString, QString>> &partials)
    {
        for (const auto &[name, text] : partials) {
            const QString path = dir.filePath(name + QStringLiteral(".sql"));
            if (!QDir().mkpath(QFileInfo(path).absolutePath()))
                return false;
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly))
                return false;
            file.write(text.toUtf8());
        }
        return true;
    }

private slots:
    void render_data()
    {
        QTest::addColumn<QString>("templateText");
        QTest::addColumn<QString>("expected");
        QTest::newRow("identifier") << u"DROP QUEUE {{Queue}};\n"_qs << u"DROP QUEUE [Odd]]Name's];\n"_qs;
        QTest::newRow("identifier as literal")
            << u"WHERE name = {{Queue:literal}}\n"_qs << u"WHERE name = N'Odd]Name''s'\n"_qs;
        QTest::newRow("literal") << u"PRINT {{Text}};"_qs << u"PRINT N'it''s';"_qs;
        QTest::newRow("number") << u"MAX_QUEUE_READERS = {{Readers}},\n"_qs << u"MAX_QUEUE_READERS = 4,\n"_qs;
        QTest::newRow("trusted text") << u"-- {{Title}}\n"_qs << u"-- Windowed\n"_qs;
        QTest::newRow("two on a line") << u"{{Readers}}-{{Readers}}\n"_qs << u"4-4\n"_qs;
        QTest::newRow("if true") << u"a\n{{#if On}}\nb\n{{#endif}}\nc\n"_qs << u"a\nb\nc\n"_qs;
        QTest::newRow("if false with else")
            << u"{{#if Off}}\nb\n{{#else}}\nx\n{{#endif}}\n"_qs << u"x\n"_qs;
        QTest::newRow("nested, outer false")
            << u"{{#if Off}}\n{{#if On}}\nb\n{{#endif}}\n{{#else}}\nc\n{{#endif}}\n"_qs << u"c\n"_qs;
        QTest::newRow("indented directive") << u"  {{#if On}}  \nb\n  {{#endif}}\n"_qs << u"b\n"_qs;
        QTest::newRow("no final newline") << u"x\n{{Readers}}"_qs << u"x\n4"_qs;
        // After `--` on the template line a value is comment text: breaks and bidi escaped.
        QTest::newRow("identifier in a comment")
            << u"-- queue {{Hostile}}\n"_qs << u"-- queue [T\\u{2028}DROP * / x\\u{202E}]\n"_qs;
        QTest::newRow("code, then a comment") << u"DROP QUEUE {{Hostile}}; -- was {{Hostile:literal}}\n"_qs
                                              << u"DROP QUEUE [T\u2028DROP */ x\u202E]; -- was N'T\\u{2028}DROP * / x\\u{202E}'\n"_qs;
    }

    void render()
    {
        QFETCH(QString, templateText);
        QFETCH(QString, expected);
        QString error;
        const QString out = engine().render(templateText, &error);
        QCOMPARE(error, QString());
        QCOMPARE(out, expected);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("templateText");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown placeholder") << u"ok\nDROP QUEUE {{Nope}};\n"_qs
                                             << u"line 2: unknown placeholder \"{{Nope}}\""_qs;
        QTest::newRow("unfilled placeholder") << u"{{Empty}}\n"_qs << u"line 1: placeholder \"{{Empty}}\" has no value"_qs;
        QTest::newRow("unknown in branch not taken")
            << u"{{#if Off}}\n{{Nope}}\n{{#endif}}\n"_qs << u"line 2: unknown placeholder \"{{Nope}}\""_qs;
        QTest::newRow("unknown flag") << u"{{#if Nope}}\n{{#endif}}\n"_qs << u"line 1: unknown flag \"Nope\""_qs;
        QTest::newRow("unclosed if") << u"{{#if On}}\nx\n"_qs << u"line 1: {{#if}} is never closed with {{#endif}}"_qs;
        QTest::newRow("endif without if") << u"{{#endif}}\n"_qs << u"line 1: {{#endif}} without {{#if}}"_qs;
        QTest::newRow("second else")
            << u"{{#if On}}\n{{#else}}\n{{#else}}\n{{#endif}}\n"_qs << u"line 3: second {{#else}}"_qs;
        QTest::newRow("unclosed braces") << u"x {{Queue\n"_qs << u"line 1: \"{{\" is never closed"_qs;
        QTest::newRow("stray closing braces") << u"x }} y\n"_qs << u"line 1: \"}}\" without \"{{\""_qs;
        QTest::newRow("malformed name") << u"{{Que ue}}\n"_qs << u"line 1: malformed placeholder \"{{Que ue}}\""_qs;
        QTest::newRow("literal of a number")
            << u"{{Readers:literal}}\n"_qs << u"line 1: \":literal\" applies to identifiers only (\"{{Readers:literal}}\")"_qs;
        QTest::newRow("directive inside a line") << u"x {{#if On}}\n"_qs
                                                 << u"line 1: malformed placeholder \"{{#if On}}\""_qs;
    }

    void errors()
    {
        QFETCH(QString, templateText);
        QFETCH(QString, message);
        QString error;
        const QString out = engine().render(templateText, &error);
        QCOMPARE(error, message);
        QCOMPARE(out, QString());
    }

    void partials_data()
    {
        QTest::addColumn<QString>("templateText");
        QTest::addColumn<QString>("expected");
        QTest::newRow("found, in place")
            << u"a\n{{> shared/block}}\nc\n"_qs << u"a\nQUEUE [Odd]]Name's] 4\nc\n"_qs;
        QTest::newRow("spaces inside the tag, indented")
            << u"a\n   {{>  shared/block }}  \nc\n"_qs << u"a\nQUEUE [Odd]]Name's] 4\nc\n"_qs;
        QTest::newRow("enclosing flags choose its lines")
            << u"{{> shared/branches}}\n"_qs << u"on\nnot off\n"_qs;
        QTest::newRow("in a branch taken")
            << u"{{#if On}}\n{{> shared/block}}\n{{#endif}}\n"_qs << u"QUEUE [Odd]]Name's] 4\n"_qs;
        QTest::newRow("in a branch not taken")
            << u"x\n{{#if Off}}\n{{> shared/block}}\n{{#endif}}\n"_qs << u"x\n"_qs;
        QTest::newRow("nested partials")
            << u"{{> outer}}\n"_qs << u"outer 4\nQUEUE [Odd]]Name's] 4\nend\n"_qs;
        QTest::newRow("partial without final newline, then more")
            << u"{{> shared/unterminated}}\nnext\n"_qs << u"last [Odd]]Name's]\nnext\n"_qs;
        QTest::newRow("last line of a template without final newline")
            << u"x\n{{> shared/block}}"_qs << u"x\nQUEUE [Odd]]Name's] 4"_qs;
        QTest::newRow("twice") << u"{{> shared/block}}\n{{> shared/block}}\n"_qs
                               << u"QUEUE [Odd]]Name's] 4\nQUEUE [Odd]]Name's] 4\n"_qs;
        QTest::newRow("empty partial") << u"a\n{{> shared/empty}}\nb\n"_qs << u"a\nb\n"_qs;
        QTest::newRow("partial of one empty line") << u"a\n{{> shared/blank}}\nb\n"_qs << u"a\n\nb\n"_qs;
    }

    void partials()
    {
        QFETCH(QString, templateText);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(writePartials(
            dir, {{u"shared/block"_qs, u"QUEUE {{Queue}} {{Readers}}\n"_qs},
                  {u"shared/branches"_qs,
                   u"{{#if On}}\non\n{{#endif}}\n{{#if Off}}\noff\n{{#else}}\nnot off\n{{#endif}}\n"_qs},
                  {u"outer"_qs, u"outer {{Readers}}\n{{> shared/block}}\nend\n"_qs},
                  {u"shared/unterminated"_qs, u"last {{Queue}}"_qs},
                  {u"shared/empty"_qs, QString()},
                  {u"shared/blank"_qs, u"\n"_qs}}));
        TemplateEngine e = engine();
        e.setPartialDirectory(dir.path());
        QString error;
        const QString out = e.render(templateText, &error);
        QCOMPARE(error, QString());
        QCOMPARE(out, expected);
    }

    void partialErrors_data()
    {
        QTest::addColumn<QString>("templateText");
        QTest::addColumn<QString>("message");
        // <dir> stands for the partial directory.
        QTest::newRow("missing")
            << u"a\n{{> shared/nope}}\n"_qs
            << u"line 2: partial \"shared/nope\" not found: no file <dir>/shared/nope.sql"_qs;
        QTest::newRow("missing in a branch not taken")
            << u"{{#if Off}}\n{{> shared/nope}}\n{{#endif}}\n"_qs
            << u"line 2: partial \"shared/nope\" not found: no file <dir>/shared/nope.sql"_qs;
        QTest::newRow("includes itself")
            << u"x\n{{> self}}\n"_qs
            << u"line 2: in partial \"self\": line 2: partial \"self\" includes itself (self -> self)"_qs;
        QTest::newRow("includes itself through another")
            << u"{{> ping}}\n"_qs
            << u"line 1: in partial \"ping\": line 1: in partial \"pong\": line 1: partial \"ping\" includes itself (ping -> pong -> ping)"_qs;
        QTest::newRow("error inside names the partial and its line")
            << u"ok\nok\n{{> shared/bad}}\n"_qs
            << u"line 3: in partial \"shared/bad\": line 2: unknown placeholder \"{{Nope}}\""_qs;
        QTest::newRow("unknown placeholder in a partial not taken")
            << u"{{#if Off}}\n{{> shared/bad}}\n{{#endif}}\n"_qs
            << u"line 2: in partial \"shared/bad\": line 2: unknown placeholder \"{{Nope}}\""_qs;
        QTest::newRow("if left open in the partial")
            << u"{{#if On}}\n{{> shared/open}}\n{{#endif}}\n"_qs
            << u"line 2: in partial \"shared/open\": line 1: {{#if}} is never closed with {{#endif}}"_qs;
        QTest::newRow("parent path") << u"{{> ../secret}}\n"_qs
                                     << u"line 1: malformed placeholder \"{{> ../secret}}\""_qs;
        QTest::newRow("absolute path")
            << u"{{> /etc/passwd}}\n"_qs << u"line 1: malformed placeholder \"{{> /etc/passwd}}\""_qs;
        QTest::newRow("inside a line")
            << u"x {{> shared/empty}}\n"_qs << u"line 1: malformed placeholder \"{{> shared/empty}}\""_qs;
    }

    void partialErrors()
    {
        QFETCH(QString, templateText);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(writePartials(dir, {{u"self"_qs, u"a\n{{> self}}\n"_qs},
                                    {u"ping"_qs, u"{{> pong}}\n"_qs},
                                    {u"pong"_qs, u"{{> ping}}\n"_qs},
                                    {u"shared/bad"_qs, u"fine\n{{Nope}}\n"_qs},
                                    {u"shared/open"_qs, u"{{#if On}}\nx\n"_qs},
                                    {u"shared/empty"_qs, QString()}}));
        TemplateEngine e = engine();
        e.setPartialDirectory(dir.path());
        QString error;
        const QString out = e.render(templateText, &error);
        QCOMPARE(error, QString(message).replace(QStringLiteral("<dir>"), dir.path()));
        QCOMPARE(out, QString());
    }

    void partialWithoutDirectory()
    {
        QString error;
        QCOMPARE(engine().render(u"{{> shared/block}}\n"_qs, &error), QString());
        QCOMPARE(error, u"line 1: partial \"shared/block\": no partial directory is set"_qs);
    }

    void usedNamesCountPartials()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(writePartials(dir, {{u"p"_qs, u"{{Readers}}\n{{#if Off}}\n{{Text}}\n{{#endif}}\n"_qs}}));
        TemplateEngine e = engine();
        e.setPartialDirectory(dir.path());
        QString error;
        QCOMPARE(e.render(u"{{> p}}\n{{#if Off}}\n{{> p}}\n{{#endif}}\n"_qs, &error), u"4\n"_qs);
        QCOMPARE(error, QString());
        QCOMPARE(e.usedNames(), (QSet<QString>{u"Off"_qs, u"Readers"_qs}));
    }

    void trustedTextRejectsLineBreaks()
    {
        TemplateEngine e;
        e.setTrustedText(QStringLiteral("T"), QStringLiteral("a\nGO\nb"));
        QString error;
        QCOMPARE(e.render(u"-- {{T}}\n"_qs, &error), QString());
        QCOMPARE(error, u"line 1: text for \"{{T}}\" contains a line break"_qs);
    }

    void usedNames()
    {
        const TemplateEngine e = engine();
        QString error;
        e.render(u"{{#if Off}}\n{{Readers}}\n{{#endif}}\n{{Queue:literal}}\n"_qs, &error);
        QCOMPARE(error, QString());
        // A placeholder in a branch not taken is checked but not used.
        QCOMPARE(e.usedNames(), (QSet<QString>{u"Off"_qs, u"Queue"_qs}));
    }
};

QTEST_GUILESS_MAIN(TestTemplateEngine)
#include "tst_templateengine.moc"
