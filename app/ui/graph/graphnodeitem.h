#pragma once

#include "graph/graphnode.h"
#include "ui/graph/graphstyle.h"

#include <QGraphicsItem>
#include <QStringList>

namespace bs {

/// One broker object in the graph scene: paints its outline, icon and two lines of text in
/// one item (far cheaper than child items) and leaves the text out when zoomed far out.
class GraphNodeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 101 };

    GraphNodeItem(int index, const GraphNode &node, const GraphStyle::NodeText &text);

    int type() const override { return Type; }
    int index() const { return m_index; }
    const GraphNode &node() const { return m_node; }
    QSizeF size() const { return m_text.size; }

    /// The monitor's view of the object; drawn as the worse of this and the catalog's.
    void setMonitorHealth(NodeHealth health, const QString &reason);
    NodeHealth health() const;
    QString healthReason() const;

    /// The health check's findings about the object: a count badge on the upper left corner
    /// (red when one is an error) and their titles in the tooltip. 0 removes the badge.
    void setFindings(int count, NodeHealth worst, const QStringList &titles);
    int findingCount() const { return m_findingCount; }

    /// Rich text for the tooltip: the object's key facts.
    QString toolTipHtml() const;

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QPointF badgeCenter() const;
    QPointF findingsBadgeCenter() const;

    int m_index = -1;
    GraphNode m_node;
    GraphStyle::NodeText m_text;
    QPainterPath m_outline;
    NodeHealth m_monitorHealth = NodeHealth::Normal;
    QString m_monitorReason;
    int m_findingCount = 0;
    NodeHealth m_findingsWorst = NodeHealth::Normal;
    QStringList m_findingTitles;
};

} // namespace bs
