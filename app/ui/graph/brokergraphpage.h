#pragma once

#include "ui/page.h"

#include <QWidget>

class QLabel;
class QToolBar;

namespace bs {

class BrokerGraphView;
class GraphLegendWidget;

/// The graph tab: a toolbar with the view's actions and a status text that says what is
/// drawn (or that a layout is running), a notice when a large component is drawn by
/// application (BrokerGraphView::splitNotice), the BrokerGraphView, and the legend beside it.
class BrokerGraphPage : public QWidget, public Page
{
    Q_OBJECT
    Q_INTERFACES(bs::Page)
public:
    explicit BrokerGraphPage(QWidget *parent = nullptr);

    BrokerGraphView *view() const { return m_view; }
    QToolBar *toolBar() const { return m_toolBar; }
    QString statusText() const;
    /// The notice above the view; empty and hidden when nothing was split.
    QString noticeText() const;

    // Page: the window's current source, zoom, SVG or PNG export.
    BrokerSource *pageSource() const override { return nullptr; }
    void zoomPage(bool in) override;
    QString exportName() const override { return QStringLiteral("graph"); }
    QList<ExportFormat> exportFormats() const override;
    bool exportTo(const QString &path, QString *error = nullptr) override;

private:
    BrokerGraphView *m_view = nullptr;
    QToolBar *m_toolBar = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_notice = nullptr;
    GraphLegendWidget *m_legend = nullptr;
};

} // namespace bs
