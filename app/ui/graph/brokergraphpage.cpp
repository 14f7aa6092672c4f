#include "ui/graph/brokergraphpage.h"

#include "ui/graph/brokergraphview.h"
#include "ui/graph/graphlegendwidget.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolBar>
#include <QVBoxLayout>

namespace bs {

BrokerGraphPage::BrokerGraphPage(QWidget *parent)
    : QWidget(parent)
    , m_view(new BrokerGraphView(this))
    , m_toolBar(new QToolBar(this))
    , m_status(new QLabel(this))
    , m_legend(new GraphLegendWidget(this))
{
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    for (QAction *action : m_view->toolbarActions()) {
        if (action)
            m_toolBar->addAction(action);
        else
            m_toolBar->addSeparator();
    }
    m_status->setContentsMargins(8, 0, 8, 0);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_toolBar);
    top->addStretch(1);
    top->addWidget(m_status);

    auto *body = new QHBoxLayout;
    body->setContentsMargins(0, 0, 0, 0);
    body->setSpacing(0);
    body->addWidget(m_view, 1);
    body->addWidget(m_legend, 0, Qt::AlignTop);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(top);
    layout->addLayout(body, 1);

    m_legend->setVisible(m_view->isLegendVisible());
    connect(m_view->legendAction(), &QAction::toggled, m_legend, &QWidget::setVisible);
    connect(m_view, &BrokerGraphView::layoutStarted, this, [this](int nodes) {
        m_status->setText(tr("Laying out %1 objects…").arg(nodes));
    });
    connect(m_view, &BrokerGraphView::layoutFinished, this, [this](bool ok, const QString &message) {
        m_status->setText(ok ? message : tr("Layout failed: %1").arg(message));
    });
}

QString BrokerGraphPage::statusText() const
{
    return m_status->text();
}

void BrokerGraphPage::zoomPage(bool in)
{
    if (in)
        m_view->zoomIn();
    else
        m_view->zoomOut();
}

QList<Page::ExportFormat> BrokerGraphPage::exportFormats() const
{
    return {{QStringLiteral("svg"), tr("SVG drawing (*.svg)")}, {QStringLiteral("png"), tr("PNG image (*.png)")}};
}

bool BrokerGraphPage::exportTo(const QString &path, QString *error)
{
    if (path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
        return m_view->exportPng(path, 2.0, error);
    return m_view->exportSvg(path, error);
}

} // namespace bs
