#include "core/alerts/alertengine.h"

#include "core/alerts/alertruleregistry.h"

#include <QSet>

#include <algorithm>

namespace bs {

namespace {
// Never keep more than this many samples, whatever the thresholds say (a day at 1 s would be 86,400).
constexpr qsizetype MaxWindowSamples = 4000;
} // namespace

AlertEngine::AlertEngine(AlertSettings settings)
    : m_settings(settings)
{
}

void AlertEngine::trimWindow()
{
    // The longest window any rule reads: thresholds counted in samples keep that many samples,
    // those counted in seconds keep that much time.
    qsizetype keepSamples = 2;
    qint64 keepSeconds = 1;
    for (const AlertThreshold &t : AlertRuleRegistry::thresholds()) {
        if (t.spec.unit == QLatin1String("samples"))
            keepSamples = std::max(keepSamples, qsizetype(t.get(m_settings)));
        else if (t.spec.unit == QLatin1String("seconds"))
            keepSeconds = std::max(keepSeconds, qint64(t.get(m_settings)) + 1);
    }
    // The rules that read the census breakdown take the last n samples that carry it; between
    // censuses (a large table, issue #13) those can be hundreds of samples apart. The last
    // keepSamples of them stay however old; the samples between them go as usual.
    const auto hasBreakdown = [](const MonitorSample &s) { return s.isAvailable(QStringLiteral("monitor.endpoints")); };
    qsizetype protectFrom = qsizetype(m_window.size());
    qsizetype protectedCount = 0;
    for (qsizetype i = qsizetype(m_window.size()) - 1; i >= 0 && protectedCount < keepSamples; --i) {
        if (hasBreakdown(m_window[size_t(i)])) {
            protectFrom = i;
            ++protectedCount;
        }
    }
    qsizetype i = 0;
    while (qsizetype(m_window.size()) > keepSamples && i + 1 < qsizetype(m_window.size())) {
        const bool tooMany = qsizetype(m_window.size()) > MaxWindowSamples;
        const qint64 age = m_window[size_t(i + 1)].time.secsTo(m_window.back().time);
        if (!tooMany && age < keepSeconds)
            break;
        if (i >= protectFrom && hasBreakdown(m_window[size_t(i)])) {
            ++i;
            continue;
        }
        m_window.erase(m_window.begin() + i);
        if (i < protectFrom)
            --protectFrom;
    }
}

QList<AlertChange> AlertEngine::addSample(const MonitorSample &sample)
{
    m_window.push_back(sample);
    trimWindow();

    const QList<Alert> current = AlertRules::evaluate(m_window, m_catalog, m_settings);
    QList<AlertChange> changes;
    QSet<QString> held;
    for (Alert a : current) {
        held.insert(a.key);
        a.lastSeen = sample.time;
        const auto it = m_activeIndex.constFind(a.key);
        if (it == m_activeIndex.cend()) {
            a.since = sample.time;
            // The log keeps the alert as it was raised (its counts at raise time); the active copy
            // below follows every sample.
            m_log.append({a, sample.time, std::nullopt});
            m_activeIndex.insert(a.key, m_log.size() - 1);
            m_active.append(a);
            changes.append({AlertChange::Raised, a});
        } else {
            m_log[*it].alert.lastSeen = sample.time;
            Alert &live = activeAlert(a.key);
            a.since = live.since;
            const bool changed = a.title != live.title || a.seen != live.seen || a.why != live.why ||
                                 a.fixSql != live.fixSql || a.attribution != live.attribution ||
                                 a.severity != live.severity;
            live = a;
            if (changed)
                changes.append({AlertChange::Updated, a});
        }
    }
    for (auto it = m_activeIndex.begin(); it != m_activeIndex.end();) {
        AlertLogEntry &entry = m_log[it.value()];
        // No data is not "the condition went away": keep the alert until every part its rule
        // reads is back.
        const AlertRule *rule = AlertRuleRegistry::rule(entry.alert.kind);
        const bool blind = !rule || !rule->canSee(sample);
        if (held.contains(it.key()) || blind) {
            ++it;
            continue;
        }
        entry.cleared = sample.time;
        const auto live =
            std::find_if(m_active.begin(), m_active.end(), [&](const Alert &a) { return a.key == it.key(); });
        if (live != m_active.end()) {
            changes.append({AlertChange::Cleared, *live});
            m_active.erase(live);
        } else {
            changes.append({AlertChange::Cleared, entry.alert});
        }
        it = m_activeIndex.erase(it);
    }
    return changes;
}

Alert &AlertEngine::activeAlert(const QString &key)
{
    const auto it =
        std::find_if(m_active.begin(), m_active.end(), [&](const Alert &a) { return a.key == key; });
    if (it != m_active.end())
        return *it;
    // An entry restored by setLog without a live copy: start from the logged one.
    m_active.append(m_log[m_activeIndex.value(key)].alert);
    return m_active.last();
}

void AlertEngine::resetWindow()
{
    m_window.clear();
}

QList<Alert> AlertEngine::activeAlerts() const
{
    // Raise order within a severity, so an alert keeps its place in the list from sample to sample.
    QList<Alert> result = m_active;
    std::stable_sort(result.begin(), result.end(), [](const Alert &a, const Alert &b) {
        return int(a.severity) > int(b.severity);
    });
    return result;
}

void AlertEngine::setLog(const QList<AlertLogEntry> &log)
{
    const QList<Alert> live = m_active;
    m_log = log;
    m_activeIndex.clear();
    m_active.clear();
    for (qsizetype i = 0; i < m_log.size(); ++i) {
        if (!m_log[i].isActive())
            continue;
        m_activeIndex.insert(m_log[i].alert.key, i);
        const auto same = std::find_if(live.cbegin(), live.cend(),
                                       [&](const Alert &a) { return a.key == m_log[i].alert.key; });
        Alert a = same == live.cend() ? m_log[i].alert : *same;
        a.since = m_log[i].alert.since;
        m_active.append(a);
    }
}

} // namespace bs
