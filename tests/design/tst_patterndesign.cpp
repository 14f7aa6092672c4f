// A pattern of the wizard as a design (PatternDesign): the broker objects of every installable
// pattern, checked against the list of objects the install creates (patternObjects, a separate
// table of the script generator), with the services on their queues and the activation kept.
#include "core/design/designddlwriter.h"
#include "core/design/patterndesign.h"
#include "core/script/patterndescriptor.h"

#include <QSet>
#include <QTest>

using namespace bs;

class TestPatternDesign : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyInstallablePattern_data()
    {
        QTest::addColumn<int>("pattern");
        for (const PatternDescriptor &d : patternDescriptors()) {
            if (d.installable)
                QTest::newRow(qPrintable(d.key)) << int(d.pattern);
        }
    }
    void everyInstallablePattern()
    {
        QFETCH(int, pattern);
        PatternOptions options = PatternOptions::defaults(Pattern(pattern));
        options.database = u"SalesOps"_qs;
        const DdlImportResult r = PatternDesign::fromOptions(options);
        QVERIFY2(r.ok(), qPrintable(r.errors.value(0).toString()));
        QCOMPARE(r.design.databaseName, u"SalesOps"_qs);
        QVERIFY(!r.skipped.isEmpty()); // the tables and procedures are not broker objects

        QSet<QString> expected;
        for (const PatternObject &o : patternObjects(options)) {
            if (o.kind == u"message type"_qs || o.kind == u"contract"_qs || o.kind == u"service"_qs)
                expected.insert(o.kind + u' ' + o.name);
            else if (o.kind == u"queue"_qs)
                expected.insert(o.kind + u' ' + o.schema + u'.' + o.name);
        }
        QSet<QString> got;
        for (const DesignMessageType &m : r.design.messageTypes)
            got.insert(u"message type "_qs + m.name);
        for (const DesignContract &c : r.design.contracts) {
            got.insert(u"contract "_qs + c.name);
            QVERIFY(!c.usages.isEmpty());
        }
        for (const DesignQueue &q : r.design.queues)
            got.insert(u"queue "_qs + q.schema + u'.' + q.name);
        for (const DesignService &s : r.design.services) {
            got.insert(u"service "_qs + s.name);
            QVERIFY2(r.design.queue(s.queueSchema, s.queueName), qPrintable(s.name));
        }
        QCOMPARE(got, expected);
        QVERIFY(r.design.routes.isEmpty());
        // The target queue is activated by the pattern's procedure.
        bool activated = false;
        for (const DesignQueue &q : r.design.queues)
            activated = activated || (q.activation && !q.activation->procedure.isEmpty());
        QVERIFY(activated);
        // A starting point the designer can write out again.
        const DdlImportResult again = DesignDdlParser::parse(DesignDdlWriter::write(r.design));
        QVERIFY2(again.ok(), qPrintable(again.errors.value(0).toString()));
        BrokerDesign expectedDesign = r.design;
        expectedDesign.databaseName = again.design.databaseName;
        QCOMPARE(again.design, expectedDesign);
    }

    void invalidOptionsGiveAnErrorNotADesign()
    {
        PatternOptions options = PatternOptions::defaults(patternDescriptors().first().pattern);
        options.logRetentionDays = -5;
        const DdlImportResult r = PatternDesign::fromOptions(options);
        QVERIFY(!r.ok());
        QVERIFY(r.design.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPatternDesign)
#include "tst_patterndesign.moc"
