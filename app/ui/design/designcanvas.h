#pragma once

#include "core/catalog.h"
#include "core/design/brokerdesign.h"

#include <QHash>
#include <QObject>
#include <QPointF>

#include <functional>
#include <optional>

class QAction;
class QGraphicsLineItem;
class QLineEdit;

namespace bs {

class BrokerGraphView;
class DesignDocument;
class GraphNodeItem;

/// The designer's editing on the broker graph (the view itself stays the Graph tab's):
/// - positions: objects the user moved stay where the design file's `positions` put them, and
///   objects already drawn keep their place across edits; only new objects take Graphviz's
///   place. Edges of moved objects are drawn straight.
/// - moving nodes (one or a selection) is one MoveObjectsCommand on the undo stack;
/// - rubber band and Ctrl+click select several objects;
/// - connecting: Shift+drag (or drag with the Connect tool on) from one node to another:
///   service → queue sets its queue, service → contract adds the contract, contract → message
///   type adds a usage after asking SENT BY; each a ConnectCommand;
/// - find: selects every object whose name contains the text and centres the first.
class DesignCanvas : public QObject
{
    Q_OBJECT
public:
    /// Asks SENT BY for a new usage of `messageType` in `contract`; nullopt cancels.
    using SentByChooser = std::function<std::optional<SentBy>(const DesignRef &contract, const DesignRef &messageType)>;

    DesignCanvas(BrokerGraphView *view, DesignDocument *document, QObject *parent = nullptr);

    /// After each edit: the design objects behind the graph's nodes (DesignWindow::refresh).
    void setIds(const QHash<ObjectRef, DesignRef> &ids) { m_ids = ids; }
    /// Puts every node where the design file or the last drawing had it (after a layout, after
    /// a move is undone).
    void applyPositions();

    QList<DesignRef> selectedObjects() const;
    /// Selects these objects on the canvas (and no others).
    void selectObjects(const QList<DesignRef> &refs);
    /// Selects the objects whose name contains `text` (case-insensitive) and centres the first;
    /// returns how many.
    int find(const QString &text);
    /// Connects as a drag from `from` to `to` does; returns why it was refused (empty when done
    /// or cancelled at the SENT BY question).
    QString connectObjects(const DesignRef &from, const DesignRef &to);
    void setSentByChooser(SentByChooser chooser) { m_chooseSentBy = std::move(chooser); }

    /// The scene position of the object's node (for tests and the window); nullopt when not drawn.
    std::optional<QPointF> nodePosition(const DesignRef &ref) const;
    /// Moves nodes as a mouse drag does and records it (one undo step).
    void moveObjects(const QHash<QString, QPointF> &positions);

    QAction *connectAction() const { return m_connectAction; }
    QAction *findAction() const { return m_findAction; }
    QLineEdit *findField() const { return m_findField; }

signals:
    void message(const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    static QString keyOf(const DesignRef &ref) { return ref.display(); }
    DesignRef refOf(const GraphNodeItem *item) const;
    QString nodeKey(const GraphNodeItem *item) const;
    GraphNodeItem *nodeAt(const QPointF &viewportPos) const;
    GraphNodeItem *nodeOf(const DesignRef &ref) const;
    void rerouteEdges();
    QPointF expectedPosition(const GraphNodeItem *item) const;
    void recordMoves();

    BrokerGraphView *m_view;
    DesignDocument *m_document;
    QHash<ObjectRef, DesignRef> m_ids;
    /// Where each node is drawn when the user has not placed it, by node key: Graphviz's place
    /// when it first appeared, kept so that an edit elsewhere moves nothing.
    QHash<QString, QPointF> m_automatic;
    QHash<int, QPointF> m_layoutCenters; ///< Graphviz's centres of the drawing on screen
    SentByChooser m_chooseSentBy;
    QAction *m_connectAction = nullptr;
    QAction *m_findAction = nullptr;
    QLineEdit *m_findField = nullptr;
    GraphNodeItem *m_connectFrom = nullptr;
    QGraphicsLineItem *m_rubberLine = nullptr;
    bool m_pressed = false;
};

} // namespace bs
