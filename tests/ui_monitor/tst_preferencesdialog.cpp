#include "core/alerts/alertruleregistry.h"
#include "data/settings.h"
#include "ui/preferencesdialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace bs;

/// Edit > Preferences, Monitoring page: fields show the settings, only valid values can be
/// entered, Apply/OK save, Cancel does not, Restore Defaults refills the fields.
class TestPreferencesDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QFile::remove(iniFile()); }
    void showsSavedValues();
    void applySavesAndCancelDoesNot();
    void fieldsRefuseOutOfRangeValues_data();
    void fieldsRefuseOutOfRangeValues();
    void restoreDefaults();
    void everyThresholdExplainsItself();
    void labelsAreNotClipped_data();
    void labelsAreNotClipped();
    void mnemonicsAreUnique();

private:
    QString iniFile() const { return m_dir.filePath(QStringLiteral("prefs.ini")); }
    QTemporaryDir m_dir;
};

void TestPreferencesDialog::showsSavedValues()
{
    Settings settings(iniFile());
    settings.setMonitorDefaultIntervalMs(15000);
    settings.setHistoryRetentionDays(90);
    AlertSettings alerts;
    alerts.transmissionAgeSeconds = 600;
    alerts.steadyFraction = 0.8;
    settings.setAlertSettings(alerts);
    PreferencesDialog dialog(&settings);
    QCOMPARE(dialog.intervalEditor()->value(), 15);
    QCOMPARE(dialog.retentionEditor()->value(), 90);
    QCOMPARE(dialog.thresholdEditor(QStringLiteral("transmissionAgeSeconds"))->value(), 600);
    QCOMPARE(dialog.thresholdEditor(QStringLiteral("steadyPercent"))->value(), 80);
    QCOMPARE(dialog.editedAlertSettings(), alerts);
    // Sample windows are also said in time at the default interval (12 samples at 15 s).
    QStringList hints;
    for (QLabel *label : dialog.findChildren<QLabel *>())
        hints.append(label->text());
    QVERIFY2(hints.contains(QStringLiteral("≈ 3 min at the default interval")), qPrintable(hints.join(QLatin1Char('|'))));

    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QDir().mkpath(QStringLiteral(BS_TEST_ARTIFACT_DIR));
    QVERIFY(dialog.grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/preferences.png")));
    auto *pages = dialog.findChild<QTabWidget *>();
    QVERIFY(pages);
    pages->setCurrentIndex(1);
    QVERIFY(dialog.thresholdEditor(QStringLiteral("leakWindowSamples"))->isVisible());
    QVERIFY(dialog.grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/preferences-alerts.png")));
}

void TestPreferencesDialog::applySavesAndCancelDoesNot()
{
    Settings settings(iniFile());
    {
        PreferencesDialog dialog(&settings);
        dialog.thresholdEditor(QStringLiteral("leakWindowSamples"))->setValue(36);
        dialog.retentionEditor()->setValue(7);
        dialog.buttons()->button(QDialogButtonBox::Cancel)->click();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }
    QCOMPARE(settings.alertSettings().leakWindowSamples, AlertSettings{}.leakWindowSamples);
    QCOMPARE(settings.historyRetentionDays(), Settings::DefaultRetentionDays);

    // A second Settings on the same file stands for an open monitor tab.
    Settings tab(iniFile());
    PreferencesDialog dialog(&settings);
    dialog.thresholdEditor(QStringLiteral("leakWindowSamples"))->setValue(36);
    dialog.intervalEditor()->setValue(30);
    dialog.buttons()->button(QDialogButtonBox::Apply)->click();
    QCOMPARE(tab.alertSettings().leakWindowSamples, 36);
    QCOMPARE(tab.monitorDefaultIntervalMs(), 30000);
    dialog.retentionEditor()->setValue(7);
    dialog.buttons()->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(tab.historyRetentionDays(), 7);
}

void TestPreferencesDialog::fieldsRefuseOutOfRangeValues_data()
{
    QTest::addColumn<QString>("threshold"); // "interval", "retention" or a threshold key
    QTest::addColumn<QString>("typed");
    QTest::addColumn<int>("expected");
    QTest::newRow("interval 0 s") << QStringLiteral("interval") << QStringLiteral("0") << 1;
    QTest::newRow("interval 1 h") << QStringLiteral("interval") << QStringLiteral("3600") << 600;
    QTest::newRow("retention 0") << QStringLiteral("retention") << QStringLiteral("0") << 1;
    QTest::newRow("steady 101 %") << QStringLiteral("steadyPercent") << QStringLiteral("101") << 100;
    QTest::newRow("leak window 1") << QStringLiteral("leakWindowSamples") << QStringLiteral("1") << 3;
}

void TestPreferencesDialog::fieldsRefuseOutOfRangeValues()
{
    QFETCH(QString, threshold);
    QFETCH(QString, typed);
    QFETCH(int, expected);
    Settings settings(iniFile());
    PreferencesDialog dialog(&settings);
    int shown = 0;
    if (threshold == QLatin1String("interval") || threshold == QLatin1String("retention")) {
        QSpinBox *spin = threshold == QLatin1String("interval") ? dialog.intervalEditor() : dialog.retentionEditor();
        spin->setValue(typed.toInt());
        shown = spin->value();
    } else {
        QDoubleSpinBox *spin = dialog.thresholdEditor(threshold);
        QVERIFY(spin);
        spin->setValue(typed.toDouble());
        shown = int(spin->value());
    }
    QCOMPARE(shown, expected);
    dialog.apply();
    // What was saved is what the field shows, inside the threshold's own range.
    int saved = 0;
    if (threshold == QLatin1String("interval"))
        saved = settings.monitorDefaultIntervalMs() / 1000;
    else if (threshold == QLatin1String("retention"))
        saved = settings.historyRetentionDays();
    else
        saved = int(AlertRuleRegistry::threshold(threshold)->get(settings.alertSettings()));
    QCOMPARE(saved, expected);
}

void TestPreferencesDialog::restoreDefaults()
{
    Settings settings(iniFile());
    AlertSettings changed;
    changed.neverExpiringMinCount = 5;
    settings.setAlertSettings(changed);
    settings.setHistoryRetentionDays(400);
    PreferencesDialog dialog(&settings);
    QCOMPARE(dialog.thresholdEditor(QStringLiteral("neverExpiringMinCount"))->value(), 5);
    dialog.buttons()->button(QDialogButtonBox::RestoreDefaults)->click();
    QCOMPARE(dialog.editedAlertSettings(), AlertSettings{});
    QCOMPARE(dialog.retentionEditor()->value(), Settings::DefaultRetentionDays);
    QCOMPARE(dialog.intervalEditor()->value(), Settings::DefaultIntervalMs / 1000);
    // Not saved until OK or Apply.
    QCOMPARE(settings.alertSettings(), changed);
    dialog.apply();
    QCOMPARE(settings.alertSettings(), AlertSettings{});
    QCOMPARE(settings.historyRetentionDays(), Settings::DefaultRetentionDays);
}

void TestPreferencesDialog::everyThresholdExplainsItself()
{
    Settings settings(iniFile());
    PreferencesDialog dialog(&settings);
    for (const AlertThreshold &t : AlertRuleRegistry::thresholds()) {
        QDoubleSpinBox *spin = dialog.thresholdEditor(t.spec.key);
        QVERIFY2(spin, qPrintable(t.spec.key));
        QCOMPARE(spin->minimum(), t.spec.minimum);
        QCOMPARE(spin->maximum(), t.spec.maximum);
        QCOMPARE(spin->decimals(), t.spec.decimals);
        QVERIFY2(spin->toolTip().size() > 80, qPrintable(spin->toolTip()));
    }
}

void TestPreferencesDialog::labelsAreNotClipped_data()
{
    QTest::addColumn<int>("pixelSize"); // 0: the platform's default font
    QTest::newRow("default font") << 0;
    QTest::newRow("large font") << 20;
}

void TestPreferencesDialog::labelsAreNotClipped()
{
    QFETCH(int, pixelSize);
    const QFont before = QApplication::font();
    if (pixelSize > 0) {
        QFont f = before;
        f.setPixelSize(pixelSize);
        QApplication::setFont(f);
    }
    Settings settings(iniFile());
    PreferencesDialog dialog(&settings);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    // A label whose painted text is wider than the width it was given has ink in its last
    // pixel column (seen with "&Transmission queue age": the mnemonic split the "Tr" kerning).
    QStringList clipped;
    for (QLabel *label : dialog.findChildren<QLabel *>()) {
        if (!label->isVisible() || label->text().isEmpty() || label->wordWrap())
            continue;
        const QImage image = label->grab().toImage();
        const QRgb background = label->palette().color(QPalette::Window).rgb();
        const int x = image.width() - 1;
        for (int y = 0; y < image.height(); ++y) {
            if (qAbs(qGray(image.pixel(x, y)) - qGray(background)) > 24) {
                clipped << label->text();
                break;
            }
        }
        if (label->width() < label->sizeHint().width())
            clipped << label->text() + QStringLiteral(" (narrower than its size hint)");
    }
    QDir().mkpath(QStringLiteral(BS_TEST_ARTIFACT_DIR));
    QVERIFY(dialog.grab().save(QStringLiteral(BS_TEST_ARTIFACT_DIR "/preferences-%1.png").arg(pixelSize)));
    QApplication::setFont(before);
    QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QLatin1Char('|'))));
}

void TestPreferencesDialog::mnemonicsAreUnique()
{
    Settings settings(iniFile());
    PreferencesDialog dialog(&settings);
    QStringList seen;
    for (QLabel *label : dialog.findChildren<QLabel *>()) {
        const qsizetype i = label->text().indexOf(QLatin1Char('&'));
        if (i < 0 || i + 1 >= label->text().size())
            continue;
        const QString key = label->text().mid(i + 1, 1).toLower();
        QVERIFY2(!seen.contains(key), qPrintable(QStringLiteral("Alt+%1 twice: %2").arg(key, label->text())));
        seen << key;
    }
    QCOMPARE(seen.size(), AlertRuleRegistry::thresholds().size() + 4);
}

QTEST_MAIN(TestPreferencesDialog)
#include "tst_preferencesdialog.moc"
