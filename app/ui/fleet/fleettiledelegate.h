#pragma once

#include <QStyledItemDelegate>

namespace bs {

/// Paints a FleetModel row as a tile: a band coloured by health, the name, the population and its
/// trend, disabled queues, the top alert and the time of the last sample (local time).
class FleetTileDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    static QSize tileSize();
    static QColor healthColor(int health);
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace bs
