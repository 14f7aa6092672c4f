#include "ui/preferencesdialog.h"

#include "core/alerts/alertruleregistry.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

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

// The label with an Alt mnemonic on its first letter not taken yet ("Endpoint &leak: window").
QString withMnemonic(const QString &label, QString *taken)
{
    for (qsizetype i = 0; i < label.size(); ++i) {
        const QChar c = label.at(i).toLower();
        if (c.isLetter() && c.unicode() < 128 && !taken->contains(c)) {
            taken->append(c);
            return label.left(i) + QLatin1Char('&') + label.mid(i);
        }
    }
    return label;
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
    pages->addTab(createAlertsPage(), tr("Alert rules"));
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

    load(m_settings->monitorDefaultIntervalMs(), m_settings->historyRetentionDays(), m_settings->alertSettings(),
         m_settings->samplingPolicy());
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

    // Issue #13: what sampling may cost the server (core/census/samplingpolicy.h).
    auto *cost = new QGroupBox(tr("Cost on the server"), page);
    auto *costForm = new QFormLayout(cost);
    m_censusRows = new QSpinBox(cost);
    m_censusRows->setObjectName(QStringLiteral("censusSmallTableRows"));
    m_censusRows->setRange(int(SamplingPolicy::MinCensusSmallTableRows), int(SamplingPolicy::MaxCensusSmallTableRows));
    m_censusRows->setSingleStep(10000);
    m_censusRows->setGroupSeparatorShown(true);
    m_censusRows->setSuffix(tr(" rows"));
    m_censusRows->setToolTip(tr("The census groups the whole of sys.conversation_endpoints and sys.transmission_queue. "
                                "Up to this many rows it runs with every sample; above, less often as the table "
                                "grows. Every sample reads the totals from partition metadata, which costs the "
                                "same at any size."));
    costForm->addRow(tr("&Census every sample up to:"), m_censusRows);
    m_timeShare = new QSpinBox(cost);
    m_timeShare->setObjectName(QStringLiteral("serverTimeShare"));
    m_timeShare->setRange(SamplingPolicy::MinServerTimeSharePercent, SamplingPolicy::MaxServerTimeSharePercent);
    m_timeShare->setSuffix(tr(" %"));
    m_timeShare->setToolTip(tr("The sampling interval stretches with the measured time of a sample, so that sampling "
                               "never takes more than this share of the time: at 10 %, a sample that takes 1.2 s is "
                               "followed by the next one 12 s after it started."));
    costForm->addRow(tr("Server &time share at most:"), m_timeShare);
    m_censusRule = new QLabel(cost);
    m_censusRule->setObjectName(QStringLiteral("censusRule"));
    m_censusRule->setWordWrap(true);
    m_censusRule->setStyleSheet(QStringLiteral("color: palette(mid);"));
    costForm->addRow(m_censusRule);
    layout->addWidget(cost);
    layout->addStretch(1);
    connect(m_interval, &QSpinBox::valueChanged, this, &PreferencesDialog::updateWindowHints);
    connect(m_censusRows, &QSpinBox::valueChanged, this, &PreferencesDialog::updateWindowHints);
    return page;
}

QWidget *PreferencesDialog::createAlertsPage()
{
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *page = new QWidget(scroll);
    auto *form = new QFormLayout(page);
    QString taken = QStringLiteral("ihct"); // the Monitoring page's &interval, &history, &census, &time share
    for (const AlertThreshold &t : AlertRuleRegistry::thresholds()) {
        const ThresholdSpec &spec = t.spec;
        auto *spin = new QDoubleSpinBox(page);
        spin->setObjectName(QStringLiteral("threshold_") + spec.key);
        spin->setDecimals(spec.decimals);
        spin->setRange(spec.minimum, spec.maximum);
        if (!spec.unit.isEmpty())
            spin->setSuffix(QLatin1Char(' ') + spec.unit);
        spin->setGroupSeparatorShown(true);
        spin->setToolTip(spec.toolTip);
        m_thresholds.insert(spec.key, spin);
        auto *labelWidget = new QLabel(withMnemonic(spec.label, &taken) + QLatin1Char(':'), page);
        // QLabel measures its text without the mnemonic's underline run but paints with it, and the
        // run breaks kerning pairs ("&Tr"): the painted text can be a pixel or two wider than the
        // width the form gives it. Room to the right keeps the last letter whole at any font size.
        labelWidget->setContentsMargins(0, 0, labelWidget->fontMetrics().averageCharWidth() / 2 + 1, 0);
        labelWidget->setBuddy(spin);
        labelWidget->setToolTip(spin->toolTip());
        form->addRow(labelWidget, spin);
        if (spec.unit == QLatin1String("samples")) {
            auto *hint = new QLabel(page);
            hint->setStyleSheet(QStringLiteral("color: palette(mid);"));
            form->addRow(QString(), hint);
            m_spans.insert(spec.key, hint);
            connect(spin, &QDoubleSpinBox::valueChanged, this, &PreferencesDialog::updateWindowHints);
        }
    }
    scroll->setWidget(page);
    // Wide enough for every field and hint; only the height scrolls (the list grows with the rules).
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(page->sizeHint().width() + scroll->verticalScrollBar()->sizeHint().width()
                            + 2 * scroll->frameWidth());
    scroll->setMinimumHeight(std::min(page->sizeHint().height(), 420));
    return scroll;
}

void PreferencesDialog::load(int intervalMs, int retentionDays, const AlertSettings &alerts, const SamplingPolicy &policy)
{
    m_censusRows->setValue(int(policy.clamped().censusSmallTableRows));
    m_timeShare->setValue(policy.clamped().serverTimeSharePercent);
    m_interval->setValue(intervalMs / 1000);
    m_retention->setValue(retentionDays);
    for (const AlertThreshold &t : AlertRuleRegistry::thresholds())
        m_thresholds.value(t.spec.key)->setValue(t.get(alerts));
    updateWindowHints();
}

void PreferencesDialog::updateWindowHints()
{
    const int ms = m_interval->value() * 1000;
    for (auto it = m_spans.cbegin(); it != m_spans.cend(); ++it)
        it.value()->setText(spanText(int(m_thresholds.value(it.key())->value()), ms));
    m_censusRule->setText(tr("At the default interval: %1").arg(editedSamplingPolicy().describeCensus(ms)));
}

void PreferencesDialog::restoreDefaults()
{
    load(Settings::DefaultIntervalMs, Settings::DefaultRetentionDays, AlertSettings{}, SamplingPolicy{});
}

AlertSettings PreferencesDialog::editedAlertSettings() const
{
    AlertSettings result;
    for (const AlertThreshold &t : AlertRuleRegistry::thresholds())
        t.set(result, m_thresholds.value(t.spec.key)->value());
    return result;
}

SamplingPolicy PreferencesDialog::editedSamplingPolicy() const
{
    SamplingPolicy p;
    p.censusSmallTableRows = m_censusRows->value();
    p.serverTimeSharePercent = m_timeShare->value();
    return p;
}

void PreferencesDialog::apply()
{
    m_settings->setSamplingPolicy(editedSamplingPolicy());
    m_settings->setMonitorDefaultIntervalMs(m_interval->value() * 1000);
    m_settings->setHistoryRetentionDays(m_retention->value());
    m_settings->setAlertSettings(editedAlertSettings());
}

} // namespace bs
