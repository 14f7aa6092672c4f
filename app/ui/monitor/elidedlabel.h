#pragma once

#include <QFrame>
#include <QString>

namespace bs {

/// One line of text that takes whatever width its layout gives it and elides the rest with "…"
/// (the full text is the tooltip). Unlike a QLabel its size hint does not follow the text, so a long
/// status neither widens the window nor gets clipped to its first letter while the layout catches up.
class ElidedLabel : public QFrame
{
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    void setText(const QString &text);
    QString text() const { return m_text; }
    /// The text as painted at the current width ("…" where it was cut).
    QString elidedText() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_text;
};

} // namespace bs
