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
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    Pattern m_pattern = Pattern::Windowed;
};

} // namespace bs
