#include "data/runner/batchexecutor.h"

namespace bs {

BatchExecutor::~BatchExecutor() = default;

} // namespace bs
