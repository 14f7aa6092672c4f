#include "tdslistener.h"

#include <utility>

namespace bs {

QList<qintptr> TdsListener::takeDescriptors()
{
    return std::exchange(m_pending, {});
}

void TdsListener::incomingConnection(qintptr socketDescriptor)
{
    m_pending.append(socketDescriptor);
}

} // namespace bs
