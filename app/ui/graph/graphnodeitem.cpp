#include "ui/graph/graphnodeitem.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace bs {

namespace {
// Below this zoom the text would be unreadable anyway; skipping it keeps big graphs fluid.
constexpr qreal TextLevelOfDetail = 0.45;
constexpr qreal BadgeRadius = 8;
// Room around the outline for the selection halo, the health badge and the findings pill.
constexpr qreal BoundsMargin = 20;
constexpr int MaxFindingTitles = 6;
} // namespace

GraphNodeItem::GraphNodeItem(int index, const GraphNode &node, const GraphStyle::NodeText &text)
    : m_index(index)
    , m_node(node)
    , m_text(text)
    , m_outline(GraphStyle::outline(node.kind, text.size))
{
    setFlags(ItemIsSelectable);
    setAcceptHoverEvents(false);
    setZValue(1);
}

void GraphNodeItem::setMonitorHealth(NodeHealth health, const QString &reason)
{
    if (health == m_monitorHealth && reason == m_monitorReason)
        return;
    m_monitorHealth = health;
    m_monitorReason = reason;
    update();
}

void GraphNodeItem::setFindings(int count, NodeHealth worst, const QStringList &titles)
{
    if (count == m_findingCount && worst == m_findingsWorst && titles == m_findingTitles)
        return;
    m_findingCount = count;
    m_findingsWorst = worst;
    m_findingTitles = titles;
    update();
}

NodeHealth GraphNodeItem::health() const
{
    return worseHealth(m_node.health, m_monitorHealth);
}

QString GraphNodeItem::healthReason() const
{
    QStringList reasons;
    if (!m_node.healthReason.isEmpty())
        reasons.append(m_node.healthReason);
    if (m_monitorHealth != NodeHealth::Normal && !m_monitorReason.isEmpty())
        reasons.append(m_monitorReason);
    return reasons.join(QLatin1Char('\n'));
}

QString GraphNodeItem::toolTipHtml() const
{
    QString html = QStringLiteral("<b>") + GraphStyle::kindTitle(m_node.kind).toHtmlEscaped() + QStringLiteral("</b><br/>")
                   + m_node.name.toHtmlEscaped() + QStringLiteral("<table cellspacing='0' cellpadding='1'>");
    for (const auto &[key, value] : m_node.facts) {
        html += QStringLiteral("<tr><td style='color:#64748b;padding-right:8px'>") + key.toHtmlEscaped()
                + QStringLiteral("</td><td>") + value.toHtmlEscaped() + QStringLiteral("</td></tr>");
    }
    html += QStringLiteral("</table>");
    if (health() != NodeHealth::Normal) {
        html += QStringLiteral("<p style='color:") + GraphStyle::healthColor(health()).name() + QStringLiteral("'><b>")
                + (health() == NodeHealth::Error ? QStringLiteral("Error") : QStringLiteral("Warning"))
                + QStringLiteral(":</b> ") + healthReason().toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br/>"))
                + QStringLiteral("</p>");
    }
    if (m_findingCount > 0) {
        html += QStringLiteral("<p><b>Health check: %1 finding(s)</b>").arg(m_findingCount);
        for (qsizetype i = 0; i < m_findingTitles.size() && i < MaxFindingTitles; ++i)
            html += QStringLiteral("<br/>• ") + m_findingTitles.at(i).toHtmlEscaped();
        if (m_findingTitles.size() > MaxFindingTitles)
            html += QStringLiteral("<br/>… and %1 more in the Health panel").arg(m_findingTitles.size() - MaxFindingTitles);
        html += QStringLiteral("</p>");
    }
    if (m_node.isSystem)
        html += QStringLiteral("<p style='color:#64748b'>System object (created by SQL Server)</p>");
    return html;
}

QRectF GraphNodeItem::boundingRect() const
{
    const qreal m = BoundsMargin;
    return QRectF(-m_text.size.width() / 2 - m, -m_text.size.height() / 2 - m, m_text.size.width() + 2 * m,
                  m_text.size.height() + 2 * m);
}

QPainterPath GraphNodeItem::shape() const
{
    return m_outline;
}

QPointF GraphNodeItem::findingsBadgeCenter() const
{
    // On the upper left corner, clear of the health badge on the right.
    const qreal w = m_text.size.width() / 2;
    const qreal h = m_text.size.height() / 2;
    return m_node.kind == GraphNodeKind::RemoteService ? QPointF(-w * 0.7, -h * 0.7) : QPointF(-w + 10, -h + 1);
}

QPointF GraphNodeItem::badgeCenter() const
{
    // On the shape's upper right corner, wherever the outline puts it.
    const qreal w = m_text.size.width() / 2;
    const qreal h = m_text.size.height() / 2;
    switch (m_node.kind) {
    case GraphNodeKind::ActivationProcedure: return QPointF(w / 2, -h + 1);
    case GraphNodeKind::Route: return QPointF(w - h * 0.4, -h + 1);
    case GraphNodeKind::RemoteService: return QPointF(w * 0.7, -h * 0.7);
    default: return QPointF(w - 4, -h + 2);
    }
}

void GraphNodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const NodeHealth h = health();
    const GraphNodeKind kind = m_node.kind;
    const QColor stroke = GraphStyle::strokeColor(kind);
    painter->setRenderHint(QPainter::Antialiasing, lod > 0.2);
    // The selection is the view's state, not part of the drawing: an export (QGraphicsScene::render,
    // no widget) leaves it out.
    const bool selected = isSelected() && widget;

    if (lod < GraphStyle::OverviewLevelOfDetail) {
        // An overview of thousands of objects: a block in the kind's colour (the health colour
        // when not normal, the selection colour when selected) is all the eye can tell apart.
        const QColor block = selected ? GraphStyle::selectionColor()
                             : h != NodeHealth::Normal ? GraphStyle::healthColor(h)
                                                       : stroke;
        painter->fillRect(m_outline.boundingRect(), block);
        return;
    }

    if (selected) {
        QColor halo = GraphStyle::selectionColor();
        halo.setAlpha(90);
        painter->setPen(QPen(halo, 8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(m_outline);
    }

    QColor fill = GraphStyle::fillColor(kind);
    if (h == NodeHealth::Error)
        fill = QColor(0xfe, 0xe2, 0xe2);
    QPen pen(stroke, 1.4);
    if (h != NodeHealth::Normal)
        pen = QPen(GraphStyle::healthColor(h), 3);
    if (selected)
        pen = QPen(GraphStyle::selectionColor(), 2.5);
    if (kind == GraphNodeKind::RemoteService)
        pen.setStyle(Qt::DashLine);
    painter->setPen(pen);
    painter->setBrush(fill);
    GraphStyle::paintShape(painter, kind, m_text.size);

    if (h != NodeHealth::Normal) {
        const QPointF c = badgeCenter();
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(GraphStyle::healthColor(h));
        painter->drawEllipse(c, BadgeRadius, BadgeRadius);
        QFont f = GraphStyle::captionFont();
        f.setBold(true);
        f.setPixelSize(12);
        painter->setFont(f);
        painter->drawText(QRectF(c.x() - BadgeRadius, c.y() - BadgeRadius, 2 * BadgeRadius, 2 * BadgeRadius),
                          Qt::AlignCenter, h == NodeHealth::Error ? QStringLiteral("×") : QStringLiteral("!"));
    }

    if (m_findingCount > 0)
        GraphStyle::paintFindingsBadge(painter, findingsBadgeCenter(), m_findingCount, m_findingsWorst);

    if (lod < TextLevelOfDetail)
        return;
    const QRectF content = m_text.content;
    const QRectF icon(content.left(), content.center().y() - GraphStyle::IconSize / 2, GraphStyle::IconSize,
                      GraphStyle::IconSize);
    GraphStyle::paintIcon(painter, kind, icon, h == NodeHealth::Error ? GraphStyle::healthColor(h) : stroke);

    const QRectF text = content.adjusted(GraphStyle::IconSize + 7, 0, 0, 0);
    const QFontMetricsF captionMetrics(GraphStyle::captionFont());
    painter->setFont(GraphStyle::captionFont());
    painter->setPen(h == NodeHealth::Error ? GraphStyle::healthColor(h) : QColor(0x47, 0x55, 0x69));
    painter->drawText(QRectF(text.left(), text.top(), text.width(), captionMetrics.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, m_text.caption);
    painter->setFont(GraphStyle::nameFont());
    painter->setPen(QColor(0x0f, 0x17, 0x2a));
    painter->drawText(QRectF(text.left(), text.top() + captionMetrics.height() + 2, text.width(),
                             text.height() - captionMetrics.height() - 2),
                      Qt::AlignLeft | Qt::AlignVCenter, m_text.name);
}

} // namespace bs
