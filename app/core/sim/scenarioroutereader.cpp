#include "core/sim/scenarioroutereader.h"

#include "core/sim/jsonfieldreader.h"

#include <QJsonArray>

namespace bs::sim {

namespace {

constexpr int FirstUserId = 65536; // as ScenarioTopologyReader numbers user objects [U]
constexpr int FirstPrincipalId = 5; // the first user a database creates after dbo, guest, INFORMATION_SCHEMA, sys [U]

} // namespace

bool ScenarioRouteReader::read(JsonFieldReader &r, const QJsonObject &t, const QString &path, BrokerCatalog &c,
                               QList<RouteBehaviour> &behaviours)
{
    return readRoutes(r, t, path, c, behaviours) && readBindings(r, t, path, c);
}

bool ScenarioRouteReader::readRoutes(JsonFieldReader &r, const QJsonObject &t, const QString &path, BrokerCatalog &c,
                                     QList<RouteBehaviour> &behaviours)
{
    QJsonArray arr;
    if (!r.array(t, QStringLiteral("routes"), path, arr, false))
        return false;
    for (qsizetype i = 0; i < arr.size(); ++i) {
        const QString p = JsonFieldReader::at(JsonFieldReader::join(path, QStringLiteral("routes")), i);
        if (!arr.at(i).isObject())
            return r.fail(p, QStringLiteral("must be an object"));
        const QJsonObject o = arr.at(i).toObject();
        if (!r.keys(o, p, {QStringLiteral("name"), QStringLiteral("service"), QStringLiteral("brokerInstance"),
                           QStringLiteral("address"), QStringLiteral("mirrorAddress"), QStringLiteral("failure")}))
            return false;
        Route route;
        // AutoCreatedLocal has id 1 in every database; user routes are numbered from 65536 [U].
        route.principalId = 1;
        if (!r.string(o, QStringLiteral("name"), p, route.name, true) || !r.string(o, QStringLiteral("service"), p, route.remoteServiceName, false)
            || !r.string(o, QStringLiteral("brokerInstance"), p, route.brokerInstance, false)
            || !r.string(o, QStringLiteral("address"), p, route.address, true)
            || !r.string(o, QStringLiteral("mirrorAddress"), p, route.mirrorAddress, false))
            return false;
        route.id = route.name == QLatin1String("AutoCreatedLocal") ? 1 : FirstUserId + int(i);
        for (const Route &other : std::as_const(c.routes)) {
            if (other.name == route.name)
                return r.fail(JsonFieldReader::join(p, QStringLiteral("name")), QStringLiteral("duplicate route \"%1\"").arg(route.name));
        }
        const bool local = route.address.compare(QLatin1String("LOCAL"), Qt::CaseInsensitive) == 0;
        if (!local && !route.remoteServiceName.isEmpty() && c.serviceByName(route.remoteServiceName))
            return r.fail(JsonFieldReader::join(p, QStringLiteral("service")),
                          QStringLiteral("\"%1\" is a service of this database; a route to another broker names a remote service")
                              .arg(route.remoteServiceName));
        RouteBehaviour b;
        b.route = route.name;
        if (!r.choice<RouteFailure>(o, QStringLiteral("failure"), p, b.failure,
                                    {{QStringLiteral("connectionClosed"), RouteFailure::ConnectionClosed},
                                     {QStringLiteral("unreachable"), RouteFailure::Unreachable},
                                     {QStringLiteral("transportUnavailable"), RouteFailure::TransportUnavailable}},
                                    false))
            return false;
        if (!local)
            behaviours.append(b);
        c.routes.append(route);
    }
    return true;
}

bool ScenarioRouteReader::readBindings(JsonFieldReader &r, const QJsonObject &t, const QString &path, BrokerCatalog &c)
{
    QJsonArray arr;
    if (!r.array(t, QStringLiteral("remoteServiceBindings"), path, arr, false))
        return false;
    for (qsizetype i = 0; i < arr.size(); ++i) {
        const QString p = JsonFieldReader::at(JsonFieldReader::join(path, QStringLiteral("remoteServiceBindings")), i);
        if (!arr.at(i).isObject())
            return r.fail(p, QStringLiteral("must be an object"));
        const QJsonObject o = arr.at(i).toObject();
        if (!r.keys(o, p, {QStringLiteral("name"), QStringLiteral("service"), QStringLiteral("contract"), QStringLiteral("anonymous")}))
            return false;
        RemoteServiceBinding b;
        b.id = FirstUserId + int(i);
        b.principalId = 1;
        QString contract;
        if (!r.string(o, QStringLiteral("name"), p, b.name, true) || !r.string(o, QStringLiteral("service"), p, b.remoteServiceName, true)
            || !r.string(o, QStringLiteral("contract"), p, contract, false) || !r.boolean(o, QStringLiteral("anonymous"), p, b.isAnonymous))
            return false;
        for (const RemoteServiceBinding &other : std::as_const(c.remoteServiceBindings)) {
            if (other.name == b.name)
                return r.fail(JsonFieldReader::join(p, QStringLiteral("name")), QStringLiteral("duplicate remote service binding \"%1\"").arg(b.name));
        }
        if (!contract.isEmpty()) {
            const Contract *ct = c.contractByName(contract);
            if (!ct)
                return r.fail(JsonFieldReader::join(p, QStringLiteral("contract")), QStringLiteral("unknown contract \"%1\"").arg(contract));
            b.contractId = ct->id;
        }
        // The certificate's owner (WITH USER = ...): one database user per binding.
        b.remotePrincipalId = FirstPrincipalId + int(i);
        c.remoteServiceBindings.append(b);
    }
    return true;
}

} // namespace bs::sim
