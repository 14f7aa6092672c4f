#include "data/staticbrokersource.h"

#include <QTimer>

namespace bs {

StaticBrokerSource::StaticBrokerSource(BrokerCatalog catalog, QString name, QObject *parent)
    : BrokerSource(parent)
    , m_catalog(std::move(catalog))
    , m_name(std::move(name))
{
}

void StaticBrokerSource::loadCatalog()
{
    // Asynchronous like every other source, so callers have one code path.
    QTimer::singleShot(0, this, [this] { Q_EMIT catalogLoaded(m_catalog); });
}

} // namespace bs
