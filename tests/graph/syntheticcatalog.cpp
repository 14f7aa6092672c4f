#include "syntheticcatalog.h"

namespace bs {

BrokerCatalog syntheticCatalog(int objectCount, bool connected)
{
    BrokerCatalog c;
    c.database.databaseName = QStringLiteral("Synthetic");
    c.database.isBrokerEnabled = true;
    int nextId = 65536;
    int nextObjectId = 1000000;
    for (int app = 0; c.objectCount() < objectCount; ++app) {
        const QString prefix = QStringLiteral("//Synthetic/App%1/").arg(app);
        const int request = nextId++;
        const int reply = nextId++;
        c.messageTypes.append({request, prefix + QStringLiteral("Request"), 1, QStringLiteral("X"), QStringLiteral("XML"), {}});
        c.messageTypes.append({reply, prefix + QStringLiteral("Reply"), 1, QStringLiteral("E"), QStringLiteral("EMPTY"), {}});
        const int contract = nextId++;
        c.contracts.append({contract, prefix + QStringLiteral("Contract"), 1, {{request, true, false}, {reply, false, true}}});

        Queue init;
        init.objectId = nextObjectId++;
        init.schema = QStringLiteral("dbo");
        init.name = QStringLiteral("App%1InitiatorQueue").arg(app);
        Queue target = init;
        target.objectId = nextObjectId++;
        target.name = QStringLiteral("App%1TargetQueue").arg(app);
        target.activationProcedure = QStringLiteral("[Synthetic].[dbo].[App%1_Receive]").arg(app);
        target.isActivationEnabled = app % 7 != 3;
        target.maxReaders = 4;
        target.isReceiveEnabled = app % 13 != 5;
        c.queues.append(init);
        c.queues.append(target);

        QList<int> accepted = {contract};
        if (app > 0 && (connected || app % 10 == 9))
            accepted.append(65538);
        c.services.append({nextId++, prefix + QStringLiteral("Initiator"), 1, init.objectId, {}});
        c.services.append({nextId++, prefix + QStringLiteral("Target"), 1, target.objectId, accepted});
        if (app % 4 == 0) {
            Route r;
            r.id = nextId++;
            r.name = QStringLiteral("App%1Route").arg(app);
            r.remoteServiceName = QStringLiteral("//Remote/App%1/Service").arg(app);
            r.address = QStringLiteral("TCP://remote%1.example:4022").arg(app);
            c.routes.append(r);
        }
    }
    return c;
}

} // namespace bs
