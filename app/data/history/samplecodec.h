#pragma once

#include "core/alerts/alert.h"
#include "core/monitorsample.h"

#include <QByteArray>
#include <QCborMap>

#include <functional>
#include <optional>

namespace bs {

/// The compact stored form of a MonitorSample and of an Alert: CBOR with short keys, zlib-compressed.
/// Fields that are empty or default are left out, and unknown keys are ignored on reading, so a
/// newer version can add fields without breaking older history files. With a string dictionary
/// (the history file's `strings` table) every name is stored as an integer id instead of its text;
/// decoding reads either form. Format "v" 3 (plain) and 4 (dictionary) add the census fields
/// (isCensus, lastCensus, totals, UnavailablePart::notDue); a sample of "v" 1 or 2 reads as a
/// census without totals whose unavailable parts are failures.
class SampleCodec
{
public:
    using Intern = std::function<qint64(const QString &)>;
    using Lookup = std::function<QString(qint64)>;

    static QByteArray encode(const MonitorSample &sample);
    static std::optional<MonitorSample> decode(const QByteArray &bytes);
    /// The same with names replaced by `intern(name)` (the sample is marked "v": 4).
    static QByteArray encode(const MonitorSample &sample, const Intern &intern);
    /// Reads both forms; ids are turned back into names by `lookup(id)`.
    static std::optional<MonitorSample> decode(const QByteArray &bytes, const Lookup &lookup);
    static QCborMap toCbor(const MonitorSample &sample);
    static MonitorSample fromCbor(const QCborMap &map);

    static QByteArray encodeAlert(const Alert &alert);
    static std::optional<Alert> decodeAlert(const QByteArray &bytes);
};

} // namespace bs
