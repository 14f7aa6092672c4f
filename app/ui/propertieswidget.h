#pragma once

#include "core/catalog.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace bs {

/// Every catalog field of the selected object, grouped, with Service Broker terms explained
/// in tooltips; a queue's activation settings also in words.
class PropertiesWidget : public QWidget
{
    Q_OBJECT
public:
    explicit PropertiesWidget(QWidget *parent = nullptr);

    void setCatalog(const BrokerCatalog &catalog);
    void showObject(const ObjectRef &ref);
    ObjectRef currentObject() const { return m_ref; }
    QTableWidget *table() const { return m_table; }
    QString titleText() const;
    /// The shown value and explanation of a property, for tests and copy; empty when absent.
    QString valueOf(const QString &property) const;
    QString helpOf(const QString &property) const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    int rowOf(const QString &property) const;
    /// Names column as wide as its longest name up to a share of the width; values take the rest
    /// and rows grow to their wrapped text.
    void fitColumns();

    BrokerCatalog m_catalog;
    ObjectRef m_ref;
    QLabel *m_title;
    QTableWidget *m_table;
};

} // namespace bs
