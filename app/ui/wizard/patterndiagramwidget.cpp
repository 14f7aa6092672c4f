#include "ui/wizard/patterndiagramwidget.h"

#include "core/script/patterndescriptor.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace bs {

namespace {

void arrowHead(QPainter &p, QPointF from, QPointF to)
{
    const double angle = std::atan2(to.y() - from.y(), to.x() - from.x());
    const double size = 7.0;
    QPolygonF head;
    head << to << to - QPointF(size * std::cos(angle - 0.4), size * std::sin(angle - 0.4))
         << to - QPointF(size * std::cos(angle + 0.4), size * std::sin(angle + 0.4));
    p.save();
    p.setBrush(p.pen().color());
    p.drawPolygon(head);
    p.restore();
}

// An arrow with its label wrapped into the gap above (or below) it.
void arrow(QPainter &p, QPointF from, QPointF to, const QString &label, bool labelAbove = true)
{
    p.drawLine(from, to);
    arrowHead(p, from, to);
    if (label.isEmpty())
        return;
    const double left = std::min(from.x(), to.x()) + 4;
    const double width = std::abs(to.x() - from.x()) - 8;
    const QFontMetricsF fm(p.font());
    const QRectF bound = fm.boundingRect(QRectF(0, 0, width, 200), Qt::AlignCenter | Qt::TextWordWrap, label);
    const double y = labelAbove ? from.y() - bound.height() - 3 : from.y() + 3;
    p.drawText(QRectF(left, y, width, bound.height()), Qt::AlignHCenter | Qt::TextWordWrap, label);
}

// Box width that fits its two lines.
double boxWidth(const QPainter &p, const QString &title, const QString &sub)
{
    QFont bold = p.font();
    bold.setBold(true);
    return std::max(QFontMetricsF(bold).horizontalAdvance(title), QFontMetricsF(p.font()).horizontalAdvance(sub)) + 16;
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
    describe();
}

void PatternDiagramWidget::setPrefix(const QString &prefix)
{
    m_prefix = prefix;
    describe();
}

void PatternDiagramWidget::describe()
{
    setAccessibleDescription(patternTitle(m_pattern) + QStringLiteral(": ") + boxTitles());
    update();
}

QString PatternDiagramWidget::boxTitles() const
{
    const Labels l = labels();
    return l.leftTitle + QStringLiteral(" -> ") + l.rightTitle;
}

QString PatternDiagramWidget::procedure(const char *suffix) const
{
    // A prefix may be 100 characters long: the middle goes, both ends stay readable.
    const QString name = m_prefix + QLatin1String(suffix);
    return name.size() <= 28 ? name : name.left(12) + QChar(0x2026) + name.right(15);
}

PatternDiagramWidget::Labels PatternDiagramWidget::labels() const
{
    const PatternPresentation &p = patternDescriptor(m_pattern).presentation;
    Labels l;
    l.leftTitle = procedure(p.senderProcedure);
    l.leftSub = patternText(p.senderNote);
    l.rightTitle = procedure(p.targetProcedure);
    l.rightSub = patternText(p.targetNote);
    l.caption = patternText(p.caption);
    if (p.captionProcedure)
        l.caption = l.caption.arg(procedure(p.captionProcedure));
    return l;
}

QSize PatternDiagramWidget::sizeHint() const
{
    return QSize(420, 180);
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

    QFont small = font();
    small.setPointSizeF(std::max(7.0, small.pointSizeF() - 1));
    p.setFont(small);
    p.setPen(QPen(pal.color(QPalette::Text), 1.2));

    const Labels l = labels();
    const QString &leftTitle = l.leftTitle, &leftSub = l.leftSub, &rightTitle = l.rightTitle,
                  &rightSub = l.rightSub, &caption = l.caption;

    const double w = width();
    const double h = height();
    const double bh = 44;
    const double top = 44;
    const QRectF initiator(10, top, boxWidth(p, leftTitle, leftSub), bh);
    const double rw = boxWidth(p, rightTitle, rightSub);
    const QRectF target(w - rw - 10, top, rw, bh);
    const PatternDescriptor &descriptor = patternDescriptor(m_pattern);
    const PatternPresentation &presentation = descriptor.presentation;
    // A pattern the wizard does not generate is drawn as a warning, with the endpoints it leaves behind.
    const bool naive = !descriptor.installable;
    const QColor sender = naive ? QColor(0xfd, 0xe2, 0xe1) : QColor(0xe3, 0xee, 0xfa);
    const QColor receiver = naive ? QColor(0xfd, 0xe2, 0xe1) : QColor(0xe6, 0xf4, 0xe4);
    box(p, initiator, leftTitle, leftSub, sender);
    box(p, target, rightTitle, rightSub, receiver);
    const double x0 = initiator.right();
    const double x1 = target.left();
    const double cy = initiator.center().y();

    double lowest = 0;
    for (const PatternDiagramArrow &a : presentation.arrows) {
        const QPointF left(x0, cy + a.offset), right(x1, cy + a.offset);
        arrow(p, a.forward ? left : right, a.forward ? right : left, patternText(a.label), a.forward);
        if (!a.forward && a.label)
            lowest = std::max(lowest, a.offset);
    }

    double captionRight = w - 10;
    if (naive) {
        // The pile of leaked endpoints under the target.
        p.save();
        p.setPen(QPen(QColor(0xb0, 0x1e, 0x1e), 1));
        p.setBrush(QColor(0xf4, 0xb6, 0xb4));
        const double base = h - 10;
        const double pileLeft = w - 16 - 8 * 9;
        for (int row = 0; row < 4; ++row) {
            for (int col = 0; col <= 8 - row * 2; ++col)
                p.drawEllipse(QPointF(pileLeft + row * 9 + col * 9, base - row * 9), 3.5, 3.5);
        }
        p.restore();
        captionRight = pileLeft - 10;
    }
    // A label below an arrow (a reply) needs room above the caption.
    const double captionTop = initiator.bottom() + (lowest > 0 ? 2 * lowest + 8 : 12);
    p.drawText(QRectF(10, captionTop, captionRight - 10, h - captionTop - 6), Qt::AlignLeft | Qt::TextWordWrap, caption);
}

} // namespace bs
