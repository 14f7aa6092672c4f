#include "designfixtures.h"

#include "core/design/designddlparser.h"
#include "core/design/designdiff.h"
#include "core/design/designedit.h"
#include "core/samplecatalog.h"

#include <QFile>
#include <QTest>

#include <functional>

using namespace bs;

namespace {

using Edit = std::function<void(BrokerDesign &)>;

void check(const QString &why)
{
    if (!why.isEmpty())
        qFatal("edit refused: %s", qPrintable(why));
}

} // namespace

Q_DECLARE_METATYPE(Edit)

class TestDesignDiff : public QObject
{
    Q_OBJECT

private slots:
    void golden_data();
    void golden();
    void noDifferences();
    void migrationReachesTheTarget_data();
    void migrationReachesTheTarget();
};

void TestDesignDiff::golden_data()
{
    QTest::addColumn<BrokerDesign>("from");
    QTest::addColumn<Edit>("edit");
    QTest::addColumn<QString>("golden");
    const BrokerDesign full = designtest::fullDesign();
    QTest::newRow("create-everything") << BrokerDesign{} << Edit([](BrokerDesign &d) { d = designtest::fullDesign(); }) << u"create-everything"_qs;
    QTest::newRow("drop-everything") << full << Edit([](BrokerDesign &d) { d = BrokerDesign{}; }) << u"drop-everything"_qs;
    QTest::newRow("message-type-validation") << full << Edit([](BrokerDesign &d) {
        check(DesignEdit::setProperty(d, {ObjectKind::MessageType, u"//Full/Blob"_qs, {}}, u"validation"_qs, u"WELL_FORMED_XML"_qs));
        check(DesignEdit::setProperty(d, {ObjectKind::MessageType, u"//Full/Request"_qs, {}}, u"schemaCollection"_qs, u"dbo.V2"_qs));
    }) << u"message-type-validation"_qs;
    QTest::newRow("contract-recreated") << full << Edit([](BrokerDesign &d) {
        check(DesignEdit::connect(d, {ObjectKind::Contract, u"//Full/Contract"_qs, {}}, {ObjectKind::MessageType, u"//Full/Blob"_qs, {}}, SentBy::Target));
    }) << u"contract-recreated"_qs;
    QTest::newRow("queue-options") << full << Edit([](BrokerDesign &d) {
        const DesignRef target{ObjectKind::Queue, u"TargetQueue"_qs, u"app"_qs};
        check(DesignEdit::setProperty(d, target, u"maxQueueReaders"_qs, 2));
        check(DesignEdit::setProperty(d, target, u"status"_qs, false));
        const DesignRef init{ObjectKind::Queue, u"InitiatorQueue"_qs, u"dbo"_qs};
        check(DesignEdit::setProperty(d, init, u"activation"_qs, false));
        check(DesignEdit::setProperty(d, init, u"retention"_qs, false));
        check(DesignEdit::setProperty(d, init, u"poisonMessageHandling"_qs, true));
        const DesignRef parked{ObjectKind::Queue, u"ParkedQueue"_qs, u"dbo"_qs};
        check(DesignEdit::setProperty(d, parked, u"activation"_qs, true));
        check(DesignEdit::setProperty(d, parked, u"procedure"_qs, u"dbo.Parked_Activate"_qs));
    }) << u"queue-options"_qs;
    QTest::newRow("service-queue-and-contracts") << full << Edit([](BrokerDesign &d) {
        const DesignRef parked{ObjectKind::Service, u"//Full/Parked"_qs, {}};
        check(DesignEdit::add(d, DesignQueue{u"dbo"_qs, u"NewQueue"_qs, true, false, {}, true}));
        check(DesignEdit::connect(d, parked, {ObjectKind::Queue, u"NewQueue"_qs, u"dbo"_qs}));
        check(DesignEdit::disconnect(d, parked, {ObjectKind::Contract, u"//Full/Blobs"_qs, {}}));
        check(DesignEdit::connect(d, parked, {ObjectKind::Contract, u"//Full/Contract"_qs, {}}));
        check(DesignEdit::remove(d, {ObjectKind::Queue, u"ParkedQueue"_qs, u"dbo"_qs}));
    }) << u"service-queue-and-contracts"_qs;
    QTest::newRow("queue-renamed") << full << Edit([](BrokerDesign &d) {
        check(DesignEdit::rename(d, {ObjectKind::Queue, u"TargetQueue"_qs, u"app"_qs}, u"TargetQueue2"_qs));
    }) << u"queue-renamed"_qs;
    QTest::newRow("routes-and-bindings") << full << Edit([](BrokerDesign &d) {
        const DesignRef remote{ObjectKind::Route, u"RemoteRoute"_qs, {}};
        check(DesignEdit::setProperty(d, remote, u"address"_qs, u"TCP://new.example:4022"_qs));
        check(DesignEdit::setProperty(d, remote, u"lifetime"_qs, 3600));
        check(DesignEdit::setProperty(d, {ObjectKind::Route, u"AnyRoute"_qs, {}}, u"address"_qs, u"LOCAL"_qs));
        const DesignRef binding{ObjectKind::RemoteServiceBinding, u"RemoteBinding"_qs, {}};
        check(DesignEdit::setProperty(d, binding, u"user"_qs, u"other_user"_qs));
        check(DesignEdit::setProperty(d, binding, u"anonymous"_qs, false));
    }) << u"routes-and-bindings"_qs;
    QTest::newRow("route-option-removed") << full << Edit([](BrokerDesign &d) {
        check(DesignEdit::setProperty(d, {ObjectKind::Route, u"RemoteRoute"_qs, {}}, u"mirrorAddress"_qs, QString()));
        check(DesignEdit::setProperty(d, {ObjectKind::RemoteServiceBinding, u"RemoteBinding"_qs, {}}, u"serviceName"_qs, u"//Other"_qs));
    }) << u"route-option-removed"_qs;
    QTest::newRow("destructive") << full << Edit([](BrokerDesign &d) {
        check(DesignEdit::remove(d, {ObjectKind::Service, u"//Full/Target"_qs, {}}));
        check(DesignEdit::remove(d, {ObjectKind::Queue, u"TargetQueue"_qs, u"app"_qs}));
        check(DesignEdit::remove(d, {ObjectKind::Contract, u"//Full/Blobs"_qs, {}}));
        check(DesignEdit::remove(d, {ObjectKind::MessageType, u"//Full/Blob"_qs, {}}));
        check(DesignEdit::remove(d, {ObjectKind::RemoteServiceBinding, u"RemoteBinding"_qs, {}}));
        check(DesignEdit::remove(d, {ObjectKind::Route, u"AnyRoute"_qs, {}}));
    }) << u"destructive"_qs;
    QTest::newRow("design-vs-sample-catalog") << BrokerDesign::fromCatalog(sampleCatalog()) << Edit([](BrokerDesign &d) {
        check(DesignEdit::setProperty(d, {ObjectKind::Queue, u"AuditQueue"_qs, u"dbo"_qs}, u"status"_qs, true));
        check(DesignEdit::setProperty(d, {ObjectKind::RemoteServiceBinding, u"BillingBinding"_qs, {}}, u"user"_qs, u"BillingCertUser"_qs));
        check(DesignEdit::add(d, DesignMessageType{u"//Contoso/Orders/Cancel"_qs, {}, MessageValidation::Empty, {}}));
        check(DesignEdit::connect(d, {ObjectKind::Contract, u"//Contoso/Orders/Contract"_qs, {}},
                                  {ObjectKind::MessageType, u"//Contoso/Orders/Cancel"_qs, {}}));
    }) << u"design-vs-sample-catalog"_qs;
}

void TestDesignDiff::golden()
{
    QFETCH(BrokerDesign, from);
    QFETCH(Edit, edit);
    QFETCH(QString, golden);
    BrokerDesign to = from;
    edit(to);
    const DesignMigration m = DesignDiff::diff(from, to, u"before"_qs, u"after"_qs);
    const QString actual = m.summary() + u"\n"_qs + m.script;
    const QString path = QStringLiteral(BS_TEST_DATA_DIR "/design/diff/") + golden + QStringLiteral(".sql");
    if (qEnvironmentVariableIntValue("BS_REGENERATE_GOLDEN") == 1) {
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(actual.toUtf8());
    }
    QFile in(path);
    QVERIFY2(in.open(QIODevice::ReadOnly), qPrintable(path));
    const QStringList expected = QString::fromUtf8(in.readAll()).split(QLatin1Char('\n'));
    const QStringList lines = actual.split(QLatin1Char('\n'));
    for (int i = 0; i < qMin(lines.size(), expected.size()); ++i)
        QVERIFY2(lines.at(i) == expected.at(i), qPrintable(u"line %1:\n  actual:   %2\n  expected: %3"_qs.arg(i + 1).arg(lines.at(i), expected.at(i))));
    QCOMPARE(lines.size(), expected.size());
}

void TestDesignDiff::noDifferences()
{
    const BrokerDesign d = designtest::fullDesign();
    const DesignMigration m = DesignDiff::diff(d, d);
    QVERIFY(m.isEmpty());
    QVERIFY(m.script.contains(u"No differences"_qs));
    QVERIFY(!m.script.contains(u"BEGIN TRANSACTION"_qs));
}

void TestDesignDiff::migrationReachesTheTarget_data()
{
    golden_data();
}

void TestDesignDiff::migrationReachesTheTarget()
{
    // Reading the migration onto the old design (the parser applies CREATE, ALTER and DROP with
    // SQL Server's checks: nothing dropped while used, nothing created twice) gives the new one.
    QFETCH(BrokerDesign, from);
    QFETCH(Edit, edit);
    BrokerDesign to = from;
    edit(to);
    const DesignMigration m = DesignDiff::diff(from, to);
    const DdlImportResult r = DesignDdlParser::parse(m.script, from);
    QVERIFY2(r.ok(), qPrintable(r.errors.isEmpty() ? QString() : r.errors.first().toString()));
    BrokerDesign expected = to;
    BrokerDesign actual = r.design;
    // Bindings without a user cannot be written; routes keep catalog expiry only as a comment.
    for (BrokerDesign *d : {&expected, &actual}) {
        d->bindings.removeIf([](const DesignBinding &b) { return b.user.isEmpty(); });
        d->databaseName.clear();
        for (DesignRoute &route : d->routes)
            route.expires.reset();
        d->sort();
    }
    QCOMPARE(actual, expected);
}

QTEST_GUILESS_MAIN(TestDesignDiff)
#include "tst_designdiff.moc"
