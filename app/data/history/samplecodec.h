#pragma once

#include "core/alerts/alert.h"
#include "core/monitorsample.h"

#include <QByteArray>
#include <QCborMap>

#include <optional>

namespace bs {

/// The compact stored form of a MonitorSample and of an Alert: CBOR with short keys, zlib-compressed.
/// Fields that are empty or default are left out, and unknown keys are ignored on reading, so a
/// newer version can add fields without breaking older history files.
class SampleCodec
{
public:
    static QByteArray encode(const MonitorSample &sample);
    static std::optional<MonitorSample> decode(const QByteArray &bytes);
    static QCborMap toCbor(const MonitorSample &sample);
    static MonitorSample fromCbor(const QCborMap &map);

    static QByteArray encodeAlert(const Alert &alert);
    static std::optional<Alert> decodeAlert(const QByteArray &bytes);
};

} // namespace bs
