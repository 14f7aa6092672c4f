#include "agent/labelfolding.h"

#include <QTest>

using namespace bs;

/// Bounded label values: one-off names folded by pattern, at most N pairs/queues/destinations per
/// database with the rest summed as "(other)", transmission_status reduced to classes.
class TestLabelFolding : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void foldName_data();
    void foldName();
    void bounded();
    void transmissionClass_data();
    void transmissionClass();
    void queryNotificationPairsFoldIntoOne();
    void pairsOverTheLimitAreSummed();
    void queuesFoldAndLimit();
    void transmissionFolds();
};

namespace {

EndpointGroup group(const QString &local, const QString &far, EndpointState state, qint64 count, bool initiator = false)
{
    EndpointGroup g;
    g.localService = local;
    g.farService = far;
    g.state = state;
    g.count = count;
    g.isInitiator = initiator;
    g.neverExpiring = count;
    return g;
}

} // namespace

void TestLabelFolding::foldName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("folded");
    QTest::newRow("query notification") << QStringLiteral("SqlQueryNotificationService-8b1c5e0a-4f2d-4c9e-9a51-0c3f7e2b6d14")
                                        << QStringLiteral("SqlQueryNotificationService-*");
    QTest::newRow("braced upper-case guid") << QStringLiteral("Reply_{8B1C5E0A-4F2D-4C9E-9A51-0C3F7E2B6D14}") << QStringLiteral("Reply_*");
    QTest::newRow("session number") << QStringLiteral("//App/Session/1234567") << QStringLiteral("//App/Session/*");
    QTest::newRow("ordinary") << QStringLiteral("//Orders/Target") << QStringLiteral("//Orders/Target");
    QTest::newRow("short number kept") << QStringLiteral("//Orders2024/Target") << QStringLiteral("//Orders2024/Target");
}

void TestLabelFolding::foldName()
{
    QFETCH(QString, name);
    QFETCH(QString, folded);
    QCOMPARE(LabelFolding::foldName(name), folded);
    QCOMPARE(LabelFolding::isOneOff(name), name != folded);
}

void TestLabelFolding::bounded()
{
    const QString longName(300, QLatin1Char('x'));
    QCOMPARE(LabelFolding::bounded(longName).size(), LabelFolding::MaxLabelLength);
    QCOMPARE(LabelFolding::bounded(QStringLiteral("a\nb\tc")), QStringLiteral("a b c"));
}

void TestLabelFolding::transmissionClass_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("klass");
    QTest::newRow("empty") << QString() << QStringLiteral("none");
    QTest::newRow("route") << QStringLiteral("The target service name could not be found. Ensure that the service name is specified correctly and/or the routing information has been supplied.")
                           << QStringLiteral("routing");
    QTest::newRow("security") << QStringLiteral("Dialog security is unavailable for this conversation because there is no security certificate bound to the database principal")
                              << QStringLiteral("security");
    QTest::newRow("connection") << QStringLiteral("Connection attempt failed with error: '10061(No connection could be made because the target machine actively refused it.)'.")
                                << QStringLiteral("connection");
    QTest::newRow("disabled") << QStringLiteral("The broker is disabled in the sender's database.") << QStringLiteral("disabled");
    QTest::newRow("other") << QStringLiteral("An error occurred while receiving data: '64(error not found)'.") << QStringLiteral("other");
}

void TestLabelFolding::transmissionClass()
{
    QFETCH(QString, status);
    QFETCH(QString, klass);
    QCOMPARE(LabelFolding::transmissionStatusClass(status), klass);
}

void TestLabelFolding::queryNotificationPairsFoldIntoOne()
{
    QList<EndpointGroup> groups;
    for (int i = 0; i < 40; ++i) {
        const QString guid = QStringLiteral("%1-4f2d-4c9e-9a51-0c3f7e2b6d14").arg(i, 8, 16, QLatin1Char('0'));
        groups.append(group(QStringLiteral("SqlQueryNotificationService-") + guid, QStringLiteral("http://schemas.microsoft.com/SQL/Notifications/QueryNotificationService"),
                            EndpointState::CO, 2));
    }
    groups.append(group(QStringLiteral("//Orders/Target"), QStringLiteral("//Orders/Initiator"), EndpointState::CO, 5));
    const LabelFolding::Endpoints e = LabelFolding::foldEndpoints(groups, 50);
    QCOMPARE(e.groups.size(), 2);
    QCOMPARE(e.counts.distinct, 2);
    QCOMPARE(e.counts.oneOff, 40);
    QCOMPARE(e.counts.overLimit, 0);
    const auto folded = std::find_if(e.groups.cbegin(), e.groups.cend(), [](const EndpointGroup &g) { return g.localService.endsWith(QLatin1Char('*')); });
    QVERIFY(folded != e.groups.cend());
    QCOMPARE(folded->count, 80);
    QCOMPARE(folded->neverExpiring, 80);
}

void TestLabelFolding::pairsOverTheLimitAreSummed()
{
    QList<EndpointGroup> groups;
    for (int i = 0; i < 10; ++i) {
        // Pair i has i+1 endpoints in CO on the initiator side and 1 in CD on the target side.
        groups.append(group(QStringLiteral("//L%1").arg(QChar(u'A' + i)), QStringLiteral("//F"), EndpointState::CO, i + 1, true));
        groups.append(group(QStringLiteral("//L%1").arg(QChar(u'A' + i)), QStringLiteral("//F"), EndpointState::CD, 1));
    }
    const LabelFolding::Endpoints e = LabelFolding::foldEndpoints(groups, 3);
    QCOMPARE(e.counts.distinct, 10);
    QCOMPARE(e.counts.overLimit, 7);
    qint64 total = 0;
    qint64 other = 0;
    QSet<QString> names;
    for (const EndpointGroup &g : e.groups) {
        total += g.count;
        names.insert(g.localService);
        if (g.localService == LabelFolding::otherLabel())
            other += g.count;
    }
    QCOMPARE(total, qint64(55 + 10)); // nothing lost
    QCOMPARE(names, (QSet<QString>{QStringLiteral("//LJ"), QStringLiteral("//LI"), QStringLiteral("//LH"), LabelFolding::otherLabel()}));
    QCOMPARE(other, qint64(1 + 2 + 3 + 4 + 5 + 6 + 7 + 7));
    QCOMPARE(e.groups.size(), 4 * 2); // (3 kept + other) × (CO initiator, CD target)
}

void TestLabelFolding::queuesFoldAndLimit()
{
    QList<QueueSample> queues;
    for (int i = 0; i < 5; ++i) {
        QueueSample q;
        q.schema = QStringLiteral("dbo");
        q.name = QStringLiteral("SqlQueryNotificationService-%1-4f2d-4c9e-9a51-0c3f7e2b6d14").arg(i, 8, 16, QLatin1Char('0'));
        q.depth = 1;
        q.isReceiveEnabled = i != 3;
        queues.append(q);
    }
    QueueSample big;
    big.schema = QStringLiteral("dbo");
    big.name = QStringLiteral("OrdersQueue");
    big.depth = 100;
    queues.append(big);
    QueueSample small = big;
    small.name = QStringLiteral("AuditQueue");
    small.depth = 0;
    queues.append(small);

    const LabelFolding::Queues q = LabelFolding::foldQueues(queues, 2);
    QCOMPARE(q.counts.oneOff, 5);
    QCOMPARE(q.counts.distinct, 3);
    QCOMPARE(q.counts.overLimit, 1);
    QCOMPARE(q.queues.size(), 3);
    const auto find = [&](const QString &name) {
        return *std::find_if(q.queues.cbegin(), q.queues.cend(), [&](const QueueSample &s) { return s.name == name; });
    };
    QCOMPARE(find(QStringLiteral("SqlQueryNotificationService-*")).depth, 5);
    QVERIFY(!find(QStringLiteral("SqlQueryNotificationService-*")).isReceiveEnabled);
    QCOMPARE(find(QStringLiteral("OrdersQueue")).depth, 100);
    QCOMPARE(find(LabelFolding::otherLabel()).depth, 0);
}

void TestLabelFolding::transmissionFolds()
{
    QList<TransmissionGroup> groups;
    for (int i = 0; i < 3; ++i)
        groups.append({QStringLiteral("//Remote/Target"), QStringLiteral("Connection attempt failed with error: '1006%1'").arg(i), 10, std::nullopt});
    groups.append({QStringLiteral("//Remote/Target"), QString(), 4, std::nullopt});
    const LabelFolding::Transmission t = LabelFolding::foldTransmission(groups, 50);
    QCOMPARE(t.groups.size(), 2);
    QCOMPARE(t.groups.at(0).status, QStringLiteral("connection"));
    QCOMPARE(t.groups.at(0).count, 30);
    QCOMPARE(t.groups.at(1).status, QStringLiteral("none"));
}

QTEST_GUILESS_MAIN(TestLabelFolding)
#include "tst_labelfolding.moc"
