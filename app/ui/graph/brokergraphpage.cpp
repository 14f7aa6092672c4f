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
    , m_notice(new QLabel(this))
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

    m_notice->setWordWrap(true);
    m_notice->setContentsMargins(10, 6, 10, 6);
    m_notice->setStyleSheet(QStringLiteral("QLabel { background: #eff6ff; color: #1e3a8a; border-bottom: 1px solid #bfdbfe; }"));
    m_notice->hide();

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
    layout->addWidget(m_notice);
    layout->addLayout(body, 1);

    m_legend->setVisible(m_view->isLegendVisible());
    connect(m_view->legendAction(), &QAction::toggled, m_legend, &QWidget::setVisible);
    connect(m_view, &BrokerGraphView::layoutStarted, this, [this](int objects) {
        m_status->setText(tr("Laying out %1 objects…").arg(objects));
    });
    connect(m_view, &BrokerGraphView::layoutFinished, this, [this](bool ok, const QString &message) {
        m_status->setText(ok ? message : tr("Layout failed: %1").arg(message));
        m_notice->setText(m_view->splitNotice());
        m_notice->setVisible(!m_notice->text().isEmpty());
    });
}

QString BrokerGraphPage::statusText() const
{
    return m_status->text();
}

QString BrokerGraphPage::noticeText() const
{
    return m_notice->text();
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
