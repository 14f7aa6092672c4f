#include "ui/monitor/elidedlabel.h"

#include <QPainter>

namespace bs {

ElidedLabel::ElidedLabel(QWidget *parent)
    : QFrame(parent)
{
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
}

void ElidedLabel::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    setToolTip(text);
    update();
}

QString ElidedLabel::elidedText() const
{
    return fontMetrics().elidedText(m_text, Qt::ElideRight, contentsRect().width());
}

QSize ElidedLabel::sizeHint() const
{
    // Room for a typical status line; the layout may give more or less.
    return {fontMetrics().averageCharWidth() * 40, fontMetrics().height()};
}

QSize ElidedLabel::minimumSizeHint() const
{
    return {fontMetrics().averageCharWidth() * 4, fontMetrics().height()};
}

void ElidedLabel::paintEvent(QPaintEvent *event)
{
    QFrame::paintEvent(event);
    QPainter painter(this);
    painter.setPen(palette().color(foregroundRole()));
    // Right-aligned when it fits: the status sits at the end of the toolbar.
    const QString shown = elidedText();
    painter.drawText(contentsRect(), int(Qt::AlignVCenter | (shown == m_text ? Qt::AlignRight : Qt::AlignLeft)), shown);
}

} // namespace bs
