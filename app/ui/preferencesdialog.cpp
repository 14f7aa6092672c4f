#include "ui/preferencesdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace bs {

namespace {

QString spanText(int samples, int intervalMs)
{
    const qint64 seconds = qint64(samples) * intervalMs / 1000;
    if (seconds < 120)
        return PreferencesDialog::tr("≈ %1 s at the default interval").arg(seconds);
    if (seconds < 7200)
        return PreferencesDialog::tr("≈ %1 min at the default interval").arg(seconds / 60);
    return PreferencesDialog::tr("≈ %1 h at the default interval").arg(QString::number(double(seconds) / 3600, 'f', 1));
}

} // namespace

PreferencesDialog::PreferencesDialog(Settings *settings, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
{
    setWindowTitle(tr("Preferences"));
    auto *layout = new QVBoxLayout(this);
    auto *pages = new QTabWidget(this);
    pages->addTab(createMonitoringPage(), tr("Monitoring"));
    layout->addWidget(pages);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Apply
                                         | QDialogButtonBox::RestoreDefaults,
                                     this);
    m_buttons->button(QDialogButtonBox::RestoreDefaults)
        ->setToolTip(tr("Put the default values back in the fields (saved when you press OK or Apply)."));
    m_buttons->button(QDialogButtonBox::Apply)->setToolTip(tr("Save now; open monitor tabs use the new thresholds at once."));
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &PreferencesDialog::apply);
    connect(m_buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            &PreferencesDialog::restoreDefaults);
    layout->addWidget(m_buttons);

    load(m_settings->monitorDefaultIntervalMs(), m_settings->historyRetentionDays(), m_settings->alertSettings());
}

PreferencesDialog::~PreferencesDialog() = default;

QWidget *PreferencesDialog::createMonitoringPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);

    auto *sampling = new QGroupBox(tr("Sampling and history"), page);
    auto *samplingForm = new QFormLayout(sampling);
    m_interval = new QSpinBox(sampling);
    m_interval->setObjectName(QStringLiteral("defaultInterval"));
    m_interval->setRange(Settings::MinIntervalMs / 1000, Settings::MaxIntervalMs / 1000);
    m_interval->setSuffix(tr(" s"));
    m_interval->setToolTip(tr("How often a new monitor tab queries a server (1 s to 10 min). Each sample is a few "
                              "catalog and DMV queries; a slow sample delays the next instead of piling up. The "
                              "monitor tab remembers the interval you pick there per connection."));
    samplingForm->addRow(tr("Default sampling &interval:"), m_interval);
    m_retention = new QSpinBox(sampling);
    m_retention->setObjectName(QStringLiteral("retentionDays"));
    m_retention->setRange(Settings::MinRetentionDays, Settings::MaxRetentionDays);
    m_retention->setSuffix(tr(" days"));
    m_retention->setToolTip(tr("Samples older than this are deleted from the local history of each connection when "
                               "its monitor opens. A day at 5 s sampling is 17,280 samples."));
    samplingForm->addRow(tr("Keep &history for:"), m_retention);
    layout->addWidget(sampling);

    auto *alerts = new QGroupBox(tr("Alert thresholds"), page);
    auto *form = new QFormLayout(alerts);
    const auto addThreshold = [this, alerts, form](Settings::Threshold t, const QString &label, const QString &suffix) {
        auto *spin = new QSpinBox(alerts);
        spin->setObjectName(QStringLiteral("threshold%1").arg(int(t)));
        spin->setRange(Settings::thresholdMinimum(t), Settings::thresholdMaximum(t));
        spin->setSuffix(suffix);
        spin->setGroupSeparatorShown(true);
        spin->setToolTip(thresholdToolTip(t));
        m_thresholds.insert(t, spin);
        auto *labelWidget = new QLabel(label, alerts);
        // QLabel measures its text without the mnemonic's underline run but paints with it, and the
        // run breaks kerning pairs ("&Tr"): the painted text can be a pixel or two wider than the
        // width the form gives it. Room to the right keeps the last letter whole at any font size.
        labelWidget->setContentsMargins(0, 0, labelWidget->fontMetrics().averageCharWidth() / 2 + 1, 0);
        labelWidget->setBuddy(spin);
        labelWidget->setToolTip(spin->toolTip());
        form->addRow(labelWidget, spin);
        return spin;
    };
    const auto addHint = [alerts, form]() {
        auto *hint = new QLabel(alerts);
        hint->setStyleSheet(QStringLiteral("color: palette(mid);"));
        form->addRow(QString(), hint);
        return hint;
    };
    addThreshold(Settings::Threshold::LeakWindowSamples, tr("Endpoint &leak: window"), tr(" samples"));
    m_leakSpan = addHint();
    addThreshold(Settings::Threshold::LeakMinIncrease, tr("Endpoint leak: &growth"), tr(" endpoints"));
    addThreshold(Settings::Threshold::SteadyPercent, tr("Endpoint leak: &steady steps"), tr(" %"));
    addThreshold(Settings::Threshold::DepthGrowthSamples, tr("Readers saturated: &window"), tr(" samples"));
    m_depthSpan = addHint();
    addThreshold(Settings::Threshold::DepthMinIncrease, tr("Readers saturated: &queue growth"), tr(" messages"));
    addThreshold(Settings::Threshold::NotifiedStuckSeconds, tr("&Activation stuck in NOTIFIED"), tr(" s"));
    addThreshold(Settings::Threshold::TransmissionAgeSeconds, tr("&Transmission queue age"), tr(" s"));
    addThreshold(Settings::Threshold::NeverExpiringMinCount, tr("&Never-expiring endpoints"), tr(" endpoints"));
    addThreshold(Settings::Threshold::ActivationErrorSamples, tr("Activation &errors: window"), tr(" samples"));
    m_activationSpan = addHint();
    layout->addWidget(alerts);
    layout->addStretch(1);

    for (QSpinBox *spin : {m_interval, m_thresholds.value(Settings::Threshold::LeakWindowSamples),
                           m_thresholds.value(Settings::Threshold::DepthGrowthSamples),
                           m_thresholds.value(Settings::Threshold::ActivationErrorSamples)})
        connect(spin, &QSpinBox::valueChanged, this, &PreferencesDialog::updateWindowHints);
    return page;
}

QString PreferencesDialog::thresholdToolTip(Settings::Threshold threshold)
{
    switch (threshold) {
    case Settings::Threshold::LeakWindowSamples:
        return tr("How many recent samples the leak rule looks at for each (local service, far service) pair. "
                  "Endpoints that keep piling up over this window mean one side never ENDs its conversations "
                  "(fire-and-forget, or a target that never answers). A longer window ignores bursts but warns later.");
    case Settings::Threshold::LeakMinIncrease:
        return tr("How many endpoints a service pair must gain over the window before it counts as a leak. A busy "
                  "pair opens and closes many dialogs; a few dozen more than before is normal churn.");
    case Settings::Threshold::SteadyPercent:
        return tr("Share of the sample-to-sample steps that must not go down. 75 % means growth that keeps going, "
                  "not one burst that drains again.");
    case Settings::Threshold::DepthGrowthSamples:
        return tr("Samples in a row during which a queue runs MAX_QUEUE_READERS activated tasks while its depth "
                  "keeps growing: activation cannot keep up. Raise MAX_QUEUE_READERS or make the activated "
                  "procedure faster.");
    case Settings::Threshold::DepthMinIncrease:
        return tr("Messages the queue must gain over that window. A few messages waiting for busy readers is how a "
                  "well-loaded queue looks.");
    case Settings::Threshold::NotifiedStuckSeconds:
        return tr("How long a queue monitor may stay NOTIFIED with messages waiting and no activated task running. "
                  "Service Broker waits for the activated procedure to RECEIVE before it activates again; a "
                  "procedure that fails or returns without receiving stalls the queue.");
    case Settings::Threshold::TransmissionAgeSeconds:
        return tr("How long messages may wait in sys.transmission_queue before it is an alert. Messages stay there "
                  "until the far side acknowledges them; transmission_status says why (no route, endpoint not "
                  "reachable, certificate or permission errors).");
    case Settings::Threshold::ActivationErrorSamples:
        // Counter meaning from Microsoft Learn, "SQL Server, Broker Statistics object" (ms191266).
        return tr("Samples over which the Broker Statistics counter \"Activation Errors Total\" is watched: the number "
                  "of times an activated stored procedure exited with an error. Any increase within the window raises "
                  "the alert (look at the procedure's error handling and the SQL Server error log); no increase for "
                  "this many samples clears it.");
    case Settings::Threshold::NeverExpiringMinCount:
        return tr("How many endpoints of one service pair, in a state other than CONVERSING, whose lifetime is more "
                  "than a year away. Without a dialog LIFETIME nothing removes them by expiry: they stay in "
                  "sys.conversation_endpoints until someone ENDs them.");
    }
    return {};
}

void PreferencesDialog::load(int intervalMs, int retentionDays, const AlertSettings &alerts)
{
    m_interval->setValue(intervalMs / 1000);
    m_retention->setValue(retentionDays);
    for (auto it = m_thresholds.cbegin(); it != m_thresholds.cend(); ++it)
        it.value()->setValue(Settings::thresholdValue(alerts, it.key()));
    updateWindowHints();
}

void PreferencesDialog::updateWindowHints()
{
    const int ms = m_interval->value() * 1000;
    m_leakSpan->setText(spanText(m_thresholds.value(Settings::Threshold::LeakWindowSamples)->value(), ms));
    m_depthSpan->setText(spanText(m_thresholds.value(Settings::Threshold::DepthGrowthSamples)->value(), ms));
    m_activationSpan->setText(spanText(m_thresholds.value(Settings::Threshold::ActivationErrorSamples)->value(), ms));
}

void PreferencesDialog::restoreDefaults()
{
    load(Settings::DefaultIntervalMs, Settings::DefaultRetentionDays, AlertSettings{});
}

AlertSettings PreferencesDialog::editedAlertSettings() const
{
    AlertSettings result;
    for (auto it = m_thresholds.cbegin(); it != m_thresholds.cend(); ++it)
        Settings::setThresholdValue(result, it.key(), it.value()->value());
    return result;
}

void PreferencesDialog::apply()
{
    m_settings->setMonitorDefaultIntervalMs(m_interval->value() * 1000);
    m_settings->setHistoryRetentionDays(m_retention->value());
    m_settings->setAlertSettings(editedAlertSettings());
}

} // namespace bs
