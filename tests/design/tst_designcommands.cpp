#include "designfixtures.h"

#include "core/design/designcommands.h"
#include "core/design/designdocument.h"
#include "core/design/designvalidator.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace bs;

namespace {

using Make = std::function<DesignCommand *(DesignDocument *)>;

const DesignRef TargetQueue{ObjectKind::Queue, u"TargetQueue"_qs, u"app"_qs};
const DesignRef TargetService{ObjectKind::Service, u"//Full/Target"_qs, {}};
const DesignRef Blobs{ObjectKind::Contract, u"//Full/Blobs"_qs, {}};
const DesignRef Ping{ObjectKind::MessageType, u"//Full/Ping"_qs, {}};

} // namespace

Q_DECLARE_METATYPE(Make)

class TestDesignCommands : public QObject
{
    Q_OBJECT

private slots:
    void everyCommandUndoesToAnIdenticalDesign_data();
    void everyCommandUndoesToAnIdenticalDesign();
    void refusedCommandsStayOffTheStack();
    void propertyChangesMerge();
    void longSessionUndoAllRedoAll();
    void cleanStateFollowsSave();
    void validatorRules_data();
    void validatorRules();
};

void TestDesignCommands::everyCommandUndoesToAnIdenticalDesign_data()
{
    QTest::addColumn<Make>("make");
    QTest::newRow("add") << Make([](DesignDocument *d) { return new AddObjectCommand(d, DesignMessageType{u"//New"_qs, {}, {}, {}}, QPointF(10, 20)); });
    QTest::newRow("remove queue and its service") << Make([](DesignDocument *d) { return new RemoveObjectCommand(d, TargetQueue); });
    QTest::newRow("remove message type used") << Make([](DesignDocument *d) { return new RemoveObjectCommand(d, Ping); });
    QTest::newRow("rename") << Make([](DesignDocument *d) { return new RenameObjectCommand(d, TargetQueue, u"Renamed"_qs, u"ops"_qs); });
    QTest::newRow("property") << Make([](DesignDocument *d) { return new SetPropertyCommand(d, TargetQueue, u"maxQueueReaders"_qs, 3); });
    QTest::newRow("activation off") << Make([](DesignDocument *d) { return new SetPropertyCommand(d, TargetQueue, u"activation"_qs, false); });
    QTest::newRow("connect") << Make([](DesignDocument *d) { return new ConnectCommand(d, TargetService, Blobs); });
    QTest::newRow("disconnect") << Make([](DesignDocument *d) { return new DisconnectCommand(d, {ObjectKind::Contract, u"//Full/Contract"_qs, {}}, Ping); });
    QTest::newRow("move") << Make([](DesignDocument *d) { return new MoveObjectsCommand(d, {{TargetQueue.display(), QPointF(5, 5)}}); });
}

void TestDesignCommands::everyCommandUndoesToAnIdenticalDesign()
{
    QFETCH(Make, make);
    DesignDocument doc;
    doc.reset({designtest::fullDesign(), {{TargetQueue.display(), QPointF(1, 1)}}});
    const DesignFile before = doc.file();
    QSignalSpy changed(&doc, &DesignDocument::changed);
    QCOMPARE(doc.push(make(&doc)), QString());
    const DesignFile after = doc.file();
    QVERIFY(after != before);
    QVERIFY(changed.size() >= 1);
    QVERIFY(doc.isModified());
    doc.undoStack()->undo();
    QCOMPARE(doc.file(), before);
    QVERIFY(!doc.isModified());
    doc.undoStack()->redo();
    QCOMPARE(doc.file(), after);
}

void TestDesignCommands::refusedCommandsStayOffTheStack()
{
    DesignDocument doc;
    doc.reset({designtest::fullDesign(), {}});
    QVERIFY(!doc.push(new AddObjectCommand(&doc, DesignMessageType{u"//Full/Ping"_qs, {}, {}, {}})).isEmpty());
    QVERIFY(!doc.push(new SetPropertyCommand(&doc, TargetQueue, u"maxQueueReaders"_qs, -1)).isEmpty());
    QVERIFY(!doc.push(new RenameObjectCommand(&doc, Ping, QString())).isEmpty());
    QCOMPARE(doc.undoStack()->count(), 0);
    QCOMPARE(doc.design(), designtest::fullDesign());
}

void TestDesignCommands::propertyChangesMerge()
{
    DesignDocument doc;
    doc.reset({designtest::fullDesign(), {}});
    for (int readers : {2, 3, 4})
        QCOMPARE(doc.push(new SetPropertyCommand(&doc, TargetQueue, u"maxQueueReaders"_qs, readers)), QString());
    QCOMPARE(doc.undoStack()->count(), 1);
    doc.undoStack()->undo();
    QCOMPARE(doc.design().queue(u"app"_qs, u"TargetQueue"_qs)->activation->maxQueueReaders, 8);
}

void TestDesignCommands::longSessionUndoAllRedoAll()
{
    // From nothing to an initiator/target pair, then edits: undo all gives nothing, redo all the pair.
    DesignDocument doc;
    QCOMPARE(doc.push(new AddObjectCommand(&doc, DesignMessageType{u"//Pair/Request"_qs, {}, MessageValidation::WellFormedXml, {}})),
             QString());
    const QList<Make> steps{
        [](DesignDocument *d) { return new AddObjectCommand(d, DesignMessageType{u"//Pair/Reply"_qs, {}, {}, {}}); },
        [](DesignDocument *d) { return new AddObjectCommand(d, DesignContract{u"//Pair/Contract"_qs, {}, {}}); },
        [](DesignDocument *d) { return new ConnectCommand(d, {ObjectKind::Contract, u"//Pair/Contract"_qs, {}}, {ObjectKind::MessageType, u"//Pair/Request"_qs, {}}); },
        [](DesignDocument *d) { return new ConnectCommand(d, {ObjectKind::Contract, u"//Pair/Contract"_qs, {}}, {ObjectKind::MessageType, u"//Pair/Reply"_qs, {}}, SentBy::Target); },
        [](DesignDocument *d) { return new AddObjectCommand(d, DesignQueue{u"dbo"_qs, u"TargetQ"_qs, true, false, {}, true}); },
        [](DesignDocument *d) { return new AddObjectCommand(d, DesignQueue{u"dbo"_qs, u"InitQ"_qs, true, false, {}, true}); },
        [](DesignDocument *d) { return new AddObjectCommand(d, DesignService{u"//Pair/Target"_qs, {}, u"dbo"_qs, u"TargetQ"_qs, {}}); },
        [](DesignDocument *d) { return new AddObjectCommand(d, DesignService{u"//Pair/Init"_qs, {}, u"dbo"_qs, u"InitQ"_qs, {}}); },
        [](DesignDocument *d) { return new ConnectCommand(d, {ObjectKind::Service, u"//Pair/Target"_qs, {}}, {ObjectKind::Contract, u"//Pair/Contract"_qs, {}}); },
        [](DesignDocument *d) { return new SetPropertyCommand(d, {ObjectKind::Queue, u"TargetQ"_qs, u"dbo"_qs}, u"activation"_qs, true); },
        [](DesignDocument *d) { return new SetPropertyCommand(d, {ObjectKind::Queue, u"TargetQ"_qs, u"dbo"_qs}, u"procedure"_qs, u"dbo.Target_Activate"_qs); },
        [](DesignDocument *d) { return new RenameObjectCommand(d, {ObjectKind::Queue, u"InitQ"_qs, u"dbo"_qs}, u"InitiatorQueue"_qs); },
    };
    QList<DesignFile> states{doc.file()};
    for (const Make &m : steps) {
        QCOMPARE(doc.push(m(&doc)), QString());
        states.append(doc.file());
    }
    while (doc.undoStack()->canUndo()) {
        doc.undoStack()->undo();
        if (doc.undoStack()->index() > 0)
            QCOMPARE(doc.file(), states.at(doc.undoStack()->index() - 1));
    }
    QVERIFY(doc.design().isEmpty());
    while (doc.undoStack()->canRedo())
        doc.undoStack()->redo();
    QCOMPARE(doc.file(), states.last());
    QCOMPARE(doc.design().service(u"//Pair/Init"_qs)->queueName, u"InitiatorQueue"_qs);
}

void TestDesignCommands::cleanStateFollowsSave()
{
    QTemporaryDir dir;
    DesignDocument doc;
    QVERIFY(!doc.isModified());
    QCOMPARE(doc.push(new AddObjectCommand(&doc, DesignMessageType{u"m"_qs, {}, {}, {}})), QString());
    QVERIFY(doc.isModified());
    QString error;
    QVERIFY(doc.save(dir.filePath(u"d.json"_qs), &error));
    QVERIFY(!doc.isModified());
    doc.undoStack()->undo();
    QVERIFY(doc.isModified());
    const auto loaded = DesignFileFormat::load(dir.filePath(u"d.json"_qs), &error);
    QVERIFY(loaded && loaded->design.messageType(u"m"_qs));
}

void TestDesignCommands::validatorRules_data()
{
    QTest::addColumn<BrokerDesign>("design");
    QTest::addColumn<QString>("ruleId");
    QTest::addColumn<QString>("object");
    BrokerDesign d = designtest::fullDesign();
    d.services[0].queueName = u"Gone"_qs;
    QTest::newRow("service-queue-missing") << d << u"service-queue-missing"_qs << u"service [//Full/Target]"_qs;
    d = designtest::fullDesign();
    d.contracts[0].usages.append({u"//Nope"_qs, SentBy::Any});
    QTest::newRow("reference-missing") << d << u"reference-missing"_qs << u"contract [//Full/Contract]"_qs;
    d = designtest::fullDesign();
    d.queues[0].activation->procedure.clear();
    QTest::newRow("incomplete-object") << d << u"incomplete-object"_qs << u"queue [app].[TargetQueue]"_qs;
    d = designtest::fullDesign();
    d.queues[0].activation->maxQueueReaders = 0;
    QTest::newRow("activation-no-readers") << d << u"activation-no-readers"_qs << u"queue [app].[TargetQueue]"_qs;
    // Health rules reused on the design.
    d = designtest::fullDesign();
    d.contracts[1].usages = {{u"//Full/Blob"_qs, SentBy::Target}};
    QTest::newRow("contract-unsendable (health)") << d << u"contract-unsendable-message-type"_qs << u"contract [//Full/Blobs]"_qs;
    d = designtest::fullDesign();
    QTest::newRow("activation-off (health)") << d << u"activation-off-with-procedure"_qs << u"queue [dbo].[InitiatorQueue]"_qs;
    QTest::newRow("retention (health)") << d << u"queue-retention-on"_qs << u"queue [dbo].[InitiatorQueue]"_qs;
    QTest::newRow("service-queue-disabled (health)") << d << u"service-queue-disabled"_qs << u"service [//Full/Parked]"_qs;
}

void TestDesignCommands::validatorRules()
{
    QFETCH(BrokerDesign, design);
    QFETCH(QString, ruleId);
    QFETCH(QString, object);
    QStringList seen;
    bool found = false;
    for (const DesignIssue &i : DesignValidator::validate(design)) {
        seen.append(i.ruleId + u" "_qs + i.ref.display());
        found = found || (i.ruleId == ruleId && i.ref.display() == object);
    }
    QVERIFY2(found, qPrintable(seen.join(u"\n"_qs)));
    // The clean design has none of the design rules' issues.
    for (const DesignIssue &i : DesignValidator::validate(designtest::fullDesign()))
        QVERIFY2(!DesignValidator::healthRuleIds().isEmpty() && i.ruleId != u"service-queue-missing"_qs && i.ruleId != u"reference-missing"_qs
                     && i.ruleId != u"incomplete-object"_qs,
                 qPrintable(i.message));
}

QTEST_GUILESS_MAIN(TestDesignCommands)
#include "tst_designcommands.moc"
