#pragma once

#include "graph/graphnode.h"
#include "ui/graph/graphstyle.h"

#include <QGraphicsItem>

namespace bs {

/// A stand-in, in one part of a split component, for an object drawn in another part (usually
/// a contract, message type or queue that many applications share): a dashed copy of the
/// object's outline with its name. Clicking it goes to the object itself (BrokerGraphView).
class GraphReferenceItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 104 };

    GraphReferenceItem(int nodeIndex, const GraphNode &node, const GraphStyle::NodeText &text);

    int type() const override { return Type; }
    /// The node this stands for (an index into the view's graph).
    int nodeIndex() const { return m_nodeIndex; }
    QString toolTipHtml() const;

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    /// The second line a reference shows instead of the object's caption.
    static QString caption();

private:
    int m_nodeIndex = -1;
    GraphNodeKind m_kind;
    QString m_fullName;
    GraphStyle::NodeText m_text;
    QPainterPath m_outline;
};

} // namespace bs
