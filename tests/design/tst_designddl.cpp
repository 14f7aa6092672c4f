#include "designfixtures.h"

#include "core/design/designddlparser.h"
#include "core/design/designddlwriter.h"
#include "core/samplecatalog.h"
#include "core/sqlquote.h"
#include "core/tsql/tsqltokenizer.h"

#include <QSet>

#include <QFile>
#include <QTest>

#include <algorithm>

using namespace bs;


namespace {

QString goldenPath(const QString &name)
{
    return QStringLiteral(BS_TEST_DATA_DIR "/design/ddl/") + name + QStringLiteral(".sql");
}

/// What DDL can say about a catalog, one line per object, sorted: names instead of ids, no
/// principals (AUTHORIZATION names are not in the catalog), no system objects.
QStringList ddlSignature(const BrokerCatalog &c)
{
    QStringList out;
    for (const MessageType &m : c.messageTypes) {
        if (!isSystemObjectName(m.name))
            out.append(u"message type %1 %2"_qs.arg(m.name, m.validation));
    }
    for (const Contract &ct : c.contracts) {
        if (isSystemObjectName(ct.name))
            continue;
        QStringList usages;
        for (const MessageUsage &u : ct.usages) {
            const MessageType *m = c.messageType(u.messageTypeId);
            usages.append(u"%1:%2%3"_qs.arg(m ? m->name : u"?"_qs).arg(u.sentByInitiator).arg(u.sentByTarget));
        }
        out.append(u"contract %1 (%2)"_qs.arg(ct.name, usages.join(u", "_qs)));
    }
    for (const Queue &q : c.queues) {
        out.append(u"queue %1 receive=%2 retention=%3 poison=%4 activation=%5 %6 readers=%7"_qs.arg(q.qualifiedName())
                       .arg(q.isReceiveEnabled).arg(q.isRetentionEnabled).arg(q.isPoisonMessageHandlingEnabled)
                       .arg(q.isActivationEnabled).arg(q.activationProcedure.isEmpty() ? QString() : procedureKey(q.activationProcedure)).arg(q.maxReaders));
    }
    for (const Service &s : c.services) {
        QStringList contracts;
        for (int id : s.contractIds)
            contracts.append(c.contract(id) ? c.contract(id)->name : u"?"_qs);
        contracts.removeAll(u"DEFAULT"_qs);
        const Queue *q = c.queue(s.queueId);
        out.append(u"service %1 on %2 (%3)"_qs.arg(s.name, q ? q->qualifiedName() : u"?"_qs, contracts.join(u", "_qs)));
    }
    for (const Route &r : c.routes) {
        if (r.name != u"AutoCreatedLocal"_qs)
            out.append(u"route %1 %2 %3 %4 %5"_qs.arg(r.name, r.remoteServiceName, r.brokerInstance, r.address, r.mirrorAddress));
    }
    std::sort(out.begin(), out.end());
    return out;
}

/// The design without what DDL cannot carry (bindings whose user the catalog does not name,
/// VALID_XML without a collection name).
BrokerDesign writable(BrokerDesign d)
{
    for (const DesignRef &ref : d.objects()) {
        if (!DesignDdlWriter::unwritableReason(d, ref).isEmpty()) {
            if (ref.kind == ObjectKind::RemoteServiceBinding)
                d.bindings.removeIf([&](const DesignBinding &b) { return b.name == ref.name; });
        }
    }
    return d;
}

} // namespace

class TestDesignDdl : public QObject
{
    Q_OBJECT

private slots:
    void golden_data();
    void golden();
    void deterministic();
    void identifiersAlwaysQuoted();
    void roundTrip_data();
    void roundTrip();
    void unwritableObjectsAreSaid();
};

void TestDesignDdl::golden_data()
{
    QTest::addColumn<BrokerDesign>("design");
    QTest::addColumn<bool>("ifNotExists");
    QTest::addColumn<QString>("golden");
    QTest::newRow("empty") << BrokerDesign{} << true << u"empty"_qs;
    QTest::newRow("sample") << BrokerDesign::fromCatalog(sampleCatalog()) << true << u"sample"_qs;
    QTest::newRow("hostile") << BrokerDesign::fromCatalog(designtest::hostileCatalog()) << true << u"hostile"_qs;
    QTest::newRow("full") << designtest::fullDesign() << true << u"full"_qs;
    QTest::newRow("full-plain") << designtest::fullDesign() << false << u"full-plain"_qs;
}

void TestDesignDdl::golden()
{
    QFETCH(BrokerDesign, design);
    QFETCH(bool, ifNotExists);
    QFETCH(QString, golden);
    DesignDdlWriter::Options options;
    options.ifNotExists = ifNotExists;
    const QString actual = DesignDdlWriter::write(design, options);
    const QString path = goldenPath(golden);
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

void TestDesignDdl::deterministic()
{
    const BrokerDesign d = BrokerDesign::fromCatalog(designtest::demoCatalog());
    QCOMPARE(DesignDdlWriter::write(d), DesignDdlWriter::write(BrokerDesign(d)));
}

void TestDesignDdl::identifiersAlwaysQuoted()
{
    // Read back by the tokenizer, every hostile name is one delimited identifier or one string
    // literal, never words or operators that a name broke out into.
    const BrokerCatalog c = designtest::hostileCatalog();
    const QString sql = DesignDdlWriter::write(BrokerDesign::fromCatalog(c));
    QSet<QString> quoted;
    for (const TsqlToken &t : TsqlTokenizer::tokenize(sql)) {
        QCOMPARE(t.error, TsqlTokenError::None);
        if (t.kind == TsqlTokenKind::QuotedIdentifier)
            quoted.insert(t.identifier(sql));
        else if (t.kind == TsqlTokenKind::Word)
            QVERIFY2(!t.text(sql).contains(u"Brien"_qs) && !t.text(sql).contains(u"brackets"_qs), qPrintable(t.text(sql).toString()));
    }
    for (const MessageType &m : c.messageTypes)
        QVERIFY2(isSystemObjectName(m.name) || quoted.contains(m.name), qPrintable(m.name));
    for (const Queue &q : c.queues)
        QVERIFY(quoted.contains(q.schema) && quoted.contains(q.name));
    QVERIFY(sql.contains(u"N'TCP://host''x:4022'"_qs));
}

void TestDesignDdl::roundTrip_data()
{
    QTest::addColumn<BrokerCatalog>("catalog");
    QTest::newRow("sample") << sampleCatalog();
    QTest::newRow("demo") << designtest::demoCatalog();
    QTest::newRow("hostile") << designtest::hostileCatalog();
}

void TestDesignDdl::roundTrip()
{
    // catalog → design → DDL → import → design → catalog: the same objects, by name.
    QFETCH(BrokerCatalog, catalog);
    const BrokerDesign design = BrokerDesign::fromCatalog(catalog);
    for (bool ifNotExists : {true, false}) {
        const QString sql = DesignDdlWriter::write(design, {true, ifNotExists});
        const DdlImportResult imported = DesignDdlParser::parse(sql);
        QVERIFY2(imported.ok(), qPrintable(imported.errors.isEmpty() ? QString() : imported.errors.first().toString()));
        QVERIFY(imported.skipped.isEmpty());
        BrokerDesign expected = writable(design);
        expected.databaseName.clear();
        QCOMPARE(imported.design, expected);
        BrokerCatalog original = catalog;
        original.remoteServiceBindings.clear();
        QCOMPARE(ddlSignature(imported.design.toCatalog()), ddlSignature(original));
    }
}

void TestDesignDdl::unwritableObjectsAreSaid()
{
    BrokerDesign d;
    d.messageTypes = {{u"m"_qs, {}, MessageValidation::ValidXml, {}}};
    d.contracts = {{u"c"_qs, {}, {}}};
    d.bindings = {{u"b"_qs, {}, u"//remote"_qs, {}, false}};
    const QString sql = DesignDdlWriter::write(d);
    QVERIFY(sql.contains(u"-- NOT WRITTEN: message type [m]: VALID_XML needs the name of its XML schema collection"_qs));
    QVERIFY(sql.contains(u"-- NOT WRITTEN: contract [c]: a contract needs at least one message type"_qs));
    QVERIFY(sql.contains(u"-- NOT WRITTEN: remote service binding [b]: WITH USER is required"_qs));
    QVERIFY(!sql.contains(u"CREATE"_qs));
}

QTEST_GUILESS_MAIN(TestDesignDdl)
#include "tst_designddl.moc"
