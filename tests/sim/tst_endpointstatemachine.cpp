#include "core/sim/endpointstatemachine.h"

#include <QTest>

using namespace bs;
using namespace bs::sim;

namespace {

const EndpointState States[] = {EndpointState::SO, EndpointState::SI, EndpointState::CO, EndpointState::DI,
                                EndpointState::DO, EndpointState::ER, EndpointState::CD};
const EndpointEvent Events[] = {EndpointEvent::Send, EndpointEvent::EndDialogArrives, EndpointEvent::ErrorArrives,
                                EndpointEvent::End, EndpointEvent::EndWithError, EndpointEvent::EndWithCleanup,
                                EndpointEvent::LifetimeExpires, EndpointEvent::RetentionEnds};

// What a transition does, in words: next state ("deleted", "fail", "-" for no effect) and its
// side effects.
QString describe(const EndpointTransition &t)
{
    QString s = t.fails ? QStringLiteral("fail")
        : t.ignored     ? QStringLiteral("-")
        : t.deleted     ? QStringLiteral("deleted")
                        : endpointStateCode(t.state);
    if (t.sendsMessage)
        s += QStringLiteral(" +send");
    if (t.sendsEndDialog)
        s += QStringLiteral(" +enddialog");
    if (t.sendsError)
        s += QStringLiteral(" +error");
    if (t.queuesLocalError)
        s += QStringLiteral(" +localerr");
    if (t.dropsMessage)
        s += QStringLiteral(" +drop");
    if (t.removesOwnMessages)
        s += QStringLiteral(" +purge");
    return s;
}

// SERVICE_BROKER.md §3, one line per event, one column per state SO SI CO DI DO ER CD.
// The two sides differ only where a closing endpoint is deleted (initiator) or kept CLOSED
// until its security timestamp or lifetime (target).
const char *const InitiatorTable[] = {
    /* SEND             */ "CO +send|fail|CO +send|fail|fail|fail|fail",
    /* EndDialog        */ "-|DI|DI|-|deleted|-|-",
    /* Error arrives    */ "-|ER +localerr|ER +localerr|ER +localerr|deleted +drop|-|- +drop",
    /* END              */ "deleted|DO +enddialog +purge|DO +enddialog +purge|deleted +enddialog +purge|fail|deleted +purge|fail",
    /* END WITH ERROR   */ "deleted|deleted +error +purge|deleted +error +purge|deleted +enddialog +purge|fail|deleted +purge|fail",
    /* END WITH CLEANUP */ "deleted +purge|deleted +purge|deleted +purge|deleted +purge|deleted +purge|deleted +purge|deleted +purge",
    /* lifetime expires */ "ER +localerr|ER +localerr|ER +localerr|ER +localerr|deleted +drop|-|deleted",
    /* retention ends   */ "-|-|-|-|-|-|deleted",
};
const char *const TargetTable[] = {
    /* SEND             */ "CO +send|fail|CO +send|fail|fail|fail|fail",
    /* EndDialog        */ "-|DI|DI|-|CD|-|-",
    /* Error arrives    */ "-|ER +localerr|ER +localerr|ER +localerr|deleted +drop|-|- +drop",
    /* END              */ "deleted|DO +enddialog +purge|DO +enddialog +purge|CD +enddialog +purge|fail|CD +purge|fail",
    /* END WITH ERROR   */ "deleted|CD +error +purge|CD +error +purge|CD +enddialog +purge|fail|CD +purge|fail",
    /* END WITH CLEANUP */ "deleted +purge|deleted +purge|deleted +purge|deleted +purge|deleted +purge|deleted +purge|deleted +purge",
    /* lifetime expires */ "ER +localerr|ER +localerr|ER +localerr|ER +localerr|deleted +drop|-|deleted",
    /* retention ends   */ "-|-|-|-|-|-|deleted",
};

} // namespace

class TestEndpointStateMachine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void transition_data();
    void transition();
    void everyPairIsCovered();
};

void TestEndpointStateMachine::transition_data()
{
    QTest::addColumn<bool>("initiator");
    QTest::addColumn<int>("state");
    QTest::addColumn<int>("event");
    QTest::addColumn<QString>("expected");
    for (const bool initiator : {true, false}) {
        const char *const *table = initiator ? InitiatorTable : TargetTable;
        for (int e = 0; e < EndpointEventCount; ++e) {
            const QStringList cells = QString::fromLatin1(table[e]).split(QLatin1Char('|'));
            QCOMPARE(cells.size(), EndpointStateCount);
            for (int s = 0; s < EndpointStateCount; ++s) {
                const QString name = QStringLiteral("%1 %2 %3").arg(initiator ? QStringLiteral("initiator") : QStringLiteral("target"),
                                                                    endpointStateCode(States[s]), endpointEventName(Events[e]));
                QTest::newRow(qPrintable(name)) << initiator << int(States[s]) << int(Events[e]) << cells.at(s);
            }
        }
    }
}

void TestEndpointStateMachine::transition()
{
    QFETCH(bool, initiator);
    QFETCH(int, state);
    QFETCH(int, event);
    QFETCH(QString, expected);
    QCOMPARE(describe(EndpointStateMachine::apply(EndpointState(state), initiator, EndpointEvent(event))), expected);
}

void TestEndpointStateMachine::everyPairIsCovered()
{
    // The tables above are complete: 8 events × 7 states × 2 sides, each with a named event.
    QCOMPARE(int(std::size(Events)), EndpointEventCount);
    QCOMPARE(int(std::size(States)), EndpointStateCount);
    QCOMPARE(int(std::size(InitiatorTable)), EndpointEventCount);
    QCOMPARE(int(std::size(TargetTable)), EndpointEventCount);
    for (const EndpointEvent e : Events)
        QVERIFY(!endpointEventName(e).isEmpty());
}

QTEST_GUILESS_MAIN(TestEndpointStateMachine)
#include "tst_endpointstatemachine.moc"
