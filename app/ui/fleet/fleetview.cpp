#include "ui/fleet/fleetview.h"

#include "agent/agentconfig.h"
#include "data/settings.h"
#include "ui/fleet/fleetmodel.h"
#include "ui/fleet/fleetsampler.h"
#include "ui/fleet/fleettiledelegate.h"
#include "ui/fleet/prometheusfleetreader.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace bs {

FleetView::FleetView(Settings &settings, QWidget *parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_model(new FleetModel(this))
    , m_sampler(new FleetSampler(this))
    , m_reader(new PrometheusFleetReader(this))
    , m_modeBox(new QComboBox(this))
    , m_url(new QLineEdit(this))
    , m_list(new QListView(this))
    , m_status(new QLabel(this))
{
    setWindowTitle(tr("Fleet"));
    m_modeBox->addItem(tr("Saved connection profiles"));
    m_modeBox->addItem(tr("Fleet file…"));
    m_modeBox->addItem(tr("Prometheus"));
    m_modeBox->setToolTip(tr("Where the tiles come from: the app samples your saved profiles (or a fleet file's targets) itself "
                             "every minute, or it reads a Prometheus that scrapes the Broker Studio agent (for large fleets)."));
    m_url->setPlaceholderText(QStringLiteral("http://prometheus.example:9090"));
    m_url->setText(m_settings.fleetPrometheusUrl());
    m_url->setToolTip(tr("The Prometheus server whose HTTP query API has the agent's broker_studio_* metrics"));
    auto *read = new QPushButton(tr("&Read"), this);
    read->setToolTip(tr("Read the fleet from this Prometheus now (then every 30 s)"));
    auto *openFile = new QPushButton(tr("&Open Fleet File…"), this);
    openFile->setToolTip(tr("A fleet file of the Broker Studio agent (JSON): one tile per target, sampled by the app"));

    m_list->setViewMode(QListView::IconMode);
    m_list->setResizeMode(QListView::Adjust);
    m_list->setMovement(QListView::Static);
    m_list->setUniformItemSizes(true);
    m_list->setSpacing(2);
    m_list->setWrapping(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setModel(m_model);
    m_list->setItemDelegate(new FleetTileDelegate(m_list));
    m_list->setToolTip(QString());
    m_status->setWordWrap(true);

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Show:"), this));
    bar->addWidget(m_modeBox);
    bar->addWidget(m_url, 1);
    bar->addWidget(read);
    bar->addWidget(openFile);
    bar->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_status);

    connect(m_sampler, &FleetSampler::tilesChanged, m_model, &FleetModel::setTiles);
    connect(m_reader, &PrometheusFleetReader::tilesChanged, this, [this](const QList<FleetTile> &tiles) {
        m_model->setTiles(tiles);
        setStatus(tr("%n database(s) from Prometheus %1, read at %2", nullptr, int(tiles.size()))
                      .arg(m_reader->baseUrl().toDisplayString(), QLocale().toString(QTime::currentTime(), QLocale::ShortFormat)));
    });
    connect(m_reader, &PrometheusFleetReader::failed, this,
            [this](const QString &why) { setStatus(tr("Prometheus %1 could not be read: %2").arg(m_reader->baseUrl().toDisplayString(), why)); });
    connect(m_modeBox, &QComboBox::activated, this, [this, openFile] {
        if (mode() == Mode::FleetFile && m_fleetFile.isEmpty())
            openFile->click();
        else
            applyMode();
    });
    connect(read, &QPushButton::clicked, this, [this] {
        m_settings.setFleetPrometheusUrl(m_url->text());
        setMode(Mode::Prometheus);
    });
    connect(m_url, &QLineEdit::returnPressed, read, &QPushButton::click);
    connect(openFile, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Fleet File"), {}, tr("Fleet files (*.json);;All files (*)"));
        if (path.isEmpty()) {
            applyMode();
            return;
        }
        QString error;
        if (!openFleetFile(path, &error))
            setStatus(error);
    });
    connect(m_list, &QListView::activated, this, &FleetView::activate);
    connect(&m_settings, &Settings::connectionProfilesChanged, this, [this] {
        if (mode() == Mode::Profiles)
            applyMode();
    });
    m_modeBox->setCurrentIndex(m_settings.fleetPrometheusUrl().isEmpty() ? 0 : 2);
    const auto updateControls = [this, read, openFile] {
        m_url->setVisible(mode() == Mode::Prometheus);
        read->setVisible(mode() == Mode::Prometheus);
        openFile->setVisible(mode() == Mode::FleetFile);
    };
    connect(m_modeBox, &QComboBox::currentIndexChanged, this, updateControls);
    updateControls();
    applyMode();
    resize(900, 560);
}

FleetView::~FleetView() = default;

FleetView::Mode FleetView::mode() const
{
    return Mode(m_modeBox->currentIndex());
}

void FleetView::setMode(Mode mode)
{
    m_modeBox->setCurrentIndex(int(mode));
    applyMode();
}

QString FleetView::statusText() const
{
    return m_status->text();
}

void FleetView::setStatus(const QString &text)
{
    m_status->setText(text);
}

bool FleetView::openFleetFile(const QString &path, QString *error)
{
    const auto config = AgentConfig::load(path, error);
    if (!config)
        return false;
    m_fleetFile = path;
    m_modeBox->setCurrentIndex(int(Mode::FleetFile));
    m_reader->stop();
    m_sampler->setAlertSettings(m_settings.alertSettings());
    m_sampler->setFleet(*config);
    setStatus(tr("%n target(s) of %1, sampled by this app on its own connections", nullptr, int(config->targets.size())).arg(path));
    return true;
}

void FleetView::applyMode()
{
    switch (mode()) {
    case Mode::Profiles: {
        m_reader->stop();
        m_sampler->setAlertSettings(m_settings.alertSettings());
        const QList<ConnectionProfile> profiles = m_settings.connectionProfiles();
        m_sampler->setProfiles(profiles);
        setStatus(profiles.isEmpty()
                      ? tr("No saved connection profiles yet: save one in File > Connect to Server…, or read a fleet from Prometheus.")
                      : tr("%n saved profile(s), sampled by this app every %1 s on its own connections", nullptr, int(profiles.size()))
                            .arg(FleetSampler::DefaultIntervalSeconds));
        return;
    }
    case Mode::FleetFile: {
        QString error;
        if (!m_fleetFile.isEmpty() && !openFleetFile(m_fleetFile, &error))
            setStatus(error);
        return;
    }
    case Mode::Prometheus: {
        m_sampler->clear();
        m_model->setTiles({});
        const QUrl url = QUrl::fromUserInput(m_url->text().trimmed());
        if (m_url->text().trimmed().isEmpty() || !url.isValid()) {
            setStatus(tr("Enter the address of the Prometheus that scrapes the Broker Studio agent, then Read."));
            return;
        }
        setStatus(tr("Reading the fleet from %1…").arg(url.toDisplayString()));
        m_reader->start(url);
        return;
    }
    }
}

void FleetView::activate(const QModelIndex &index)
{
    const FleetTile tile = index.data(FleetModel::TileRole).value<FleetTile>();
    if (m_settings.connectionProfile(tile.name)) {
        Q_EMIT openProfileRequested(tile.name);
        return;
    }
    setStatus(tr("No saved connection profile is named \"%1\": save one with that name to open its monitor from here.").arg(tile.name));
}

} // namespace bs
