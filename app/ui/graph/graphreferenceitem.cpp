#include "ui/graph/graphreferenceitem.h"

#include <QCoreApplication>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace bs {

namespace {
// The same level of detail as a node's text.
constexpr qreal TextLevelOfDetail = 0.45;
constexpr qreal BoundsMargin = 6;
} // namespace

GraphReferenceItem::GraphReferenceItem(int nodeIndex, const GraphNode &node, const GraphStyle::NodeText &text)
    : m_nodeIndex(nodeIndex)
    , m_kind(node.kind)
    , m_fullName(node.name)
    , m_text(text)
    , m_outline(GraphStyle::outline(node.kind, text.size))
{
    setFlags(ItemIsSelectable);
    setZValue(1);
}

QString GraphReferenceItem::caption()
{
    return QCoreApplication::translate("bs::GraphReferenceItem", "↗ drawn elsewhere · click to go");
}

QString GraphReferenceItem::toolTipHtml() const
{
    return QCoreApplication::translate("bs::GraphReferenceItem",
                                       "<b>Reference to %1</b><br/>%2<br/><i>The object is drawn once, with the "
                                       "application it belongs to; this box stands for it here.<br/>Click to go "
                                       "to it.</i>")
        .arg(GraphStyle::kindTitle(m_kind).toHtmlEscaped(), m_fullName.toHtmlEscaped());
}

QRectF GraphReferenceItem::boundingRect() const
{
    return QRectF(QPointF(), m_text.size).translated(-m_text.size.width() / 2, -m_text.size.height() / 2)
        .adjusted(-BoundsMargin, -BoundsMargin, BoundsMargin, BoundsMargin);
}

QPainterPath GraphReferenceItem::shape() const
{
    return m_outline;
}

void GraphReferenceItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const QColor stroke = GraphStyle::strokeColor(m_kind);
    painter->setRenderHint(QPainter::Antialiasing, lod > 0.2);
    if (lod < GraphStyle::OverviewLevelOfDetail) {
        painter->setPen(QPen(stroke, 0, Qt::DotLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(m_outline.boundingRect());
        return;
    }
    QColor fill = GraphStyle::fillColor(m_kind);
    fill.setAlpha(90);
    QPen pen(stroke, 1.4, Qt::DashLine);
    painter->setPen(pen);
    painter->setBrush(fill);
    painter->drawPath(m_outline);
    if (lod < TextLevelOfDetail)
        return;
    const QRectF content = m_text.content;
    const QRectF icon(content.left(), content.center().y() - GraphStyle::IconSize / 2, GraphStyle::IconSize,
                      GraphStyle::IconSize);
    GraphStyle::paintIcon(painter, m_kind, icon, stroke);
    const QRectF text = content.adjusted(GraphStyle::IconSize + 7, 0, 0, 0);
    const QFontMetricsF captionMetrics(GraphStyle::captionFont());
    painter->setFont(GraphStyle::captionFont());
    painter->setPen(QColor(0x25, 0x63, 0xeb));
    // The box has the size of the object it stands for, measured for that object's own caption.
    painter->drawText(QRectF(text.left(), text.top(), text.width(), captionMetrics.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, captionMetrics.elidedText(caption(), Qt::ElideRight, text.width()));
    painter->setFont(GraphStyle::nameFont());
    painter->setPen(QColor(0x47, 0x55, 0x69));
    painter->drawText(QRectF(text.left(), text.top() + captionMetrics.height() + 2, text.width(),
                             text.height() - captionMetrics.height() - 2),
                      Qt::AlignLeft | Qt::AlignVCenter, m_text.name);
}

} // namespace bs
