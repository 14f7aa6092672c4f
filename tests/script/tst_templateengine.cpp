#include "core/script/templateengine.h"

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
        e.setFlag(QStringLiteral("On"), true);
        e.setFlag(QStringLiteral("Off"), false);
        return e;
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
