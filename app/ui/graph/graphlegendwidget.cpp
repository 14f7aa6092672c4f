#include "ui/graph/graphlegendwidget.h"

#include "ui/graph/graphstyle.h"

#include <QPainter>
#include <QtMath>

namespace bs {

namespace {
constexpr int Margin = 8;
} // namespace

GraphLegendWidget::GraphLegendWidget(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
}

QSize GraphLegendWidget::sizeHint() const
{
    const QSizeF legend = GraphStyle::legendSize();
    return QSize(qCeil(legend.width()) + 2 * Margin, qCeil(legend.height()) + 2 * Margin);
}

void GraphLegendWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(0xf8, 0xfa, 0xfc));
    GraphStyle::paintLegend(&painter, QPointF(Margin, Margin));
}

} // namespace bs
