#pragma once

#include "core/script/patternoptions.h"

#include <QLabel>

namespace bs {

/// Shows option problems inline on a wizard page: errors in red, warnings in amber, each
/// on its own line. Hidden when there is nothing to say.
class ProblemLabel : public QLabel
{
    Q_OBJECT
public:
    explicit ProblemLabel(QWidget *parent = nullptr);

    /// Shows the problems whose field is in `fields` (all when `fields` is empty); returns
    /// true when one of them is an error.
    bool showProblems(const QList<OptionProblem> &problems, const QStringList &fields = {});
};

} // namespace bs
