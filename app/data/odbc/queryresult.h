#pragma once

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace bs {

/// What one query returned: its columns and rows, or the error the driver reported. The same
/// shape comes from a live QSqlQuery and from a recorded fixture (tests/data/fixtures/*.json).
struct QueryResult
{
    QStringList columns;
    QList<QVariantList> rows;
    bool failed = false;
    QString errorText;  ///< the driver's own message
    QString nativeCode; ///< SQL Server error number as the driver reports it, e.g. "229"

    qsizetype columnIndex(const QString &column) const { return columns.indexOf(column); }
    /// The value in a row by column name; a null QVariant for NULL or a missing column.
    QVariant value(qsizetype row, const QString &column) const;

    /// The rows as column-name → value maps (SampleAssembler's input); names lower-cased when asked.
    QList<QVariantMap> rowMaps(bool lowerCaseNames = false) const;

    static QueryResult failure(QString errorText, QString nativeCode = {});

    /// Fixture format: {"columns": [...], "rows": [[...], ...]} or {"error": {"message": ..., "native": ...}}.
    QJsonObject toJson() const;
    static QueryResult fromJson(const QJsonObject &json);
};

} // namespace bs

Q_DECLARE_METATYPE(bs::QueryResult)
