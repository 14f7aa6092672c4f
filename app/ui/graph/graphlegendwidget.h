#pragma once

#include <QWidget>

namespace bs {

/// The graph's legend beside the view (so it never covers a node): every node shape, edge
/// style and health colour, drawn by GraphStyle exactly as the exports draw it.
class GraphLegendWidget : public QWidget
{
    Q_OBJECT
public:
    explicit GraphLegendWidget(QWidget *parent = nullptr);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent *event) override;
};

} // namespace bs
