#include "core/objectproperties.h"
#include "core/samplecatalog.h"

#include <QTest>

using namespace bs;

class TestObjectProperties : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void queueHasEveryCatalogField();
    void activationInWords_data();
    void activationInWords();
    void displayNames();
    void datesAreServerTime();
};

namespace {
QString helpOf(const QList<ObjectProperty> &props, const QString &name)
{
    for (const ObjectProperty &p : props) {
        if (p.name == name)
            return p.help;
    }
    return u"<missing>"_qs;
}

QString valueOf(const QList<ObjectProperty> &props, const QString &name)
{
    for (const ObjectProperty &p : props) {
        if (p.name == name)
            return p.value;
    }
    return u"<missing>"_qs;
}
} // namespace

void TestObjectProperties::queueHasEveryCatalogField()
{
    const BrokerCatalog c = sampleCatalog();
    const Queue &q = c.queues[1];
    const auto props = objectProperties(c, {ObjectKind::Queue, q.objectId});
    for (const char *field : {"max_readers", "activation_procedure", "execute_as_principal_id", "is_activation_enabled",
                              "is_receive_enabled", "is_enqueue_enabled", "is_retention_enabled",
                              "is_poison_message_handling_enabled"}) {
        QVERIFY2(valueOf(props, QLatin1String(field)) != u"<missing>"_qs, field);
    }
    QCOMPARE(valueOf(props, u"max_readers"_qs), u"8"_qs);
    QCOMPARE(valueOf(props, u"execute_as_principal_id"_qs), u"-2 (OWNER)"_qs);
    // The services on the queue are listed.
    QCOMPARE(valueOf(props, u"//Contoso/Orders/Target"_qs), QString());
}

void TestObjectProperties::activationInWords_data()
{
    QTest::addColumn<int>("readers");
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<bool>("receive");
    QTest::addColumn<QString>("expected");
    QTest::newRow("normal") << 8 << true << true << u"up to 8 readers"_qs;
    QTest::newRow("one") << 1 << true << true << u"one reader"_qs;
    QTest::newRow("off") << 4 << false << true << u"switched OFF"_qs;
    QTest::newRow("zero readers") << 0 << true << true << u"no reader will ever start"_qs;
    QTest::newRow("disabled queue") << 4 << true << false << u"poison message"_qs;
}

void TestObjectProperties::activationInWords()
{
    QFETCH(int, readers);
    QFETCH(bool, enabled);
    QFETCH(bool, receive);
    QFETCH(QString, expected);
    Queue q;
    q.activationProcedure = u"[db].[dbo].[p]"_qs;
    q.maxReaders = readers;
    q.isActivationEnabled = enabled;
    q.isReceiveEnabled = receive;
    const QString words = bs::activationInWords(q);
    QVERIFY2(words.contains(expected), qPrintable(words));
    Queue none;
    QVERIFY(bs::activationInWords(none).contains(u"No internal activation"_qs));
}

void TestObjectProperties::displayNames()
{
    const BrokerCatalog c = sampleCatalog();
    QCOMPARE(objectDisplayName(c, {ObjectKind::Service, 65537}), u"//Contoso/Orders/Target"_qs);
    QCOMPARE(objectDisplayName(c, {ObjectKind::Queue, c.queues[0].objectId}), u"[dbo].[OrdersInitiatorQueue]"_qs);
    QCOMPARE(objectDisplayName(c, {ObjectKind::ActivationProcedure, c.queues[0].objectId}),
             u"[SalesOps].[dbo].[Orders_Initiator]"_qs);
    QCOMPARE(objectDisplayName(c, {ObjectKind::Route, 65536}), u"BillingRoute"_qs);
    QVERIFY(objectDisplayName(c, {ObjectKind::Service, 1}).isEmpty());
}

// sys.objects' create_date/modify_date carry no time zone: shown as the server's wall clock, never as UTC.
void TestObjectProperties::datesAreServerTime()
{
    BrokerCatalog c;
    Queue q;
    q.objectId = 5;
    q.schema = u"dbo"_qs;
    q.name = u"Q"_qs;
    q.createDate = QDateTime(QDate(2025, 3, 14), QTime(9, 26, 53), Qt::UTC);
    q.modifyDate = QDateTime(QDate(2026, 10, 2), QTime(22, 10, 7), Qt::UTC);
    c.queues << q;
    const auto props = objectProperties(c, {ObjectKind::Queue, q.objectId});
    QCOMPARE(valueOf(props, u"create_date"_qs), u"2025-03-14 09:26:53 (server time)"_qs);
    QCOMPARE(valueOf(props, u"modify_date"_qs), u"2026-10-02 22:10:07 (server time)"_qs);
    QVERIFY(!valueOf(props, u"create_date"_qs).contains(u"UTC"_qs));
    QVERIFY(helpOf(props, u"modify_date"_qs).contains(u"not UTC"_qs));
}

QTEST_GUILESS_MAIN(TestObjectProperties)
#include "tst_objectproperties.moc"
