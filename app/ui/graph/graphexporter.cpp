#include "ui/graph/graphexporter.h"

#include "ui/graph/graphstyle.h"

#include <QCoreApplication>
#include <QGraphicsScene>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QtMath>

namespace bs {

namespace {
constexpr qreal ExportMargin = 24;
constexpr qreal ExportTitleHeight = 34;
} // namespace

GraphExporter::GraphExporter(const QGraphicsScene *scene, const QString &heading, const QString &title)
    : m_scene(scene)
    , m_heading(heading)
    , m_title(title)
{
}

QSizeF GraphExporter::size() const
{
    const QRectF source = m_scene->sceneRect();
    const QSizeF legend = GraphStyle::legendSize();
    return QSizeF(legend.width() + source.width() + 2 * ExportMargin,
                  ExportTitleHeight + qMax(legend.height(), source.height()) + 2 * ExportMargin);
}

void GraphExporter::paint(QPainter *painter, const QRectF &target) const
{
    painter->fillRect(target, Qt::white);
    painter->setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    QFont title = GraphStyle::nameFont();
    title.setPixelSize(16);
    painter->setFont(title);
    painter->setPen(QColor(0x0f, 0x17, 0x2a));
    painter->drawText(QRectF(target.left() + ExportMargin, target.top() + ExportMargin / 2, target.width(), ExportTitleHeight),
                      Qt::AlignLeft | Qt::AlignVCenter, m_heading);
    const QPointF origin(target.left() + ExportMargin, target.top() + ExportMargin + ExportTitleHeight);
    GraphStyle::paintLegend(painter, origin);
    const QRectF source = m_scene->sceneRect();
    const QRectF graphTarget(origin.x() + GraphStyle::legendSize().width(), origin.y(), source.width(), source.height());
    // render() is not const in Qt, but only reads the scene.
    const_cast<QGraphicsScene *>(m_scene)->render(painter, graphTarget, source, Qt::KeepAspectRatio);
}

QImage GraphExporter::renderImage(qreal scale, int maxPixels) const
{
    const QSizeF total = size();
    scale = qMin(scale, maxPixels / qMax(total.width(), total.height()));
    QImage image(qCeil(total.width() * scale), qCeil(total.height() * scale), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.scale(scale, scale);
    paint(&painter, QRectF(QPointF(), total));
    painter.end();
    return image;
}

bool GraphExporter::writePng(const QString &path, qreal scale, int maxPixels, QString *error) const
{
    const QImage image = renderImage(scale, maxPixels);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

bool GraphExporter::writeSvg(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    const QSizeF total = size();
    QSvgGenerator svg;
    svg.setOutputDevice(&file);
    svg.setSize(total.toSize());
    svg.setViewBox(QRectF(QPointF(), total));
    svg.setTitle(m_title);
    svg.setDescription(QCoreApplication::translate("bs::BrokerGraphView", "Exported by Broker Studio"));
    QPainter painter;
    if (!painter.begin(&svg)) {
        if (error)
            *error = QCoreApplication::translate("bs::BrokerGraphView", "Could not start the SVG writer");
        file.cancelWriting();
        return false;
    }
    paint(&painter, QRectF(QPointF(), total));
    painter.end();
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace bs
