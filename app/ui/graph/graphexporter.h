#pragma once

#include <QImage>
#include <QRectF>
#include <QString>

class QGraphicsScene;
class QPainter;

namespace bs {

/// Draws a broker graph scene for export: a heading, the legend and the whole drawing, as a
/// bitmap (scaled down past a pixel limit) or as SVG; files are written atomically.
class GraphExporter
{
public:
    /// heading: the line over the drawing; title: the SVG document's title.
    GraphExporter(const QGraphicsScene *scene, const QString &heading, const QString &title);

    QSizeF size() const;
    void paint(QPainter *painter, const QRectF &target) const;
    QImage renderImage(qreal scale, int maxPixels) const;
    bool writePng(const QString &path, qreal scale, int maxPixels, QString *error) const;
    bool writeSvg(const QString &path, QString *error) const;

private:
    const QGraphicsScene *m_scene;
    QString m_heading;
    QString m_title;
};

} // namespace bs
