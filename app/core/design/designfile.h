#pragma once

#include "core/design/brokerdesign.h"

#include <QHash>
#include <QJsonObject>
#include <QPointF>
#include <QString>

#include <optional>

namespace bs {

/// What a design file holds: the design and where the user placed its objects on the canvas
/// (keyed by DesignRef::display()).
struct DesignFile
{
    BrokerDesign design;
    QHash<QString, QPointF> positions;
    bool operator==(const DesignFile &) const = default;
};

/// The design file format: JSON with a format name and a version (BrokerDesign::FormatVersion),
/// written with QSaveFile so a failed save never leaves half a file. docs/design.md describes it.
class DesignFileFormat
{
public:
    static QJsonObject toJson(const DesignFile &file);
    /// Reads what toJson wrote; on failure returns nullopt and says which field is wrong. A newer
    /// version than this build knows is refused, never half read.
    static std::optional<DesignFile> fromJson(const QJsonObject &json, QString *error);
    static bool save(const QString &path, const DesignFile &file, QString *error);
    /// A design file (JSON); a .sql script is read with DesignDdlParser instead.
    static std::optional<DesignFile> load(const QString &path, QString *error);
};

} // namespace bs
