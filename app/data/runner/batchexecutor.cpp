#include "data/runner/batchexecutor.h"

namespace bs {

BatchExecutor::~BatchExecutor() = default;

ExecResult BatchExecutor::executeWithParameters(const QString &, const QVariantList &)
{
    ExecResult r;
    r.ok = false;
    r.message = QStringLiteral("This executor cannot bind parameters.");
    return r;
}

} // namespace bs
