#include "ui/explorer/explorermodel.h"

#include "core/objectproperties.h"
#include "core/samplecatalog.h"
#include "ui/objecticons.h"

#include <QFont>

namespace bs {

ExplorerModel::ExplorerModel(QObject *parent)
    : QAbstractItemModel(parent)
{
    rebuild();
}

void ExplorerModel::setCatalog(const BrokerCatalog &catalog)
{
    beginResetModel();
    m_catalog = catalog;
    rebuild();
    endResetModel();
}

void ExplorerModel::setShowSystemObjects(bool show)
{
    if (show == m_showSystem)
        return;
    beginResetModel();
    m_showSystem = show;
    rebuild();
    endResetModel();
}

int ExplorerModel::addNode(int parent, QString text, ObjectRef ref, bool isReference, QString toolTip)
{
    Node n;
    n.parent = parent;
    n.text = std::move(text);
    n.ref = ref;
    n.isReference = isReference;
    n.toolTip = std::move(toolTip);
    m_nodes.push_back(std::move(n));
    const int id = int(m_nodes.size()) - 1;
    m_nodes[size_t(parent)].children.push_back(id);
    return id;
}

void ExplorerModel::rebuild()
{
    m_nodes.clear();
    m_nodes.push_back(Node{}); // invisible root
    const BrokerCatalog &c = m_catalog;
    if (c.database.databaseName.isEmpty() && c.objectCount() == 0)
        return;

    const int db = addNode(0, c.database.databaseName.isEmpty() ? tr("(database)") : c.database.databaseName,
                           {ObjectKind::Database, 0}, false,
                           c.database.isBrokerEnabled ? tr("Service Broker is enabled in this database")
                                                      : tr("Service Broker is DISABLED in this database"));
    auto group = [&](const QString &title, qsizetype count, const QString &tip) {
        const int id = addNode(db, QStringLiteral("%1 (%2)").arg(title).arg(count), {}, false, tip);
        m_nodes[size_t(id)].isGroup = true;
        return id;
    };
    auto visible = [this](const QString &name) { return m_showSystem || !isSystemObjectName(name); };

    QList<const MessageType *> mts;
    for (const MessageType &m : c.messageTypes) {
        if (visible(m.name))
            mts.append(&m);
    }
    const int gm = group(tr("Message types"), mts.size(),
                         tr("What a message is called and how its body is validated"));
    for (const MessageType *m : mts)
        addNode(gm, m->name, {ObjectKind::MessageType, m->id});

    QList<const Contract *> ks;
    for (const Contract &k : c.contracts) {
        if (visible(k.name))
            ks.append(&k);
    }
    const int gk = group(tr("Contracts"), ks.size(), tr("Which message types each side of a conversation may send"));
    for (const Contract *k : ks) {
        const int kn = addNode(gk, k->name, {ObjectKind::Contract, k->id});
        for (const MessageUsage &u : k->usages) {
            const MessageType *m = c.messageType(u.messageTypeId);
            addNode(kn, (m ? m->name : QStringLiteral("#%1").arg(u.messageTypeId)) + QStringLiteral("  — SENT BY ") + u.sentByText(),
                    {ObjectKind::MessageType, u.messageTypeId}, true);
        }
    }

    QList<const Queue *> qs;
    for (const Queue &q : c.queues) {
        if (m_showSystem || !q.isMsShipped)
            qs.append(&q);
    }
    const int gq = group(tr("Queues"), qs.size(), tr("Where messages wait until a reader RECEIVEs them"));
    for (const Queue *q : qs) {
        QString text = q->qualifiedName();
        if (!q->isReceiveEnabled)
            text += tr("  — DISABLED");
        const int qn = addNode(gq, text, {ObjectKind::Queue, q->objectId}, false, activationInWords(*q));
        if (q->hasActivation())
            addNode(qn, tr("activates %1").arg(q->activationProcedure), {ObjectKind::ActivationProcedure, q->objectId});
    }

    QList<const Service *> ss;
    for (const Service &s : c.services) {
        if (visible(s.name))
            ss.append(&s);
    }
    const int gs = group(tr("Services"), ss.size(), tr("Named endpoints of conversations, each on one queue"));
    for (const Service *s : ss) {
        const int sn = addNode(gs, s->name, {ObjectKind::Service, s->id});
        const Queue *q = c.queue(s->queueId);
        addNode(sn, tr("on queue %1").arg(q ? q->qualifiedName() : QString::number(s->queueId)),
                {ObjectKind::Queue, s->queueId}, true);
        for (int id : s->contractIds) {
            const Contract *k = c.contract(id);
            addNode(sn, tr("accepts %1").arg(k ? k->name : QString::number(id)), {ObjectKind::Contract, id}, true);
        }
    }

    const int gr = group(tr("Routes"), c.routes.size(), tr("Where messages for a service name are sent"));
    for (const Route &r : c.routes)
        addNode(gr, r.name, {ObjectKind::Route, r.id}, false,
                tr("%1 → %2").arg(r.remoteServiceName.isEmpty() ? tr("any service") : r.remoteServiceName, r.address));

    const int gb = group(tr("Remote service bindings"), c.remoteServiceBindings.size(),
                         tr("The certificate identity used to talk to a remote service"));
    for (const RemoteServiceBinding &b : c.remoteServiceBindings)
        addNode(gb, b.name, {ObjectKind::RemoteServiceBinding, b.id});
}

int ExplorerModel::nodeId(const QModelIndex &index) const
{
    return index.isValid() ? int(index.internalId()) : 0;
}

QModelIndex ExplorerModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column != 0)
        return {};
    const Node &p = m_nodes[size_t(nodeId(parent))];
    if (size_t(row) >= p.children.size())
        return {};
    return createIndex(row, column, quintptr(p.children[size_t(row)]));
}

QModelIndex ExplorerModel::parent(const QModelIndex &child) const
{
    const int id = nodeId(child);
    if (id == 0)
        return {};
    const int parentId = m_nodes[size_t(id)].parent;
    if (parentId <= 0)
        return {};
    const Node &grand = m_nodes[size_t(m_nodes[size_t(parentId)].parent)];
    const auto it = std::find(grand.children.cbegin(), grand.children.cend(), parentId);
    return createIndex(int(it - grand.children.cbegin()), 0, quintptr(parentId));
}

int ExplorerModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(m_nodes[size_t(nodeId(parent))].children.size());
}

int ExplorerModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant ExplorerModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node &n = m_nodes[size_t(nodeId(index))];
    switch (role) {
    case Qt::DisplayRole:
        return n.text;
    case Qt::ToolTipRole:
        return n.toolTip.isEmpty() ? QVariant() : QVariant(n.toolTip);
    case Qt::DecorationRole:
        return n.isGroup ? folderIcon() : objectIcon(n.ref.kind);
    case Qt::FontRole:
        if (n.isReference) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case ObjectRefRole:
        return QVariant::fromValue(n.ref);
    case KindRole:
        return int(n.ref.kind);
    case IsReferenceRole:
        return n.isReference;
    default:
        return {};
    }
}

QVariant ExplorerModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (section == 0 && orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return tr("Object");
    return {};
}

QModelIndex ExplorerModel::indexOf(const ObjectRef &ref) const
{
    for (size_t id = 1; id < m_nodes.size(); ++id) {
        const Node &n = m_nodes[id];
        if (n.isReference || !(n.ref == ref))
            continue;
        const Node &p = m_nodes[size_t(n.parent)];
        const auto it = std::find(p.children.cbegin(), p.children.cend(), int(id));
        return createIndex(int(it - p.children.cbegin()), 0, quintptr(id));
    }
    return {};
}

void ExplorerModel::printNode(int id, int depth, QStringList &out) const
{
    const Node &n = m_nodes[size_t(id)];
    if (id != 0)
        out.append(QString(depth * 2, QLatin1Char(' ')) + n.text);
    for (int child : n.children)
        printNode(child, id == 0 ? 0 : depth + 1, out);
}

QStringList ExplorerModel::printTree() const
{
    QStringList out;
    printNode(0, 0, out);
    return out;
}

} // namespace bs
