#include "ui/graph/brokergraphview.h"

#include "graph/graphbuilder.h"
#include "graph/graphlayouter.h"
#include "ui/graph/graphedgeitem.h"
#include "ui/graph/graphexporter.h"
#include "ui/graph/graphgroupitem.h"
#include "ui/graph/graphnodeitem.h"
#include "ui/graph/graphreferenceitem.h"
#include "ui/graph/graphstyle.h"

#include <QAction>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMessageBox>
#include <QPainter>
#include <QScrollBar>
#include <QTimer>
#include <QToolTip>
#include <QWheelEvent>

namespace bs {

namespace {
constexpr qreal MinZoom = 0.02;
constexpr qreal MaxZoom = 6.0;
constexpr qreal ZoomStep = 1.25;
constexpr qreal SceneMargin = 40;
constexpr qint64 PopulateSliceMs = 25;

} // namespace

// Everything a drawing needs, made on a worker thread: the graph, its measured texts, the
// layout, and how many system objects the filter hid.
struct BrokerGraphView::LayoutJob
{
    BrokerGraph graph;
    QList<GraphStyle::NodeText> nodeTexts;
    QList<QSizeF> labelSizes;
    GraphLayout layout;
    int hiddenSystemObjects = 0;
    qint64 milliseconds = 0;
};

BrokerGraphView::BrokerGraphView(QWidget *parent)
    : QGraphicsView(parent)
    , m_scene(new QGraphicsScene(this))
{
    setScene(m_scene);
    // The items never move once placed (the designer moves a few at a time); without the BSP index
    // the first frame of 20,000 objects does not build one (bench_graph: the GUI thread's longest
    // stall 130 ms instead of 290–410), and a linear look-up of 46,000 items stays near a millisecond.
    m_scene->setItemIndexMethod(QGraphicsScene::NoIndex);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setViewportUpdateMode(QGraphicsView::BoundingRectViewportUpdate);
    setBackgroundBrush(QColor(0xf8, 0xfa, 0xfc));
    setFocusPolicy(Qt::StrongFocus);
    setOptimizationFlag(QGraphicsView::DontSavePainterState);
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &BrokerGraphView::onSceneSelectionChanged);
    createActions();
}

BrokerGraphView::~BrokerGraphView()
{
    // Deleting selected items emits selectionChanged; this view is half gone by then.
    disconnect(m_scene, nullptr, this, nullptr);
    delete m_scene;
}

quint64 BrokerGraphView::refKey(const ObjectRef &ref)
{
    return (quint64(quint32(ref.kind)) << 32) | quint32(ref.id);
}

void BrokerGraphView::createActions()
{
    auto make = [this](const QString &text, const QList<QKeySequence> &keys, const QString &tip) {
        auto *a = new QAction(text, this);
        a->setShortcuts(keys);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        a->setToolTip(tip + QStringLiteral(" (") + keys.constFirst().toString(QKeySequence::NativeText) + QLatin1Char(')'));
        addAction(a);
        return a;
    };
    m_zoomIn = make(tr("Zoom In"),
                    {QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence(Qt::Key_Plus)},
                    tr("Zoom in"));
    m_zoomOut = make(tr("Zoom Out"), {QKeySequence::ZoomOut, QKeySequence(Qt::Key_Minus)}, tr("Zoom out"));
    m_fit = make(tr("Fit"), {QKeySequence(Qt::CTRL | Qt::Key_0), QKeySequence(Qt::Key_F)}, tr("Fit the whole graph"));
    m_actualSize = make(tr("100%"), {QKeySequence(Qt::CTRL | Qt::Key_1), QKeySequence(Qt::Key_1)}, tr("Actual size"));
    m_showSystemAction = make(tr("System Objects"), {QKeySequence(Qt::CTRL | Qt::Key_H)},
                              tr("Show objects SQL Server creates itself"));
    m_showSystemAction->setCheckable(true);
    m_flowsAction = make(tr("Conversations"), {QKeySequence(Qt::CTRL | Qt::Key_K)},
                         tr("Show who talks to whom: an edge from each initiator service to its target, with the "
                            "endpoints of the latest sample, red where they leak"));
    m_flowsAction->setCheckable(true);
    m_flowsAction->setChecked(m_showFlows);
    m_legendAction = make(tr("Legend"), {QKeySequence(Qt::Key_L)}, tr("Show the legend"));
    m_legendAction->setCheckable(true);
    m_legendAction->setChecked(m_legendVisible);
    m_export = make(tr("Export…"), {QKeySequence(Qt::CTRL | Qt::Key_E)}, tr("Export the graph as SVG or PNG"));

    connect(m_zoomIn, &QAction::triggered, this, &BrokerGraphView::zoomIn);
    connect(m_zoomOut, &QAction::triggered, this, &BrokerGraphView::zoomOut);
    connect(m_fit, &QAction::triggered, this, &BrokerGraphView::fitToView);
    connect(m_actualSize, &QAction::triggered, this, &BrokerGraphView::resetZoom);
    connect(m_showSystemAction, &QAction::toggled, this, &BrokerGraphView::setShowSystemObjects);
    connect(m_flowsAction, &QAction::toggled, this, &BrokerGraphView::setShowConversationFlows);
    connect(m_legendAction, &QAction::toggled, this, &BrokerGraphView::setLegendVisible);
    connect(m_export, &QAction::triggered, this, &BrokerGraphView::exportWithDialog);
}

QList<QAction *> BrokerGraphView::toolbarActions() const
{
    return {m_zoomIn, m_zoomOut, m_fit, m_actualSize, nullptr, m_showSystemAction, m_flowsAction, m_legendAction,
            nullptr, m_export};
}

void BrokerGraphView::setCatalog(const BrokerCatalog &catalog)
{
    // A new catalog starts without a selection: object ids of another database (or of the same
    // one read again) name other objects, and carrying the selection over selected a node nobody
    // had clicked (issue 11). The window clears the properties and the tree alike.
    m_selecting = true;
    m_scene->clearSelection();
    m_selecting = false;
    m_pendingSelection = {};
    highlightEdgesOf(-1);
    m_catalog = catalog;
    m_autoFit = true;
    relayout();
}

void BrokerGraphView::setShowSystemObjects(bool show)
{
    if (m_showSystemAction->isChecked() != show)
        m_showSystemAction->setChecked(show); // comes back here through toggled
    if (m_showSystem == show)
        return;
    m_showSystem = show;
    m_pendingSelection = selectedObject();
    relayout();
}

void BrokerGraphView::relayout()
{
    // A drawing still being put into the scene is stale now; the next one clears what it left.
    ++m_populateGeneration;
    m_populating.reset();
    m_layoutFlows = m_showFlows ? m_flows : QList<ConversationFlow>();
    m_relayoutPending = false;
    emit layoutStarted(m_catalog.objectCount());
    // Building and measuring a large catalog takes as long as laying it out (bench_graph), so
    // all of it runs on the worker. Fonts and font metrics are safe to use off the GUI thread.
    // A newer catalog, filter or set of flows started meanwhile makes this picture stale: the
    // tracker drops its result.
    m_layoutJobs.start(
        [catalog = m_catalog, showSystem = m_showSystem, flows = m_layoutFlows](const JobContext &) {
            QElapsedTimer timer;
            timer.start();
            GraphBuilder builder;
            builder.setShowSystemObjects(showSystem);
            builder.setConversationFlows(flows);
            LayoutJob job;
            job.graph = builder.build(catalog);
            QList<QSizeF> nodeSizes;
            nodeSizes.reserve(job.graph.nodeCount());
            job.nodeTexts.reserve(job.graph.nodeCount());
            for (const GraphNode &n : job.graph.nodes()) {
                job.nodeTexts.append(GraphStyle::measure(n));
                nodeSizes.append(job.nodeTexts.constLast().size);
            }
            job.labelSizes.reserve(job.graph.edgeCount());
            for (const GraphEdge &e : job.graph.edges())
                job.labelSizes.append(GraphStyle::edgeLabelSize(e.label));
            job.layout = GraphLayouter::layout(job.graph, nodeSizes, job.labelSizes);
            if (!showSystem) {
                GraphBuilder all;
                all.setShowSystemObjects(true);
                all.setConversationFlows(flows);
                job.hiddenSystemObjects = all.build(catalog).nodeCount() - job.graph.nodeCount();
            }
            job.milliseconds = timer.elapsed();
            return job;
        },
        [this, flows = m_layoutFlows](const LayoutJob &done) {
            m_drawnFlows = flows;
            applyLayout(done);
        });
}

void BrokerGraphView::setConversationFlows(const QList<ConversationFlow> &flows)
{
    if (flows == m_flows)
        return;
    m_flows = flows;
    if (!m_showFlows)
        return;
    if (isLayoutRunning()) {
        if (!sameFlowPairs(flows, m_layoutFlows))
            m_relayoutPending = true;
        return;
    }
    if (sameFlowPairs(flows, m_drawnFlows)) {
        applyFlowFigures();
        return;
    }
    m_pendingSelection = selectedObject();
    relayout();
}

void BrokerGraphView::applyFlowFigures()
{
    if (!sameFlowPairs(m_flows, m_drawnFlows))
        return;
    QHash<std::pair<QString, QString>, const ConversationFlow *> byPair;
    for (const ConversationFlow &f : std::as_const(m_flows))
        byPair.insert({f.initiatorService, f.targetService}, &f);
    for (GraphEdgeItem *item : std::as_const(m_edgeItems)) {
        const GraphEdge &e = item->edge();
        if (e.kind != GraphEdgeKind::Conversation)
            continue;
        if (const ConversationFlow *f = byPair.value({m_graph.nodes().at(e.from).name, m_graph.nodes().at(e.to).name})) {
            item->updateFlow(f->label(), f->isLeaking() ? NodeHealth::Error : NodeHealth::Normal, f->description());
        }
    }
    m_drawnFlows = m_flows;
}

void BrokerGraphView::setShowConversationFlows(bool show)
{
    if (m_flowsAction->isChecked() != show)
        m_flowsAction->setChecked(show); // comes back here through toggled
    if (m_showFlows == show)
        return;
    m_showFlows = show;
    m_pendingSelection = selectedObject();
    relayout();
}

void BrokerGraphView::setFindings(const QList<HealthFinding> &findings)
{
    m_findings = findings;
    applyFindings();
}

void BrokerGraphView::applyFindings()
{
    struct Mark
    {
        int count = 0;
        NodeHealth worst = NodeHealth::Normal;
        QStringList titles;
    };
    QHash<quint64, Mark> marks;
    for (const HealthFinding &f : std::as_const(m_findings)) {
        if (f.cannotSee)
            continue; // "could not check" is not a finding about the object
        for (const ObjectRef &ref : f.objects) {
            Mark &m = marks[refKey(ref)];
            ++m.count;
            m.worst = worseHealth(m.worst, f.severity == HealthSeverity::Error ? NodeHealth::Error : NodeHealth::Warning);
            m.titles.append(f.title);
        }
    }
    for (GraphNodeItem *item : std::as_const(m_nodeItems)) {
        const GraphNode &n = item->node();
        const Mark m = n.kind == GraphNodeKind::RemoteService ? Mark() : marks.value(refKey(n.ref));
        item->setFindings(m.count, m.worst, m.titles);
    }
}

void BrokerGraphView::applyLayout(const LayoutJob &job)
{
    if (!job.layout.ok) {
        viewport()->setUpdatesEnabled(true); // a drawing abandoned for this one may have left it off
        emit layoutFinished(false, job.layout.error);
        afterDrawing();
        return;
    }
    m_populateTimer.start();
    m_keepSelection = m_pendingSelection.isValid() ? m_pendingSelection : selectedObject();
    m_pendingSelection = {};

    m_selecting = true;
    m_scene->clear();
    m_nodeItems.clear();
    m_edgeItems.clear();
    m_referenceItems.clear();
    m_graph = job.graph;
    m_layout = job.layout;
    m_edgesByNode = QList<QList<int>>(m_graph.nodeCount());
    for (int e = 0; e < m_graph.edgeCount(); ++e) {
        m_edgesByNode[m_graph.edges().at(e).from].append(e);
        m_edgesByNode[m_graph.edges().at(e).to].append(e);
    }
    m_nodeItems.reserve(m_graph.nodeCount());
    m_edgeItems.reserve(m_graph.edgeCount());
    m_referenceItems.reserve(m_layout.references.size());
    m_referenceCount.clear();
    for (const NodeReference &r : std::as_const(m_layout.references))
        ++m_referenceCount[r.node];
    const QRectF bounds = m_layout.bounds;
    m_scene->setSceneRect(bounds.adjusted(-SceneMargin, -SceneMargin, SceneMargin, SceneMargin));
    m_selecting = false;
    if (m_autoFit)
        fitToView();
    m_populating = std::make_shared<LayoutJob>(job);
    m_populated = 0;
    // No paint of a half-filled scene between slices: each would cost as much as a full frame.
    viewport()->setUpdatesEnabled(false);
    populateSlice(m_populateGeneration);
}

void BrokerGraphView::populateSlice(quint64 generation)
{
    if (generation != m_populateGeneration || !m_populating)
        return;
    // Tens of thousands of items take a few hundred milliseconds to create the first time (fresh
    // memory): they go into the scene in slices, so the GUI thread never blocks for long and the
    // drawing appears part by part.
    const LayoutJob &job = *m_populating;
    const qsizetype groups = m_layout.groups.size();
    const qsizetype nodes = groups + m_graph.nodeCount();
    const qsizetype references = nodes + m_layout.references.size();
    const qsizetype total = references + m_graph.edgeCount();
    QElapsedTimer slice;
    slice.start();
    m_selecting = true;
    for (; m_populated < total; ++m_populated) {
        if ((m_populated & 255) == 255 && slice.elapsed() >= PopulateSliceMs)
            break;
        const qsizetype k = m_populated;
        if (k < groups) {
            m_scene->addItem(new GraphGroupItem(m_layout.groups.at(k)));
        } else if (k < nodes) {
            const int i = int(k - groups);
            const GraphNode &node = m_graph.nodes().at(i);
            auto *item = new GraphNodeItem(i, node, job.nodeTexts.at(i));
            item->setPos(m_layout.nodeCenters.at(i));
            const auto health = m_health.constFind(refKey(node.ref));
            if (health != m_health.constEnd() && node.kind != GraphNodeKind::RemoteService)
                item->setMonitorHealth(health->first, health->second);
            m_scene->addItem(item);
            m_nodeItems.append(item);
        } else if (k < references) {
            const NodeReference &r = m_layout.references.at(k - nodes);
            auto *item = new GraphReferenceItem(r.node, m_graph.nodes().at(r.node), job.nodeTexts.at(r.node));
            item->setPos(r.center);
            m_scene->addItem(item);
            m_referenceItems.append(item);
        } else {
            const int e = int(k - references);
            auto *item = new GraphEdgeItem(e, m_graph.edges().at(e), m_layout.edges.at(e), job.labelSizes.value(e));
            m_scene->addItem(item);
            m_edgeItems.append(item);
        }
    }
    m_selecting = false;
    if (m_populated < total) {
        QTimer::singleShot(0, this, [this, generation] { populateSlice(generation); });
        return;
    }
    finishPopulation();
}

void BrokerGraphView::finishPopulation()
{
    const std::shared_ptr<LayoutJob> job = std::move(m_populating);
    viewport()->setUpdatesEnabled(true);
    applyFindings();
    // Asked for while the scene filled (selectObject), or what was selected before.
    const ObjectRef keep = m_pendingSelection.isValid() ? m_pendingSelection : m_keepSelection;
    m_pendingSelection = {};
    m_keepSelection = {};
    if (keep.isValid())
        selectObject(keep);
    if (m_autoFit)
        fitToView();

    const QLocale locale;
    QString message = tr("%1 objects, %2 relations · Graphviz %3 · %4 ms, drawn in %5 ms")
                          .arg(locale.toString(m_graph.nodeCount()), locale.toString(m_graph.edgeCount()),
                               m_layout.engine, locale.toString(job->milliseconds),
                               locale.toString(m_populateTimer.elapsed()));
    if (!m_layout.groups.isEmpty())
        message += tr(" · %n group(s) drawn by application", nullptr, int(m_layout.groups.size()));
    if (job->hiddenSystemObjects > 0)
        message += tr(" · %1 system objects hidden").arg(job->hiddenSystemObjects);
    emit layoutFinished(true, message);
    emit healthChanged(); // the catalog's own health of the new drawing
    afterDrawing();
}

void BrokerGraphView::afterDrawing()
{
    if (m_relayoutPending)
        relayout(); // the pairs changed while this one ran
    else
        applyFlowFigures(); // figures that came while it ran
}

QString BrokerGraphView::splitNotice() const
{
    return GraphGroupItem::notice(m_layout.groups);
}

void BrokerGraphView::goToNode(int index)
{
    if (index < 0 || index >= m_nodeItems.size())
        return;
    GraphNodeItem *item = m_nodeItems.at(index);
    m_selecting = true;
    m_scene->clearSelection();
    item->setSelected(true);
    m_selecting = false;
    highlightEdgesOf(index);
    centerOn(item);
}

ObjectRef BrokerGraphView::selectedObject() const
{
    for (QGraphicsItem *item : m_scene->selectedItems()) {
        if (item->type() == GraphNodeItem::Type)
            return static_cast<GraphNodeItem *>(item)->node().ref;
    }
    return {};
}

GraphNodeItem *BrokerGraphView::nodeItem(const ObjectRef &ref) const
{
    const int index = m_graph.indexOf(ref);
    return index >= 0 && index < m_nodeItems.size() ? m_nodeItems.at(index) : nullptr;
}

bool BrokerGraphView::selectObject(const ObjectRef &ref)
{
    m_keepSelection = {}; // a newer choice than the one a drawing in progress would restore
    GraphNodeItem *item = nodeItem(ref);
    if (!item && isLayoutRunning())
        m_pendingSelection = ref;
    m_selecting = true;
    m_scene->clearSelection();
    if (item) {
        item->setSelected(true);
        ensureVisible(item, 60, 60);
    }
    m_selecting = false;
    highlightEdgesOf(item ? item->index() : -1);
    return item != nullptr;
}

void BrokerGraphView::onSceneSelectionChanged()
{
    if (m_selecting)
        return;
    m_keepSelection = {}; // the user chose while the scene was still filling
    const QList<QGraphicsItem *> selected = m_scene->selectedItems();
    int index = -1;
    for (QGraphicsItem *item : selected) {
        if (item->type() == GraphReferenceItem::Type) {
            // A reference leads to the object it stands for.
            index = static_cast<GraphReferenceItem *>(item)->nodeIndex();
            goToNode(index);
            emit objectSelected(m_nodeItems.at(index)->node().ref);
            return;
        }
        if (item->type() == GraphNodeItem::Type) {
            index = static_cast<GraphNodeItem *>(item)->index();
            break;
        }
    }
    highlightEdgesOf(index);
    emit objectSelected(index >= 0 ? m_nodeItems.at(index)->node().ref : ObjectRef{});
}

void BrokerGraphView::highlightEdgesOf(int nodeIndex)
{
    for (GraphEdgeItem *edge : std::as_const(m_edgeItems))
        edge->setHighlighted(false);
    if (nodeIndex < 0 || nodeIndex >= m_edgesByNode.size())
        return;
    for (int e : m_edgesByNode.at(nodeIndex)) {
        if (e < m_edgeItems.size()) // the scene may still be filling
            m_edgeItems.at(e)->setHighlighted(true);
    }
}

void BrokerGraphView::setHealth(const ObjectRef &ref, NodeHealth health, const QString &reason)
{
    const auto old = m_health.constFind(refKey(ref));
    const bool same = old == m_health.constEnd() ? health == NodeHealth::Normal : (old->first == health && old->second == reason);
    if (same)
        return;
    if (health == NodeHealth::Normal)
        m_health.remove(refKey(ref));
    else
        m_health.insert(refKey(ref), {health, reason});
    if (GraphNodeItem *item = nodeItem(ref))
        item->setMonitorHealth(health, reason);
    emit healthChanged();
}

void BrokerGraphView::clearHealth()
{
    m_health.clear();
    for (GraphNodeItem *item : std::as_const(m_nodeItems))
        item->setMonitorHealth(NodeHealth::Normal, {});
    emit healthChanged();
}

std::pair<NodeHealth, QString> BrokerGraphView::healthOf(const ObjectRef &ref) const
{
    if (const GraphNodeItem *item = nodeItem(ref))
        return {item->health(), item->healthReason()};
    return m_health.value(refKey(ref), {NodeHealth::Normal, QString()});
}

void BrokerGraphView::setLegendVisible(bool visible)
{
    if (m_legendAction->isChecked() != visible)
        m_legendAction->setChecked(visible);
    m_legendVisible = visible;
}

qreal BrokerGraphView::zoomFactor() const
{
    return transform().m11();
}

void BrokerGraphView::zoomBy(qreal factor)
{
    const qreal target = qBound(MinZoom, zoomFactor() * factor, MaxZoom);
    if (qFuzzyCompare(target, zoomFactor()))
        return;
    m_autoFit = false;
    scale(target / zoomFactor(), target / zoomFactor());
}

void BrokerGraphView::zoomIn()
{
    const ViewportAnchor anchor = transformationAnchor();
    setTransformationAnchor(AnchorViewCenter);
    zoomBy(ZoomStep);
    setTransformationAnchor(anchor);
}

void BrokerGraphView::zoomOut()
{
    const ViewportAnchor anchor = transformationAnchor();
    setTransformationAnchor(AnchorViewCenter);
    zoomBy(1.0 / ZoomStep);
    setTransformationAnchor(anchor);
}

void BrokerGraphView::fitToView()
{
    if (m_scene->sceneRect().isEmpty())
        return;
    fitInView(m_scene->sceneRect(), Qt::KeepAspectRatio);
    // Small graphs would be blown up past readable: never fit beyond 100 %.
    if (zoomFactor() > 1.0)
        setTransform(QTransform());
    else if (zoomFactor() < MinZoom)
        setTransform(QTransform::fromScale(MinZoom, MinZoom));
    centerOn(m_scene->sceneRect().center());
    m_autoFit = true;
}

void BrokerGraphView::resetZoom()
{
    m_autoFit = false;
    const QPointF center = mapToScene(viewport()->rect().center());
    setTransform(QTransform());
    centerOn(center);
}

void BrokerGraphView::wheelEvent(QWheelEvent *event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0 || (event->modifiers() & Qt::ShiftModifier)) {
        QGraphicsView::wheelEvent(event); // horizontal scroll or shift+wheel pans
        return;
    }
    zoomBy(std::pow(ZoomStep, delta / 120.0));
    event->accept();
}

void BrokerGraphView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && !m_scene->selectedItems().isEmpty()) {
        m_scene->clearSelection();
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void BrokerGraphView::mouseDoubleClickEvent(QMouseEvent *event)
{
    QGraphicsItem *item = itemAt(event->position().toPoint());
    if (item && item->type() == GraphNodeItem::Type) {
        emit objectActivated(static_cast<GraphNodeItem *>(item)->node().ref);
        event->accept();
        return;
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

void BrokerGraphView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_autoFit)
        fitToView();
}

bool BrokerGraphView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        QGraphicsItem *item = itemAt(help->pos());
        QString text;
        if (item && item->type() == GraphNodeItem::Type) {
            const auto *node = static_cast<GraphNodeItem *>(item);
            text = node->toolTipHtml();
            if (const int refs = referencesTo(node->index()); refs > 0)
                text += tr("<p>Shared: drawn here once, and as a dashed reference in %n other application(s).</p>",
                           nullptr, refs);
        } else if (item && item->type() == GraphReferenceItem::Type) {
            text = static_cast<GraphReferenceItem *>(item)->toolTipHtml();
        } else if (item && item->type() == GraphEdgeItem::Type) {
            const GraphEdge &e = static_cast<GraphEdgeItem *>(item)->edge();
            if (!e.toolTip.isEmpty())
                text = e.toolTip.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br/>"));
            else
                text = m_graph.nodes().at(e.from).name.toHtmlEscaped() + QStringLiteral(" → ")
                   + m_graph.nodes().at(e.to).name.toHtmlEscaped() + QStringLiteral("<br/><i>")
                   + GraphStyle::edgeTitle(e.kind).toHtmlEscaped()
                   + (e.label.isEmpty() ? QString() : QStringLiteral(", ") + e.label.toHtmlEscaped())
                   + QStringLiteral("</i>");
        }
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, viewport());
        return true;
    }
    return QGraphicsView::viewportEvent(event);
}

GraphExporter BrokerGraphView::exporter() const
{
    const QString db = m_catalog.database.databaseName.isEmpty() ? tr("(no database)") : m_catalog.database.databaseName;
    QString heading = tr("Service Broker objects in %1").arg(db);
    if (!m_catalog.database.serverName.isEmpty())
        heading += tr(" on %1").arg(m_catalog.database.serverName);
    return GraphExporter(m_scene, heading, tr("Service Broker objects in %1").arg(m_catalog.database.databaseName));
}

QImage BrokerGraphView::renderImage(qreal scale) const
{
    return exporter().renderImage(scale, MaxExportPixels);
}

bool BrokerGraphView::exportPng(const QString &path, qreal scale, QString *error) const
{
    return exporter().writePng(path, scale, MaxExportPixels, error);
}

bool BrokerGraphView::exportSvg(const QString &path, QString *error) const
{
    return exporter().writeSvg(path, error);
}

void BrokerGraphView::exportWithDialog()
{
    const QString name = m_catalog.database.databaseName.isEmpty() ? QStringLiteral("broker-graph")
                                                                   : m_catalog.database.databaseName + QStringLiteral("-broker");
    QString selected;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Graph"), name + QStringLiteral(".svg"),
                                                      tr("SVG drawing (*.svg);;PNG image (*.png)"), &selected);
    if (path.isEmpty())
        return;
    QString error;
    const bool png = QFileInfo(path).suffix().compare(QLatin1String("png"), Qt::CaseInsensitive) == 0
                     || (QFileInfo(path).suffix().isEmpty() && selected.contains(QLatin1String("png")));
    const bool ok = png ? exportPng(path, 2.0, &error) : exportSvg(path, &error);
    if (!ok)
        QMessageBox::warning(this, tr("Export Graph"), tr("Could not write %1:\n%2").arg(path, error));
}

} // namespace bs
