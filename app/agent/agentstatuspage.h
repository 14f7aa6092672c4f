#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>

namespace bs {

class AgentTarget;

/// The agent's `/` page: one row per target with its state, last success, duration and last
/// error, and links to /metrics and /-/healthy. Every text is HTML-escaped; no credentials.
class AgentStatusPage
{
public:
    static QByteArray html(const QList<const AgentTarget *> &targets, const QDateTime &nowUtc);
};

} // namespace bs
