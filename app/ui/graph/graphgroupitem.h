#pragma once

#include "graph/graphlayout.h"

#include <QGraphicsItem>

namespace bs {

/// The frame around a connected component that was too large to lay out in one piece and is
/// drawn as its applications side by side; its caption says so and how references work.
class GraphGroupItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 105 };

    explicit GraphGroupItem(const LayoutGroup &group);

    int type() const override { return Type; }
    const LayoutGroup &group() const { return m_group; }
    /// The caption: what the frame holds and what a dashed box means.
    QString caption() const;
    /// What a drawing with these groups leaves to references, for a notice over the view; empty
    /// when there are none.
    static QString notice(const QList<LayoutGroup> &groups);

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    LayoutGroup m_group;
};

} // namespace bs
