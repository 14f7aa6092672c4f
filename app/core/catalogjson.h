#pragma once

#include "core/catalog.h"

#include <QJsonObject>

#include <optional>

namespace bs {

/// The catalog as JSON (the format of `broker-studio catalog --format json`).
QJsonObject catalogToJson(const BrokerCatalog &catalog);

/// Reads what catalogToJson wrote; on failure returns nullopt and says which field is wrong.
std::optional<BrokerCatalog> catalogFromJson(const QJsonObject &json, QString *error = nullptr);

/// A plain-text listing of the catalog, one object per line, for the terminal.
QString catalogToText(const BrokerCatalog &catalog);

} // namespace bs
