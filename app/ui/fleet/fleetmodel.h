#pragma once

#include "ui/fleet/fleettile.h"

#include <QAbstractListModel>
#include <QList>

namespace bs {

/// The Fleet view's tiles, sorted worst first (health, then population, then name). setTiles()
/// updates rows in place while the order holds, so selection and scroll survive each refresh.
class FleetModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { TileRole = Qt::UserRole + 1, HealthRole };

    using QAbstractListModel::QAbstractListModel;
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    void setTiles(QList<FleetTile> tiles);
    const QList<FleetTile> &tiles() const { return m_tiles; }
    /// The sort order: true when `a` goes before `b`.
    static bool worseFirst(const FleetTile &a, const FleetTile &b);
    static QString healthText(FleetTile::Health health);
    static QString toolTip(const FleetTile &tile);

private:
    QList<FleetTile> m_tiles;
};

} // namespace bs
