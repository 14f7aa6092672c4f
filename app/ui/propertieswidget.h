#pragma once

#include "core/catalog.h"
#include "core/monitorsample.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace bs {

class BrokerGraphView;
class BrokerSource;

/// Every catalog field of the selected object, grouped, with Service Broker terms explained
/// in tooltips; a queue's activation settings also in words. On top, while a source is being
/// monitored, the object's live figures from the latest sample (depth, readers, endpoints,
/// waiting messages) and its health with the reason, as the graph's badge shows it.
class PropertiesWidget : public QWidget
{
    Q_OBJECT
public:
    explicit PropertiesWidget(QWidget *parent = nullptr);

    void setCatalog(const BrokerCatalog &catalog);
    void showObject(const ObjectRef &ref);
    /// The source whose samples give the live figures (nullptr: none); its samples follow.
    void setSource(BrokerSource *source);
    /// The latest sample (what setSource's samples deliver); shown at most four times a second.
    void setSample(const MonitorSample &sample);
    /// Where an object's health and its reason come from: the graph, which combines the
    /// catalog's and the monitor's.
    void setHealthSource(BrokerGraphView *view);
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
    /// Puts the live rows in place: their values when the same rows are shown, else a rebuild.
    void refreshLive();
    void appendRow(const QString &group, const QString &name, const QString &value, const QString &help, QString *currentGroup);

    BrokerCatalog m_catalog;
    ObjectRef m_ref;
    MonitorSample m_sample;
    QPointer<BrokerSource> m_source;
    QPointer<BrokerGraphView> m_healthView;
    QTimer m_refresh;
    QStringList m_liveNames; // the live rows shown, in order (the first rows of the table)
    QLabel *m_title;
    QTableWidget *m_table;
};

} // namespace bs
