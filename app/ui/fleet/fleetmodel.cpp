#include "ui/fleet/fleetmodel.h"

#include <QLocale>

#include <algorithm>

namespace bs {

int FleetModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tiles.size());
}

bool FleetModel::worseFirst(const FleetTile &a, const FleetTile &b)
{
    if (a.health != b.health)
        return a.health < b.health;
    if (a.population.value_or(-1) != b.population.value_or(-1))
        return a.population.value_or(-1) > b.population.value_or(-1);
    return a.name < b.name;
}

QString FleetModel::healthText(FleetTile::Health health)
{
    switch (health) {
    case FleetTile::Health::Critical:
        return tr("Critical");
    case FleetTile::Health::Down:
        return tr("No data");
    case FleetTile::Health::Warning:
        return tr("Warning");
    case FleetTile::Health::Waiting:
        return tr("Waiting for the first sample");
    case FleetTile::Health::Normal:
        break;
    }
    return tr("Healthy");
}

QString FleetModel::toolTip(const FleetTile &t)
{
    QStringList lines{QStringLiteral("<b>%1</b> — %2").arg(t.name.toHtmlEscaped(), t.source.toHtmlEscaped()), healthText(t.health)};
    if (t.population)
        lines.append(tr("Conversation endpoints: %1").arg(QLocale().toString(*t.population)));
    if (t.slopePerMinute)
        lines.append(tr("Trend: %1 endpoints per minute (a steady rise is a leak: endpoints that are never ended)")
                         .arg(QLocale().toString(*t.slopePerMinute, 'f', 1)));
    if (t.disabledQueues > 0)
        lines.append(tr("Disabled queues: %1 (poison-message handling turned RECEIVE off)").arg(t.disabledQueues));
    if (!t.topAlert.isEmpty())
        lines.append(tr("Alerts: %1; most severe: %2").arg(t.alertCount).arg(t.topAlert.toHtmlEscaped()));
    if (t.lastSample)
        lines.append(tr("Last sample: %1").arg(QLocale().toString(t.lastSample->toLocalTime(), QLocale::ShortFormat)));
    if (!t.error.isEmpty())
        lines.append(tr("Last error: %1").arg(t.error.toHtmlEscaped()));
    if (t.canOpen)
        lines.append(tr("Double-click to open its monitor."));
    return lines.join(QStringLiteral("<br>"));
}

QVariant FleetModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_tiles.size())
        return {};
    const FleetTile &t = m_tiles.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return t.name;
    case Qt::ToolTipRole:
        return toolTip(t);
    case TileRole:
        return QVariant::fromValue(t);
    case HealthRole:
        return int(t.health);
    default:
        return {};
    }
}

void FleetModel::setTiles(QList<FleetTile> tiles)
{
    std::sort(tiles.begin(), tiles.end(), worseFirst);
    const bool sameOrder = tiles.size() == m_tiles.size()
        && std::equal(tiles.cbegin(), tiles.cend(), m_tiles.cbegin(), [](const FleetTile &a, const FleetTile &b) { return a.name == b.name; });
    if (!sameOrder) {
        beginResetModel();
        m_tiles = std::move(tiles);
        endResetModel();
        return;
    }
    for (qsizetype i = 0; i < tiles.size(); ++i) {
        if (tiles.at(i) == m_tiles.at(i))
            continue;
        m_tiles[i] = tiles.at(i);
        Q_EMIT dataChanged(index(int(i)), index(int(i)));
    }
}

} // namespace bs
