#include "ui/bannerwidget.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

namespace bs {

BannerWidget::BannerWidget(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_copy(new QPushButton(tr("Copy T-SQL"), this))
    , m_close(new QPushButton(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setTextFormat(Qt::RichText);
    m_copy->setToolTip(tr("Copies the statement to the clipboard. Broker Studio never runs it for you."));
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setFlat(true);
    m_close->setToolTip(tr("Hide this message"));
    connect(m_copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_sql); });
    connect(m_close, &QPushButton::clicked, this, &QWidget::hide);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_copy, 0, Qt::AlignTop);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    hide();
}

QString BannerWidget::title() const
{
    return m_text->text();
}

void BannerWidget::showMessage(Level level, const QString &title, const QString &detail, const QString &sql)
{
    m_level = level;
    m_sql = sql;
    QColor bg;
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    switch (level) {
    case Level::Info:
        bg = QColor(0xe8, 0xf1, 0xfb);
        break;
    case Level::Warning:
        bg = QColor(0xfd, 0xf3, 0xd8);
        icon = QStyle::SP_MessageBoxWarning;
        break;
    case Level::Error:
        bg = QColor(0xfb, 0xe4, 0xe4);
        icon = QStyle::SP_MessageBoxCritical;
        break;
    }
    QPalette pal = palette();
    pal.setColor(QPalette::Window, bg);
    pal.setColor(QPalette::WindowText, QColor(0x20, 0x20, 0x20));
    setPalette(pal);
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(24, 24));
    QString html = QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped());
    if (!detail.isEmpty())
        html += QStringLiteral("<br/>") + detail.toHtmlEscaped();
    if (!sql.isEmpty())
        html += QStringLiteral("<pre style='margin-top:4px'>%1</pre>").arg(sql.toHtmlEscaped());
    m_text->setText(html);
    m_copy->setVisible(!sql.isEmpty());
    show();
}

} // namespace bs
