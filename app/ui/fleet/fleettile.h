#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

namespace bs {

/// One database of the Fleet view: its health and the few figures a DBA scans a fleet for.
struct FleetTile
{
    /// Worst first when sorted: Critical, Down, Warning, Waiting, Normal.
    enum class Health { Critical, Down, Warning, Waiting, Normal };
    QString name;         ///< profile name or fleet target
    QString source;       ///< "server / database", never credentials
    Health health = Health::Waiting;
    std::optional<qint64> population;        ///< conversation endpoints
    std::optional<double> slopePerMinute;    ///< change of the population per minute, recent
    int disabledQueues = 0;
    QString topAlert;     ///< the most severe active alert, one line
    int alertCount = 0;
    std::optional<QDateTime> lastSample; ///< UTC
    QString error;        ///< why it is down or waiting
    bool canOpen = false; ///< a saved profile of that name exists (double-click opens its monitor)
    bool operator==(const FleetTile &) const = default;
};

} // namespace bs

Q_DECLARE_METATYPE(bs::FleetTile)
