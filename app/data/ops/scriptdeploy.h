#pragma once

#include "data/ops/brokeroperations.h"

namespace bs {

class BatchExecutor;

/// Runs a previewed script (OperationKind::DeployScript) on an open executor: split at GO lines
/// (BatchSplitter), each batch sent as it stands, `GO n` repeated, the first failing batch stops
/// the run. The result says how each batch went, one line per batch, and a failure names the
/// server's message, its number and its line in the whole script. Called on a worker thread.
class ScriptDeploy
{
public:
    static OperationResult run(BatchExecutor &executor, const QString &script);
};

} // namespace bs
