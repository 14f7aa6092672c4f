#include "agent/agenttarget.h"

#include "agent/credentialresolver.h"
#include "agent/labelfolding.h"
#include "data/monitor/monitorsession.h"
#include "data/monitor/samplerthreads.h"
#include "data/odbc/odbcbrokersource.h"
#include "data/odbc/odbcconnectionstring.h"
#include "data/passwordstore.h"
#include "data/sim/simbrokersource.h"

namespace bs {

namespace {
// A catalog that could not be read is tried again this often; a read one is refreshed this often
// (new queues and services get their names and fixes without restarting the agent).
constexpr int CatalogRetryMs = 5 * 60 * 1000;
constexpr int CatalogRefreshMs = 30 * 60 * 1000;
} // namespace

AgentTarget::AgentTarget(AgentTargetConfig config, const AlertSettings &alertSettings, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_alertSettings(alertSettings)
{
    m_catalogTimer.setSingleShot(true);
    connect(&m_catalogTimer, &QTimer::timeout, this, &AgentTarget::loadCatalog);
}

AgentTarget::~AgentTarget()
{
    stop();
}

QString AgentTarget::kindName() const
{
    return m_config.kind == AgentTargetConfig::Kind::Simulation ? QStringLiteral("simulation") : QStringLiteral("odbc");
}

QString AgentTarget::description() const
{
    if (m_config.kind == AgentTargetConfig::Kind::Simulation)
        return m_config.scenario + QStringLiteral(" (simulation)");
    return OdbcConnectionString::describe(m_config.connection);
}

qint64 AgentTarget::staleAfterMs() const
{
    // Three intervals, plus what a round may take on a server (login and a query timing out).
    const qint64 round = m_config.kind == AgentTargetConfig::Kind::Simulation
        ? 1000
        : qint64(m_config.loginTimeoutSeconds + m_config.queryTimeoutSeconds) * 1000;
    return 3 * m_config.wallIntervalMs() + round;
}

bool AgentTarget::isUp(const QDateTime &nowUtc) const
{
    if (m_state.lastRoundFailed || !m_state.lastSuccess || !m_state.latest)
        return false;
    return m_state.lastSuccess->msecsTo(nowUtc) <= staleAfterMs();
}

QString AgentTarget::masked(const QString &text) const
{
    QString out = text;
    if (m_secret.size() >= 3)
        out.replace(m_secret, QStringLiteral("***"));
    return LabelFolding::bounded(out.simplified());
}

void AgentTarget::fail(const QString &part, const QString &error)
{
    m_state.lastRoundFailed = true;
    m_state.lastFailure = QDateTime::currentDateTimeUtc();
    m_state.lastError = masked(error);
    ++m_state.failures;
    ++m_state.partErrors[part];
    if (m_wasUp || m_state.failures == 1)
        Q_EMIT message(QStringLiteral("target %1: down: %2").arg(m_config.name, m_state.lastError));
    m_wasUp = false;
    Q_EMIT changed();
}

void AgentTarget::start()
{
    stop();
    if (m_config.kind == AgentTargetConfig::Kind::Simulation) {
        startWithPassword({});
        return;
    }
    if (m_config.credential.kind == CredentialSpec::Kind::Keychain) {
        m_keychain = new PasswordStore(this);
        connect(m_keychain, &PasswordStore::passwordRead, this, [this](const QString &, const QString &password) {
            startWithPassword(password);
        });
        connect(m_keychain, &PasswordStore::passwordMissing, this, [this](const QString &key) {
            fail(QStringLiteral("credentials"), QStringLiteral("nothing in the keychain under \"%1\"").arg(key));
        });
        connect(m_keychain, &PasswordStore::failed, this, [this](const QString &, const QString &why) {
            fail(QStringLiteral("credentials"), QStringLiteral("keychain: %1").arg(why));
        });
        m_keychain->read(m_config.credential.value);
        return;
    }
    const CredentialResolver::Result credential = CredentialResolver::resolve(m_config.credential);
    if (!credential.ok) {
        fail(QStringLiteral("credentials"), credential.error);
        return;
    }
    startWithPassword(credential.password);
}

void AgentTarget::startWithPassword(const QString &password)
{
    if (m_config.kind == AgentTargetConfig::Kind::Simulation) {
        QString error;
        SimBrokerSource *sim = m_config.scenario == QLatin1String("demo")
            ? SimBrokerSource::createDemo()
            : SimBrokerSource::fromFile(m_config.scenario, &error);
        if (!sim) {
            fail(QStringLiteral("scenario"), error.isEmpty() ? QStringLiteral("the demo scenario is missing from this build") : error);
            return;
        }
        sim->setLooping(true);
        sim->setSpeed(m_config.speed);
        m_source.reset(sim);
    } else {
        m_secret = password;
        m_lane.restart();
        auto odbc = std::make_unique<OdbcBrokerSource>(CredentialResolver::withPassword(m_config.connection, password),
                                                       m_config.loginTimeoutSeconds);
        odbc->setSampleTimeoutSeconds(m_config.queryTimeoutSeconds);
        if (m_threads)
            odbc->setSamplerThreads(m_threads, m_state.slowLane ? SamplerThreads::Lane::Slow : SamplerThreads::Lane::Shared);
        m_odbc = odbc.get();
        m_source = std::move(odbc);
    }
    m_session = std::make_unique<MonitorSession>(m_source.get());
    m_session->setKeepSeries(false);
    m_session->setAlertSettings(m_alertSettings);
    // Connected after the session's own connection, so the session has judged the sample first.
    connect(m_source.get(), &BrokerSource::sampleReady, this, &AgentTarget::onSample);
    connect(m_source.get(), &BrokerSource::sampleMissed, this, [this](const QDateTime &, const QString &reason) { onMissed(reason); });
    connect(m_source.get(), &BrokerSource::roundFinished, this, &AgentTarget::onRoundFinished);
    connect(m_source.get(), &BrokerSource::catalogLoaded, this, [this](const BrokerCatalog &catalog) {
        m_catalogLoaded = true;
        m_session->setCatalog(catalog);
        m_catalogTimer.start(CatalogRefreshMs);
    });
    connect(m_source.get(), &BrokerSource::catalogFailed, this, [this](const QString &why) {
        ++m_state.partErrors[QStringLiteral("catalog")];
        if (!m_catalogLoaded)
            Q_EMIT message(QStringLiteral("target %1: catalog not read: %2").arg(m_config.name, masked(why)));
        m_catalogTimer.start(CatalogRetryMs);
    });
    loadCatalog();
    m_session->setIntervalMs(m_config.intervalMs);
}

void AgentTarget::onRoundFinished(qint64 ms)
{
    m_state.lastDurationSeconds = double(ms) / 1000.0;
    if (!m_threads || !m_odbc || !m_lane.roundFinished(ms))
        return;
    // On the shared lane its rounds held their thread (and the targets on it); on the slow lane
    // they say the server has recovered. A new poller on the other lane: a new login.
    m_state.slowLane = m_lane.slow();
    Q_EMIT message(m_state.slowLane
                       ? QStringLiteral("target %1: %2 rounds in a row over %3 s (the last %4 s); sampled on the slow lane from now on")
                             .arg(m_config.name)
                             .arg(SamplerLane::SlowRoundsToMove)
                             .arg(SamplerLane::SlowRoundMs / 1000)
                             .arg(double(ms) / 1000.0, 0, 'f', 1)
                       : QStringLiteral("target %1: %2 rounds in a row within %3 s; back on the shared sampler threads")
                             .arg(m_config.name)
                             .arg(SamplerLane::FastRoundsToReturn)
                             .arg(SamplerLane::FastRoundMs / 1000));
    m_odbc->stopSampling();
    m_odbc->setSamplerThreads(m_threads, m_state.slowLane ? SamplerThreads::Lane::Slow : SamplerThreads::Lane::Shared);
    m_session->setIntervalMs(m_config.intervalMs);
    Q_EMIT changed();
}

void AgentTarget::loadCatalog()
{
    if (m_source)
        m_source->loadCatalog();
}

void AgentTarget::stop()
{
    m_catalogTimer.stop();
    m_session.reset();
    m_odbc = nullptr;
    m_source.reset();
    if (m_keychain) {
        m_keychain->deleteLater();
        m_keychain = nullptr;
    }
}

void AgentTarget::onSample(const MonitorSample &sample)
{
    m_state.lastRoundFailed = false;
    m_state.lastSuccess = QDateTime::currentDateTimeUtc();
    ++m_state.samples;
    for (const UnavailablePart &part : sample.unavailable)
        ++m_state.partErrors[part.part];
    m_state.latest = std::make_shared<const MonitorSample>(sample);
    m_state.alerts = m_session ? m_session->alerts().active : QList<Alert>{};
    if (!m_wasUp)
        Q_EMIT message(QStringLiteral("target %1: up").arg(m_config.name));
    m_wasUp = true;
    Q_EMIT changed();
}

void AgentTarget::onMissed(const QString &reason)
{
    fail(QStringLiteral("connection"), reason);
}

} // namespace bs
