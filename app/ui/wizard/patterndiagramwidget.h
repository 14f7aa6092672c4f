#pragma once

#include "core/script/patternoptions.h"

#include <QWidget>

namespace bs {

/// A small drawing of one pattern: who sends, who ends the dialog first, and what is left
/// behind (for the naive pattern, the endpoints that pile up).
class PatternDiagramWidget : public QWidget
{
    Q_OBJECT
public:
    explicit PatternDiagramWidget(QWidget *parent = nullptr);

    void setPattern(Pattern pattern);
    Pattern pattern() const { return m_pattern; }
    /// The object prefix: the boxes and the caption name the procedures the install creates
    /// (<prefix>_Enqueue, <prefix>_Target, <prefix>_Initiator), elided when long.
    void setPrefix(const QString &prefix);
    /// What the boxes say, "<sender> -> <receiver>" (also the accessible description).
    QString boxTitles() const;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct Labels
    {
        QString leftTitle, leftSub, rightTitle, rightSub, caption;
    };
    Labels labels() const;
    QString procedure(const char *suffix) const;
    void describe();

    Pattern m_pattern = Pattern::Windowed;
    QString m_prefix = PatternOptions().prefix;
};

} // namespace bs
