#include "ui/ops/bodyviewer.h"

#include "core/ops/bodytext.h"
#include "ui/ops/xmlhighlighter.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QTabWidget>

namespace bs {

namespace {

QPlainTextEdit *textView()
{
    auto *v = new QPlainTextEdit;
    v->setReadOnly(true);
    v->setLineWrapMode(QPlainTextEdit::NoWrap);
    v->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return v;
}

} // namespace

BodyViewer::BodyViewer(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    m_info = new QLabel;
    m_info->setWordWrap(true);
    bar->addWidget(m_info, 1);
    bar->addWidget(new QLabel(tr("Read as:")));
    m_encoding = new QComboBox;
    m_encoding->addItem(tr("UTF-16LE"), int(BodyEncoding::Utf16));
    m_encoding->addItem(tr("UTF-8"), int(BodyEncoding::Utf8));
    bar->addWidget(m_encoding);
    auto *copy = new QPushButton(tr("Copy"));
    auto *saveButton = new QPushButton(tr("Save…"));
    bar->addWidget(copy);
    bar->addWidget(saveButton);
    layout->addLayout(bar);
    m_tabs = new QTabWidget;
    m_xml = textView();
    new XmlHighlighter(m_xml->document());
    m_text = textView();
    m_hex = textView();
    m_tabs->addTab(m_xml, tr("XML"));
    m_tabs->addTab(m_text, tr("Text"));
    m_tabs->addTab(m_hex, tr("Hex"));
    layout->addWidget(m_tabs, 1);
    connect(m_encoding, &QComboBox::activated, this, &BodyViewer::render);
    connect(copy, &QPushButton::clicked, this, [this] {
        auto *view = qobject_cast<QPlainTextEdit *>(m_tabs->currentWidget());
        if (view)
            QApplication::clipboard()->setText(view->toPlainText());
    });
    connect(saveButton, &QPushButton::clicked, this, &BodyViewer::save);
    clear(tr("Select a message to see its body."));
}

void BodyViewer::clear(const QString &text)
{
    m_body = {};
    m_info->setText(text);
    m_xml->clear();
    m_text->clear();
    m_hex->clear();
}

void BodyViewer::setBody(const MessageBody &body)
{
    m_body = body;
    const BodyEncoding guessed = BodyText::guess(body.head, nullptr);
    m_encoding->setCurrentIndex(m_encoding->findData(int(guessed)));
    render();
}

void BodyViewer::render()
{
    if (!m_body.error.isEmpty()) {
        clear(m_body.error);
        return;
    }
    if (m_body.isNull) {
        clear(tr("This message has no body (NULL), as EndDialog messages have none."));
        return;
    }
    const BodyText t = BodyText::decode(m_body.head, BodyEncoding(m_encoding->currentData().toInt()));
    QString info = tr("%1, read as %2 (%3).")
                       .arg(QLocale().formattedDataSize(m_body.totalSize, 1, QLocale::DataSizeTraditionalFormat),
                            t.encoding == BodyEncoding::Utf16 ? tr("UTF-16LE") : tr("UTF-8"), t.reason);
    if (m_body.isTruncated())
        info += QLatin1Char(' ') + tr("Only the first %1 are shown.").arg(QLocale().formattedDataSize(m_body.head.size()));
    if (!t.xmlError.isEmpty())
        info += QLatin1Char(' ') + t.xmlError;
    m_info->setText(info);
    m_xml->setPlainText(t.isXml ? t.prettyXml : tr("(not XML)"));
    m_text->setPlainText(t.text);
    m_hex->setPlainText(BodyText::hexDump(m_body.head));
    m_tabs->setCurrentWidget(t.isXml ? m_xml : m_text);
}

QString BodyViewer::xmlText() const
{
    return m_xml->toPlainText();
}

QString BodyViewer::plainText() const
{
    return m_text->toPlainText();
}

void BodyViewer::save()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save message body"), QStringLiteral("message-body.bin"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_body.head) != m_body.head.size() || !file.commit())
        QMessageBox::warning(this, tr("Save message body"), tr("Could not save: %1").arg(file.errorString()));
}

} // namespace bs
