#include "ui/fleet/fleettiledelegate.h"

#include "ui/fleet/fleetmodel.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

namespace bs {

QSize FleetTileDelegate::tileSize()
{
    return {270, 128};
}

QColor FleetTileDelegate::healthColor(int health)
{
    switch (FleetTile::Health(health)) {
    case FleetTile::Health::Critical:
        return QColor(0xc6, 0x28, 0x28);
    case FleetTile::Health::Down:
        return QColor(0x6d, 0x4c, 0x41);
    case FleetTile::Health::Warning:
        return QColor(0xef, 0x8f, 0x00);
    case FleetTile::Health::Waiting:
        return QColor(0x90, 0x90, 0x90);
    case FleetTile::Health::Normal:
        break;
    }
    return QColor(0x2e, 0x7d, 0x32);
}

QSize FleetTileDelegate::sizeHint(const QStyleOptionViewItem &, const QModelIndex &) const
{
    return tileSize();
}

void FleetTileDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const FleetTile t = index.data(FleetModel::TileRole).value<FleetTile>();
    const QColor health = healthColor(int(t.health));
    const QPalette &pal = option.palette;
    const QRectF r = QRectF(option.rect).adjusted(4, 4, -4, -4);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QPainterPath frame;
    frame.addRoundedRect(r, 6, 6);
    const bool selected = option.state & QStyle::State_Selected;
    painter->fillPath(frame, pal.color(QPalette::Base));
    painter->fillPath(frame, QColor(health.red(), health.green(), health.blue(), 28));
    painter->setPen(QPen(selected ? pal.color(QPalette::Highlight) : health, selected ? 2.5 : 1.2));
    painter->drawPath(frame);
    // The health band on the left.
    QPainterPath band;
    band.addRoundedRect(QRectF(r.left(), r.top(), 8, r.height()), 4, 4);
    painter->fillPath(band, health);

    const QRectF text = r.adjusted(16, 6, -8, -6);
    QFont bold = option.font;
    bold.setBold(true);
    const QFontMetrics bm(bold);
    const QFontMetrics fm(option.font);
    painter->setFont(bold);
    painter->setPen(pal.color(QPalette::Text));
    painter->drawText(QRectF(text.left(), text.top(), text.width(), bm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      bm.elidedText(t.name, Qt::ElideMiddle, int(text.width())));
    qreal y = text.top() + bm.height() + 2;
    painter->setFont(option.font);
    const auto line = [&](const QString &s, const QColor &color) {
        painter->setPen(color);
        painter->drawText(QRectF(text.left(), y, text.width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                          fm.elidedText(s, Qt::ElideRight, int(text.width())));
        y += fm.height();
    };
    const QColor muted = pal.color(QPalette::PlaceholderText);
    line(t.source.isEmpty() ? FleetModel::healthText(t.health) : t.source + QStringLiteral(" · ") + FleetModel::healthText(t.health), muted);
    if (t.population) {
        QString pop = tr("%1 endpoints").arg(QLocale().toString(*t.population));
        if (t.slopePerMinute)
            pop += QStringLiteral("  ") + (*t.slopePerMinute >= 0 ? QStringLiteral("+") : QString())
                + tr("%1/min").arg(QLocale().toString(*t.slopePerMinute, 'f', 1));
        line(pop, pal.color(QPalette::Text));
    }
    if (t.disabledQueues > 0)
        line(tr("%n disabled queue(s)", nullptr, t.disabledQueues), healthColor(int(FleetTile::Health::Critical)));
    if (!t.topAlert.isEmpty())
        line(t.alertCount > 1 ? tr("%1 (+%2 more)").arg(t.topAlert).arg(t.alertCount - 1) : t.topAlert, health);
    else if (!t.error.isEmpty())
        line(t.error, muted);
    if (t.lastSample && y + fm.height() <= text.bottom() + 1)
        line(tr("Last sample %1").arg(QLocale().toString(t.lastSample->toLocalTime().time(), QLocale::ShortFormat)), muted);
    painter->restore();
}

} // namespace bs
