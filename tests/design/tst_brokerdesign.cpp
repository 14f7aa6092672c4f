#include "designfixtures.h"

#include "core/design/brokerdesign.h"
#include "core/design/designedit.h"
#include "core/design/designfile.h"
#include "core/design/designproperties.h"
#include "core/samplecatalog.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace bs;

class TestBrokerDesign : public QObject
{
    Q_OBJECT

private slots:
    void fromSampleCatalog();
    void fromCatalogSkipsSystemObjects();
    void multipartNames_data();
    void multipartNames();
    void toCatalogKeepsReferences();
    void jsonRoundTrip_data();
    void jsonRoundTrip();
    void fileSaveAndLoad();
    void badFiles_data();
    void badFiles();
    void editsRefuseBadInput();
    void renameFollowsReferences();
    void removeCascades();
    void connectAndDisconnect();
    void propertiesRegistry();
};

void TestBrokerDesign::fromSampleCatalog()
{
    const BrokerDesign d = BrokerDesign::fromCatalog(sampleCatalog());
    QCOMPARE(d.databaseName, u"SalesOps"_qs);
    QCOMPARE(d.messageTypes.size(), 5);
    QCOMPARE(d.contracts.size(), 3);
    QCOMPARE(d.queues.size(), 5);
    QCOMPARE(d.services.size(), 5);
    QCOMPARE(d.routes.size(), 1); // AutoCreatedLocal is SQL Server's own
    QCOMPARE(d.bindings.size(), 1);
    const DesignMessageType *task = d.messageType(u"//Contoso/Orders/Task"_qs);
    QVERIFY(task);
    QCOMPARE(task->validation, MessageValidation::WellFormedXml);
    QCOMPARE(d.messageType(u"//Contoso/Orders/EndOfStream"_qs)->validation, MessageValidation::Empty);
    const DesignContract *orders = d.contract(u"//Contoso/Orders/Contract"_qs);
    QCOMPARE(orders->usages.size(), 3);
    QCOMPARE(orders->usages.at(2).sentBy, SentBy::Target);
    QCOMPARE(d.contract(u"//Fabrikam/Billing/Contract"_qs)->usages.at(0).sentBy, SentBy::Any);
    const DesignQueue *target = d.queue(u"dbo"_qs, u"OrdersTargetQueue"_qs);
    QVERIFY(target && target->activation);
    QCOMPARE(target->activation->maxQueueReaders, 8);
    QCOMPARE(target->activation->procedure, u"[dbo].[Orders_Target]"_qs); // the database part goes
    QCOMPARE(target->activation->executeAs, ExecuteAs::Owner);
    QVERIFY(!d.queue(u"dbo"_qs, u"AuditQueue"_qs)->status);
    QVERIFY(!d.queue(u"dbo"_qs, u"AuditSenderQueue"_qs)->activation);
    const DesignService *svc = d.service(u"//Contoso/Orders/Target"_qs);
    QCOMPARE(svc->queueName, u"OrdersTargetQueue"_qs);
    QCOMPARE(svc->contracts, QStringList{u"//Contoso/Orders/Contract"_qs});
    QCOMPARE(d.routes.at(0).address, u"TCP://billing.fabrikam.example:4022"_qs);
    QCOMPARE(d.objectCount(), 20);
}

void TestBrokerDesign::fromCatalogSkipsSystemObjects()
{
    BrokerCatalog c = designtest::hostileCatalog();
    const BrokerDesign d = BrokerDesign::fromCatalog(c);
    QVERIFY(!d.messageType(u"DEFAULT"_qs));
    // The usage of DEFAULT stays: it names the system message type.
    QCOMPARE(d.contract(QString(128, QLatin1Char('x')))->usages.at(1).messageType, u"DEFAULT"_qs);
    QCOMPARE(d.messageType(u"Überweisung/Zahlung/日本語/Ωμέγα"_qs)->validation, MessageValidation::WellFormedXml);
}

void TestBrokerDesign::multipartNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("parts");
    QTest::newRow("bracketed") << u"[db].[dbo].[P]"_qs << QStringList{u"db"_qs, u"dbo"_qs, u"P"_qs};
    QTest::newRow("plain") << u"dbo.P"_qs << QStringList{u"dbo"_qs, u"P"_qs};
    QTest::newRow("doubled bracket") << u"[a]]b].[c.d]"_qs << QStringList{u"a]b"_qs, u"c.d"_qs};
    QTest::newRow("quoted") << u"\"x\"\"y\".z"_qs << QStringList{u"x\"y"_qs, u"z"_qs};
    QTest::newRow("unterminated") << u"[abc"_qs << QStringList{u"[abc"_qs};
    QTest::newRow("junk after bracket") << u"[a]x"_qs << QStringList{u"[a]x"_qs};
}

void TestBrokerDesign::multipartNames()
{
    QFETCH(QString, name);
    QFETCH(QStringList, parts);
    QCOMPARE(splitMultipartName(name), parts);
}

void TestBrokerDesign::toCatalogKeepsReferences()
{
    const BrokerDesign d = designtest::fullDesign();
    QHash<ObjectRef, DesignRef> ids;
    const BrokerCatalog c = d.toCatalog(&ids);
    QCOMPARE(c.objectCount(), d.objectCount() + 2); // + the DEFAULT message type and contract
    const Service *target = c.serviceByName(u"//Full/Target"_qs);
    QVERIFY(target);
    QCOMPARE(c.queue(target->queueId)->name, u"TargetQueue"_qs);
    QCOMPARE(target->contractIds.size(), 2);
    QCOMPARE(c.contract(target->contractIds.at(1))->name, u"DEFAULT"_qs);
    QCOMPARE(ids.value({ObjectKind::Service, target->id}).name, u"//Full/Target"_qs);
    // A design rebuilt from its own catalog keeps every object the catalog can carry.
    const BrokerDesign back = BrokerDesign::fromCatalog(c);
    QCOMPARE(back.objectCount(), d.objectCount());
    QCOMPARE(back.queue(u"app"_qs, u"TargetQueue"_qs)->activation->executeAsUser, u"broker_user"_qs);
}

void TestBrokerDesign::jsonRoundTrip_data()
{
    QTest::addColumn<BrokerDesign>("design");
    QTest::newRow("empty") << BrokerDesign{};
    QTest::newRow("sample") << BrokerDesign::fromCatalog(sampleCatalog());
    QTest::newRow("hostile") << BrokerDesign::fromCatalog(designtest::hostileCatalog());
    QTest::newRow("full") << designtest::fullDesign();
}

void TestBrokerDesign::jsonRoundTrip()
{
    QFETCH(BrokerDesign, design);
    DesignFile file{design, {{u"queue [dbo].[Q]"_qs, QPointF(1.5, -2)}}};
    QString error;
    const auto back = DesignFileFormat::fromJson(DesignFileFormat::toJson(file), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->design, design);
    QCOMPARE(back->positions, file.positions);
}

void TestBrokerDesign::fileSaveAndLoad()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"d.bsdesign"_qs);
    QString error;
    const DesignFile file{designtest::fullDesign(), {}};
    QVERIFY2(DesignFileFormat::save(path, file, &error), qPrintable(error));
    const auto loaded = DesignFileFormat::load(path, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->design, file.design);
    // A save into a directory that does not exist fails with a message and writes nothing.
    QVERIFY(!DesignFileFormat::save(dir.filePath(u"missing/d.bsdesign"_qs), file, &error));
    QVERIFY(error.contains(u"cannot write"_qs));
}

void TestBrokerDesign::badFiles_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("not json") << QByteArray("{") << u"not a JSON design"_qs;
    QTest::newRow("other format") << QByteArray(R"({"format":"x","version":1})") << u"format: not a Broker Studio design"_qs;
    QTest::newRow("newer") << QByteArray(R"({"format":"broker-studio-design","version":2})") << u"version: version 2 is newer"_qs;
    QTest::newRow("bad validation")
        << QByteArray(R"({"format":"broker-studio-design","version":1,"messageTypes":[{"name":"m","validation":"XML"}]})")
        << u"messageTypes[0].validation: expected NONE"_qs;
    QTest::newRow("readers range")
        << QByteArray(R"({"format":"broker-studio-design","version":1,"queues":[{"schema":"dbo","name":"q","activation":{"executeAs":"OWNER","maxQueueReaders":40000}}]})")
        << u"queues[0].activation.maxQueueReaders: expected a whole number from 0 to 32767"_qs;
    QTest::newRow("twice")
        << QByteArray(R"({"format":"broker-studio-design","version":1,"contracts":[{"name":"c"},{"name":"c"}]})")
        << u"contract [c] appears twice"_qs;
    QTest::newRow("empty name")
        << QByteArray(R"({"format":"broker-studio-design","version":1,"services":[{"name":"","queueSchema":"dbo","queue":"q"}]})")
        << u"services[0].name: must not be empty"_qs;
}

void TestBrokerDesign::badFiles()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"bad.json"_qs);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(json);
    f.close();
    QString why;
    QVERIFY(!DesignFileFormat::load(path, &why));
    QVERIFY2(why.contains(error), qPrintable(why));
}

void TestBrokerDesign::editsRefuseBadInput()
{
    BrokerDesign d = designtest::fullDesign();
    const BrokerDesign before = d;
    QVERIFY(!DesignEdit::add(d, DesignMessageType{u"//Full/Ping"_qs, {}, {}, {}}).isEmpty());
    QVERIFY(!DesignEdit::add(d, DesignMessageType{QString(129, QLatin1Char('m')), {}, {}, {}}).isEmpty());
    QVERIFY(!DesignEdit::rename(d, {ObjectKind::Contract, u"//Full/Contract"_qs, {}}, u"//Full/Blobs"_qs).isEmpty());
    QVERIFY(!DesignEdit::setProperty(d, {ObjectKind::Queue, u"TargetQueue"_qs, u"app"_qs}, u"maxQueueReaders"_qs, 40000).isEmpty());
    QVERIFY(!DesignEdit::setProperty(d, {ObjectKind::Queue, u"ParkedQueue"_qs, u"dbo"_qs}, u"procedure"_qs, u"p"_qs).isEmpty());
    QVERIFY(!DesignEdit::setProperty(d, {ObjectKind::MessageType, u"//Full/Ping"_qs, {}}, u"validation"_qs, u"XML"_qs).isEmpty());
    QVERIFY(!DesignEdit::remove(d, {ObjectKind::Route, u"nope"_qs, {}}).isEmpty());
    QVERIFY(!DesignEdit::connect(d, {ObjectKind::Queue, u"TargetQueue"_qs, u"app"_qs}, {ObjectKind::Route, u"AnyRoute"_qs, {}}).isEmpty());
    QCOMPARE(d, before);
}

void TestBrokerDesign::renameFollowsReferences()
{
    BrokerDesign d = designtest::fullDesign();
    QCOMPARE(DesignEdit::rename(d, {ObjectKind::MessageType, u"//Full/Ping"_qs, {}}, u"//Full/Pong"_qs), QString());
    QCOMPARE(d.contract(u"//Full/Contract"_qs)->usages.at(2).messageType, u"//Full/Pong"_qs);
    QCOMPARE(DesignEdit::rename(d, {ObjectKind::Contract, u"//Full/Contract"_qs, {}}, u"//Full/C2"_qs), QString());
    QCOMPARE(d.service(u"//Full/Target"_qs)->contracts.first(), u"//Full/C2"_qs);
    QCOMPARE(DesignEdit::rename(d, {ObjectKind::Queue, u"TargetQueue"_qs, u"app"_qs}, u"Q2"_qs, u"ops"_qs), QString());
    QCOMPARE(d.service(u"//Full/Target"_qs)->queueSchema, u"ops"_qs);
    QCOMPARE(d.service(u"//Full/Target"_qs)->queueName, u"Q2"_qs);
}

void TestBrokerDesign::removeCascades()
{
    BrokerDesign d = designtest::fullDesign();
    const DesignRef queue{ObjectKind::Queue, u"TargetQueue"_qs, u"app"_qs};
    QCOMPARE(DesignEdit::dependants(d, queue), (QList<DesignRef>{{ObjectKind::Service, u"//Full/Target"_qs, {}}}));
    QCOMPARE(DesignEdit::remove(d, queue), QString());
    QVERIFY(!d.service(u"//Full/Target"_qs));
    QCOMPARE(DesignEdit::remove(d, {ObjectKind::MessageType, u"//Full/Reply"_qs, {}}), QString());
    QCOMPARE(d.contract(u"//Full/Contract"_qs)->usages.size(), 2);
    QCOMPARE(DesignEdit::remove(d, {ObjectKind::Contract, u"//Full/Blobs"_qs, {}}), QString());
    QVERIFY(d.service(u"//Full/Parked"_qs)->contracts.isEmpty());
}

void TestBrokerDesign::connectAndDisconnect()
{
    BrokerDesign d = designtest::fullDesign();
    const DesignRef svc{ObjectKind::Service, u"//Full/Initiator"_qs, {}};
    const DesignRef contract{ObjectKind::Contract, u"//Full/Blobs"_qs, {}};
    QCOMPARE(DesignEdit::connect(d, svc, contract), QString());
    QCOMPARE(d.service(svc.name)->contracts, QStringList{contract.name});
    QVERIFY(!DesignEdit::connect(d, svc, contract).isEmpty());
    QCOMPARE(DesignEdit::disconnect(d, svc, contract), QString());
    QVERIFY(d.service(svc.name)->contracts.isEmpty());
    QCOMPARE(DesignEdit::connect(d, svc, {ObjectKind::Queue, u"ParkedQueue"_qs, u"dbo"_qs}), QString());
    QCOMPARE(d.service(svc.name)->queueName, u"ParkedQueue"_qs);
    QCOMPARE(DesignEdit::connect(d, contract, {ObjectKind::MessageType, u"//Full/Ping"_qs, {}}, SentBy::Target), QString());
    QCOMPARE(d.contract(contract.name)->usages.last(), (DesignUsage{u"//Full/Ping"_qs, SentBy::Target}));
}

void TestBrokerDesign::propertiesRegistry()
{
    // Every registered property reads back what was set on an object of its kind.
    const BrokerDesign d = designtest::fullDesign();
    for (const DesignProperty &p : DesignProperties::all()) {
        QVERIFY2(!p.tooltip.isEmpty(), qPrintable(p.key));
        DesignRef ref;
        for (const DesignRef &r : d.objects()) {
            if (r.kind == p.kind) {
                ref = r;
                break;
            }
        }
        QVERIFY2(ref.isValid(), qPrintable(p.key));
        auto o = DesignEdit::object(d, ref);
        QVariant value;
        switch (p.type) {
        case DesignProperty::Type::Bool: value = !DesignProperties::get(*o, p.key).toBool(); break;
        case DesignProperty::Type::Int: value = p.maximum > 100 ? 17 : p.maximum; break;
        case DesignProperty::Type::Choice: value = p.choices.last(); break;
        case DesignProperty::Type::Text: value = u"[edited]"_qs; break;
        }
        if (p.kind == ObjectKind::Queue && p.key != u"activation"_qs && p.key != u"status"_qs
            && p.key != u"retention"_qs && p.key != u"poisonMessageHandling"_qs)
            QCOMPARE(DesignProperties::set(*o, u"activation"_qs, true), QString());
        QCOMPARE(DesignProperties::set(*o, p.key, value), QString());
        QVariant expected = value;
        if (p.key == u"procedure"_qs || p.key == u"schemaCollection"_qs)
            expected = u"[edited]"_qs; // read as a bracketed one-part name, stored quoted
        QCOMPARE(DesignProperties::get(*o, p.key), expected);
    }
}

QTEST_GUILESS_MAIN(TestBrokerDesign)
#include "tst_brokerdesign.moc"
