#include "ui/wizard/patterndiagramwidget.h"

#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace bs {

namespace {

void arrow(QPainter &p, QPointF from, QPointF to, const QString &label, bool labelAbove = true)
{
    p.drawLine(from, to);
    const double angle = std::atan2(to.y() - from.y(), to.x() - from.x());
    const double size = 7.0;
    QPolygonF head;
    head << to << to - QPointF(size * std::cos(angle - 0.4), size * std::sin(angle - 0.4))
         << to - QPointF(size * std::cos(angle + 0.4), size * std::sin(angle + 0.4));
    p.save();
    p.setBrush(p.pen().color());
    p.drawPolygon(head);
    p.restore();
    if (!label.isEmpty()) {
        const QPointF mid = (from + to) / 2.0;
        const QFontMetricsF fm(p.font());
        const double w = fm.horizontalAdvance(label);
        const QRectF r(mid.x() - w / 2 - 2, labelAbove ? mid.y() - fm.height() - 2 : mid.y() + 2, w + 4, fm.height());
        p.drawText(r, Qt::AlignCenter, label);
    }
}

void box(QPainter &p, const QRectF &r, const QString &title, const QString &sub, const QColor &fill)
{
    p.save();
    p.setBrush(fill);
    p.drawRoundedRect(r, 6, 6);
    QFont f = p.font();
    f.setBold(true);
    p.setFont(f);
    p.drawText(r.adjusted(4, 4, -4, -r.height() / 2), Qt::AlignHCenter | Qt::AlignBottom, title);
    f.setBold(false);
    p.setFont(f);
    p.drawText(r.adjusted(4, r.height() / 2 + 2, -4, -4), Qt::AlignHCenter | Qt::AlignTop, sub);
    p.restore();
}

} // namespace

PatternDiagramWidget::PatternDiagramWidget(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Pattern diagram"));
}

void PatternDiagramWidget::setPattern(Pattern pattern)
{
    m_pattern = pattern;
    setAccessibleDescription(patternTitle(pattern));
    update();
}

QSize PatternDiagramWidget::sizeHint() const
{
    return QSize(420, 170);
}

QSize PatternDiagramWidget::minimumSizeHint() const
{
    return QSize(320, 150);
}

void PatternDiagramWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    p.setPen(QPen(pal.color(QPalette::Mid), 1));
    p.drawRect(rect().adjusted(0, 0, -1, -1));

    const double w = width();
    const double h = height();
    const double bw = std::min(130.0, w * 0.3);
    const double bh = 52;
    const QRectF initiator(10, 28, bw, bh);
    const QRectF target(w - bw - 10, 28, bw, bh);
    const bool naive = m_pattern == Pattern::NaiveTeaching;
    const QColor sender = naive ? QColor(0xfd, 0xe2, 0xe1) : QColor(0xe3, 0xee, 0xfa);
    const QColor receiver = naive ? QColor(0xfd, 0xe2, 0xe1) : QColor(0xe6, 0xf4, 0xe4);
    p.setPen(QPen(pal.color(QPalette::Text), 1.2));

    QFont small = font();
    small.setPointSizeF(std::max(7.0, small.pointSizeF() - 1));
    p.setFont(small);

    switch (m_pattern) {
    case Pattern::Windowed:
        box(p, initiator, tr("_Enqueue"), tr("BEGIN · SEND · END"), sender);
        box(p, target, tr("_Target"), tr("N readers"), receiver);
        arrow(p, QPointF(initiator.right(), initiator.center().y()), QPointF(target.left(), target.center().y()),
              tr("one dialog per task, LIFETIME = window"));
        p.drawText(QRectF(10, initiator.bottom() + 12, w - 20, h - initiator.bottom() - 16), Qt::AlignLeft | Qt::TextWordWrap,
                   tr("The sender never waits. Closed endpoints are reclaimed when the window ends; "
                      "a task not received in time is marked expired in the task log."));
        break;
    case Pattern::KeepFiring: {
        box(p, initiator, tr("_Enqueue"), tr("pool of dialogs"), sender);
        box(p, target, tr("_Target"), tr("1 reader per dialog"), receiver);
        for (int i = 0; i < 3; ++i) {
            const double y = initiator.top() + 10 + i * 16;
            arrow(p, QPointF(initiator.right(), y), QPointF(target.left(), y), i == 0 ? tr("long-lived dialogs (FIFO each)") : QString());
        }
        p.drawText(QRectF(10, initiator.bottom() + 12, w - 20, h - initiator.bottom() - 16), Qt::AlignLeft | Qt::TextWordWrap,
                   tr("On recycle the sender sends EndOfStream; the target ends first, then _Initiator ends "
                      "its side and logs errors. Endpoints stay bounded."));
        break;
    }
    case Pattern::TargetEndsFirst:
        box(p, initiator, tr("_Enqueue + _Initiator"), tr("ends on EndDialog"), sender);
        box(p, target, tr("_Target"), tr("ends after task"), receiver);
        arrow(p, QPointF(initiator.right(), initiator.center().y() - 8), QPointF(target.left(), target.center().y() - 8),
              tr("task message"));
        arrow(p, QPointF(target.left(), target.center().y() + 10), QPointF(initiator.right(), initiator.center().y() + 10),
              tr("EndDialog / Error"), false);
        p.drawText(QRectF(10, initiator.bottom() + 26, w - 20, h - initiator.bottom() - 30), Qt::AlignLeft | Qt::TextWordWrap,
                   tr("One dialog per task; closed target endpoints are kept 30 min for replay protection."));
        break;
    case Pattern::NaiveTeaching: {
        box(p, initiator, tr("sender"), tr("BEGIN · SEND · END"), sender);
        box(p, target, tr("target"), tr("END"), receiver);
        arrow(p, QPointF(initiator.right(), initiator.center().y()), QPointF(target.left(), target.center().y()),
              tr("default LIFETIME: 68 years"));
        // The pile of leaked endpoints.
        p.save();
        p.setPen(QPen(QColor(0xb0, 0x1e, 0x1e), 1));
        p.setBrush(QColor(0xf4, 0xb6, 0xb4));
        const double base = h - 12;
        for (int row = 0; row < 4; ++row) {
            for (int col = 0; col <= row * 2 + 2; ++col)
                p.drawEllipse(QPointF(target.center().x() - 40 + col * 9, base - row * 9), 3.5, 3.5);
        }
        p.restore();
        p.drawText(QRectF(10, initiator.bottom() + 12, w * 0.55, h - initiator.bottom() - 16), Qt::AlignLeft | Qt::TextWordWrap,
                   tr("Errors are dropped; closed endpoints pile up for the dialog's lifetime."));
        break;
    }
    }
}

} // namespace bs
