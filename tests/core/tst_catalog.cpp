#include "core/catalogjson.h"
#include "core/samplecatalog.h"

#include <QJsonDocument>
#include <QTest>

using namespace bs;

class TestCatalog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sampleIsConsistent();
    void jsonRoundTrip();
    void jsonErrorsNameTheField_data();
    void jsonErrorsNameTheField();
    void sentByText();
};

void TestCatalog::sampleIsConsistent()
{
    const BrokerCatalog c = sampleCatalog();
    QVERIFY(c.services.size() >= 3);
    for (const Service &s : c.services) {
        QVERIFY2(c.queue(s.queueId), qPrintable(s.name));
        for (int id : s.contractIds)
            QVERIFY2(c.contract(id), qPrintable(s.name));
    }
    for (const Contract &k : c.contracts) {
        QVERIFY(!k.usages.isEmpty());
        for (const MessageUsage &u : k.usages)
            QVERIFY(c.messageType(u.messageTypeId));
    }
    QVERIFY(!c.routes.isEmpty());
    // The sample shows a poisoned queue on purpose.
    QVERIFY(std::any_of(c.queues.cbegin(), c.queues.cend(), [](const Queue &q) { return !q.isReceiveEnabled; }));
}

void TestCatalog::jsonRoundTrip()
{
    BrokerCatalog c = sampleCatalog();
    c.queues[0].name = u"we]ird 'name' Ü"_qs;
    c.problems.append({u"catalog.routes"_qs, u"sys.routes"_qs, u"denied"_qs, u"VIEW DEFINITION"_qs});
    const QByteArray text = QJsonDocument(catalogToJson(c)).toJson();
    QString error;
    const auto back = catalogFromJson(QJsonDocument::fromJson(text).object(), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->queues, c.queues);
    QCOMPARE(back->services, c.services);
    QCOMPARE(back->contracts, c.contracts);
    QCOMPARE(back->messageTypes, c.messageTypes);
    QCOMPARE(back->routes, c.routes);
    QCOMPARE(back->remoteServiceBindings, c.remoteServiceBindings);
    QCOMPARE(back->problems, c.problems);
    QCOMPARE(back->database, c.database);
}

void TestCatalog::jsonErrorsNameTheField_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("queues not array") << QByteArray(R"({"queues": 3})") << u"\"queues\" must be an array"_qs;
    QTest::newRow("element not object") << QByteArray(R"({"services": [1]})") << u"\"services\"[0] must be an object"_qs;
    QTest::newRow("name missing") << QByteArray(R"({"contracts": [{"name":"a"},{"id":2}]})")
                                  << u"\"contracts\"[1].name must be a string"_qs;
}

void TestCatalog::jsonErrorsNameTheField()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!catalogFromJson(QJsonDocument::fromJson(json).object(), &error));
    QCOMPARE(error, expected);
}

void TestCatalog::sentByText()
{
    QCOMPARE((MessageUsage{1, true, false}.sentByText()), u"INITIATOR"_qs);
    QCOMPARE((MessageUsage{1, false, true}.sentByText()), u"TARGET"_qs);
    QCOMPARE((MessageUsage{1, true, true}.sentByText()), u"ANY"_qs);
}

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
