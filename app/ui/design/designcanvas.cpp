#include "ui/design/designcanvas.h"

#include "core/design/designcommands.h"
#include "core/design/designdocument.h"
#include "ui/graph/brokergraphview.h"
#include "ui/graph/graphedgeitem.h"
#include "ui/graph/graphnodeitem.h"

#include <QAction>
#include <QGraphicsLineItem>
#include <QGraphicsScene>
#include <QInputDialog>
#include <QLineEdit>
#include <QMouseEvent>
#include <QScrollBar>

namespace bs {

namespace {

QRectF boxOf(const GraphNodeItem *item)
{
    QRectF box(QPointF(), item->size());
    box.moveCenter(item->pos());
    return box;
}

std::optional<SentBy> askSentBy(QWidget *parent, const DesignRef &contract, const DesignRef &messageType)
{
    // CREATE CONTRACT: each message type is SENT BY INITIATOR, TARGET or ANY
    // (https://learn.microsoft.com/sql/t-sql/statements/create-contract-transact-sql).
    const QStringList choices{QStringLiteral("INITIATOR"), QStringLiteral("TARGET"), QStringLiteral("ANY")};
    bool ok = false;
    const QString choice = QInputDialog::getItem(parent, QObject::tr("SENT BY"),
                                                 QObject::tr("Which side of a conversation on %1 sends %2?")
                                                     .arg(contract.display(), messageType.display()),
                                                 choices, 0, false, &ok);
    if (!ok)
        return std::nullopt;
    return choice == choices.at(0) ? SentBy::Initiator : choice == choices.at(1) ? SentBy::Target : SentBy::Any;
}

} // namespace

DesignCanvas::DesignCanvas(BrokerGraphView *view, DesignDocument *document, QObject *parent)
    : QObject(parent), m_view(view), m_document(document)
{
    m_view->setDragMode(QGraphicsView::RubberBandDrag);
    m_view->setRubberBandSelectionMode(Qt::IntersectsItemShape);
    m_view->viewport()->installEventFilter(this);
    m_chooseSentBy = [this](const DesignRef &c, const DesignRef &m) { return askSentBy(m_view, c, m); };

    m_connectAction = new QAction(tr("&Connect"), this);
    m_connectAction->setCheckable(true);
    m_connectAction->setToolTip(tr("Drag from one object to another to connect them: a service to its queue or to a "
                                   "contract it accepts, a contract to a message type (asks SENT BY). Shift+drag does "
                                   "the same without this tool."));
    m_findField = new QLineEdit;
    m_findField->setPlaceholderText(tr("Find (Ctrl+F)"));
    m_findField->setClearButtonEnabled(true);
    m_findField->setToolTip(tr("Selects every object whose name contains the text and centres the first"));
    m_findField->setMaximumWidth(200);
    m_findAction = new QAction(tr("&Find…"), this);
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_findField->setFocus();
        m_findField->selectAll();
    });
    connect(m_findField, &QLineEdit::returnPressed, this, [this] {
        const int n = find(m_findField->text());
        emit message(n == 0 ? tr("No object's name contains \"%1\".").arg(m_findField->text())
                            : tr("%n object(s) found and selected.", nullptr, n));
    });
    connect(m_view, &BrokerGraphView::layoutFinished, this, [this](bool ok) {
        if (ok)
            applyPositions();
    });
}

QString DesignCanvas::nodeKey(const GraphNodeItem *item) const
{
    const ObjectRef &ref = item->node().ref;
    if (ref.kind == ObjectKind::ActivationProcedure) {
        ObjectRef queue = ref;
        queue.kind = ObjectKind::Queue;
        return QStringLiteral("activation of ") + m_ids.value(queue).display();
    }
    const DesignRef design = m_ids.value(ref);
    return design.isValid() ? keyOf(design) : QStringLiteral("%1 %2").arg(int(item->node().kind)).arg(item->node().name);
}

DesignRef DesignCanvas::refOf(const GraphNodeItem *item) const
{
    return item ? m_ids.value(item->node().ref) : DesignRef{};
}

GraphNodeItem *DesignCanvas::nodeOf(const DesignRef &ref) const
{
    for (GraphNodeItem *item : m_view->nodeItems()) {
        if (refOf(item) == ref)
            return item;
    }
    return nullptr;
}

GraphNodeItem *DesignCanvas::nodeAt(const QPointF &viewportPos) const
{
    for (QGraphicsItem *item : m_view->items(viewportPos.toPoint())) {
        if (item->type() == GraphNodeItem::Type)
            return static_cast<GraphNodeItem *>(item);
    }
    return nullptr;
}

void DesignCanvas::applyPositions()
{
    const QHash<QString, QPointF> &saved = m_document->file().positions;
    const GraphLayout &layout = m_view->layoutResult();
    m_layoutCenters.clear();
    QHash<QString, QPointF> automatic;
    for (GraphNodeItem *item : m_view->nodeItems()) {
        item->setFlag(QGraphicsItem::ItemIsMovable, refOf(item).isValid());
        const QString key = nodeKey(item);
        const QPointF center = layout.nodeCenters.value(item->index(), item->pos());
        m_layoutCenters.insert(item->index(), center);
        // A node drawn before keeps its place (an edit elsewhere moves nothing); a new one takes
        // Graphviz's. Where the user put it (the design file) wins over both.
        const QPointF place = m_automatic.value(key, center);
        automatic.insert(key, place);
        item->setPos(saved.value(key, place));
    }
    m_automatic = automatic;
    rerouteEdges();
}

QPointF DesignCanvas::expectedPosition(const GraphNodeItem *item) const
{
    const QString key = nodeKey(item);
    return m_document->file().positions.value(key, m_automatic.value(key, item->pos()));
}

void DesignCanvas::rerouteEdges()
{
    const QList<GraphNodeItem *> &nodes = m_view->nodeItems();
    const GraphLayout &layout = m_view->layoutResult();
    for (GraphEdgeItem *edge : m_view->edgeItems()) {
        const GraphEdge &e = edge->edge();
        if (e.from < 0 || e.to < 0 || e.from >= nodes.size() || e.to >= nodes.size())
            continue;
        const GraphNodeItem *a = nodes.at(e.from);
        const GraphNodeItem *b = nodes.at(e.to);
        const bool moved = a->pos() != m_layoutCenters.value(e.from) || b->pos() != m_layoutCenters.value(e.to);
        // Graphviz's spline while both ends are where it put them; a straight line otherwise.
        edge->setRoute(moved ? GraphEdgeItem::straightRoute(boxOf(a), boxOf(b), !e.label.isEmpty())
                             : layout.edges.value(edge->index()));
    }
    if (QGraphicsScene *scene = m_view->scene())
        scene->setSceneRect(scene->itemsBoundingRect().adjusted(-40, -40, 40, 40));
}

void DesignCanvas::recordMoves()
{
    QHash<QString, QPointF> moved;
    for (GraphNodeItem *item : m_view->nodeItems()) {
        const QString key = nodeKey(item);
        if (refOf(item).isValid() && expectedPosition(item) != item->pos())
            moved.insert(key, item->pos());
    }
    if (!moved.isEmpty())
        moveObjects(moved);
}

void DesignCanvas::moveObjects(const QHash<QString, QPointF> &positions)
{
    for (GraphNodeItem *item : m_view->nodeItems()) {
        const QString key = nodeKey(item);
        if (const auto it = positions.constFind(key); it != positions.constEnd())
            item->setPos(*it);
    }
    rerouteEdges();
    m_document->push(new MoveObjectsCommand(m_document, positions));
}

QList<DesignRef> DesignCanvas::selectedObjects() const
{
    QList<DesignRef> out;
    for (GraphNodeItem *item : m_view->nodeItems()) {
        const DesignRef ref = refOf(item);
        if (item->isSelected() && ref.isValid() && !out.contains(ref))
            out.append(ref);
    }
    return out;
}

void DesignCanvas::selectObjects(const QList<DesignRef> &refs)
{
    if (QGraphicsScene *scene = m_view->scene())
        scene->clearSelection();
    for (GraphNodeItem *item : m_view->nodeItems())
        item->setSelected(refs.contains(refOf(item)));
}

int DesignCanvas::find(const QString &text)
{
    const QString needle = text.trimmed();
    QList<DesignRef> found;
    GraphNodeItem *first = nullptr;
    for (GraphNodeItem *item : m_view->nodeItems()) {
        const DesignRef ref = refOf(item);
        if (needle.isEmpty() || !ref.isValid() || !ref.name.contains(needle, Qt::CaseInsensitive))
            continue;
        found.append(ref);
        if (!first)
            first = item;
    }
    selectObjects(found);
    if (first)
        m_view->centerOn(first);
    return int(found.size());
}

QString DesignCanvas::connectObjects(const DesignRef &from, const DesignRef &to)
{
    SentBy sentBy = SentBy::Initiator;
    if (from.kind == ObjectKind::Contract && to.kind == ObjectKind::MessageType) {
        const std::optional<SentBy> chosen = m_chooseSentBy(from, to);
        if (!chosen)
            return {};
        sentBy = *chosen;
    }
    return m_document->push(new ConnectCommand(m_document, from, to, sentBy));
}

std::optional<QPointF> DesignCanvas::nodePosition(const DesignRef &ref) const
{
    if (const GraphNodeItem *item = nodeOf(ref))
        return item->pos();
    return std::nullopt;
}

bool DesignCanvas::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_view->viewport())
        return false;
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto *e = static_cast<QMouseEvent *>(event);
        if (e->button() != Qt::LeftButton)
            return false;
        GraphNodeItem *node = nodeAt(e->position());
        if (node && refOf(node).isValid() && (m_connectAction->isChecked() || e->modifiers() & Qt::ShiftModifier)) {
            // A connection starts: a line follows the mouse until it is released on a node.
            m_connectFrom = node;
            m_rubberLine = m_view->scene()->addLine(QLineF(node->pos(), node->pos()), QPen(Qt::darkBlue, 1.5, Qt::DashLine));
            m_rubberLine->setZValue(2);
            return true;
        }
        m_pressed = true;
        return false;
    }
    case QEvent::MouseMove: {
        auto *e = static_cast<QMouseEvent *>(event);
        if (m_rubberLine) {
            m_rubberLine->setLine(QLineF(m_connectFrom->pos(), m_view->mapToScene(e->position().toPoint())));
            return true;
        }
        if (m_pressed && (e->buttons() & Qt::LeftButton))
            QMetaObject::invokeMethod(this, &DesignCanvas::rerouteEdges, Qt::QueuedConnection); // after the item moved
        return false;
    }
    case QEvent::MouseButtonRelease: {
        auto *e = static_cast<QMouseEvent *>(event);
        if (m_rubberLine) {
            delete m_rubberLine;
            m_rubberLine = nullptr;
            const DesignRef from = refOf(std::exchange(m_connectFrom, nullptr));
            const DesignRef to = refOf(nodeAt(e->position()));
            if (to.isValid() && !(to == from)) {
                const QString why = connectObjects(from, to);
                emit message(why.isEmpty() ? tr("Connected %1 to %2.").arg(from.display(), to.display())
                                           : tr("Not connected: %1").arg(why));
            }
            return true;
        }
        if (m_pressed) {
            m_pressed = false;
            // After the view has finished the drag: the items are at their new places.
            QMetaObject::invokeMethod(this, &DesignCanvas::recordMoves, Qt::QueuedConnection);
        }
        return false;
    }
    default:
        return false;
    }
}

} // namespace bs
