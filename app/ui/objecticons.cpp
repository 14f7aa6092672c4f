#include "ui/objecticons.h"

#include <QApplication>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QStyle>

namespace bs {

QColor objectColor(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Service:
        return QColor(0x2e, 0x6d, 0xb4); // blue
    case ObjectKind::Queue:
        return QColor(0x3a, 0x8f, 0x5c); // green
    case ObjectKind::Contract:
        return QColor(0x8a, 0x5a, 0xb5); // violet
    case ObjectKind::MessageType:
        return QColor(0xc2, 0x7c, 0x0e); // amber
    case ObjectKind::ActivationProcedure:
        return QColor(0x5b, 0x67, 0x75); // slate
    case ObjectKind::Route:
        return QColor(0x0f, 0x8a, 0x8f); // teal
    case ObjectKind::RemoteServiceBinding:
        return QColor(0x9c, 0x6b, 0x3f); // brown
    case ObjectKind::Database:
        return QColor(0x44, 0x44, 0x44);
    case ObjectKind::None:
        break;
    }
    return QColor(0x80, 0x80, 0x80);
}

namespace {

QPixmap drawIcon(ObjectKind kind, int size)
{
    QPixmap pm(size, size);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor c = objectColor(kind);
    p.setPen(QPen(c.darker(140), size / 16.0));
    p.setBrush(c);
    const qreal s = size;
    const QRectF r(s * 0.1, s * 0.1, s * 0.8, s * 0.8);
    switch (kind) {
    case ObjectKind::Service:
        p.drawRoundedRect(r, s * 0.2, s * 0.2);
        break;
    case ObjectKind::Queue: {
        // Three stacked bars: messages waiting.
        for (int i = 0; i < 3; ++i)
            p.drawRect(QRectF(s * 0.12, s * (0.14 + i * 0.26), s * 0.76, s * 0.18));
        break;
    }
    case ObjectKind::Contract: {
        QPainterPath path;
        path.moveTo(r.left() + s * 0.1, r.top());
        path.lineTo(r.right() - s * 0.2, r.top());
        path.lineTo(r.right(), r.top() + s * 0.2);
        path.lineTo(r.right(), r.bottom());
        path.lineTo(r.left() + s * 0.1, r.bottom());
        path.closeSubpath();
        p.drawPath(path);
        break;
    }
    case ObjectKind::MessageType: {
        const QRectF env(s * 0.08, s * 0.22, s * 0.84, s * 0.56);
        p.drawRect(env);
        p.setPen(QPen(Qt::white, s / 12.0));
        p.drawLine(env.topLeft(), env.center());
        p.drawLine(env.topRight(), env.center());
        break;
    }
    case ObjectKind::ActivationProcedure: {
        QPolygonF hex;
        for (int i = 0; i < 6; ++i) {
            const qreal a = M_PI / 3 * i;
            hex << QPointF(s / 2 + std::cos(a) * s * 0.42, s / 2 + std::sin(a) * s * 0.42);
        }
        p.drawPolygon(hex);
        break;
    }
    case ObjectKind::Route: {
        QPolygonF arrow;
        arrow << QPointF(s * 0.08, s * 0.35) << QPointF(s * 0.55, s * 0.35) << QPointF(s * 0.55, s * 0.15)
              << QPointF(s * 0.92, s * 0.5) << QPointF(s * 0.55, s * 0.85) << QPointF(s * 0.55, s * 0.65)
              << QPointF(s * 0.08, s * 0.65);
        p.drawPolygon(arrow);
        break;
    }
    case ObjectKind::RemoteServiceBinding:
        p.drawEllipse(QRectF(s * 0.1, s * 0.25, s * 0.45, s * 0.45));
        p.drawRect(QRectF(s * 0.5, s * 0.42, s * 0.42, s * 0.14));
        break;
    case ObjectKind::Database:
        p.drawEllipse(QRectF(s * 0.15, s * 0.08, s * 0.7, s * 0.25));
        p.drawRect(QRectF(s * 0.15, s * 0.2, s * 0.7, s * 0.62));
        break;
    case ObjectKind::None:
        p.drawEllipse(r);
        break;
    }
    return pm;
}

} // namespace

QIcon objectIcon(ObjectKind kind)
{
    static QHash<int, QIcon> cache;
    auto it = cache.find(int(kind));
    if (it == cache.end()) {
        QIcon icon;
        for (int size : {16, 24, 32, 48})
            icon.addPixmap(drawIcon(kind, size));
        it = cache.insert(int(kind), icon);
    }
    return *it;
}

QIcon folderIcon()
{
    return QApplication::style()->standardIcon(QStyle::SP_DirIcon);
}

} // namespace bs
