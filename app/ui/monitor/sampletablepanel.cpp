#include "ui/monitor/sampletablepanel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace bs {

SampleTablePanel::SampleTablePanel(QAbstractItemModel *model, const QStringList &parts, QWidget *parent)
    : QWidget(parent)
    , m_parts(parts)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_notice = new QLabel(this);
    m_notice->setWordWrap(true);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice->setStyleSheet(QStringLiteral("QLabel { background: #fff4e0; border: 1px solid #e0b060; padding: 6px; }"));
    m_notice->hide();
    layout->addWidget(m_notice);
    m_view = new QTableView(this);
    m_view->setModel(model);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(m_view, 1);
}

void SampleTablePanel::setSample(const MonitorSample &sample)
{
    QStringList lines;
    bool primaryMissing = false;
    for (const UnavailablePart &u : sample.unavailable) {
        if (!m_parts.contains(u.part))
            continue;
        primaryMissing = primaryMissing || u.part == m_parts.first();
        QString line = tr("<b>%1</b> could not be read: %2").arg(u.part.toHtmlEscaped(), u.message.toHtmlEscaped());
        if (!u.permission.isEmpty())
            line += tr("<br>Grant <b>%1</b> to the monitoring login to see it.").arg(u.permission.toHtmlEscaped());
        lines.append(line);
    }
    m_notice->setText(lines.join(QStringLiteral("<br>")));
    m_notice->setVisible(!lines.isEmpty());
    m_view->setVisible(!primaryMissing);
}

QString SampleTablePanel::noticeText() const
{
    return m_notice->isVisibleTo(this) ? m_notice->text() : QString();
}

bool SampleTablePanel::isTableHidden() const
{
    return !m_view->isVisibleTo(this);
}

} // namespace bs
