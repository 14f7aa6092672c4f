#include "ui/monitor/alertspanel.h"

#include <QListWidget>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTest>
#include <QTreeWidget>

using namespace bs;

namespace {

QDateTime at(int second)
{
    return QDateTime::fromSecsSinceEpoch(1700000000 + second, Qt::UTC);
}

Alert alert(const QString &key, const QString &seen, AlertSeverity severity = AlertSeverity::Warning)
{
    Alert a;
    a.kind = AlertKind::EndpointLeak;
    a.severity = severity;
    a.key = key;
    a.subject = key;
    a.title = QStringLiteral("Leak on ") + key;
    a.seen = seen;
    a.why = QStringLiteral("why");
    a.fixSql = QStringLiteral("SELECT 1\nFROM sys.conversation_endpoints AS ce WHERE ce.far_service = N'") +
               QString(200, QLatin1Char('x')) + QStringLiteral("';\n");
    a.since = at(0);
    return a;
}

} // namespace

/// The alerts panel keeps rows, selection and scroll while the alerts' texts change every sample.
class TestAlertsPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void updatesInPlace();
    void logKeepsRaiseTimeText();
    void roomForFourAlertsAndWrappedFix();
};

void TestAlertsPanel::updatesInPlace()
{
    AlertsPanel panel;
    panel.resize(380, 700);
    QList<Alert> active;
    for (int i = 0; i < 6; ++i)
        active.append(alert(QStringLiteral("k%1").arg(i), QStringLiteral("%1 endpoints").arg(3374 + i)));
    QList<AlertLogEntry> log;
    for (const Alert &a : active)
        log.append({a, at(0), std::nullopt});
    panel.setAlerts(active, log);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(panel.selectAlert(QStringLiteral("k4")));
    const QListWidget *list = panel.listView();
    QListWidgetItem *selectedItem = list->currentItem();
    const_cast<QListWidget *>(list)->scrollToBottom();
    const int scroll = list->verticalScrollBar()->value();

    // The next sample: same alerts, new numbers.
    for (Alert &a : active)
        a.seen.replace(QStringLiteral("33"), QStringLiteral("34"));
    panel.setAlerts(active, log);
    QCOMPARE(list->currentItem(), selectedItem); // the same row object, not a rebuilt one
    QCOMPARE(list->currentItem()->data(Qt::UserRole).toString(), QStringLiteral("k4"));
    QCOMPARE(list->currentItem()->toolTip(), active[4].seen);
    QCOMPARE(list->verticalScrollBar()->value(), scroll);
    QCOMPARE(list->count(), 6);

    // One alert clears: the selection stays on k4.
    active.removeAt(1);
    panel.setAlerts(active, log);
    QCOMPARE(list->count(), 5);
    QCOMPARE(list->currentItem()->data(Qt::UserRole).toString(), QStringLiteral("k4"));
    QCOMPARE(panel.currentFixSql(), active[3].fixSql);
    // The selected alert clears: the first one is selected.
    active.removeAt(3);
    panel.setAlerts(active, log);
    QCOMPARE(list->currentItem()->data(Qt::UserRole).toString(), QStringLiteral("k0"));
}

void TestAlertsPanel::logKeepsRaiseTimeText()
{
    AlertsPanel panel;
    Alert a = alert(QStringLiteral("k"), QStringLiteral("3374 endpoints"));
    QList<AlertLogEntry> log{{a, at(0), std::nullopt}};
    panel.setAlerts({a}, log);
    const QTreeWidget *view = panel.logView();
    QCOMPARE(view->topLevelItemCount(), 1);
    const QTreeWidgetItem *row = view->topLevelItem(0);
    a.seen = QStringLiteral("3396 endpoints");
    panel.setAlerts({a}, log);
    QCOMPARE(view->topLevelItem(0), row);
    QVERIFY(row->toolTip(2).contains(QStringLiteral("3374")));
    QCOMPARE(row->text(1), QStringLiteral("active"));
    // Cleared, then raised again: a new row at the top, the old one shows its cleared time.
    log[0].cleared = at(60);
    log.append({a, at(120), std::nullopt});
    panel.setAlerts({a}, log);
    QCOMPARE(view->topLevelItemCount(), 2);
    QCOMPARE(view->topLevelItem(1), row);
    QVERIFY(row->text(1) != QStringLiteral("active"));
    QCOMPARE(view->topLevelItem(0)->text(1), QStringLiteral("active"));
    // A replaced log (history loaded) is shown as given.
    panel.setAlerts({}, {{a, at(500), at(560)}});
    QCOMPARE(view->topLevelItemCount(), 1);
    QVERIFY(view->topLevelItem(0)->text(1) != QStringLiteral("active"));
}

void TestAlertsPanel::roomForFourAlertsAndWrappedFix()
{
    AlertsPanel panel;
    panel.resize(380, 500);
    QList<Alert> active;
    for (int i = 0; i < 4; ++i)
        active.append(alert(QStringLiteral("k%1").arg(i), QStringLiteral("seen")));
    panel.setAlerts(active, {});
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const QListWidget *list = panel.listView();
    // The fourth alert is fully visible without scrolling.
    const QRect last = list->visualItemRect(list->item(3));
    QVERIFY2(list->viewport()->rect().contains(last),
             qPrintable(QStringLiteral("list %1 px high, row 4 ends at %2")
                            .arg(list->viewport()->height())
                            .arg(last.bottom())));
    const auto *fix = panel.findChild<QPlainTextEdit *>(QStringLiteral("fixSql"));
    QVERIFY(fix);
    QCOMPARE(fix->lineWrapMode(), QPlainTextEdit::WidgetWidth);
    QCOMPARE(fix->horizontalScrollBar()->maximum(), 0); // nothing hidden to the right
}

QTEST_MAIN(TestAlertsPanel)
#include "tst_alertspanel.moc"
