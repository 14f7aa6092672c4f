#pragma once

#include "core/catalog.h"

#include <QAbstractItemModel>

#include <vector>

namespace bs {

/// The catalog as a tree: Database → Message types, Contracts, Queues, Services, Routes,
/// Remote service bindings → objects → their references (a contract's message types,
/// a service's queue and contracts, a queue's activation procedure).
class ExplorerModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Role {
        ObjectRefRole = Qt::UserRole + 1, ///< bs::ObjectRef of the object (or of the referenced object)
        KindRole,                         ///< int(ObjectKind); ObjectKind::None for group folders
        IsReferenceRole,                  ///< true for rows that point at an object listed elsewhere
    };

    explicit ExplorerModel(QObject *parent = nullptr);

    void setCatalog(const BrokerCatalog &catalog);
    const BrokerCatalog &catalog() const { return m_catalog; }
    /// Whether SQL Server's own objects (DEFAULT, http://schemas.microsoft.com/SQL/...) are listed.
    void setShowSystemObjects(bool show);
    bool showSystemObjects() const { return m_showSystem; }

    /// The index of the object's own row (not a reference row), or an invalid index.
    QModelIndex indexOf(const ObjectRef &ref) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The tree as indented lines ("  Queues (5)"), for tests and export.
    QStringList printTree() const;

private:
    struct Node
    {
        int parent = -1;
        std::vector<int> children;
        QString text;
        QString toolTip;
        ObjectRef ref;
        bool isReference = false;
        bool isGroup = false;
    };
    void rebuild();
    int addNode(int parent, QString text, ObjectRef ref, bool isReference = false, QString toolTip = {});
    int nodeId(const QModelIndex &index) const;
    void printNode(int id, int depth, QStringList &out) const;

    BrokerCatalog m_catalog;
    std::vector<Node> m_nodes; // m_nodes[0] is the invisible root
    bool m_showSystem = false;
};

} // namespace bs
