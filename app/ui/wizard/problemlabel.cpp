#include "ui/wizard/problemlabel.h"

namespace bs {

ProblemLabel::ProblemLabel(QWidget *parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::RichText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setVisible(false);
}

bool ProblemLabel::showProblems(const QList<OptionProblem> &problems, const QStringList &fields)
{
    QStringList lines;
    bool error = false;
    for (const OptionProblem &p : problems) {
        if (!fields.isEmpty() && !fields.contains(p.field))
            continue;
        error = error || !p.isWarning;
        lines << (p.isWarning ? QStringLiteral("<span style=\"color:#8a5a00\">&#9888; ")
                              : QStringLiteral("<span style=\"color:#b01e1e\">&#10006; "))
                + p.message.toHtmlEscaped() + QStringLiteral("</span>");
    }
    setText(lines.join(QStringLiteral("<br>")));
    setVisible(!lines.isEmpty());
    return error;
}

} // namespace bs
