#pragma once

#include "core/catalog.h"
#include "core/check/healthfinding.h"
#include "core/jobs/jobtracker.h"
#include "graph/brokergraph.h"
#include "graph/conversationflow.h"
#include "graph/graphlayout.h"

#include <QGraphicsView>
#include <QHash>
#include <QElapsedTimer>
#include <QImage>

#include <memory>

class QAction;

namespace bs {

class GraphEdgeItem;
class GraphExporter;
class GraphNodeItem;
class GraphReferenceItem;

/// The broker graph: services, queues, contracts, message types, activation procedures,
/// routes and remote services laid out by Graphviz off the GUI thread and drawn in a
/// QGraphicsScene. Zoom, pan, fit, selection in both directions, health colours, tooltips
/// with each object's key facts, and SVG/PNG export.
class BrokerGraphView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit BrokerGraphView(QWidget *parent = nullptr);
    ~BrokerGraphView() override;

    /// Shows a catalog: builds the graph now, lays it out on a worker thread and swaps the
    /// picture in when done (layoutFinished). A newer call makes older results stale.
    void setCatalog(const BrokerCatalog &catalog);
    const BrokerCatalog &catalog() const { return m_catalog; }
    /// The graph currently drawn (the last applied layout).
    const BrokerGraph &graph() const { return m_graph; }
    const GraphLayout &layoutResult() const { return m_layout; }
    /// A layout runs, or its drawing is still being put into the scene (layoutFinished not yet).
    bool isLayoutRunning() const { return m_layoutJobs.isRunning() || m_populating != nullptr; }

    ObjectRef selectedObject() const;
    GraphNodeItem *nodeItem(const ObjectRef &ref) const;
    const QList<GraphNodeItem *> &nodeItems() const { return m_nodeItems; }
    const QList<GraphEdgeItem *> &edgeItems() const { return m_edgeItems; }
    /// Stand-ins for objects drawn in another part of a split component (GraphLayout::references).
    const QList<GraphReferenceItem *> &referenceItems() const { return m_referenceItems; }
    /// What the drawing leaves to references when a component was split by application (shown
    /// by the page above the view); empty when nothing was split.
    QString splitNotice() const;
    /// How many references in the drawing stand for that node (its tooltip says so).
    int referencesTo(int nodeIndex) const { return m_referenceCount.value(nodeIndex); }

    /// The object's health as its node shows it (the worse of the catalog's and the monitor's)
    /// with the reasons; Normal when it is not drawn and the monitor said nothing.
    std::pair<NodeHealth, QString> healthOf(const ObjectRef &ref) const;

    bool showSystemObjects() const { return m_showSystem; }
    bool showConversationFlows() const { return m_showFlows; }
    /// The flows drawn now (those of the last layout, with the latest figures).
    const QList<ConversationFlow> &conversationFlows() const { return m_flows; }
    bool isLegendVisible() const { return m_legendVisible; }
    qreal zoomFactor() const;

    /// The whole graph with a title and the legend, as a vector drawing / a bitmap.
    /// PNGs are scaled down if a side would exceed MaxExportPixels. Written atomically.
    bool exportSvg(const QString &path, QString *error = nullptr) const;
    bool exportPng(const QString &path, qreal scale = 2.0, QString *error = nullptr) const;
    QImage renderImage(qreal scale = 1.0) const;
    static constexpr int MaxExportPixels = 16000;

    QAction *zoomInAction() const { return m_zoomIn; }
    QAction *zoomOutAction() const { return m_zoomOut; }
    QAction *fitAction() const { return m_fit; }
    QAction *actualSizeAction() const { return m_actualSize; }
    QAction *showSystemObjectsAction() const { return m_showSystemAction; }
    QAction *conversationFlowsAction() const { return m_flowsAction; }
    QAction *legendAction() const { return m_legendAction; }
    QAction *exportAction() const { return m_export; }
    /// The actions above in toolbar order (a null entry marks a separator).
    QList<QAction *> toolbarActions() const;

public slots:
    /// Selects and centres the object's node without emitting objectSelected. Returns false
    /// when the object is not drawn (hidden system object, not laid out yet: then it is
    /// selected once the running layout arrives).
    bool selectObject(const bs::ObjectRef &ref);
    /// The monitor's health for an object; drawn as the worse of it and the catalog's own.
    /// Kept across re-layouts until clearHealth().
    void setHealth(const bs::ObjectRef &ref, bs::NodeHealth health, const QString &reason = {});
    void clearHealth();
    /// Who talks to whom, from the latest sample's endpoints: service → service edges labelled
    /// with the population and red where endpoints leak. New figures for the same pairs update
    /// the edges in place; a new pair lays the graph out again (at most one layout at a time).
    void setConversationFlows(const QList<bs::ConversationFlow> &flows);
    /// The health check's findings: a count badge on each object they concern.
    void setFindings(const QList<bs::HealthFinding> &findings);
    void setShowSystemObjects(bool show);
    void setShowConversationFlows(bool show);
    /// Whether the page shows its legend panel (legendAction mirrors it). Exports always have one.
    void setLegendVisible(bool visible);
    void zoomIn();
    void zoomOut();
    void fitToView();
    void resetZoom();
    /// Asks for a file name (.svg or .png) and exports.
    void exportWithDialog();

signals:
    /// The user selected a node (an invalid ref when the selection was cleared).
    void objectSelected(const bs::ObjectRef &ref);
    /// The user double-clicked a node.
    void objectActivated(const bs::ObjectRef &ref);
    /// A layout started for a catalog of that many objects.
    void layoutStarted(int objectCount);
    /// Some object's health changed (setHealth, clearHealth, a new drawing): ask healthOf().
    void healthChanged();
    /// ok = false carries Graphviz's error in message; otherwise a summary for a status bar.
    void layoutFinished(bool ok, const QString &message);

protected:
    bool viewportEvent(QEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void createActions();
    void relayout();
    void applyFlowFigures();
    void applyFindings();
    struct LayoutJob;
    void applyLayout(const LayoutJob &job);
    void populateSlice(quint64 generation);
    void finishPopulation();
    void afterDrawing();
    void goToNode(int index);
    void onSceneSelectionChanged();
    void highlightEdgesOf(int nodeIndex);
    void zoomBy(qreal factor);
    GraphExporter exporter() const;
    static quint64 refKey(const ObjectRef &ref);

    QGraphicsScene *m_scene = nullptr;
    BrokerCatalog m_catalog;
    BrokerGraph m_graph;
    GraphLayout m_layout;
    QList<GraphNodeItem *> m_nodeItems;
    QList<GraphEdgeItem *> m_edgeItems;
    QList<GraphReferenceItem *> m_referenceItems;
    QHash<int, int> m_referenceCount; ///< node index -> references to it in the drawing
    QList<QList<int>> m_edgesByNode;
    QHash<quint64, std::pair<NodeHealth, QString>> m_health;
    QList<ConversationFlow> m_flows;       ///< the latest sample's
    QList<ConversationFlow> m_drawnFlows;  ///< the pairs of the drawing on screen
    QList<ConversationFlow> m_layoutFlows; ///< the pairs of the layout running
    bool m_relayoutPending = false;
    QList<HealthFinding> m_findings;
    ObjectRef m_pendingSelection;
    JobTracker m_layoutJobs{this};
    std::shared_ptr<LayoutJob> m_populating; ///< the drawing going into the scene, slice by slice
    qsizetype m_populated = 0;
    quint64 m_populateGeneration = 0;
    QElapsedTimer m_populateTimer;
    ObjectRef m_keepSelection;
    bool m_showSystem = false;
    bool m_showFlows = true;
    bool m_legendVisible = true;
    bool m_autoFit = true;
    bool m_selecting = false;

    QAction *m_zoomIn = nullptr;
    QAction *m_zoomOut = nullptr;
    QAction *m_fit = nullptr;
    QAction *m_actualSize = nullptr;
    QAction *m_showSystemAction = nullptr;
    QAction *m_flowsAction = nullptr;
    QAction *m_legendAction = nullptr;
    QAction *m_export = nullptr;
};

} // namespace bs
