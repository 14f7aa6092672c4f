#pragma once

#include "tdsfixture.h"
#include "tdsrequest.h"

#include <QJsonValue>

namespace bs {

class TdsReader;
class TdsWriter;

/// Encodes result sets (COLMETADATA, ROW) and decodes RPC parameter values, per the data type
/// rules of [MS-TDS] 2.2.5.4 (TYPE_INFO), 2.2.5.5 (data type definitions) and 2.2.5.2.3 (PLP).
class TdsValueCodec
{
public:
    /// The collation the server reports and tags character columns with:
    /// SQL_Latin1_General_CP1_CI_AS (LCID 0x0409, sort id 52).
    static QByteArray collation();

    static void writeColumnMetadata(TdsWriter &w, const QList<TdsColumn> &columns);
    /// Writes one ROW token; returns an error text when a value does not fit its column.
    static QString writeRow(TdsWriter &w, const QList<TdsColumn> &columns, const QJsonArray &row);

    /// Reads one RPC parameter (ParamMetaData + value); clears reader.ok() on malformed input
    /// and sets *error for a type it does not know.
    static TdsParameter readParameter(TdsReader &r, QString *error);
    /// Writes a RETURNVALUE token for an int output parameter (a prepared statement handle).
    static void writeIntReturnValue(TdsWriter &w, quint16 ordinal, const QString &name, qint32 value);
};

} // namespace bs
