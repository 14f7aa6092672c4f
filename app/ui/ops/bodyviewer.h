#pragma once

#include "core/ops/browse.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTabWidget;

namespace bs {

/// A message body: XML pretty-printed and highlighted, text (UTF-16 or UTF-8, the guess and its
/// reason shown, the other one a click away), hex; Copy and Save. Only the first MiB is ever
/// fetched and the viewer says so.
class BodyViewer : public QWidget
{
    Q_OBJECT
public:
    explicit BodyViewer(QWidget *parent = nullptr);

    void setBody(const MessageBody &body);
    void clear(const QString &text = QString());

    QTabWidget *tabs() const { return m_tabs; }
    QComboBox *encodingBox() const { return m_encoding; }
    QString xmlText() const;
    QString plainText() const;

private:
    void render();
    void save();

    MessageBody m_body;
    QLabel *m_info;
    QComboBox *m_encoding;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_xml;
    QPlainTextEdit *m_text;
    QPlainTextEdit *m_hex;
};

} // namespace bs
