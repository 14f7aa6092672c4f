#include "ui/graph/graphgroupitem.h"

#include "ui/graph/graphstyle.h"

#include <QCoreApplication>
#include <QLocale>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace bs {

GraphGroupItem::GraphGroupItem(const LayoutGroup &group)
    : m_group(group)
{
    setZValue(-1);
    setAcceptedMouseButtons(Qt::NoButton);
}

QString GraphGroupItem::caption() const
{
    const QLocale locale;
    return QCoreApplication::translate("bs::GraphGroupItem",
                                       "One connected group of %1 objects, drawn as %2 applications side by side. "
                                       "A dashed box stands for an object drawn with another application: click it "
                                       "to go there.")
        .arg(locale.toString(m_group.nodeCount), locale.toString(m_group.partCount));
}

QString GraphGroupItem::notice(const QList<LayoutGroup> &groups)
{
    if (groups.isEmpty())
        return {};
    int objects = 0;
    int parts = 0;
    for (const LayoutGroup &g : groups) {
        objects += g.nodeCount;
        parts += g.partCount;
    }
    const QLocale locale;
    return QCoreApplication::translate("bs::GraphGroupItem",
                                       "%1 connected objects are too many for one readable drawing: each application "
                                       "(a target service with its queue, contracts and message types) is drawn on "
                                       "its own, %2 in all, inside a grey frame. An object many applications share "
                                       "is drawn once; elsewhere a dashed box stands for it — click one to go to the "
                                       "object. Nothing is left out.")
        .arg(locale.toString(objects), locale.toString(parts));
}

QRectF GraphGroupItem::boundingRect() const
{
    return m_group.frame.adjusted(-1, -1, 1, 1);
}

void GraphGroupItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    painter->setRenderHint(QPainter::Antialiasing, lod > 0.2);
    painter->setPen(QPen(QColor(0x94, 0xa3, 0xb8), 1.5));
    painter->setBrush(QColor(0xf1, 0xf5, 0xf9));
    painter->drawRoundedRect(m_group.frame, 10, 10);
    // The caption band is LayoutGroup::CaptionHeight high. Where the text would be too small to
    // read it is left out: the graph page says the same in a notice at any zoom.
    QFont font = GraphStyle::nameFont();
    painter->setPen(QColor(0x33, 0x41, 0x55));
    const QRectF band(m_group.frame.left() + 16, m_group.frame.top(), m_group.frame.width() - 32,
                      LayoutGroup::CaptionHeight);
    if (lod * 14 >= 7) {
        font.setPixelSize(14);
        painter->setFont(font);
        painter->drawText(band, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, caption());
    }
}

} // namespace bs
