#include "data/brokersource.h"

namespace bs {

BrokerSource::~BrokerSource() = default;

} // namespace bs
